/**
 * Time zones as the importer needs them: the UTC offset in force at an instant, and the instant
 * of a wall-clock reading. Every zone kind (IANA, a VTIMEZONE block, a fixed offset) reduces to
 * a sorted list of offset transitions, so conversions are a table lookup instead of a Temporal
 * call per value.
 */
import { DAY_MS } from './calendar-math.js';

export interface Zone {
  /** The name the zone was resolved to: an IANA id, or the file's own TZID for VTIMEZONE zones. */
  readonly id: string;
  /** The IANA id when the zone is one (what `CalendarEvent.tzid` gets), else null. */
  readonly iana: string | null;
  /** UTC offset in milliseconds in force at `utcMs` (local = utc + offset). */
  offsetAt(utcMs: number): number;
}

/**
 * The instant of a wall-clock reading in `zone`, resolved as RFC 5545 §3.3.5 says: a reading
 * that occurs twice (fall back) means the first occurrence; a reading that does not exist
 * (spring forward) is read with the offset in force before the gap, so it moves forward.
 *
 * @example
 *   // 02:30 on 2026-03-08 does not exist in New York: read at -05:00, i.e. 03:30 EDT.
 *   localToUtc(newYork, localMsOf(2026, 3, 8, 2, 30)) === Date.UTC(2026, 2, 8, 7, 30)
 */
export function localToUtc(zone: Zone, localMs: number): number {
  const before = zone.offsetAt(localMs - DAY_MS);
  const after = zone.offsetAt(localMs + DAY_MS);
  const t1 = localMs - before;
  const ok1 = zone.offsetAt(t1) === before;
  if (before === after) {
    if (ok1) return t1;
    // Two transitions within two days (rare historical rules): settle on a consistent offset.
    const mid = zone.offsetAt(t1);
    const t = localMs - mid;
    return zone.offsetAt(t) === mid ? t : t1;
  }
  const t2 = localMs - after;
  const ok2 = zone.offsetAt(t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1;
}

/** Wall-clock local milliseconds of an instant in `zone`. */
export function utcToLocal(zone: Zone, utcMs: number): number {
  return utcMs + zone.offsetAt(utcMs);
}

/** A zone whose offset never changes (`UTC`, `GMT+05:30`, a one-observance VTIMEZONE). */
export class FixedZone implements Zone {
  constructor(
    readonly id: string,
    readonly offsetMs: number,
    readonly iana: string | null = null,
  ) {}

  offsetAt(): number {
    return this.offsetMs;
  }
}

/** A zone given as a sorted list of transitions (used for VTIMEZONE blocks). */
export class TableZone implements Zone {
  readonly iana = null;

  /**
   * @param at transition instants, ascending
   * @param offsets offset in force from `at[i]` on
   * @param initial offset before the first transition
   */
  constructor(
    readonly id: string,
    private readonly at: readonly number[],
    private readonly offsets: readonly number[],
    private readonly initial: number,
  ) {}

  offsetAt(utcMs: number): number {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! <= utcMs) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? this.initial : this.offsets[found]!;
  }
}
