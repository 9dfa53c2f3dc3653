/**
 * A member's free time (PROTOCOL §5.7.2): the query time from the current minute on,
 * restricted by the member's own available periods and managed window, minus its busy blocks
 * widened by the buffers.
 */
import { busyBlocks } from './busy-blocks.js';
import { intersectIntervals, rangesToMinutes, subtractIntervals, widenIntervals, type IntervalList } from './intervals.js';
import { managedWindow } from './managed-window.js';
import type { BufferMinutes, BusyEvent, MemberInput } from './types.js';
import { ZoneTimelines } from './zone-timeline.js';

/** Zone timelines and clipped busy blocks shared by the members (and items) of one computation. */
export interface FreeTimeContext {
  readonly zones: ZoneTimelines;
  /** Every free time lies inside `[lo, hi)` (epoch minutes). */
  readonly lo: number;
  readonly hi: number;
  /** Buffers up to this many minutes (before + after) are exact: busy blocks are kept that far out. */
  readonly margin: number;
  /** Unwidened busy blocks per events array and zone, so sequenced items share them. */
  readonly busyCache: Map<readonly BusyEvent[], Map<string, number[]>>;
}

/** Days of zone data read around the window, for conversions of days that straddle its edges. */
const ZONE_PAD_MINUTES = 3 * 1440;

/**
 * A context for free-time computations inside `[lo, hi)` with buffers totalling at most
 * `margin` minutes.
 *
 * @example createFreeTimeContext(startMinute, endMinute, 30)
 */
export function createFreeTimeContext(lo: number, hi: number, margin: number): FreeTimeContext {
  const pad = ZONE_PAD_MINUTES + margin;
  return { zones: new ZoneTimelines(lo - pad, hi + pad), lo, hi, margin, busyCache: new Map() };
}

/**
 * A member's merged busy blocks before buffers, clipped to the window padded by the margin.
 *
 * @example memberBusy(member, ctx) // → [s0, e0, s1, e1, …] in epoch minutes
 */
export function memberBusy(member: MemberInput, ctx: FreeTimeContext): number[] {
  let byZone = ctx.busyCache.get(member.events);
  if (byZone === undefined) {
    byZone = new Map();
    ctx.busyCache.set(member.events, byZone);
  }
  let busy = byZone.get(member.zoneinfo);
  if (busy === undefined) {
    busy = busyBlocks(member.events, ctx.zones.get(member.zoneinfo), ctx.lo - ctx.margin, ctx.hi + ctx.margin);
    byZone.set(member.zoneinfo, busy);
  }
  return busy;
}

/**
 * The member's free time inside `base`, which is the query time from the current minute on.
 *
 * @example memberFreeTime(member, [startMinute, endMinute], { before: 15 }, ctx)
 */
export function memberFreeTime(
  member: MemberInput,
  base: IntervalList,
  buffer: BufferMinutes | undefined,
  ctx: FreeTimeContext,
): number[] {
  const before = buffer?.before ?? 0;
  const after = buffer?.after ?? 0;
  if (before + after > ctx.margin) throw new RangeError('buffer exceeds the context margin');
  let free: number[] = base.slice();
  if (member.availablePeriods) free = intersectIntervals(free, rangesToMinutes(member.availablePeriods, true));
  if (member.managedAvailability === true) {
    free = intersectIntervals(free, managedWindow(member.rules ?? [], member.accountAvailablePeriods ?? [], ctx.zones, ctx.lo, ctx.hi));
  }
  if (free.length === 0) return free;
  const busy = memberBusy(member, ctx);
  // A slot [t, t + d) needs `before` free minutes ahead of it and `after` behind it, which is
  // the same as widening each block [s, e) to [s − after, e + before).
  const blocked = before === 0 && after === 0 ? busy : widenIntervals(busy, after, before);
  return subtractIntervals(free, blocked);
}
