/**
 * Proleptic Gregorian calendar arithmetic on plain integers. Wall-clock times are carried as
 * "local milliseconds": the epoch milliseconds the same wall-clock reading would have in UTC.
 * Nothing here depends on the host's time zone.
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

export interface Ymd {
  y: number;
  /** 1–12 */
  m: number;
  /** 1–31 */
  d: number;
}

/**
 * Days since 1970-01-01 of a calendar date (month 1–12). Valid for any year.
 *
 * @example dayFromYmd(1970, 1, 2) === 1
 */
export function dayFromYmd(y: number, m: number, d: number): number {
  // Civil-to-days on a March-based year, so the leap day is the last day of the year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number (days since 1970-01-01).
 *
 * @example ymdFromDay(0) // { y: 1970, m: 1, d: 1 }
 */
export function ymdFromDay(day: number): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number of the local-milliseconds value (floor). */
export function dayOfLocal(localMs: number): number {
  return Math.floor(localMs / DAY_MS);
}

/**
 * Local milliseconds of a wall-clock reading.
 *
 * @example localMsOf(1970, 1, 1, 1, 0, 0) === 3_600_000
 */
export function localMsOf(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number {
  return dayFromYmd(y, m, d) * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS;
}

/** `YYYY-MM-DD` of a day number (years 0–9999). */
export function isoDateOfDay(day: number): string {
  const { y, m, d } = ymdFromDay(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** `YYYYMMDD` of a day number, the iCalendar DATE form. */
export function icsDateOfDay(day: number): string {
  const { y, m, d } = ymdFromDay(day);
  return `${String(y).padStart(4, '0')}${m < 10 ? '0' : ''}${m}${d < 10 ? '0' : ''}${d}`;
}

/** `YYYYMMDDTHHMMSSZ` of an instant, the iCalendar UTC DATE-TIME form. */
export function icsUtcOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const sod = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(sod / 3600);
  const mi = Math.floor((sod % 3600) / 60);
  const s = sod % 60;
  const two = (n: number): string => (n < 10 ? '0' : '') + n;
  return `${icsDateOfDay(day)}T${two(h)}${two(mi)}${two(s)}Z`;
}
