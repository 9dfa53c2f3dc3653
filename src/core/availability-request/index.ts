/**
 * Validation of the availability family of request bodies (PROTOCOL §5.7–§5.10, §2.7): every
 * problem in one Problems collector, keyed by the top-level parameter, with exact locations.
 */
export type {
  AvailabilityRequest,
  BufferRequest,
  GroupRequest,
  MemberRequest,
  SequenceItemRequest,
  SequencedRequest,
  Validated,
} from './types.js';
export { LIMITS as AVAILABILITY_LIMITS, START_INTERVALS } from './fields.js';
export { validateAvailabilityRequest } from './availability-request.js';
export { validateSequencedRequest } from './sequenced-request.js';
export { validateExplainRequest, type ExplainRequest } from './explain-request.js';
export {
  MAX_WEEKLY_PERIODS,
  validateAvailablePeriodUpsert,
  validateRuleUpsert,
  type AvailablePeriodUpsert,
  type RuleUpsert,
} from './rule-request.js';
