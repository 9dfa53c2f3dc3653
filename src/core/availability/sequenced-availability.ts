/**
 * Sequenced availability (PROTOCOL §5.8, §9.22): one valid slot per item, in ordinal order,
 * with each gap between consecutive slots inside the items' buffer minimum and maximum.
 */
import { MINUTE_MS } from '../time.js';
import { freeTimes, candidatesOf } from './compute-availability.js';
import { intersectIntervals, minutesToRanges, rangesToMinutes } from './intervals.js';
import { createFreeTimeContext } from './member-free-time.js';
import { DEFAULT_MAX_RESULTS, prepareQuery } from './prepare-query.js';
import { forEachValidSlot } from './scan-slots.js';
import type { Participant, Sequence, SequenceItemInput, SequencedQuery } from './types.js';

/** All valid slots of one item: starts in epoch minutes (ascending) and their participants. */
interface ItemSlots {
  starts: number[];
  participants: (readonly Participant[])[];
}

/**
 * The items in ordinal order. Throws a RangeError when there are none or ordinals repeat or are
 * not positive integers.
 */
function orderItems(items: readonly SequenceItemInput[]): SequenceItemInput[] {
  if (items.length === 0) throw new RangeError('a sequence needs at least one item');
  const seen = new Set<number>();
  for (const it of items) {
    if (!Number.isSafeInteger(it.ordinal) || it.ordinal < 1) throw new RangeError('ordinals must be positive integers');
    if (seen.has(it.ordinal)) throw new RangeError(`ordinal ${it.ordinal} is repeated`);
    seen.add(it.ordinal);
  }
  return [...items].sort((a, b) => a.ordinal - b.ordinal);
}

/** The allowed gap (minutes) between the slot of `prev` and the slot of `next`. */
function gapBetween(prev: SequenceItemInput, next: SequenceItemInput): { min: number; max: number } {
  return {
    min: Math.max(prev.gapAfter?.minimum ?? 0, next.gapBefore?.minimum ?? 0),
    max: Math.min(prev.gapAfter?.maximum ?? Infinity, next.gapBefore?.maximum ?? Infinity),
  };
}

/**
 * Computes sequences: for each valid slot of the first item, in ascending order, the earliest
 * feasible completion (the lexicographically smallest later starts). First slots without a
 * completion are skipped; `maxResults` (default 512) counts sequences.
 *
 * @example
 *   computeSequencedAvailability({
 *     items: [
 *       { sequenceId: 'interview', ordinal: 1, groups, requiredDuration: 60, gapAfter: { minimum: 15, maximum: 60 } },
 *       { sequenceId: 'debrief', ordinal: 2, groups, requiredDuration: 30 },
 *     ],
 *     queryPeriods: [{ start: Date.UTC(2026, 5, 1, 9), end: Date.UTC(2026, 5, 1, 17) }],
 *     now: Date.UTC(2026, 4, 1),
 *   });
 *   // → [{ steps: [{ sequenceId: 'interview', start: 09:00Z, … }, { sequenceId: 'debrief', start: 10:15Z, … }] }, …]
 */
export function computeSequencedAvailability(query: SequencedQuery): Sequence[] {
  const items = orderItems(query.items);
  const maxResults = query.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isSafeInteger(maxResults) || maxResults < 1) throw new RangeError('maxResults must be an integer ≥ 1');
  const top = rangesToMinutes(query.queryPeriods, true);
  if (top.length === 0) return [];
  let margin = 0;
  for (const it of items) margin = Math.max(margin, (it.buffer?.before ?? 0) + (it.buffer?.after ?? 0));
  const ctx = createFreeTimeContext(top[0]!, top[top.length - 1]!, margin);

  const slots: ItemSlots[] = items.map((it) => {
    const periods = it.queryPeriods ? intersectIntervals(top, rangesToMinutes(it.queryPeriods, true)) : top;
    const prepared = prepareQuery(
      {
        groups: it.groups,
        requiredDuration: it.requiredDuration,
        startInterval: it.startInterval,
        buffer: it.buffer,
        queryPeriods: minutesToRanges(periods),
        responseFormat: 'overlapping_slots',
        now: query.now,
      },
      ctx,
    );
    const found: ItemSlots = { starts: [], participants: [] };
    if (prepared.base.length === 0) return found;
    const free = freeTimes(prepared, it.buffer);
    forEachValidSlot(free, prepared.setup, prepared.duration, candidatesOf(prepared), false, (t, ps) => {
      found.starts.push(t);
      found.participants.push(ps);
      return true;
    });
    return found;
  });

  // next[i][a]: index of the earliest slot of item i+1 that continues slot a of item i into a
  // complete sequence, or -1. Filled backwards so each step only looks one item ahead.
  const k = items.length;
  const next: Int32Array[] = new Array<Int32Array>(k);
  const feasible: Uint8Array[] = new Array<Uint8Array>(k);
  feasible[k - 1] = new Uint8Array(slots[k - 1]!.starts.length).fill(1);
  for (let i = k - 2; i >= 0; i--) {
    const here = slots[i]!.starts;
    const there = slots[i + 1]!.starts;
    const thereOk = feasible[i + 1]!;
    const { min, max } = gapBetween(items[i]!, items[i + 1]!);
    const d = items[i]!.requiredDuration;
    const nx = new Int32Array(here.length).fill(-1);
    const ok = new Uint8Array(here.length);
    let b = 0;
    for (let a = 0; a < here.length; a++) {
      const earliest = here[a]! + d + min;
      // Starts ascend, so the earliest admissible successor only moves right.
      while (b < there.length && (there[b]! < earliest || thereOk[b] === 0)) b++;
      if (b < there.length && there[b]! <= here[a]! + d + max) {
        nx[a] = b;
        ok[a] = 1;
      }
    }
    next[i] = nx;
    feasible[i] = ok;
  }

  const out: Sequence[] = [];
  const first = slots[0]!;
  for (let a = 0; a < first.starts.length && out.length < maxResults; a++) {
    if (feasible[0]![a] === 0) continue;
    const steps: Sequence['steps'] = [];
    let idx = a;
    for (let i = 0; i < k; i++) {
      const t = slots[i]!.starts[idx]!;
      const it = items[i]!;
      steps.push({ sequenceId: it.sequenceId, start: t * MINUTE_MS, end: (t + it.requiredDuration) * MINUTE_MS, participants: slots[i]!.participants[idx]! });
      if (i < k - 1) idx = next[i]![idx]!;
    }
    out.push({ steps });
  }
  return out;
}
