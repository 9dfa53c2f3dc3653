/**
 * Wire time formats (PROTOCOL §2.2) and the few calendar computations the server needs.
 * Instants are epoch milliseconds (UTC) everywhere inside Kairos; wall-clock work happens
 * in the relevant IANA zone through Temporal.
 */
import { Temporal } from 'temporal-polyfill';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Years outside this range are treated as absurd input (422), for Times and Dates alike. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(0+))?(Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^(\d{2}):(\d{2})$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A day of the (proleptic Gregorian) calendar, whatever the year. */
function realYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function validYmd(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && realYmd(y, m, d);
}

/** The first instant of MIN_YEAR and the first after MAX_YEAR, UTC. */
const MIN_TIME_MS = Date.UTC(MIN_YEAR, 0, 1);
const END_TIME_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

/**
 * The instant a Time's text names, when its fields are a moment of the calendar in any year
 * (its year comes along for the range checks); 'form' when the text is not shaped like a Time,
 * 'calendar' when a field is out of bounds (Feb 30, hour 24, offset +25:00).
 */
function readTime(text: string): { year: number; ms: number } | 'form' | 'calendar' {
  const m = TIME_RE.exec(text);
  if (!m) return 'form';
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const off = m[8]!;
  const oh = off === 'Z' ? 0 : Number(off.slice(1, 3));
  const om = off === 'Z' ? 0 : Number(off.slice(4, 6));
  if (!realYmd(y, mo, d) || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return 'calendar';
  // Date.UTC reads the years 0–99 as 1900–1999: years far outside the range get no instant.
  if (y < MIN_YEAR - 1 || y > MAX_YEAR + 1) return { year: y, ms: Number.NaN };
  const sign = off[0] === '-' ? -1 : 1;
  return { year: y, ms: Date.UTC(y, mo - 1, d, h, mi, s) - sign * (oh * 60 + om) * MINUTE_MS };
}

/** Whether a Time read by readTime is inside the protocol's years, as text and as an instant. */
function timeInRange(t: { year: number; ms: number }): boolean {
  // The years bound the instant too: an offset must not carry it outside them.
  return t.year >= MIN_YEAR && t.year <= MAX_YEAR && t.ms >= MIN_TIME_MS && t.ms < END_TIME_MS;
}

/**
 * Parses a protocol Time: `YYYY-MM-DDTHH:mm:ssZ`, or with a `±HH:MM` offset, or with
 * all-zero fractional seconds. Returns epoch ms, or null when the value is not a valid Time.
 *
 * @example parseTime('2026-06-01T09:00:00+02:00') === Date.UTC(2026, 5, 1, 7)
 */
export function parseTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const t = readTime(value);
  return typeof t !== 'string' && timeInRange(t) ? t.ms : null;
}

const dayCache = new Map<number, string>();

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Formats epoch ms as `YYYY-MM-DDTHH:mm:ssZ` (whole seconds, UTC). The date part is memoised
 * per day because responses format thousands of instants that share a few dozen days.
 */
export function formatTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let date = dayCache.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(day, date);
  }
  const s = seconds - day * 86_400;
  return `${date}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
}

/** Parses a protocol Date `YYYY-MM-DD` (a real date, 1900–2199). Returns the string or null. */
export function parseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  return validYmd(Number(m[1]), Number(m[2]), Number(m[3])) ? value : null;
}

/**
 * Why `value` is not a protocol Date, for the 422 description of the parameter `name`: not in
 * the `YYYY-MM-DD` form, outside the years the protocol accepts, or not a day of the calendar.
 *
 * @example dateProblem('from', '0001-01-01') // 'from must be a date in the years 1900–2199'
 */
export function dateProblem(name: string, value: unknown): string {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) return `${name} must be a Date (YYYY-MM-DD)`;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return `${name} must be a date in the years ${MIN_YEAR}–${MAX_YEAR}`;
  return `${name} is not a day of the calendar (${String(value)})`;
}

/**
 * Why an event bound (PROTOCOL §2.2: a Date, a Time, or `{ time, tzid }`) is not valid, for the
 * 422 description of `name`: a date or time of the right form outside 1900–2199 or the
 * calendar says so; anything else gets the list of accepted forms.
 */
export function boundProblem(name: string, value: unknown): string {
  const forms = `${name} must be a Date (YYYY-MM-DD), a Time (YYYY-MM-DDTHH:mm:ssZ) or { time, tzid }`;
  if (typeof value === 'string' && DATE_RE.test(value)) return dateProblem(name, value);
  const time = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { time?: unknown }).time : undefined;
  if (typeof time !== 'string' || time.length > 40) return forms;
  const t = readTime(time);
  if (t === 'form') return forms;
  if (t === 'calendar') return `${name} is not a moment of the calendar (${time})`;
  // A valid Time: what is wrong lies elsewhere (its tzid, or its kind beside the other bound).
  return timeInRange(t) ? forms : `${name} must be a time in the years ${MIN_YEAR}–${MAX_YEAR} (UTC)`;
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`. */
export function dateToDay(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

/** `YYYY-MM-DD` for a day number since 1970-01-01. */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return dayToDate(dateToDay(date) + days);
}

