/**
 * Validation of `POST /v1/availability/explain` bodies: an availability query plus the
 * `interval` to explain. Not part of the Cronofy protocol.
 */
import type { TimeRange } from '../availability/index.js';
import type { Problems } from '../errors.js';
import { isObject } from '../validate.js';
import { validateAvailabilityRequest } from './availability-request.js';
import { LIMITS, checkTime } from './fields.js';
import type { AvailabilityRequest, Validated } from './types.js';

/** An availability request and the interval whose availability is explained. */
export interface ExplainRequest {
  query: AvailabilityRequest;
  interval: TimeRange;
}

function checkInterval(problems: Problems, value: unknown): TimeRange | undefined {
  if (value === undefined || value === null) {
    problems.add('interval', 'errors.required', 'interval is required: { start, end }');
    return undefined;
  }
  if (!isObject(value)) {
    problems.add('interval', 'errors.invalid', 'interval must be an object with start and end');
    return undefined;
  }
  const start = checkTime(problems, { param: 'interval', path: 'interval.start' }, value.start);
  const end = checkTime(problems, { param: 'interval', path: 'interval.end' }, value.end);
  if (start === undefined || end === undefined) return undefined;
  if (start >= end) {
    problems.add('interval', 'errors.invalid', 'interval.end must be after interval.start');
    return undefined;
  }
  if (end - start > LIMITS.windowMs) {
    problems.add('interval', 'errors.too_long', 'interval must not be longer than 35 days');
    return undefined;
  }
  return { start, end };
}

/**
 * Validates an explain body: every rule of `validateAvailabilityRequest`, and `interval`.
 *
 * @example validateExplainRequest({ ...availabilityQuery, interval: { start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:30:00Z' } }, problems)
 */
export function validateExplainRequest(body: Record<string, unknown>, problems: Problems): Validated<ExplainRequest> {
  const { request, members } = validateAvailabilityRequest(body, problems);
  const interval = checkInterval(problems, body.interval);
  if (!request || !interval || problems.any()) return { request: null, members };
  return { request: { query: request, interval }, members };
}
