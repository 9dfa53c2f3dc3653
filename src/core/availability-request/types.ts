/**
 * Validated availability requests (PROTOCOL §5.7, §5.8), before the store fills in each
 * member's events, zone, rules and available periods. Instants are epoch ms; durations minutes.
 */
import type { BufferMinutes, GapBounds, ResponseFormat, TimeRange } from '../availability/index.js';

/** A member as the request names it. */
export interface MemberRequest {
  sub: string;
  /** Where the member sits in the request, e.g. `participants[0].members[2]`, for messages. */
  path: string;
  /** The member's `calendar_ids`; null when absent. Deduplicated, in request order. */
  calendarIds: string[] | null;
  /** The member's own `available_periods`; null when absent. */
  availablePeriods: TimeRange[] | null;
  managedAvailability: boolean;
  /** `availability_rule_ids`; null (absent or JSON null) means all of the account's rules. */
  availabilityRuleIds: string[] | null;
}

/** A participant group as the request gives it. */
export interface GroupRequest {
  members: MemberRequest[];
  required: 'all' | number;
}

/** A `buffer`: base minutes that widen busy blocks, and the gap bounds of sequenced items. */
export interface BufferRequest extends Required<BufferMinutes> {
  /** `buffer.before.minimum` / `maximum`. */
  gapBefore: GapBounds;
  /** `buffer.after.minimum` / `maximum`. */
  gapAfter: GapBounds;
}

/** A valid `POST /v1/availability` body. Exactly one of `queryPeriods` and `querySlots` is set. */
export interface AvailabilityRequest {
  groups: GroupRequest[];
  requiredDuration: number;
  /** Query periods with bounds rounded inwards to whole minutes (PROTOCOL §2.2). */
  queryPeriods: TimeRange[] | null;
  /** Query slot starts, whole minutes. */
  querySlots: number[] | null;
  buffer: BufferRequest;
  startInterval: number | undefined;
  responseFormat: ResponseFormat | undefined;
  maxResults: number | undefined;
  /** Earliest start to latest end of the query (slots extended by the duration). */
  window: TimeRange;
}

/** One item of a valid sequenced query. */
export interface SequenceItemRequest {
  /** Kept with its JSON type. */
  sequenceId: string | number;
  ordinal: number;
  groups: GroupRequest[];
  requiredDuration: number;
  startInterval: number | undefined;
  buffer: BufferRequest;
  /** Item-level periods (rounded inwards) that further restrict the item; null when absent. */
  queryPeriods: TimeRange[] | null;
}

/** A valid `POST /v1/sequenced_availability` body. */
export interface SequencedRequest {
  items: SequenceItemRequest[];
  queryPeriods: TimeRange[];
  maxResults: number | undefined;
  window: TimeRange;
}

/**
 * The outcome of validating a body: the request when it is valid, and in any case every
 * member that was well formed, so that sub and calendar checks can join the same 422.
 */
export interface Validated<T> {
  request: T | null;
  members: MemberRequest[];
}
