/**
 * A zone's UTC offsets over a bounded window, so that wall-clock minutes can be turned into
 * instants with plain arithmetic. Temporal is asked only for the offset at the window start and
 * for the transitions inside the window (a handful of calls per zone and query); everything
 * after that is integer math, which keeps Temporal out of the engine's loops.
 */
import { Temporal } from 'temporal-polyfill';
import { MINUTE_MS } from '../time.js';

export interface ZoneTimeline {
  readonly tzid: string;
  /** Instants (epoch minutes) at which each offset segment begins; the first is −Infinity. */
  readonly starts: readonly number[];
  /** The UTC offset (minutes, east positive) in force in each segment. */
  readonly offsets: readonly number[];
}

/** A zone that never gets more transitions than this inside a window is not a real zone. */
const MAX_TRANSITIONS = 1000;

/**
 * Reads the offsets of `tzid` between two instants (epoch minutes). Offsets outside the window
 * are extrapolated from its first and last segment, so callers should pad the window by the
 * days they convert around it.
 *
 * Offsets that had seconds (local mean time before the 1970s) are rounded to whole minutes:
 * the engine works in minutes.
 *
 * @example zoneTimeline('Europe/Berlin', 29_500_000, 29_600_000).offsets // → [60, 120]
 */
export function zoneTimeline(tzid: string, fromMinute: number, toMinute: number): ZoneTimeline {
  let zdt = Temporal.Instant.fromEpochMilliseconds(fromMinute * MINUTE_MS).toZonedDateTimeISO(tzid);
  const starts: number[] = [-Infinity];
  const offsets: number[] = [Math.round(zdt.offsetNanoseconds / 60e9)];
  const limitMs = toMinute * MINUTE_MS;
  for (let n = 0; n < MAX_TRANSITIONS; n++) {
    const next = zdt.getTimeZoneTransition('next');
    if (next === null || next.epochMilliseconds >= limitMs) break;
    const offset = Math.round(next.offsetNanoseconds / 60e9);
    if (offset !== offsets[offsets.length - 1]) {
      starts.push(Math.ceil(next.epochMilliseconds / MINUTE_MS));
      offsets.push(offset);
    }
    zdt = next;
  }
  return { tzid, starts, offsets };
}

/**
 * The instant (epoch minutes) of a wall-clock time given as minutes since 1970-01-01T00:00
 * local. A time skipped by a DST gap moves forward by the gap's length (it is read with the
 * offset in force before the gap); a repeated time takes its first occurrence. These are
 * RFC 5545's and Temporal's `compatible` rules.
 *
 * @example localToInstant(tl, dayNumber * 1440 + 9 * 60) // 09:00 local that day
 */
export function localToInstant(tl: ZoneTimeline, localMinute: number): number {
  const { starts, offsets } = tl;
  const n = starts.length;
  if (n === 1) return localMinute - offsets[0]!;
  // Segments are in instant order, so the first segment that accepts the time is the earliest.
  for (let k = 0; k < n; k++) {
    const i = localMinute - offsets[k]!;
    if (i >= starts[k]! && (k + 1 === n || i < starts[k + 1]!)) return i;
  }
  // No segment accepts it: the time lies in a gap that opens at some transition k.
  for (let k = 1; k < n; k++) {
    const before = localMinute - offsets[k - 1]!;
    if (before >= starts[k]! && localMinute - offsets[k]! < starts[k]!) return before;
  }
  return localMinute - offsets[n - 1]!;
}

/**
 * Wall-clock minutes since 1970-01-01T00:00 local at an instant (epoch minutes).
 *
 * @example Math.floor(instantToLocal(tl, instant) / 1440) // the local day number
 */
export function instantToLocal(tl: ZoneTimeline, instant: number): number {
  const { starts, offsets } = tl;
  let k = starts.length - 1;
  while (k > 0 && starts[k]! > instant) k--;
  return instant + offsets[k]!;
}

/**
 * The timelines one computation needs, each read once over the same window.
 *
 * @example
 *   const zones = new ZoneTimelines(from, to);
 *   localToInstant(zones.get('Asia/Kolkata'), day * 1440);
 */
export class ZoneTimelines {
  private readonly cache = new Map<string, ZoneTimeline>();

  constructor(
    readonly fromMinute: number,
    readonly toMinute: number,
  ) {}

  get(tzid: string): ZoneTimeline {
    let tl = this.cache.get(tzid);
    if (tl === undefined) {
      tl = zoneTimeline(tzid, this.fromMinute, this.toMinute);
      this.cache.set(tzid, tl);
    }
    return tl;
  }
}
