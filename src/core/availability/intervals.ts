/**
 * Sorted interval lists in integer minutes: the engine's only data structure for time.
 *
 * An `IntervalList` is a flat array `[s0, e0, s1, e1, …]` of half-open ranges `[s, e)` with
 * `s < e`, sorted, disjoint and non-touching (touching ranges are merged). A flat array of small
 * integers stays a packed array in V8, which keeps every operation a tight linear loop.
 */
import { MINUTE_MS } from '../time.js';
import type { TimeRange } from './types.js';

export type IntervalList = readonly number[];

/**
 * Builds an interval list from unsorted ranges given as parallel start/end arrays. Empty
 * ranges (`end <= start`) are dropped. The arrays are sorted in place.
 *
 * Sorting starts and ends independently is enough for a union: a point is covered exactly when
 * more starts than ends lie at or before it, so no pairing is needed, and typed-array sorts are
 * numeric and allocation-free.
 *
 * @example mergeRanges(Float64Array.of(5, 0), Float64Array.of(9, 5)) // → [0, 9]
 */
export function mergeRanges(starts: Float64Array, ends: Float64Array): number[] {
  let n = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (e > s) {
      starts[n] = s;
      ends[n] = e;
      n++;
    }
  }
  const ss = n === starts.length ? starts : starts.subarray(0, n);
  const es = n === ends.length ? ends : ends.subarray(0, n);
  ss.sort();
  es.sort();
  const out: number[] = [];
  let depth = 0;
  let open = 0;
  let i = 0;
  let j = 0;
  while (j < n) {
    // Starts win ties so that touching ranges merge.
    if (i < n && ss[i]! <= es[j]!) {
      if (depth === 0) open = ss[i]!;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) out.push(open, es[j]!);
      j++;
    }
  }
  return out;
}

/**
 * Builds an interval list from a flat array of possibly unsorted, overlapping `[s, e)` pairs.
 *
 * @example fromPairs([10, 20, 0, 10]) // → [0, 20]
 */
export function fromPairs(pairs: readonly number[]): number[] {
  const n = pairs.length >> 1;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = pairs[2 * i]!;
    ends[i] = pairs[2 * i + 1]!;
  }
  return mergeRanges(starts, ends);
}

/**
 * Converts millisecond ranges to a minute interval list. `inward` rounds each range to the
 * whole minutes inside it (time that must be wholly available); otherwise outward (time that
 * must be wholly blocked).
 *
 * @example rangesToMinutes([{ start: 90_000, end: 200_000 }], true) // → [2, 3]
 */
export function rangesToMinutes(ranges: readonly TimeRange[], inward: boolean): number[] {
  const starts = new Float64Array(ranges.length);
  const ends = new Float64Array(ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    starts[i] = inward ? Math.ceil(r.start / MINUTE_MS) : Math.floor(r.start / MINUTE_MS);
    ends[i] = inward ? Math.floor(r.end / MINUTE_MS) : Math.ceil(r.end / MINUTE_MS);
  }
  return mergeRanges(starts, ends);
}

/**
 * Converts a minute interval list back to millisecond ranges.
 *
 * @example minutesToRanges([1, 2]) // → [{ start: 60000, end: 120000 }]
 */
export function minutesToRanges(list: IntervalList): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 0; i < list.length; i += 2) out.push({ start: list[i]! * MINUTE_MS, end: list[i + 1]! * MINUTE_MS });
  return out;
}

/**
 * The time covered by both lists.
 *
 * @example intersectIntervals([0, 10, 20, 30], [5, 25]) // → [5, 10, 20, 25]
 */
export function intersectIntervals(a: IntervalList, b: IntervalList): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const ea = a[i + 1]!;
    const eb = b[j + 1]!;
    const e = Math.min(ea, eb);
    if (s < e) out.push(s, e);
    if (ea < eb) i += 2;
    else j += 2;
  }
  return out;
}

/**
 * The time covered by either list.
 *
 * @example unionIntervals([0, 5], [5, 8, 10, 12]) // → [0, 8, 10, 12]
 */
export function unionIntervals(a: IntervalList, b: IntervalList): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let s: number;
    let e: number;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      s = a[i]!;
      e = a[i + 1]!;
      i += 2;
    } else {
      s = b[j]!;
      e = b[j + 1]!;
      j += 2;
    }
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/**
 * The time covered by `a` but not by `b`.
 *
 * @example subtractIntervals([0, 10], [2, 3, 8, 12]) // → [0, 2, 3, 8]
 */
export function subtractIntervals(a: IntervalList, b: IntervalList): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    // Skip holes that end before this range; they cannot touch later ranges either.
    while (j < b.length && b[j + 1]! <= s) j += 2;
    let k = j;
    while (k < b.length && b[k]! < e) {
      if (b[k]! > s) out.push(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
      if (s >= e) break;
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/**
 * Widens each range to `[s − left, e + right)` and merges what now overlaps. Order is kept, so
 * this is linear.
 *
 * @example widenIntervals([10, 20, 25, 30], 5, 0) // → [5, 30]
 */
export function widenIntervals(list: IntervalList, left: number, right: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const s = list[i]! - left;
    const e = list[i + 1]! + right;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/**
 * True when `[s, e)` lies inside one range of the list.
 *
 * @example containsRange([0, 10, 20, 30], 22, 30) // → true
 */
export function containsRange(list: IntervalList, s: number, e: number): boolean {
  // Binary search for the last range starting at or before s.
  let lo = 0;
  let hi = (list.length >> 1) - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid]! <= s) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && list[2 * found + 1]! >= e;
}

/**
 * True when any range of the list overlaps `[s, e)`.
 *
 * @example overlapsRange([0, 10], 10, 12) // → false
 */
export function overlapsRange(list: IntervalList, s: number, e: number): boolean {
  for (let i = 0; i < list.length; i += 2) {
    if (list[i]! >= e) return false;
    if (list[i + 1]! > s) return true;
  }
  return false;
}
