/** Small field checks shared by request validators. Each records problems; none throws. */
import type { Problems } from './errors.js';
import { isValidTzid, parseDate, parseTime } from './time.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Length in characters (code points), so that emoji count as one. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A string field with a maximum length. Returns the value, or undefined when absent/invalid. */
export function checkString(
  problems: Problems,
  param: string,
  value: unknown,
  opts: { required?: boolean; max: number; min?: number; path?: string },
): string | undefined {
  const path = opts.path ?? param;
  if (value === undefined || value === null || (value === '' && opts.required)) {
    if (opts.required) problems.add(param, 'errors.required', `${path} is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.add(param, 'errors.invalid', `${path} must be a string`);
    return undefined;
  }
  const len = charLength(value);
  if (len > opts.max) {
    problems.add(param, 'errors.too_long', `${path} must be at most ${opts.max} characters`);
    return undefined;
  }
  if (opts.min !== undefined && len < opts.min) {
    problems.add(param, 'errors.required', `${path} must be at least ${opts.min} characters`);
    return undefined;
  }
  return value;
}

export function checkTzid(problems: Problems, param: string, value: unknown, path = param): string | undefined {
  if (isMissing(value)) return undefined;
  if (!isValidTzid(value)) {
    problems.add(param, 'errors.invalid', `${path} must be a known IANA time zone identifier`);
    return undefined;
  }
  return value;
}

/** A bound that is a Time, a Time-with-zone object, or (when allowed) a Date. */
export type ParsedBound = { kind: 'time'; ms: number; tzid: string | null } | { kind: 'date'; date: string };

export function parseBound(value: unknown, allowDate: boolean): ParsedBound | 'invalid' {
  if (typeof value === 'string') {
    if (allowDate) {
      const d = parseDate(value);
      if (d !== null) return { kind: 'date', date: d };
    }
    const ms = parseTime(value);
    return ms === null ? 'invalid' : { kind: 'time', ms, tzid: null };
  }
  if (isObject(value)) {
    const ms = parseTime(value.time);
    if (ms === null || !isValidTzid(value.tzid)) return 'invalid';
    return { kind: 'time', ms, tzid: value.tzid };
  }
  return 'invalid';
}

const COLOR_RE = /^#[0-9A-Fa-f]{6}$/;
export function isColor(v: unknown): v is string {
  return typeof v === 'string' && COLOR_RE.test(v);
}
