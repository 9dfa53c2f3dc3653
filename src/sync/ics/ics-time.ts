/**
 * iCalendar DATE, DATE-TIME, DURATION, PERIOD and UTC-OFFSET values, parsed leniently: the shape
 * of the value decides between DATE and DATE-TIME, whatever VALUE= says, because producers
 * get that parameter wrong (a TZID on a DATE, `20131210Z`).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, dayFromYmd, daysInMonth } from './calendar-math.js';

/** A parsed DATE or DATE-TIME, before any zone is applied. */
export type IcsTime =
  /** A calendar date: days since 1970-01-01. */
  | { kind: 'date'; day: number }
  /** A wall-clock reading; `tzid` null means floating. */
  | { kind: 'local'; localMs: number; tzid: string | null }
  /** An absolute instant (`…Z`). */
  | { kind: 'utc'; ms: number };

const TIME_RE = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?)?\s*([Zz])?$/;

/**
 * Parses one DATE or DATE-TIME value. Returns null when it is not one.
 *
 * @example parseIcsTime('20260610T140000', 'Europe/Berlin')
 *   // { kind: 'local', localMs: Date.UTC(2026, 5, 10, 14), tzid: 'Europe/Berlin' }
 * @example parseIcsTime('20260610', null) // { kind: 'date', day: 20614 }
 */
export function parseIcsTime(value: string, tzid: string | null): IcsTime | null {
  const fast = readCompactTime(value);
  if (fast >= 0) return timeOf(fast, value.length, value.charCodeAt(value.length - 1), tzid);
  const m = TIME_RE.exec(value.trim());
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const day = dayFromYmd(y, mo, d);
  if (m[4] === undefined) return { kind: 'date', day };
  const h = Number(m[4]);
  const mi = Number(m[5]);
  // A leap second (60) is read as the last second of the minute.
  const s = m[6] === undefined ? 0 : Math.min(Number(m[6]), 59);
  // 24:00:00 is accepted as the end of the day, as some producers write it.
  if (h > 24 || (h === 24 && (mi > 0 || s > 0)) || mi > 59) return null;
  const ms = day * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS;
  if (m[7] !== undefined) return { kind: 'utc', ms };
  return { kind: 'local', localMs: ms, tzid };
}

/** Value of the digit at `s[i]`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * The common shapes of a date or date-time, read without a regular expression:
 * `YYYYMMDD` and `YYYYMMDDTHHMMSS` with an optional `Z`. Returns the digits as one number
 * (`YYYYMMDDHHMMSS`, the time part 0 for a date), or -1 for anything else, which the
 * general reader then handles.
 */
function readCompactTime(v: string): number {
  const n = v.length;
  if (n !== 8 && n !== 15 && n !== 16) return -1;
  if (n === 16 && (v.charCodeAt(15) | 32) !== 122) return -1;
  let acc = 0;
  for (let i = 0; i < 8; i++) {
    const d = digit(v, i);
    if (d < 0) return -1;
    acc = acc * 10 + d;
  }
  acc *= 1_000_000;
  if (n === 8) return acc;
  if ((v.charCodeAt(8) | 32) !== 116) return -1;
  let t = 0;
  for (let i = 9; i < 15; i++) {
    const d = digit(v, i);
    if (d < 0) return -1;
    t = t * 10 + d;
  }
  return acc + t;
}

/** The IcsTime of digits read by readCompactTime (`n` characters, the last one `lastCode`). */
function timeOf(digits: number, n: number, lastCode: number, tzid: string | null): IcsTime | null {
  const date = Math.floor(digits / 1_000_000);
  const y = Math.floor(date / 10_000);
  const mo = Math.floor(date / 100) % 100;
  const d = date % 100;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const day = dayFromYmd(y, mo, d);
  if (n === 8) return { kind: 'date', day };
  const time = digits % 1_000_000;
  const h = Math.floor(time / 10_000);
  const mi = Math.floor(time / 100) % 100;
  // A leap second (60) is read as the last second of the minute.
  const s = Math.min(time % 100, 59);
  // 24:00:00 is accepted as the end of the day, as some producers write it.
  if (h > 24 || (h === 24 && (mi > 0 || s > 0)) || mi > 59) return null;
  const ms = day * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS;
  if ((lastCode | 32) === 122) return { kind: 'utc', ms };
  return { kind: 'local', localMs: ms, tzid };
}

/** A DURATION: a nominal part in days (weeks count 7) and an exact part in milliseconds. */
export interface IcsDuration {
  days: number;
  ms: number;
}

const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/**
 * Parses a DURATION. The day and week part is nominal (same wall-clock time N days later);
 * the time part is exact (RFC 5545 §3.3.6). Returns null when malformed.
 *
 * @example parseIcsDuration('P1DT2H') // { days: 1, ms: 7_200_000 }
 * @example parseIcsDuration('-PT15M') // { days: 0, ms: -900_000 }
 */
export function parseIcsDuration(value: string): IcsDuration | null {
  const v = value.trim();
  const m = DURATION_RE.exec(v);
  if (m === null || v === 'P' || v.endsWith('T')) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const days = (Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0)) * sign;
  const ms = (Number(m[4] ?? 0) * HOUR_MS + Number(m[5] ?? 0) * MINUTE_MS + Number(m[6] ?? 0) * SECOND_MS) * sign;
  if (!Number.isFinite(days) || !Number.isFinite(ms)) return null;
  return { days: days === 0 ? 0 : days, ms: ms === 0 ? 0 : ms };
}

/** A PERIOD value `start/end` or `start/duration`. */
export type IcsPeriod = { start: IcsTime; end: IcsTime; duration: null } | { start: IcsTime; end: null; duration: IcsDuration };

/** Parses a PERIOD (`20231125T090000Z/20231125T123000Z` or `…/PT3H30M`); null when malformed. */
export function parseIcsPeriod(value: string, tzid: string | null): IcsPeriod | null {
  const slash = value.indexOf('/');
  if (slash < 0) return null;
  const start = parseIcsTime(value.slice(0, slash), tzid);
  if (start === null || start.kind === 'date') return null;
  const rest = value.slice(slash + 1);
  const end = parseIcsTime(rest, tzid);
  if (end !== null) return end.kind === 'date' ? null : { start, end, duration: null };
  const duration = parseIcsDuration(rest);
  return duration === null ? null : { start, end: null, duration };
}

const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/;

/**
 * Parses a UTC-OFFSET (`+0530`, `-0800`, `+005328`) to milliseconds; null when malformed.
 *
 * @example parseUtcOffset('-0800') === -28_800_000
 */
export function parseUtcOffset(value: string): number | null {
  const m = OFFSET_RE.exec(value.trim());
  if (m === null) return null;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const s = Number(m[4] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return null;
  const abs = h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS;
  return m[1] === '-' ? -abs : abs;
}