const zoneCache = new Map<string, boolean>();
const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * True when `tzid` is an IANA zone identifier known to the runtime's tz database, including
 * backward links such as `UTC` and `Europe/Kiev`. Offsets such as `+01:00` are not zone ids.
 */
export function isValidTzid(tzid: unknown): tzid is string {
  if (typeof tzid !== 'string' || !ZONE_NAME_RE.test(tzid)) return false;
  const cached = zoneCache.get(tzid);
  if (cached !== undefined) return cached;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tzid });
    Temporal.Now.instant().toZonedDateTimeISO(tzid);
    ok = true;
  } catch {
    ok = false;
  }
  if (zoneCache.size > 2000) zoneCache.clear();
  zoneCache.set(tzid, ok);
  return ok;
}

/** The instant at which `date` begins (its first moment) in `tzid`. */
export function startOfDay(date: string, tzid: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tzid }).epochMilliseconds;
}

/** The calendar date of instant `ms` in `tzid`. */
export function dateInZone(ms: number, tzid: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tzid).toPlainDate().toString();
}

/** A Duration object (PROTOCOL §2.2) parsed to whole minutes, or an explanation of what is wrong. */
export function parseDuration(value: unknown): { minutes: number } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'must be an object with minutes and/or hours' };
  const v = value as Record<string, unknown>;
  const hasH = v.hours !== undefined;
  const hasM = v.minutes !== undefined;
  if (!hasH && !hasM) return { error: 'must have minutes and/or hours' };
  for (const k of ['hours', 'minutes'] as const) {
    if (v[k] !== undefined && !(Number.isSafeInteger(v[k]) && (v[k] as number) >= 0)) {
      return { error: `${k} must be a non-negative integer` };
    }
  }
  const h = hasH ? (v.hours as number) : 0;
  const m = hasM ? (v.minutes as number) : 0;
  if (hasH && m > 59) return { error: 'minutes must be at most 59 when hours is given' };
  return { minutes: h * 60 + m };
}

/**
 * Parses a Local time `HH:mm` to minutes after midnight. `24:00` (1440) only when `allow24`.
 */
export function parseLocalTime(value: unknown, allow24 = false): number | null {
  if (typeof value !== 'string') return null;
  const m = LOCAL_TIME_RE.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h === 24 && mi === 0 && allow24) return 1440;
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

/** Query-string boolean (PROTOCOL §2.2): true/false in any case, 1/0. */
export function parseQueryBoolean(value: string): boolean | null {
  const v = value.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/**
 * The instant of local wall-clock time `minutes` after midnight of `date` in `tzid`. A time
 * that does not exist (DST gap) moves forward; an ambiguous one takes its first occurrence
 * (RFC 5545 and PROTOCOL §5.7.4). `minutes` may be 1440 (the next day's 00:00).
 */
export function localToInstant(date: string, minutes: number, tzid: string): number {
  const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minutes / 1440) });
  const m = minutes % 1440;
  return day
    .toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 })
    .toZonedDateTime(tzid, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  const d = new Date(dateToDay(date) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}
