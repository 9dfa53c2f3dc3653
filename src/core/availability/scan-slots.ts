/**
 * Valid slots (PROTOCOL §5.7.3) by one sweep over the members' feasible starts.
 *
 * A member can start a slot of d minutes at t exactly when some free range [s, e) has
 * s ≤ t ≤ e − d, so each free range long enough becomes a start range [s, e − d + 1). Sweeping
 * all start ranges in order while counting, per group, the members inside them yields
 * segments where the set of free members is fixed; a segment is valid when every group has
 * its required count, and its candidates share one participant list.
 */
import { MINUTE_MS } from '../time.js';
import { participantsOf, type GroupSetup } from './group-setup.js';
import type { IntervalList } from './intervals.js';
import type { AvailableInterval, Participant } from './types.js';

/** Where candidate starts come from: a grid from 00:00Z, or explicit starts (sorted, distinct). */
export type Candidates = { kind: 'grid'; interval: number } | { kind: 'starts'; starts: readonly number[] };

/** Called for each valid slot, in ascending start order; return false to stop. */
export type SlotSink = (start: number, participants: readonly Participant[]) => boolean;

function ceilTo(x: number, step: number): number {
  return Math.ceil(x / step) * step;
}

/**
 * Visits every valid slot start (epoch minutes) in ascending order. With `greedy`, a visited
 * slot hides the candidates that start before its end (the `slots` format).
 *
 * @example forEachValidSlot(free, setup, 30, { kind: 'grid', interval: 15 }, false, (t, ps) => true)
 */
export function forEachValidSlot(
  free: readonly IntervalList[],
  setup: GroupSetup,
  duration: number,
  candidates: Candidates,
  greedy: boolean,
  sink: SlotSink,
): void {
  const members = free.length;
  // Keys pack (position, member, start/end) into one double so a numeric typed-array sort
  // orders them: |position| < 2^28 minutes (years 1900–2199) and K < 2^12, far inside 2^53.
  const K = 2 * members;
  let n = 0;
  for (const list of free) {
    for (let i = 0; i < list.length; i += 2) if (list[i + 1]! - list[i]! >= duration) n += 2;
  }
  if (n === 0) return;
  const keys = new Float64Array(n);
  n = 0;
  for (let m = 0; m < members; m++) {
    const list = free[m]!;
    for (let i = 0; i < list.length; i += 2) {
      const s = list[i]!;
      const e = list[i + 1]!;
      if (e - s < duration) continue;
      keys[n++] = s * K + 2 * m;
      keys[n++] = (e - duration + 1) * K + 2 * m + 1;
    }
  }
  keys.sort();

  const { groupOf, needs } = setup;
  const inside = new Uint8Array(members);
  const counts = new Int32Array(needs.length);
  const subMark = new Uint8Array(setup.participants.length);
  let unsatisfied = needs.length;
  let nextAllowed = -Infinity;
  let ptr = 0;
  let idx = 0;
  while (idx < n) {
    const pos = Math.floor(keys[idx]! / K);
    const limit = (pos + 1) * K;
    while (idx < n && keys[idx]! < limit) {
      const r = keys[idx]! - pos * K;
      const m = r >> 1;
      const g = groupOf[m]!;
      if ((r & 1) === 1) {
        inside[m] = 0;
        const c = counts[g]!;
        counts[g] = c - 1;
        if (c === needs[g]) unsatisfied++;
      } else {
        inside[m] = 1;
        const c = counts[g]! + 1;
        counts[g] = c;
        if (c === needs[g]) unsatisfied--;
      }
      idx++;
    }
    // After the last key every member has left, so a valid segment always has a next key.
    if (unsatisfied !== 0 || idx >= n) continue;
    const segEnd = Math.floor(keys[idx]! / K);
    const from = Math.max(pos, nextAllowed);
    let participants: Participant[] | null = null;
    if (candidates.kind === 'grid') {
      const step = candidates.interval;
      for (let t = ceilTo(from, step); t < segEnd; t = greedy ? ceilTo(t + duration, step) : t + step) {
        participants ??= participantsOf(setup, inside, subMark);
        if (!sink(t, participants)) return;
        if (greedy) nextAllowed = t + duration;
      }
    } else {
      const starts = candidates.starts;
      while (ptr < starts.length && starts[ptr]! < from) ptr++;
      while (ptr < starts.length && starts[ptr]! < segEnd) {
        const t = starts[ptr]!;
        participants ??= participantsOf(setup, inside, subMark);
        if (!sink(t, participants)) return;
        ptr++;
        if (greedy) {
          nextAllowed = t + duration;
          while (ptr < starts.length && starts[ptr]! < nextAllowed) ptr++;
        }
      }
    }
  }
}

/**
 * The `slots` (greedy) or `overlapping_slots` results, at most `maxResults`, in epoch ms.
 *
 * @example scanSlots(free, setup, 30, { kind: 'grid', interval: 15 }, true, 512)
 */
export function scanSlots(
  free: readonly IntervalList[],
  setup: GroupSetup,
  duration: number,
  candidates: Candidates,
  greedy: boolean,
  maxResults: number,
): AvailableInterval[] {
  const out: AvailableInterval[] = [];
  if (maxResults <= 0) return out;
  forEachValidSlot(free, setup, duration, candidates, greedy, (t, participants) => {
    out.push({ start: t * MINUTE_MS, end: (t + duration) * MINUTE_MS, participants });
    return out.length < maxResults;
  });
  return out;
}
