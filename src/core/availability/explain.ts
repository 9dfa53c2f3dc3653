/**
 * Why an interval is not available: per member, what keeps it from being free throughout,
 * and per group, whether its requirement holds. Not part of the Cronofy protocol; it answers
 * the support question "why is 14:00 not offered?" from the same inputs as the engine.
 */
import { MINUTE_MS } from '../time.js';
import { boundToMinute, eventBlocks, isInstant } from './busy-blocks.js';
import { containsRange, rangesToMinutes } from './intervals.js';
import { managedWindow } from './managed-window.js';
import { memberFreeTime } from './member-free-time.js';
import { prepareQuery } from './prepare-query.js';
import type { AvailabilityQuery, BusyEvent, MemberInput, TimeRange } from './types.js';
import type { ZoneTimeline } from './zone-timeline.js';

/** What keeps a member from being free throughout the interval. */
export type UnavailabilityReason =
  /** The interval is not inside the query periods (or query slots). */
  | { kind: 'outside_query' }
  /** The interval starts before the current minute; `now` is that minute (epoch ms). */
  | { kind: 'before_now'; now: number }
  /** Not inside the member's own `available_periods`. */
  | { kind: 'outside_available_periods' }
  /** Managed member: not inside its rules and stored available periods. */
  | { kind: 'outside_rules' }
  /** A blocking event overlaps the interval. `summary` is left out for private events. */
  | { kind: 'busy'; eventUid: string; summary?: string; start: number; end: number }
  /**
   * A blocking event does not overlap the interval but its buffer does: `before` is the buffer
   * required before a slot (so it follows the event), `after` the one required after a slot.
   */
  | { kind: 'buffer'; side: 'before' | 'after'; eventUid: string; summary?: string; start: number; end: number };

export interface MemberExplanation {
  sub: string;
  /** Index of the member's group in the query. */
  group: number;
  /** True when the member is free throughout the interval. */
  free: boolean;
  /** Empty exactly when `free`. */
  reasons: UnavailabilityReason[];
}

export interface GroupExplanation {
  required: 'all' | number;
  /** Members required (the member count for `'all'`). */
  needed: number;
  /** Members free throughout the interval. */
  free: number;
  satisfied: boolean;
}

/** Facts about the interval itself that stop it from being a result as asked. */
export type IntervalNote =
  | { kind: 'shorter_than_duration'; requiredDuration: number }
  | { kind: 'off_grid'; startInterval: number }
  | { kind: 'not_a_query_slot' };

export interface Explanation {
  /** True when every group's requirement holds throughout the interval. */
  available: boolean;
  members: MemberExplanation[];
  groups: GroupExplanation[];
  notes: IntervalNote[];
}

function eventReasons(
  events: readonly BusyEvent[],
  zone: ZoneTimeline,
  s: number,
  e: number,
  before: number,
  after: number,
  out: UnavailabilityReason[],
): void {
  for (const ev of events) {
    if (!eventBlocks(ev) || isInstant(ev)) continue;
    const bs = boundToMinute(ev.start, zone, false);
    const be = boundToMinute(ev.end, zone, true);
    if (be <= bs) continue;
    const start = ev.start.kind === 'time' ? ev.start.ms : bs * MINUTE_MS;
    const end = ev.end.kind === 'time' ? ev.end.ms : be * MINUTE_MS;
    const summary = ev.eventPrivate ? {} : { summary: ev.summary };
    if (bs < e && be > s) {
      out.push({ kind: 'busy', eventUid: ev.eventUid, ...summary, start, end });
    } else if (be <= s && be + before > s) {
      out.push({ kind: 'buffer', side: 'before', eventUid: ev.eventUid, ...summary, start, end });
    } else if (bs >= e && bs - after < e) {
      out.push({ kind: 'buffer', side: 'after', eventUid: ev.eventUid, ...summary, start, end });
    }
  }
}

/**
 * Explains, for the same input as `computeAvailability`, why `range` is or is not available.
 * The range is widened to whole minutes.
 *
 * @example
 *   const why = explainAvailability(query, { start: Date.UTC(2026, 5, 1, 14), end: Date.UTC(2026, 5, 1, 14, 30) });
 *   // why.members[0].reasons → [{ kind: 'busy', eventUid: 'evt_1', summary: 'Standup', start, end }]
 */
export function explainAvailability(query: AvailabilityQuery, range: TimeRange): Explanation {
  const s = Math.floor(range.start / MINUTE_MS);
  const e = Math.ceil(range.end / MINUTE_MS);
  if (!(e > s)) throw new RangeError('the range must end after it starts');
  const prepared = prepareQuery(query);
  const { setup, ctx, nowMinute } = prepared;
  const before = query.buffer?.before ?? 0;
  const after = query.buffer?.after ?? 0;

  const notes: IntervalNote[] = [];
  if (e - s < prepared.duration) notes.push({ kind: 'shorter_than_duration', requiredDuration: prepared.duration });
  if (prepared.slotStarts !== null) {
    if (!prepared.slotStarts.includes(s)) notes.push({ kind: 'not_a_query_slot' });
  } else if (s % prepared.interval !== 0) {
    notes.push({ kind: 'off_grid', startInterval: prepared.interval });
  }

  const inQuery = containsRange(prepared.query, s, e);
  const members = setup.members.map((m: MemberInput, i): MemberExplanation => {
    const reasons: UnavailabilityReason[] = [];
    if (!inQuery) reasons.push({ kind: 'outside_query' });
    if (s < nowMinute) reasons.push({ kind: 'before_now', now: nowMinute * MINUTE_MS });
    if (m.availablePeriods && !containsRange(rangesToMinutes(m.availablePeriods, true), s, e)) {
      reasons.push({ kind: 'outside_available_periods' });
    }
    if (m.managedAvailability === true) {
      const window = managedWindow(m.rules ?? [], m.accountAvailablePeriods ?? [], ctx.zones, Math.min(s, ctx.lo), Math.max(e, ctx.hi));
      if (!containsRange(window, s, e)) reasons.push({ kind: 'outside_rules' });
    }
    eventReasons(m.events, ctx.zones.get(m.zoneinfo), s, e, before, after, reasons);
    // The verdict comes from the engine's own free time, so it cannot drift from the results.
    const free = prepared.base.length > 0 && containsRange(memberFreeTime(m, prepared.base, query.buffer, ctx), s, e);
    return { sub: m.sub, group: setup.groupOf[i]!, free, reasons: free ? [] : reasons };
  });

  const groups = query.groups.map((g, gi): GroupExplanation => {
    const needed = setup.needs[gi]!;
    const free = members.filter((m) => m.group === gi && m.free).length;
    return { required: g.required, needed, free, satisfied: free >= needed };
  });
  return { available: groups.every((g) => g.satisfied), members, groups, notes };
}
