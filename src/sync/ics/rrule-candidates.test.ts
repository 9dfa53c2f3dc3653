/**
 * Properties of the rule generator: jumping ahead to the horizon gives exactly the instances a
 * walk from DTSTART gives there; output is ascending, unique and never before DTSTART; and the
 * work budget stops it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, localMsOf } from './calendar-math.js';
import { parseRrule, type Rrule } from './parse-rrule.js';
import { ruleCandidates } from './rrule-candidates.js';

const WD = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const ruleText = fc
  .record({
    freq: fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'),
    interval: fc.integer({ min: 1, max: 5 }),
    byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 })),
    byMonthDay: fc.option(fc.uniqueArray(fc.constantFrom(1, 2, 15, 28, 29, 30, 31, -1, -7), { minLength: 1, maxLength: 3 })),
    byDay: fc.option(fc.uniqueArray(fc.tuple(fc.constantFrom(0, 0, 1, 2, -1), fc.constantFrom(...WD)), { minLength: 1, maxLength: 3 })),
    byHour: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 })),
    byMinute: fc.option(fc.uniqueArray(fc.constantFrom(0, 15, 30, 45), { minLength: 1, maxLength: 2 })),
    bySetPos: fc.option(fc.uniqueArray(fc.constantFrom(1, 2, -1), { minLength: 1, maxLength: 2 })),
    wkst: fc.constantFrom(...WD),
  })
  .map((r) => {
    const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`, `WKST=${r.wkst}`];
    if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byDay) parts.push(`BYDAY=${r.byDay.map(([o, d]) => (o === 0 ? d : `${o}${d}`)).join(',')}`);
    if (r.byHour) parts.push(`BYHOUR=${r.byHour.join(',')}`);
    if (r.byMinute) parts.push(`BYMINUTE=${r.byMinute.join(',')}`);
    if (r.bySetPos) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
    return parts.join(';');
  });

const start = fc.record({ y: fc.integer({ min: 1995, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.constantFrom(0, 30) });

function collect(rule: Rrule, startLocal: number, allDay: boolean, from: number, to: number, skip: boolean): number[] {
  const out: number[] = [];
  const budget = { left: 5_000_000, exhausted: false };
  for (const v of ruleCandidates(rule, startLocal, allDay, { endLocal: to, skipToLocal: skip ? from : null, budget })) {
    if (v > to) break;
    if (v >= from) out.push(v);
  }
  return out;
}

describe('ruleCandidates', () => {
  it('gives the same instances in a window whether it walks from DTSTART or jumps there', () => {
    fc.assert(
      fc.property(ruleText, start, fc.integer({ min: 0, max: 400 }), fc.boolean(), (text, s, offsetDays, allDay) => {
        const rule = parseRrule(text) as Rrule;
        if (allDay && (rule.freq === 'HOURLY' || rule.freq === 'MINUTELY')) return;
        const startLocal = allDay ? localMsOf(s.y, s.m, s.d) : localMsOf(s.y, s.m, s.d, s.h, s.mi);
        const span = rule.freq === 'HOURLY' || rule.freq === 'MINUTELY' ? 2 * DAY_MS : 120 * DAY_MS;
        const from = startLocal + offsetDays * (rule.freq === 'MINUTELY' ? DAY_MS / 8 : DAY_MS);
        const walked = collect(rule, startLocal, allDay, from, from + span, false);
        const jumped = collect(rule, startLocal, allDay, from, from + span, true);
        expect(jumped).toEqual(walked);
        for (let i = 0; i < walked.length; i++) {
          expect(walked[i]!).toBeGreaterThanOrEqual(startLocal);
          if (i > 0) expect(walked[i]!).toBeGreaterThan(walked[i - 1]!);
          if (allDay) expect(walked[i]! % DAY_MS).toBe(0);
        }
      }),
      { numRuns: 300, seed: 20260105 },
    );
  });

  it('stops when the shared budget runs out and says so', () => {
    const rule = parseRrule('FREQ=SECONDLY') as Rrule;
    const budget = { left: 1000, exhausted: false };
    const got = [...ruleCandidates(rule, 0, false, { endLocal: 1e12, skipToLocal: null, budget })];
    expect(got.length).toBeLessThanOrEqual(1000);
    expect(budget.exhausted).toBe(true);
  });
});
