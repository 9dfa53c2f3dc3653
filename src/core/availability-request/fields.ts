/**
 * Field checks shared by the availability request validators (PROTOCOL §2.2, §2.7, §5.7.1).
 * Each records its problems under the top-level parameter and names the exact location.
 */
import type { TimeRange } from '../availability/index.js';
import type { Problems } from '../errors.js';
import { DAY_MS, MINUTE_MS, parseDuration, parseTime } from '../time.js';
import { isMissing, isObject } from '../validate.js';
import type { BufferRequest } from './types.js';

/** Availability limits (PROTOCOL §2.7). */
export const LIMITS = {
  groups: 10,
  members: 50,
  subs: 100,
  periods: 50,
  slots: 512,
  sequence: 10,
  maxResults: 512,
  durationMinutes: 1440,
  bufferMinutes: 1440,
  windowMs: 35 * DAY_MS,
} as const;

/** The allowed `start_interval` values, in minutes. */
export const START_INTERVALS: readonly number[] = [5, 10, 15, 20, 30, 60];

/** Where a value sits: the top-level parameter (the 422 key) and the exact path (for messages). */
export interface At {
  param: string;
  path: string;
}

/** The location of a child value. */
export function child(at: At, suffix: string): At {
  return { param: at.param, path: at.path + suffix };
}

/** The number of problems recorded so far; lets a validator tell whether a part was clean. */
export function problemCount(problems: Problems): number {
  let n = 0;
  for (const list of Object.values(problems.map)) n += list.length;
  return n;
}

/** A list of `{ start, end }` Times, start < end, 1–50 items. Undefined after any problem. */
export function checkPeriods(problems: Problems, at: At, value: unknown): TimeRange[] | undefined {
  if (Array.isArray(value) && value.length === 0) {
    problems.add(at.param, 'errors.required', `${at.path} must not be empty`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an array of { start, end }`);
    return undefined;
  }
  if (value.length > LIMITS.periods) {
    problems.add(at.param, 'errors.too_many', `${at.path} has ${value.length} periods; at most ${LIMITS.periods} are allowed`);
    return undefined;
  }
  const out: TimeRange[] = [];
  let ok = true;
  value.forEach((p, i) => {
    const path = `${at.path}[${i}]`;
    if (!isObject(p)) {
      problems.add(at.param, 'errors.invalid', `${path} must be an object with start and end`);
      ok = false;
      return;
    }
    const start = checkTime(problems, child(at, `[${i}].start`), p.start);
    const end = checkTime(problems, child(at, `[${i}].end`), p.end);
    if (start === undefined || end === undefined) ok = false;
    else if (start >= end) {
      problems.add(at.param, 'errors.invalid', `${path}.end must be after ${path}.start`);
      ok = false;
    } else out.push({ start, end });
  });
  return ok ? out : undefined;
}

/** A required Time. */
export function checkTime(problems: Problems, at: At, value: unknown): number | undefined {
  if (isMissing(value)) {
    problems.add(at.param, 'errors.required', `${at.path} is required`);
    return undefined;
  }
  const ms = parseTime(value);
  if (ms === null) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be a Time such as 2026-06-01T09:00:00Z`);
    return undefined;
  }
  return ms;
}

/** Query bounds with seconds are rounded inwards: a start up, an end down (PROTOCOL §2.2). */
export function roundInwards(r: TimeRange): TimeRange {
  return { start: Math.ceil(r.start / MINUTE_MS) * MINUTE_MS, end: Math.floor(r.end / MINUTE_MS) * MINUTE_MS };
}

/** Earliest start to latest end of non-empty ranges. */
export function spanOf(ranges: readonly TimeRange[]): TimeRange {
  let start = Infinity;
  let end = -Infinity;
  for (const r of ranges) {
    if (r.start < start) start = r.start;
    if (r.end > end) end = r.end;
  }
  return ranges.length === 0 ? { start: 0, end: 0 } : { start, end };
}

/** Records `errors.too_long` when the span exceeds 35 days. */
export function checkWindow(problems: Problems, param: string, span: TimeRange): void {
  if (span.end - span.start > LIMITS.windowMs) {
    problems.add(param, 'errors.too_long', `the query spans more than 35 days from its earliest start to its latest end (${param})`);
  }
}

/** A Duration within `[min, max]` minutes. */
export function checkDuration(
  problems: Problems,
  at: At,
  value: unknown,
  opts: { required: boolean; min: number; max: number },
): number | undefined {
  if (value === undefined || value === null) {
    if (opts.required) problems.add(at.param, 'errors.required', `${at.path} is required`);
    return undefined;
  }
  const d = parseDuration(value);
  if ('error' in d) {
    problems.add(at.param, 'errors.invalid', `${at.path} ${d.error}`);
    return undefined;
  }
  if (d.minutes < opts.min || d.minutes > opts.max) {
    problems.add(at.param, 'errors.out_of_range', `${at.path} must be between ${opts.min} and ${opts.max} minutes`);
    return undefined;
  }
  return d.minutes;
}

