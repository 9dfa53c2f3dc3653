import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../core/index.js';
import type { ContractContext } from './harness.js';
import { CAL_1, CAL_2, PRO_1, SUB_1, T0, makeAccount, makeCalendar, makeProfile } from './fixtures.js';

const page = (idHash: string, expiresAt: number, over: Partial<PageSnapshot> = {}): PageSnapshot => ({
  idHash,
  credentialHash: 'cred-hash',
  resource: 'events',
  sub: 'acc_pages',
  body: JSON.stringify({ pages: { current: 2, total: 3 }, events: [{ summary: 'ü “x”' }] }),
  expiresAt,
  ...over,
});

export function pagesContract(ctx: ContractContext): void {
  describe('page snapshots', () => {
    it('saves a snapshot and reads pages back by id hash', async () => {
      const pages = [page('p1', T0), page('p2', T0, { resource: 'free_busy' }), page('p3', T0, { resource: 'available_periods', body: '' })];
      await ctx.store.savePages(pages);
      for (const p of pages) expect(await ctx.store.getPage(p.idHash)).toEqual(p);
      expect(await ctx.store.getPage('unknown')).toBeNull();
      await ctx.store.savePages([]);
    });

    it('stores large snapshots whole', async () => {
      const pages = Array.from({ length: 120 }, (_, i) => page(`big-${i}`, T0, { body: 'x'.repeat(50_000) }));
      await ctx.store.savePages(pages);
      expect(await ctx.store.getPage('big-119')).toEqual(pages[119]);
    });

    it('keeps at most keepPerBinding pages of a binding, dropping its oldest, and leaves other bindings alone', async () => {
      await ctx.store.savePages([page('a-old-1', T0 + 1), page('a-old-2', T0 + 2), page('b-1', T0 + 1, { credentialHash: 'other' })]);
      await ctx.store.savePages([page('a-new-1', T0 + 10), page('a-new-2', T0 + 10), page('a-new-3', T0 + 10)], { keepPerBinding: 4 });
      expect(await ctx.store.getPage('a-old-1')).toBeNull();
      for (const id of ['a-old-2', 'a-new-1', 'a-new-2', 'a-new-3', 'b-1']) expect(await ctx.store.getPage(id), id).not.toBeNull();
      await ctx.store.savePages([page('a-newest', T0 + 20)], { keepPerBinding: 2 });
      const left = [];
      for (const id of ['a-old-2', 'a-new-1', 'a-new-2', 'a-new-3', 'a-newest']) if (await ctx.store.getPage(id)) left.push(id);
      expect(left).toHaveLength(2);
      expect(left).toContain('a-newest');
      expect(await ctx.store.getPage('b-1')).not.toBeNull();
    });

    it('with protectExpiringAfter, stores nothing rather than delete a protected page, and says when the first one stops being protected', async () => {
      await ctx.store.savePages([page('a-1', T0 + 1), page('a-2', T0 + 5), page('a-3', T0 + 9), page('b-1', T0 + 1, { credentialHash: 'other' })]);
      // a-2 and a-3 are protected; with one new page that makes 3 > 2: refused, nothing stored.
      expect(await ctx.store.savePages([page('a-new', T0 + 20)], { keepPerBinding: 2, protectExpiringAfter: T0 + 2 })).toEqual({ saved: false, reason: 'full', freesAt: T0 + 5 });
      // Two more than fit: room comes when the second oldest protected page comes of age.
      expect(await ctx.store.savePages([page('a-new', T0 + 20), page('a-new-2', T0 + 20)], { keepPerBinding: 2, protectExpiringAfter: T0 + 2 })).toEqual({ saved: false, reason: 'full', freesAt: T0 + 9 });
      expect(await ctx.store.getPage('a-new')).toBeNull();
      for (const id of ['a-1', 'a-2', 'a-3', 'b-1']) expect(await ctx.store.getPage(id), id).not.toBeNull();
      // Another binding is counted on its own.
      expect(await ctx.store.savePages([page('b-2', T0 + 20, { credentialHash: 'other' })], { keepPerBinding: 2, protectExpiringAfter: T0 + 2 })).toEqual({ saved: true });
      // Only a-3 protected: the new page fits, and the unprotected oldest go.
      expect(await ctx.store.savePages([page('a-new', T0 + 20)], { keepPerBinding: 2, protectExpiringAfter: T0 + 5 })).toEqual({ saved: true });
      const left = [];
      for (const id of ['a-1', 'a-2', 'a-3', 'a-new']) if (await ctx.store.getPage(id)) left.push(id);
      expect(left).toEqual(['a-3', 'a-new']);
      expect(await ctx.store.getPage('b-1')).not.toBeNull();
    });

    it('with liveCalendarIds, stores nothing when one of them belongs to a revoked profile', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      await ctx.store.createProfile(makeProfile(PRO_1, SUB_1));
      await ctx.store.createCalendar(makeCalendar(CAL_1, PRO_1, SUB_1));
      expect(await ctx.store.savePages([page('live', T0 + 1, { sub: SUB_1 })], { liveCalendarIds: [CAL_1, CAL_2] })).toEqual({ saved: true });
      await ctx.store.updateProfile(PRO_1, { revoked: true });
      expect(await ctx.store.savePages([page('late', T0 + 1, { sub: SUB_1 })], { liveCalendarIds: [CAL_2, CAL_1] })).toEqual({ saved: false, reason: 'revoked' });
      expect(await ctx.store.getPage('late')).toBeNull();
      expect(await ctx.store.savePages([page('other', T0 + 1, { sub: SUB_1 })], { liveCalendarIds: [CAL_2] })).toEqual({ saved: true });
    });

    it('deletes the pages of one account, whatever credential they answer to', async () => {
      await ctx.store.savePages([page('mine-1', T0 + 1), page('mine-2', T0 + 1, { credentialHash: 'other-cred' }), page('theirs', T0 + 1, { sub: 'acc_other' })]);
      expect(await ctx.store.getPage('mine-1')).toEqual(page('mine-1', T0 + 1));
      expect(await ctx.store.deletePagesOf('acc_pages')).toBe(2);
      expect(await ctx.store.getPage('mine-1')).toBeNull();
      expect(await ctx.store.getPage('mine-2')).toBeNull();
      expect(await ctx.store.getPage('theirs')).not.toBeNull();
      expect(await ctx.store.deletePagesOf('acc_pages')).toBe(0);
    });

    it('deletes pages that have expired at the given instant', async () => {
      await ctx.store.savePages([page('old', T0 - 1), page('edge', T0), page('live', T0 + 1)]);
      expect(await ctx.store.deleteExpiredPages(T0)).toBe(2);
      expect(await ctx.store.getPage('old')).toBeNull();
      expect(await ctx.store.getPage('edge')).toBeNull();
      expect(await ctx.store.getPage('live')).not.toBeNull();
      expect(await ctx.store.deleteExpiredPages(T0)).toBe(0);
    });
  });
}
