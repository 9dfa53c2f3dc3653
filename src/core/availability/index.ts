/**
 * The availability engine (PROTOCOL §5.7–§5.9): pure functions over sorted integer-minute
 * intervals. No I/O and no clock: the current time is part of each query.
 */
export type {
  AccountAvailablePeriod,
  AvailabilityQuery,
  AvailabilityResult,
  AvailableInterval,
  BufferMinutes,
  BusyEvent,
  GapBounds,
  GroupInput,
  MemberInput,
  Participant,
  ResponseFormat,
  Sequence,
  SequencedQuery,
  SequenceItemInput,
  SequenceStep,
  TimeRange,
  WeeklyRule,
} from './types.js';
export { computeAvailability } from './compute-availability.js';
export { computeSequencedAvailability } from './sequenced-availability.js';
export {
  explainAvailability,
  type Explanation,
  type GroupExplanation,
  type IntervalNote,
  type MemberExplanation,
  type UnavailabilityReason,
} from './explain.js';
export { eventBlocks } from './busy-blocks.js';
export { DEFAULT_MAX_RESULTS, DEFAULT_START_INTERVAL } from './prepare-query.js';
