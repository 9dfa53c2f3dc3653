/**
 * Random availability queries for the engine's property tests (test-only; not exported from the
 * front door). Windows sit around the 2026 DST transitions of the zones used.
 */
import fc from 'fast-check';
import type { WeeklyPeriod } from '../types.js';
import type { AvailabilityQuery, BusyEvent, GroupInput, MemberInput, WeeklyRule } from './types.js';

export const ZONES = [
  'Etc/UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Asia/Kolkata',
] as const;

/** Starts of 3-day windows that contain (or sit next to) DST transitions. */
const WINDOW_STARTS = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-06-10', '2026-09-25', '2026-10-02', '2026-10-23', '2026-10-30'].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);
export const WINDOW_MINUTES = 3 * 1440;
const DAYS: WeeklyPeriod['day'][] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MIN = 60_000;

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const weeklyPeriodArb: fc.Arbitrary<WeeklyPeriod> = fc
  .record({ day: fc.constantFrom(...DAYS), start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 1, max: 64 }) })
  .map(({ day, start, length }) => ({ day, startTime: hhmm(start * 15), endTime: hhmm(Math.min(96, start + length) * 15) }));

const ruleArb: fc.Arbitrary<WeeklyRule> = fc.record({
  tzid: fc.constantFrom(...ZONES),
  weeklyPeriods: fc.array(weeklyPeriodArb, { minLength: 0, maxLength: 10 }),
});

/** A range inside the window (minutes from its start), optionally with stray seconds. */
function rangeArb(base: number, maxLength: number, seconds: boolean): fc.Arbitrary<{ start: number; end: number }> {
  return fc
    .record({
      start: fc.integer({ min: -120, max: WINDOW_MINUTES }),
      length: fc.integer({ min: 0, max: maxLength }),
      s1: seconds ? fc.constantFrom(0, 0, 0, 30_000, 59_000) : fc.constant(0),
      s2: seconds ? fc.constantFrom(0, 0, 0, 1_000, 45_000) : fc.constant(0),
    })
    .map(({ start, length, s1, s2 }) => ({ start: base + start * MIN + s1, end: base + (start + length) * MIN + s2 }));
}

function eventArb(base: number, uid: fc.Arbitrary<string>): fc.Arbitrary<BusyEvent> {
  const flags = fc.record({
    deleted: fc.constantFrom(false, false, false, false, true),
    status: fc.constantFrom('confirmed', 'confirmed', 'tentative', 'cancelled') as fc.Arbitrary<BusyEvent['status']>,
    transparency: fc.constantFrom('opaque', 'opaque', 'unknown', 'transparent') as fc.Arbitrary<BusyEvent['transparency']>,
    participationStatus: fc.constantFrom('accepted', 'accepted', 'needs_action', 'declined') as fc.Arbitrary<BusyEvent['participationStatus']>,
    eventPrivate: fc.boolean(),
  });
  const timedBounds = rangeArb(base, 240, true).map(({ start, end }) => ({ start: { kind: 'time' as const, ms: start }, end: { kind: 'time' as const, ms: end } }));
  const dateBounds = fc
    .record({ day: fc.integer({ min: -1, max: 3 }), days: fc.integer({ min: 1, max: 2 }) })
    .map(({ day, days }) => ({ start: { kind: 'date' as const, date: isoDate(base + day * 86_400_000) }, end: { kind: 'date' as const, date: isoDate(base + (day + days) * 86_400_000) } }));
  return fc
    .record({ uid, flags, bounds: fc.oneof({ weight: 6, arbitrary: timedBounds }, { weight: 1, arbitrary: dateBounds }) })
    .map(({ uid: eventUid, flags: f, bounds }) => ({ eventUid, summary: eventUid, ...f, ...bounds }));
}

function memberArb(base: number): fc.Arbitrary<Omit<MemberInput, 'sub'>> {
  return fc.record({
    zoneinfo: fc.constantFrom(...ZONES),
    events: fc.array(eventArb(base, fc.uuid()), { maxLength: 10 }),
    availablePeriods: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.array(rangeArb(base, 1440, true), { minLength: 1, maxLength: 3 }) },
    ),
    managedAvailability: fc.constantFrom(false, false, true),
    rules: fc.array(ruleArb, { minLength: 0, maxLength: 2 }),
    accountAvailablePeriods: fc.array(rangeArb(base, 600, false), { maxLength: 2 }),
  });
}

export interface QueryShape {
  /** Only `'all'` groups. */
  allOnly?: boolean;
  format?: AvailabilityQuery['responseFormat'];
  /** Use query slots instead of query periods. */
  slots?: boolean;
}

/**
 * A random query. Subs are `m0`, `m1`, … in request order, distinct per member entry.
 *
 * @example fc.assert(fc.property(queryArb({ allOnly: true }), (q) => { … }))
 */
export function queryArb(shape: QueryShape = {}): fc.Arbitrary<AvailabilityQuery> {
  return fc.constantFrom(...WINDOW_STARTS).chain((base) => {
    const group = fc.array(memberArb(base), { minLength: 1, maxLength: 3 }).chain((members) =>
      (shape.allOnly ? fc.constant<'all' | number>('all') : fc.oneof(fc.constant<'all' | number>('all'), fc.integer({ min: 1, max: members.length }))).map(
        (required) => ({ members, required }),
      ),
    );
    return fc
      .record({
        groups: fc.array(group, { minLength: 1, maxLength: 2 }),
        requiredDuration: fc.oneof(fc.constantFrom(15, 30, 60), fc.integer({ min: 1, max: 180 })),
        startInterval: fc.option(fc.constantFrom(5, 10, 15, 20, 30, 60), { nil: undefined }),
        before: fc.constantFrom(0, 0, 5, 15, 60),
        after: fc.constantFrom(0, 0, 10, 30),
        periods: fc.array(rangeArb(base, 1440, true), { minLength: 1, maxLength: 3 }),
        slotStarts: fc.array(fc.integer({ min: 0, max: WINDOW_MINUTES / 5 }), { minLength: 1, maxLength: 40 }),
        now: fc
          .oneof({ weight: 3, arbitrary: fc.integer({ min: -1440, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: WINDOW_MINUTES }) })
          .map((m) => base + m * MIN + 17_000),
      })
      .map((r): AvailabilityQuery => {
        let n = 0;
        const groups: GroupInput[] = r.groups.map((g) => ({ required: g.required, members: g.members.map((m) => ({ ...m, sub: `m${n++}` })) }));
        return {
          groups,
          requiredDuration: r.requiredDuration,
          startInterval: r.startInterval,
          buffer: { before: r.before, after: r.after },
          ...(shape.slots ? { querySlots: r.slotStarts.map((s) => base + s * 5 * MIN) } : { queryPeriods: r.periods }),
          responseFormat: shape.format,
          maxResults: Number.MAX_SAFE_INTEGER,
          now: r.now,
        };
      });
  });
}
