/**
 * Validation of availability rule upserts (PROTOCOL §5.9) and of available period upserts
 * (§5.10). Calendar ownership and the per-account limits need the store; the caller adds them
 * to the same Problems.
 */
import type { Problems } from '../errors.js';
import { checkRuleId } from '../ids.js';
import { isValidTzid, parseLocalTime } from '../time.js';
import type { WeeklyPeriod } from '../types.js';
import { isMissing, isObject, parseBound } from '../validate.js';

/** At most this many weekly periods per rule (PROTOCOL §2.7). */
export const MAX_WEEKLY_PERIODS = 500;

const DAYS: readonly WeeklyPeriod['day'][] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A valid rule upsert body. */
export interface RuleUpsert {
  availabilityRuleId: string;
  tzid: string;
  /** `[]` when none was given. */
  calendarIds: string[];
  weeklyPeriods: WeeklyPeriod[];
}

/** Records the problem of an `availability_rule_id` / `available_period_id`, if any. */
export function checkHostId(problems: Problems, param: string, value: unknown): string | undefined {
  const r = checkRuleId(value);
  if (r === 'ok') return value as string;
  const key = r === 'required' ? 'errors.required' : r === 'too_long' ? 'errors.too_long' : 'errors.invalid';
  problems.add(param, key, `${param} must be 1–64 printable ASCII characters without space, /, ?, #, % or \\`);
  return undefined;
}

function checkWeeklyPeriod(problems: Problems, value: unknown, i: number): WeeklyPeriod | undefined {
  const path = `weekly_periods[${i}]`;
  if (!isObject(value)) {
    problems.add('weekly_periods', 'errors.invalid', `${path} must be an object with day, start_time and end_time`);
    return undefined;
  }
  let ok = true;
  const { day, start_time: startTime, end_time: endTime } = value;
  if (isMissing(day)) {
    problems.add('weekly_periods', 'errors.required', `${path}.day is required`);
    ok = false;
  } else if (typeof day !== 'string') {
    problems.add('weekly_periods', 'errors.invalid', `${path}.day must be a string`);
    ok = false;
  } else if (!(DAYS as readonly string[]).includes(day)) {
    problems.add('weekly_periods', 'errors.not_recognized', `${path}.day must be one of ${DAYS.join(', ')}`);
    ok = false;
  }
  const s = isMissing(startTime) ? undefined : parseLocalTime(startTime);
  const e = isMissing(endTime) ? undefined : parseLocalTime(endTime, true);
  if (s === undefined) problems.add('weekly_periods', 'errors.required', `${path}.start_time is required`);
  else if (s === null) problems.add('weekly_periods', 'errors.invalid', `${path}.start_time must be HH:mm from 00:00 to 23:59`);
  if (e === undefined) problems.add('weekly_periods', 'errors.required', `${path}.end_time is required`);
  else if (e === null || e === 0) problems.add('weekly_periods', 'errors.invalid', `${path}.end_time must be HH:mm from 00:01 to 24:00`);
  if (typeof s !== 'number' || typeof e !== 'number' || e === 0) return undefined;
  if (s >= e) {
    problems.add('weekly_periods', 'errors.invalid', `${path}.end_time must be after ${path}.start_time`);
    return undefined;
  }
  return ok ? { day: day as WeeklyPeriod['day'], startTime: startTime as string, endTime: endTime as string } : undefined;
}

/**
 * Validates `POST /v1/availability_rules` bodies.
 *
 * @example validateRuleUpsert({ availability_rule_id: 'work', tzid: 'Europe/Berlin', weekly_periods: [{ day: 'monday', start_time: '09:00', end_time: '17:00' }] }, problems)
 */
