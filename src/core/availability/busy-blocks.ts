/**
 * Which events block a member's time, and which minutes they block (PROTOCOL §5.7.4, §9.19).
 */
import { MINUTE_MS, dateToDay } from '../time.js';
import type { EventBound } from '../types.js';
import { mergeRanges } from './intervals.js';
import type { BusyEvent } from './types.js';
import { localToInstant, type ZoneTimeline } from './zone-timeline.js';

/**
 * True when the event takes time: everything blocks (tentative events and managed events of
 * any application included) except deleted, cancelled, transparent and declined events.
 *
 * @example eventBlocks({ ...event, transparency: 'transparent' }) // → false
 */
export function eventBlocks(e: BusyEvent): boolean {
  return !e.deleted && e.status !== 'cancelled' && e.transparency !== 'transparent' && e.participationStatus !== 'declined';
}

/**
 * An event bound as an epoch minute. Timed bounds round outwards (a start down, an end up) so
 * that a blocked second is never offered; date bounds are 00:00 of that date in the account's
 * zone, because all-day events block whole local days.
 *
 * @example boundToMinute({ kind: 'date', date: '2026-10-14' }, laTimeline, false) // 07:00Z that day
 */
export function boundToMinute(b: EventBound, zone: ZoneTimeline, isEnd: boolean): number {
  if (b.kind === 'time') return isEnd ? Math.ceil(b.ms / MINUTE_MS) : Math.floor(b.ms / MINUTE_MS);
  return localToInstant(zone, dateToDay(b.date) * 1440);
}

/**
 * True when a timed event takes no time at all. Checked before rounding outwards, which would
 * otherwise turn an instant with seconds into a blocked minute.
 *
 * @example isInstant({ ...event, start: { kind: 'time', ms: 30_000 }, end: { kind: 'time', ms: 30_000 } }) // → true
 */
export function isInstant(e: BusyEvent): boolean {
  return e.start.kind === 'time' && e.end.kind === 'time' && e.end.ms <= e.start.ms;
}

/**
 * The merged minutes blocked by a member's events, clipped to `[lo, hi)`, before buffers.
 * `zone` is the timeline of the account's `zoneinfo`.
 *
 * @example busyBlocks(events, zones.get(member.zoneinfo), horizonStart, horizonEnd)
 */
export function busyBlocks(events: readonly BusyEvent[], zone: ZoneTimeline, lo: number, hi: number): number[] {
  const starts = new Float64Array(events.length);
  const ends = new Float64Array(events.length);
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!eventBlocks(e) || isInstant(e)) continue;
    const s = Math.max(lo, boundToMinute(e.start, zone, false));
    const t = Math.min(hi, boundToMinute(e.end, zone, true));
    // Empty or out-of-window events are dropped by mergeRanges (t <= s).
    starts[n] = s;
    ends[n] = t;
    n++;
  }
  return mergeRanges(starts.subarray(0, n), ends.subarray(0, n));
}
