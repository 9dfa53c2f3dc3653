/**
 * Calendar and time-zone helpers for the browser, built on `Intl` only (no polyfill).
 * Instants are epoch milliseconds; calendar dates are `YYYY-MM-DD` strings, which compare
 * correctly as text.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is a zone `Intl` knows, for example `Europe/Kiev` or `UTC`. */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    partsFormat(tz);
    return true;
  } catch {
    return false;
  }
}

/** The browser's zone, or `UTC` when it cannot be read. */
export function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function partsFormat(tz: string): Intl.DateTimeFormat {
  let f = partFormats.get(tz);
  if (!f) {
    // en-US with h23 gives plain ASCII digits in a fixed order whatever the page locale.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of instant `ms` in zone `tz` (month 1–12). */
export function wallClock(ms: number, tz: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const out: Record<string, number> = {};
  for (const p of partsFormat(tz).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { y: out.year ?? 1970, m: out.month ?? 1, d: out.day ?? 1, h: (out.hour ?? 0) % 24, mi: out.minute ?? 0, s: out.second ?? 0 };
}

/** Offset of zone `tz` from UTC at instant `ms`, in milliseconds (east positive). */
export function zoneOffset(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const wallAsUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar date of instant `ms` in `tz`. */
export function dateInZone(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/** Parses `YYYY-MM-DD` to UTC-midnight ms, or null when it is not a real date. */
export function parseDateOnly(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value ? ms : null;
}

/** Parses a wire Time (`YYYY-MM-DDTHH:mm:ssZ`, or with an offset) to ms, or null. */
export function parseWireTime(value: unknown): number | null {
  if (typeof value !== 'string' || !TIME_RE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Adds whole days to a `YYYY-MM-DD` date (no zone involved). */
export function addDays(date: string, days: number): string {
  const ms = parseDateOnly(date) ?? 0;
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from date `a` to date `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round(((parseDateOnly(b) ?? 0) - (parseDateOnly(a) ?? 0)) / DAY_MS);
}

/**
 * The instant of local wall time `minutes` after midnight on `date` in `tz`. A time skipped
 * by a DST gap resolves to the same wall time under the earlier offset (like `Temporal`'s
 * "compatible" disambiguation): 02:30 on a spring-forward day becomes 03:30.
 */
export function wallTimeToInstant(date: string, minutes: number, tz: string): number {
  const local = (parseDateOnly(date) ?? 0) + minutes * 60_000;
  const before = zoneOffset(local - DAY_MS / 2, tz);
  const after = zoneOffset(local + DAY_MS / 2, tz);
  const t1 = local - after;
  if (zoneOffset(t1, tz) === after && before === after) return t1;
  const t0 = local - before;
  // Of the candidates, prefer the earlier one that round-trips; in a gap neither does.
  if (zoneOffset(t0, tz) === before) return t0;
  if (zoneOffset(t1, tz) === after) return t1;
  return t0;
}

/**
 * The first instant of calendar date `date` in `tz`. When midnight falls in a DST gap the
 * day starts at the transition; when it is repeated, at its first occurrence.
 *
 * @example startOfDay('2026-03-08', 'America/New_York') === Date.UTC(2026, 2, 8, 5)
 */
export function startOfDay(date: string, tz: string): number {
  return wallTimeToInstant(date, 0, tz);
}

/** `[start, end)` of calendar date `date` in `tz`: 23, 24 or 25 hours around DST changes. */
export function dayBounds(date: string, tz: string): [number, number] {
  return [startOfDay(date, tz), startOfDay(addDays(date, 1), tz)];
}

/** The local calendar date of a JS Date (what `new Date(2026, 2, 8)` means to its author). */
export function localDateOf(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A calendar date as a Date at UTC noon, for formatting with `timeZone: 'UTC'`. */
export function dateAsUtcNoon(date: string): Date {
  return new Date((parseDateOnly(date) ?? 0) + DAY_MS / 2);
}

/**
 * Reads a date option (`start_date`, `selected_date`) as `YYYY-MM-DD`: a Date means its local
 * calendar date (what `new Date(2026, 2, 8)` says to its author), a `YYYY-MM-DD` string is
 * taken as is, other strings are parsed as a Date. Null when unusable.
 */
export function parseDateOption(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : localDateOf(value);
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return parseDateOnly(value) === null ? null : value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : localDateOf(new Date(ms));
}