export function validateRuleUpsert(body: Record<string, unknown>, problems: Problems): RuleUpsert | null {
  let id = checkHostId(problems, 'availability_rule_id', body.availability_rule_id);
  // The id is a path segment of GET and DELETE /v1/availability_rules/{id}, where `.` and `..`
  // (also as %2e) are dot segments that URL parsers remove: such a rule could never be read
  // or deleted again.
  if (id === '.' || id === '..') {
    problems.add('availability_rule_id', 'errors.invalid', `availability_rule_id cannot be "${id}": it is the path segment that reads and deletes the rule, and URLs drop "." and ".." segments`);
    id = undefined;
  }
  let tzid: string | undefined;
  if (isMissing(body.tzid)) problems.add('tzid', 'errors.required', 'tzid is required');
  else if (!isValidTzid(body.tzid)) problems.add('tzid', 'errors.invalid', 'tzid must be a known IANA time zone identifier');
  else tzid = body.tzid;

  let calendarIds: string[] = [];
  const cal = body.calendar_ids;
  if (cal !== undefined && cal !== null) {
    if (Array.isArray(cal) && cal.length === 0) problems.add('calendar_ids', 'errors.required', 'calendar_ids must not be empty when given');
    else if (!Array.isArray(cal)) problems.add('calendar_ids', 'errors.invalid', 'calendar_ids must be an array of strings');
    else {
      const bad = cal.findIndex((c) => typeof c !== 'string' || c === '');
      if (bad !== -1) problems.add('calendar_ids', 'errors.invalid', `calendar_ids[${bad}] must be a non-empty string`);
      else calendarIds = [...new Set(cal as string[])];
    }
  }

  const weeklyPeriods: WeeklyPeriod[] = [];
  const wp = body.weekly_periods;
  if (wp === undefined || wp === null) problems.add('weekly_periods', 'errors.required', 'weekly_periods is required (it may be empty)');
  else if (!Array.isArray(wp)) problems.add('weekly_periods', 'errors.invalid', 'weekly_periods must be an array of { day, start_time, end_time }');
  else if (wp.length > MAX_WEEKLY_PERIODS) {
    problems.add('weekly_periods', 'errors.too_many', `weekly_periods has ${wp.length} items; at most ${MAX_WEEKLY_PERIODS} are allowed`);
  } else {
    wp.forEach((p, i) => {
      const period = checkWeeklyPeriod(problems, p, i);
      if (period) weeklyPeriods.push(period);
    });
  }
  if (problems.any() || id === undefined || tzid === undefined) return null;
  return { availabilityRuleId: id, tzid, calendarIds, weeklyPeriods };
}

/** A valid available period upsert body. */
export interface AvailablePeriodUpsert {
  availablePeriodId: string;
  start: number;
  end: number;
  /** The zone of a Time-with-zone start (or end), else null. */
  tzid: string | null;
}

/**
 * Validates `POST /v1/available_periods` bodies: an id and Time (or Time-with-zone) bounds.
 *
 * @example validateAvailablePeriodUpsert({ available_period_id: 'p1', start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' }, problems)
 */
export function validateAvailablePeriodUpsert(body: Record<string, unknown>, problems: Problems): AvailablePeriodUpsert | null {
  const id = checkHostId(problems, 'available_period_id', body.available_period_id);
  const bound = (name: 'start' | 'end') => {
    const v = body[name];
    if (isMissing(v)) {
      problems.add(name, 'errors.required', `${name} is required`);
      return undefined;
    }
    const b = parseBound(v, false);
    if (b === 'invalid' || b.kind !== 'time') {
      problems.add(name, 'errors.invalid', `${name} must be a Time (YYYY-MM-DDTHH:mm:ssZ) or { time, tzid }`);
      return undefined;
    }
    return b;
  };
  const start = bound('start');
  const end = bound('end');
  if (start && end && start.ms >= end.ms) problems.add('end', 'errors.invalid', 'end must be after start');
  if (problems.any() || id === undefined || !start || !end) return null;
  return { availablePeriodId: id, start: start.ms, end: end.ms, tzid: start.tzid ?? end.tzid };
}