/** `required_duration`: 1–1440 minutes. */
export function checkRequiredDuration(problems: Problems, at: At, value: unknown): number | undefined {
  return checkDuration(problems, at, value, { required: true, min: 1, max: LIMITS.durationMinutes });
}

/** `start_interval`: a Duration of 5, 10, 15, 20, 30 or 60 minutes. */
export function checkStartInterval(problems: Problems, at: At, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const d = parseDuration(value);
  if ('error' in d) {
    problems.add(at.param, 'errors.invalid', `${at.path} ${d.error}`);
    return undefined;
  }
  if (!START_INTERVALS.includes(d.minutes)) {
    problems.add(at.param, 'errors.not_recognized', `${at.path} must be one of ${START_INTERVALS.join(', ')} minutes`);
    return undefined;
  }
  return d.minutes;
}

/** `max_results`: an integer 1–512. */
export function checkMaxResults(problems: Problems, at: At, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an integer`);
    return undefined;
  }
  if (value < 1 || value > LIMITS.maxResults) {
    problems.add(at.param, 'errors.out_of_range', `${at.path} must be between 1 and ${LIMITS.maxResults}`);
    return undefined;
  }
  return value;
}

const BUFFER_KEYS = ['hours', 'minutes', 'minimum', 'maximum'] as const;

/** One side of a buffer: `{ hours?, minutes?, minimum?, maximum? }`, at least one key. */
function checkBufferSide(problems: Problems, at: At, value: unknown): { base: number; minimum?: number; maximum?: number } {
  const none = { base: 0 };
  if (value === undefined || value === null) return none;
  if (!isObject(value) || !BUFFER_KEYS.some((k) => value[k] !== undefined)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an object with hours, minutes, minimum or maximum`);
    return none;
  }
  const range = { required: false, min: 0, max: LIMITS.bufferMinutes };
  let base = 0;
  if (value.hours !== undefined || value.minutes !== undefined) {
    const dur: Record<string, unknown> = {};
    if (value.hours !== undefined) dur.hours = value.hours;
    if (value.minutes !== undefined) dur.minutes = value.minutes;
    base = checkDuration(problems, at, dur, range) ?? 0;
  }
  const out: { base: number; minimum?: number; maximum?: number } = { base };
  const minimum = checkDuration(problems, child(at, '.minimum'), value.minimum, range);
  const maximum = checkDuration(problems, child(at, '.maximum'), value.maximum, range);
  if (minimum !== undefined) out.minimum = minimum;
  if (maximum !== undefined) out.maximum = maximum;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    problems.add(at.param, 'errors.invalid', `${at.path}.minimum must not exceed ${at.path}.maximum`);
  }
  return out;
}

/** `buffer`: `{ before?, after? }` (PROTOCOL §5.7.1). */
export function checkBuffer(problems: Problems, at: At, value: unknown): BufferRequest {
  const out: BufferRequest = { before: 0, after: 0, gapBefore: {}, gapAfter: {} };
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an object with before and/or after`);
    return out;
  }
  const before = checkBufferSide(problems, child(at, '.before'), value.before);
  const after = checkBufferSide(problems, child(at, '.after'), value.after);
  out.before = before.base;
  out.after = after.base;
  if (before.minimum !== undefined) out.gapBefore.minimum = before.minimum;
  if (before.maximum !== undefined) out.gapBefore.maximum = before.maximum;
  if (after.minimum !== undefined) out.gapAfter.minimum = after.minimum;
  if (after.maximum !== undefined) out.gapAfter.maximum = after.maximum;
  return out;
}

/** Which of the query-period parameters a body gives (the alias rules of §5.7.1). */
export function periodsParam(problems: Problems, body: Record<string, unknown>, allowSlots: boolean): 'query_periods' | 'available_periods' | 'query_slots' | null {
  const has = (k: string) => body[k] !== undefined && body[k] !== null;
  const qp = has('query_periods');
  const ap = has('available_periods');
  const qs = allowSlots && has('query_slots');
  if (qs && (qp || ap)) {
    problems.add('query_slots', 'errors.invalid', 'give query_slots or query_periods (available_periods), not both');
    return null;
  }
  if (qp && ap) {
    problems.add('available_periods', 'errors.invalid', 'available_periods is an alias of query_periods: give only one of them');
    return null;
  }
  if (qs) return 'query_slots';
  if (qp) return 'query_periods';
  if (ap) return 'available_periods';
  problems.add('query_periods', 'errors.required', allowSlots ? 'query_periods (or query_slots) is required' : 'query_periods is required');
  return null;
}

/** Top-level query periods: checked, rounded inwards, and their span within 35 days. */
export function checkQueryPeriods(problems: Problems, param: string, value: unknown): { periods: TimeRange[]; window: TimeRange } | undefined {
  const raw = checkPeriods(problems, { param, path: param }, value);
  if (raw === undefined) return undefined;
  const periods = raw.map(roundInwards);
  const window = spanOf(periods);
  checkWindow(problems, param, window);
  return { periods, window };
}
