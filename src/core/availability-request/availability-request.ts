/**
 * Validation of `POST /v1/availability` bodies (PROTOCOL §5.7.1, §2.7): every problem in one
 * Problems collector, keyed by the top-level parameter. Sub authorisation and calendar
 * ownership need the store; the caller adds them to the same collector.
 */
import type { ResponseFormat, TimeRange } from '../availability/index.js';
import type { Problems } from '../errors.js';
import { MINUTE_MS } from '../time.js';
import { isObject } from '../validate.js';
import {
  LIMITS,
  checkBuffer,
  checkMaxResults,
  checkQueryPeriods,
  checkRequiredDuration,
  checkStartInterval,
  checkTime,
  checkWindow,
  periodsParam,
} from './fields.js';
import { checkDistinctSubs, checkParticipants } from './participants.js';
import type { AvailabilityRequest, MemberRequest, Validated } from './types.js';

const FORMATS: readonly ResponseFormat[] = ['periods', 'slots', 'overlapping_slots'];

/** `query_slots`: 1–512 `{ start }` Times with zero seconds. */
function checkQuerySlots(problems: Problems, value: unknown): number[] | undefined {
  const param = 'query_slots';
  if (Array.isArray(value) && value.length === 0) {
    problems.add(param, 'errors.required', 'query_slots must not be empty');
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(param, 'errors.invalid', 'query_slots must be an array of { start }');
    return undefined;
  }
  if (value.length > LIMITS.slots) {
    problems.add(param, 'errors.too_many', `query_slots has ${value.length} slots; at most ${LIMITS.slots} are allowed`);
    return undefined;
  }
  const starts: number[] = [];
  let ok = true;
  value.forEach((s, i) => {
    const path = `query_slots[${i}]`;
    if (!isObject(s)) {
      problems.add(param, 'errors.invalid', `${path} must be an object with start`);
      ok = false;
      return;
    }
    const t = checkTime(problems, { param, path: `${path}.start` }, s.start);
    if (t === undefined) ok = false;
    else if (t % MINUTE_MS !== 0) {
      problems.add(param, 'errors.invalid', `${path}.start must have zero seconds`);
      ok = false;
    } else starts.push(t);
  });
  return ok ? starts : undefined;
}

function checkResponseFormat(problems: Problems, value: unknown, slots: boolean): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.add('response_format', 'errors.invalid', 'response_format must be a string');
    return undefined;
  }
  if (!(FORMATS as readonly string[]).includes(value)) {
    problems.add('response_format', 'errors.not_recognized', `response_format must be one of ${FORMATS.join(', ')}`);
    return undefined;
  }
  if (value === 'periods' && slots) {
    problems.add('response_format', 'errors.invalid', 'response_format periods cannot be used with query_slots');
    return undefined;
  }
  return value as ResponseFormat;
}

/**
 * Validates an availability query body. Returns the request when it is valid, and the members
 * that were well formed in any case.
 *
 * @example
 *   const problems = new Problems();
 *   const { request } = validateAvailabilityRequest({
 *     participants: [{ members: ['acc_…'], required: 'all' }],
 *     required_duration: { minutes: 30 },
 *     query_periods: [{ start: '2026-06-01T09:00:00Z', end: '2026-06-01T17:00:00Z' }],
 *   }, problems);
 */
export function validateAvailabilityRequest(body: Record<string, unknown>, problems: Problems): Validated<AvailabilityRequest> {
  const members: MemberRequest[] = [];
  const groups = checkParticipants(problems, { param: 'participants', path: 'participants' }, body.participants, members);
  checkDistinctSubs(problems, 'participants', members);
  const requiredDuration = checkRequiredDuration(problems, { param: 'required_duration', path: 'required_duration' }, body.required_duration);

  const which = periodsParam(problems, body, true);
  let queryPeriods: TimeRange[] | null = null;
  let querySlots: number[] | null = null;
  let window: TimeRange | undefined;
  if (which === 'query_slots') {
    const starts = checkQuerySlots(problems, body.query_slots);
    if (starts) {
      querySlots = starts;
      const lo = Math.min(...starts);
      window = { start: lo, end: Math.max(...starts) + (requiredDuration ?? 0) * MINUTE_MS };
      checkWindow(problems, 'query_slots', window);
    }
  } else if (which !== null) {
    const checked = checkQueryPeriods(problems, which, body[which]);
    if (checked) {
      queryPeriods = checked.periods;
      window = checked.window;
    }
  }

  const buffer = checkBuffer(problems, { param: 'buffer', path: 'buffer' }, body.buffer);
  const startInterval = checkStartInterval(problems, { param: 'start_interval', path: 'start_interval' }, body.start_interval);
  const responseFormat = checkResponseFormat(problems, body.response_format, which === 'query_slots');
  const maxResults = checkMaxResults(problems, { param: 'max_results', path: 'max_results' }, body.max_results);
  if (body.bookable_events !== undefined && body.bookable_events !== null) {
    problems.add('bookable_events', 'errors.not_supported', 'bookable events are not supported');
  }

  if (problems.any() || !groups || requiredDuration === undefined || window === undefined) return { request: null, members };
  return {
    request: { groups, requiredDuration, queryPeriods, querySlots, buffer, startInterval, responseFormat, maxResults, window },
    members,
  };
}
