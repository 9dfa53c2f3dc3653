/**
 * Checks an availability query's invariants and turns it into minutes: the query time from the
 * current minute on, the candidate rule, and the numbered members.
 */
import { MINUTE_MS } from '../time.js';
import { buildGroupSetup, type GroupSetup } from './group-setup.js';
import { intersectIntervals, mergeRanges, rangesToMinutes } from './intervals.js';
import { createFreeTimeContext, type FreeTimeContext } from './member-free-time.js';
import type { AvailabilityQuery, ResponseFormat } from './types.js';

export const DEFAULT_START_INTERVAL = 15;
export const DEFAULT_MAX_RESULTS = 512;

export interface PreparedQuery {
  readonly setup: GroupSetup;
  readonly duration: number;
  readonly interval: number;
  readonly format: ResponseFormat;
  readonly maxResults: number;
  /** The current time rounded up to the next whole minute. */
  readonly nowMinute: number;
  /** The union of the query periods (or slot intervals), in epoch minutes. */
  readonly query: number[];
  /** `query` from `nowMinute` on: the time any member can be free in. */
  readonly base: number[];
  /** Sorted, distinct query slot starts in epoch minutes; null with query periods. */
  readonly slotStarts: number[] | null;
  readonly ctx: FreeTimeContext;
}

function assertMinutes(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
    throw new RangeError(`${name} must be an integer ≥ ${min}`);
  }
}

/**
 * Validates the engine-level invariants of a query (the HTTP layer has already enforced the
 * protocol's limits) and converts it to minutes. Throws a RangeError on a broken invariant.
 * `ctx` lets sequenced availability share zone data and busy blocks across items.
 *
 * @example prepareQuery({ groups, requiredDuration: 30, queryPeriods, now }).base
 */
export function prepareQuery(q: AvailabilityQuery, ctx?: FreeTimeContext): PreparedQuery {
  assertMinutes('requiredDuration', q.requiredDuration, 1);
  assertMinutes('startInterval', q.startInterval, 1);
  assertMinutes('maxResults', q.maxResults, 1);
  assertMinutes('buffer.before', q.buffer?.before, 0);
  assertMinutes('buffer.after', q.buffer?.after, 0);
  if (!Number.isFinite(q.now)) throw new RangeError('now must be a finite instant');
  const hasPeriods = q.queryPeriods !== undefined;
  const hasSlots = q.querySlots !== undefined;
  if (hasPeriods === hasSlots) throw new RangeError('give exactly one of queryPeriods and querySlots');
  const format: ResponseFormat = q.responseFormat ?? (hasSlots ? 'slots' : 'periods');
  if (hasSlots && format === 'periods') throw new RangeError('periods cannot be computed for query slots');

  const duration = q.requiredDuration;
  let query: number[];
  let slotStarts: number[] | null = null;
  if (q.querySlots !== undefined) {
    const starts = Float64Array.from(q.querySlots, (ms) => {
      if (ms % MINUTE_MS !== 0) throw new RangeError('query slot starts must be whole minutes');
      return ms / MINUTE_MS;
    }).sort();
    slotStarts = [];
    for (const s of starts) if (slotStarts[slotStarts.length - 1] !== s) slotStarts.push(s);
    query = mergeRanges(Float64Array.from(slotStarts), Float64Array.from(slotStarts, (s) => s + duration));
  } else {
    // Bounds with seconds are rounded inwards (PROTOCOL §2.2).
    query = rangesToMinutes(q.queryPeriods ?? [], true);
  }
  const nowMinute = Math.ceil(q.now / MINUTE_MS);
  const base = intersectIntervals(query, [nowMinute, Infinity]);
  const lo = query.length > 0 ? query[0]! : nowMinute;
  const hi = query.length > 0 ? query[query.length - 1]! : nowMinute;
  const margin = (q.buffer?.before ?? 0) + (q.buffer?.after ?? 0);
  return {
    setup: buildGroupSetup(q.groups),
    duration,
    interval: q.startInterval ?? DEFAULT_START_INTERVAL,
    format,
    maxResults: q.maxResults ?? DEFAULT_MAX_RESULTS,
    nowMinute,
    query,
    base,
    slotStarts,
    ctx: ctx ?? createFreeTimeContext(lo, hi, margin),
  };
}
