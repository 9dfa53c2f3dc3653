/**
 * Small option checks shared by several elements (weekdays, `HH:mm`, `locale_modifiers`).
 */
import { isObject } from './json.js';
import { oneOf, show, type Report } from './report.js';

/** Weekday names accepted by `week_start_day` and weekly periods. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after midnight of a strict `HH:mm` (and `24:00` when `allow24`), or null. */
export function parseHHMM(value: unknown, allow24 = false): number | null {
  if (value === '24:00' && allow24) return 1440;
  if (typeof value !== 'string' || !HHMM_RE.test(value)) return null;
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3));
}

/** Checks an enumerated `config` key: fatal or a warning, with the default used otherwise. */
export function checkEnum<T extends string>(
  config: Record<string, unknown>,
  key: string,
  values: readonly T[],
  fallback: T,
  report: Report,
  fatal: boolean,
): T {
  const v = config[key];
  if (v === undefined) return fallback;
  if ((values as readonly unknown[]).includes(v)) return v as T;
  const msg = `${show(v)} ${oneOf(values)}`;
  if (fatal) report.error(`config.${key}`, msg);
  else report.warn(`config.${key} ${msg}: using ${fallback}`);
  return fallback;
}

/**
 * `locale_modifiers` (§6.3): only the Japanese western-date modifier is recognised, as
 * `{ ja: { dates: 'western' } }` or `{ ja: { dates: { western: true } } }`.
 */
export function checkLocaleModifiers(value: unknown, report: Report): void {
  if (value === undefined) return;
  const ja = isObject(value) ? value.ja : undefined;
  const dates = isObject(ja) ? ja.dates : undefined;
  const known = Object.keys(isObject(value) ? value : {}).every((k) => k === 'ja');
  if (known && (dates === 'western' || (isObject(dates) && dates.western === true))) return;
  report.warn(`locale_modifiers ${show(value)} is not recognised: only { "ja": { "dates": "western" } } is supported`);
}
