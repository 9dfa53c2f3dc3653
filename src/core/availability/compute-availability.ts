/**
 * The availability engine's front function (PROTOCOL §5.7).
 */
import type { IntervalList } from './intervals.js';
import { memberFreeTime } from './member-free-time.js';
import { prepareQuery, type PreparedQuery } from './prepare-query.js';
import { scanPeriods } from './scan-periods.js';
import { scanSlots, type Candidates } from './scan-slots.js';
import type { AvailabilityQuery, AvailabilityResult, BufferMinutes } from './types.js';

/**
 * Every member entry's free time, in the order of `prepared.setup.members`.
 *
 * @example freeTimes(prepareQuery(query), query.buffer)
 */
export function freeTimes(prepared: PreparedQuery, buffer: BufferMinutes | undefined): IntervalList[] {
  return prepared.setup.members.map((m) => memberFreeTime(m, prepared.base, buffer, prepared.ctx));
}

/**
 * The candidate rule of a prepared query: its own slots, or the grid from 00:00Z.
 *
 * @example candidatesOf(prepareQuery({ ...query, startInterval: 30 })) // → { kind: 'grid', interval: 30 }
 */
export function candidatesOf(prepared: PreparedQuery): Candidates {
  return prepared.slotStarts !== null ? { kind: 'starts', starts: prepared.slotStarts } : { kind: 'grid', interval: prepared.interval };
}

/**
 * Computes available periods or slots for a query. Pure: the current time is `query.now`.
 * Results are epoch-ms intervals with their participants; the HTTP layer formats them.
 * Throws a RangeError when the query breaks an engine invariant (see `prepareQuery`).
 *
 * @example
 *   const { format, items } = computeAvailability({
 *     groups: [{ required: 'all', members: [{ sub: 'acc_1', zoneinfo: 'Europe/London', events: [] }] }],
 *     requiredDuration: 60,
 *     queryPeriods: [{ start: Date.UTC(2026, 5, 1, 9), end: Date.UTC(2026, 5, 1, 12) }],
 *     responseFormat: 'slots',
 *     startInterval: 60,
 *     now: Date.UTC(2026, 4, 1),
 *   });
 *   // format === 'slots'; items: 09:00Z, 10:00Z and 11:00Z, each with participants [{ sub: 'acc_1' }]
 */
export function computeAvailability(query: AvailabilityQuery): AvailabilityResult {
  const prepared = prepareQuery(query);
  const { format, setup, duration, maxResults } = prepared;
  if (prepared.base.length === 0) return { format, items: [] };
  const free = freeTimes(prepared, query.buffer);
  const items =
    format === 'periods'
      ? scanPeriods(free, setup, duration, maxResults)
      : scanSlots(free, setup, duration, candidatesOf(prepared), format === 'slots', maxResults);
  return { format, items };
}
