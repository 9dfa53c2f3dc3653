/**
 * Maximal available periods (PROTOCOL §5.7.3, §9.17): intervals P of at least the required
 * duration in which, for every group, a fixed set of at least `required` members is free
 * throughout, and which cannot be widened at either end.
 *
 * For a start p, let j(p) be the furthest end such that [p, j(p)) qualifies. For one group it
 * is the N-th largest "free until" among its members (a member not free at p counts as p);
 * across groups it is the smallest of those. j never decreases as p moves right, so [p, j(p))
 * is maximal exactly when j(p) beats every earlier j. Only starts of free ranges can begin a
 * maximal period, because elsewhere the free set only shrinks.
 */
import { MINUTE_MS } from '../time.js';
import type { GroupSetup } from './group-setup.js';
import type { IntervalList } from './intervals.js';
import type { AvailableInterval, Participant } from './types.js';

/** Sorted distinct starts of all free ranges. */
function candidateStarts(free: readonly IntervalList[]): Float64Array {
  let n = 0;
  for (const list of free) n += list.length >> 1;
  const starts = new Float64Array(n);
  n = 0;
  for (const list of free) for (let i = 0; i < list.length; i += 2) starts[n++] = list[i]!;
  starts.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (w === 0 || starts[w - 1] !== starts[i]) starts[w++] = starts[i]!;
  return starts.subarray(0, w);
}

/** The k-th largest (1-based) of `values[from..to)`, using `scratch` as work space. */
function kthLargest(values: Float64Array, from: number, to: number, k: number, scratch: Float64Array): number {
  const size = to - from;
  if (k === size) {
    let min = Infinity;
    for (let i = from; i < to; i++) if (values[i]! < min) min = values[i]!;
    return min;
  }
  if (k === 1) {
    let max = -Infinity;
    for (let i = from; i < to; i++) if (values[i]! > max) max = values[i]!;
    return max;
  }
  for (let i = 0; i < size; i++) scratch[i] = values[from + i]!;
  // Partial selection sort: groups hold at most 50 members.
  for (let i = 0; i < k; i++) {
    let best = i;
    for (let j = i + 1; j < size; j++) if (scratch[j]! > scratch[best]!) best = j;
    const tmp = scratch[i]!;
    scratch[i] = scratch[best]!;
    scratch[best] = tmp;
  }
  return scratch[k - 1]!;
}

/**
 * The `periods` results, sorted by start then end, at most `maxResults`, in epoch ms.
 *
 * @example scanPeriods([[0, 60], [30, 90]], setupOfOneGroupRequiringAll, 15, 512) // → [30, 60) in ms
 */
export function scanPeriods(free: readonly IntervalList[], setup: GroupSetup, duration: number, maxResults: number): AvailableInterval[] {
  const out: AvailableInterval[] = [];
  const members = free.length;
  const starts = candidateStarts(free);
  const { groupOf, needs, subIndexOf, participants } = setup;
  // Members of a group are numbered contiguously (group order, then member order).
  const groupFrom = new Int32Array(needs.length);
  const groupTo = new Int32Array(needs.length);
  let largest = 0;
  for (let m = members - 1; m >= 0; m--) groupFrom[groupOf[m]!] = m;
  for (let m = 0; m < members; m++) groupTo[groupOf[m]!] = m + 1;
  for (let g = 0; g < needs.length; g++) largest = Math.max(largest, groupTo[g]! - groupFrom[g]!);
  const scratch = new Float64Array(largest);
  const freeUntil = new Float64Array(members);
  const ptr = new Int32Array(members);
  const subMark = new Uint8Array(participants.length);
  let bestEnd = -Infinity;
  for (let c = 0; c < starts.length && out.length < maxResults; c++) {
    const p = starts[c]!;
    for (let m = 0; m < members; m++) {
      const list = free[m]!;
      let i = ptr[m]!;
      while (i < list.length && list[i + 1]! <= p) i += 2;
      ptr[m] = i;
      freeUntil[m] = i < list.length && list[i]! <= p ? list[i + 1]! : p;
    }
    let end = Infinity;
    for (let g = 0; g < needs.length; g++) end = Math.min(end, kthLargest(freeUntil, groupFrom[g]!, groupTo[g]!, needs[g]!, scratch));
    if (end > bestEnd && end - p >= duration) {
      for (let m = 0; m < members; m++) if (freeUntil[m]! >= end) subMark[subIndexOf[m]!] = 1;
      const ps: Participant[] = [];
      for (let s = 0; s < participants.length; s++) {
        if (subMark[s] === 1) {
          ps.push(participants[s]!);
          subMark[s] = 0;
        }
      }
      out.push({ start: p * MINUTE_MS, end: end * MINUTE_MS, participants: ps });
    }
    if (end > bestEnd) bestEnd = end;
  }
  return out;
}
