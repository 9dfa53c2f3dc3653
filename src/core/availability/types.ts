/**
 * Input and output types of the availability engine (PROTOCOL §5.7, §5.8).
 *
 * This is the engine's own, already validated input: the HTTP layer parses the wire JSON,
 * loads events, rules and available periods, and hands the engine these shapes. Instants are
 * epoch milliseconds; durations, buffers and intervals are whole minutes.
 */
import type { AvailabilityRule, AvailablePeriod, CalendarEvent } from '../types.js';

/** A half-open instant range `[start, end)` in epoch milliseconds. */
export interface TimeRange {
  start: number;
  end: number;
}

/** How results are shaped (§5.7.3). */
export type ResponseFormat = 'periods' | 'slots' | 'overlapping_slots';

/** The fields of a calendar event the engine reads; a full `CalendarEvent` fits. */
export type BusyEvent = Pick<
  CalendarEvent,
  'eventUid' | 'summary' | 'start' | 'end' | 'transparency' | 'status' | 'participationStatus' | 'deleted' | 'eventPrivate'
>;

/** The fields of an availability rule the engine reads; a full `AvailabilityRule` fits. */
export type WeeklyRule = Pick<AvailabilityRule, 'tzid' | 'weeklyPeriods'>;

/** The fields of a stored available period the engine reads; a full `AvailablePeriod` fits. */
export type AccountAvailablePeriod = Pick<AvailablePeriod, 'start' | 'end'>;

/** One member of a participant group. */
export interface MemberInput {
  sub: string;
  /** The account's IANA zone: all-day events block whole days in it (§5.7.4). */
  zoneinfo: string;
  /** Events on the member's counted calendars; the engine decides which of them block. */
  events: readonly BusyEvent[];
  /** The request's member-level `available_periods`: when given, they restrict this member. */
  availablePeriods?: readonly TimeRange[] | null;
  /** When true the member is free only inside its managed window (rules ∪ account periods). */
  managedAvailability?: boolean;
  /** The applicable rules (already filtered by `availability_rule_ids`). Used when managed. */
  rules?: readonly WeeklyRule[];
  /** All of the account's stored available periods for the application. Used when managed. */
  accountAvailablePeriods?: readonly AccountAvailablePeriod[];
}

/** A participant group: at least `required` members (all for `'all'`) must be free. */
export interface GroupInput {
  members: readonly MemberInput[];
  required: 'all' | number;
}

/** Buffer minutes: busy blocks `[s, e)` widen to `[s − after, e + before)` (§5.7.2). */
export interface BufferMinutes {
  before?: number;
  after?: number;
}

/**
 * An availability query (§5.7.1). Give exactly one of `queryPeriods` and `querySlots`.
 *
 * @example
 *   const q: AvailabilityQuery = {
 *     groups: [{ required: 'all', members: [{ sub: 'acc_1', zoneinfo: 'Europe/Berlin', events: [] }] }],
 *     requiredDuration: 30,
 *     queryPeriods: [{ start: Date.UTC(2026, 5, 1, 9), end: Date.UTC(2026, 5, 1, 17) }],
 *     now: Date.UTC(2026, 4, 1),
 *   };
 */
export interface AvailabilityQuery {
  groups: readonly GroupInput[];
  /** Minutes, ≥ 1. */
  requiredDuration: number;
  /** Query periods; overlapping or touching ones are merged, bounds rounded inwards to minutes. */
  queryPeriods?: readonly TimeRange[];
  /** Candidate slot starts (whole minutes). Each is the only candidate for its slot. */
  querySlots?: readonly number[];
  buffer?: BufferMinutes;
  /** Minutes between candidate starts, aligned to 00:00Z. Default 15. */
  startInterval?: number;
  /** Default `periods` with query periods, `slots` with query slots. */
  responseFormat?: ResponseFormat;
  /** Default 512. */
  maxResults?: number;
  /** The current instant (epoch ms): free time starts at the next whole minute. */
  now: number;
}

export interface Participant {
  readonly sub: string;
}

/** One result: a period or a slot, with every member free throughout it. */
export interface AvailableInterval {
  start: number;
  end: number;
  participants: readonly Participant[];
}

export interface AvailabilityResult {
  /** The format actually used (after defaults). */
  format: ResponseFormat;
  items: AvailableInterval[];
}

/** Minimum and maximum gap minutes carried by one side of a sequenced item's buffer (§5.8). */
export interface GapBounds {
  minimum?: number;
  maximum?: number;
}

/** One step of a sequenced availability query (§5.8). */
export interface SequenceItemInput {
  /** Kept as given (the wire keeps its JSON type). */
  sequenceId: string | number;
  /** Positive; distinct across items. */
  ordinal: number;
  groups: readonly GroupInput[];
  requiredDuration: number;
  startInterval?: number;
  /** Minutes that widen busy blocks for this item, as in plain availability. */
  buffer?: BufferMinutes;
  /** `buffer.before.minimum/maximum`: the gap after the previous item. */
  gapBefore?: GapBounds;
  /** `buffer.after.minimum/maximum`: the gap before the next item. */
  gapAfter?: GapBounds;
  /** Item-level periods that further restrict this item. */
  queryPeriods?: readonly TimeRange[];
}

export interface SequencedQuery {
  items: readonly SequenceItemInput[];
  queryPeriods: readonly TimeRange[];
  /** Caps the number of sequences. Default 512. */
  maxResults?: number;
  now: number;
}

export interface SequenceStep extends AvailableInterval {
  sequenceId: string | number;
}

export interface Sequence {
  /** One step per item, in ordinal order. */
  steps: SequenceStep[];
}
