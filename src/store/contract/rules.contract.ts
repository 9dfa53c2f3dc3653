import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, HOUR, SUB_1, SUB_2, T0, makePeriod, makeRule, seed } from './fixtures.js';

export function rulesContract(ctx: ContractContext): void {
  describe('availability rules', () => {
    it('round-trips and replaces on upsert', async () => {
      await seed(ctx.store);
      const r = makeRule('default');
      await ctx.store.upsertRule(r);
      expect(await ctx.store.getRule(APP_A, SUB_1, 'default')).toEqual(r);
      const r2 = { ...r, tzid: 'Asia/Tokyo', calendarIds: [], weeklyPeriods: [], updatedAt: T0 + 1 };
      await ctx.store.upsertRule(r2);
      expect(await ctx.store.getRule(APP_A, SUB_1, 'default')).toEqual(r2);
      expect(await ctx.store.countRules(APP_A, SUB_1)).toBe(1);
      expect(await ctx.store.getRule(APP_B, SUB_1, 'default')).toBeNull();
      expect(await ctx.store.getRule(APP_A, SUB_2, 'default')).toBeNull();
    });

    it('lists by id in bytewise order, per application and account', async () => {
      await seed(ctx.store);
      const ids = ['b', 'B', '_x', 'a', 'Z', '~', '0', 'aa', 'A-1'];
      for (const id of ids) await ctx.store.upsertRule(makeRule(id));
      await ctx.store.upsertRule(makeRule('other-app', { applicationId: APP_B }));
      await ctx.store.upsertRule(makeRule('other-sub', { sub: SUB_2, calendarIds: [] }));
      const listed = (await ctx.store.listRules(APP_A, SUB_1)).map((r) => r.availabilityRuleId);
      expect(listed).toEqual(['0', 'A-1', 'B', 'Z', '_x', 'a', 'aa', 'b', '~']);
      expect(await ctx.store.countRules(APP_A, SUB_1)).toBe(ids.length);
    });

    it('lists the rules of several accounts in one call', async () => {
      await seed(ctx.store);
      const one = makeRule('r1');
      const two = makeRule('r2', { sub: SUB_2, calendarIds: [] });
      await ctx.store.upsertRule(one);
      await ctx.store.upsertRule(two);
      await ctx.store.upsertRule(makeRule('r3', { applicationId: APP_B }));
      expect(await ctx.store.listRulesForSubs(APP_A, [SUB_1, SUB_2])).toEqual([one, two]);
      expect(await ctx.store.listRulesForSubs(APP_A, [])).toEqual([]);
    });

    it('deletes one rule, silently when it does not exist', async () => {
      await seed(ctx.store);
      await ctx.store.upsertRule(makeRule('a'));
      await ctx.store.upsertRule(makeRule('b'));
      await ctx.store.deleteRule(APP_A, SUB_1, 'a');
      await ctx.store.deleteRule(APP_A, SUB_1, 'missing');
      await ctx.store.deleteRule(APP_B, SUB_1, 'b');
      expect((await ctx.store.listRules(APP_A, SUB_1)).map((r) => r.availabilityRuleId)).toEqual(['b']);
      expect(await ctx.store.countRules(APP_A, SUB_1)).toBe(1);
    });
  });

  describe('available periods', () => {
    it('round-trips and replaces on upsert', async () => {
      await seed(ctx.store);
      const p = makePeriod('p1', T0, T0 + HOUR, { tzid: 'Europe/London' });
      await ctx.store.upsertAvailablePeriod(p);
      expect(await ctx.store.listAvailablePeriods(APP_A, [SUB_1])).toEqual([p]);
      const p2 = { ...p, start: T0 + HOUR, end: T0 + 3 * HOUR, tzid: null };
      await ctx.store.upsertAvailablePeriod(p2);
      expect(await ctx.store.listAvailablePeriods(APP_A, [SUB_1])).toEqual([p2]);
      expect(await ctx.store.countAvailablePeriods(APP_A, SUB_1)).toBe(1);
      expect(await ctx.store.listAvailablePeriods(APP_B, [SUB_1])).toEqual([]);
    });

    it('sorts by start then id, across accounts', async () => {
      await seed(ctx.store);
      const ps = [
        makePeriod('b', T0, T0 + HOUR),
        makePeriod('a', T0 + HOUR, T0 + 2 * HOUR),
        makePeriod('B', T0, T0 + 2 * HOUR),
        makePeriod('c', T0 - HOUR, T0, { sub: SUB_2 }),
      ];
      for (const p of ps) await ctx.store.upsertAvailablePeriod(p);
      const order = (await ctx.store.listAvailablePeriods(APP_A, [SUB_1, SUB_2])).map((p) => p.availablePeriodId);
      expect(order).toEqual(['c', 'B', 'b', 'a']);
      expect(await ctx.store.listAvailablePeriods(APP_A, [])).toEqual([]);
    });

    it('selects a range by half-open overlap', async () => {
      await seed(ctx.store);
      const from = T0;
      const to = T0 + 10 * HOUR;
      const cases: [string, number, number, boolean][] = [
        ['ends-at-from', from - HOUR, from, false],
        ['ends-after-from', from - HOUR, from + 1, true],
        ['inside', from + HOUR, from + 2 * HOUR, true],
        ['starts-before-to', to - 1, to + HOUR, true],
        ['starts-at-to', to, to + HOUR, false],
        ['covers', from - HOUR, to + HOUR, true],
      ];
      for (const [id, s, e] of cases) await ctx.store.upsertAvailablePeriod(makePeriod(id, s, e));
      const got = new Set((await ctx.store.listAvailablePeriods(APP_A, [SUB_1], { fromMs: from, toMs: to })).map((p) => p.availablePeriodId));
      expect(cases.map(([id]) => [id, got.has(id)])).toEqual(cases.map(([id, , , sel]) => [id, sel]));
    });

    it('deletes one or all of an account’s periods in an application', async () => {
      await seed(ctx.store);
      for (const id of ['a', 'b', 'c']) await ctx.store.upsertAvailablePeriod(makePeriod(id, T0, T0 + HOUR));
      await ctx.store.upsertAvailablePeriod(makePeriod('x', T0, T0 + HOUR, { sub: SUB_2 }));
      await ctx.store.upsertAvailablePeriod(makePeriod('y', T0, T0 + HOUR, { applicationId: APP_B }));
      await ctx.store.deleteAvailablePeriod(APP_A, SUB_1, 'b');
      await ctx.store.deleteAvailablePeriod(APP_A, SUB_1, 'missing');
      expect((await ctx.store.listAvailablePeriods(APP_A, [SUB_1])).map((p) => p.availablePeriodId)).toEqual(['a', 'c']);
      await ctx.store.deleteAllAvailablePeriods(APP_A, SUB_1);
      expect(await ctx.store.countAvailablePeriods(APP_A, SUB_1)).toBe(0);
      expect(await ctx.store.countAvailablePeriods(APP_A, SUB_2)).toBe(1);
      expect(await ctx.store.countAvailablePeriods(APP_B, SUB_1)).toBe(1);
    });
  });
}
