/**
 * RRULE values (RFC 5545 §3.3.10) to a checked rule object. Unknown parts are ignored, names and
 * values are case-insensitive; out-of-range numbers make the whole rule invalid.
 */
import { parseIcsTime, type IcsTime } from './ics-time.js';

export type Freq = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const FREQS: readonly Freq[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

/** A BYDAY entry: weekday 0 = Monday … 6 = Sunday, `ord` 0 when no ordinal was given. */
export interface ByDay {
  ord: number;
  wd: number;
}

export interface Rrule {
  freq: Freq;
  interval: number;
  count: number | null;
  until: IcsTime | null;
  bySecond: number[] | null;
  byMinute: number[] | null;
  byHour: number[] | null;
  byDay: ByDay[] | null;
  byMonthDay: number[] | null;
  byYearDay: number[] | null;
  byWeekNo: number[] | null;
  byMonth: number[] | null;
  bySetPos: number[] | null;
  /** 0 = Monday … 6 = Sunday */
  wkst: number;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function intList(v: string, min: number, max: number, allowNegative: boolean): number[] | string {
  const out: number[] = [];
  for (const part of v.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    if (!/^[+-]?\d{1,4}$/.test(p)) return `"${p}" is not an integer`;
    const n = Number(p);
    const a = Math.abs(n);
    if (n === 0 && min > 0) return `0 is not allowed`;
    if ((n < 0 && !allowNegative) || a < min || a > max) return `${p} is out of range`;
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Parses an RRULE (or EXRULE) value.
 *
 * @example parseRrule('FREQ=WEEKLY;BYDAY=MO,-1FR;COUNT=3')
 *   // { freq: 'WEEKLY', interval: 1, count: 3, byDay: [{ ord: 0, wd: 0 }, { ord: -1, wd: 4 }], wkst: 0, … }
 */
export function parseRrule(value: string): Rrule | { error: string } {
  const rule: Rrule = {
    freq: 'DAILY',
    interval: 1,
    count: null,
    until: null,
    bySecond: null,
    byMinute: null,
    byHour: null,
    byDay: null,
    byMonthDay: null,
    byYearDay: null,
    byWeekNo: null,
    byMonth: null,
    bySetPos: null,
    wkst: 0,
  };
  let freq: Freq | null = null;
  const text = value.trim().replace(/^RRULE:/i, '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toUpperCase();
    const v = part.slice(eq + 1).trim();
    if (v === '') continue;
    const list = (min: number, max: number, neg: boolean): number[] | null | { error: string } => {
      const r = intList(v, min, max, neg);
      if (typeof r === 'string') return { error: `${key}: ${r}` };
      return r.length === 0 ? null : r;
    };
    let got: number[] | null | { error: string } = null;
    switch (key) {
      case 'FREQ': {
        const f = v.toUpperCase() as Freq;
        if (!FREQS.includes(f)) return { error: `FREQ=${v} is not a frequency` };
        freq = f;
        continue;
      }
      case 'INTERVAL': {
        const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
        if (!Number.isFinite(n)) return { error: `INTERVAL=${v} is not a positive integer` };
        // INTERVAL=0 is meaningless; producers that write it mean the default.
        rule.interval = Math.max(1, n);
        continue;
      }
      case 'COUNT': {
        // Any number of digits: a COUNT past what the limits let a series reach (2^53, say)
        // ends it as surely as no end at all, and the work budget bounds the counting.
        const n = /^\+?\d+$/.test(v) ? Math.min(Number(v), Number.MAX_SAFE_INTEGER) : NaN;
        if (!(n >= 1)) return { error: `COUNT=${v} is not a positive integer` };
        rule.count = n;
        continue;
      }
      case 'UNTIL': {
        const t = parseIcsTime(v, null);
        if (t === null) return { error: `UNTIL=${v} is not a date or date-time` };
        rule.until = t;
        continue;
      }
      case 'WKST': {
        const wd = WEEKDAYS.indexOf(v.toUpperCase() as (typeof WEEKDAYS)[number]);
        if (wd < 0) return { error: `WKST=${v} is not a weekday` };
        rule.wkst = wd;
        continue;
      }
      case 'BYDAY': {
        const days: ByDay[] = [];
        for (const item of v.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(item.trim());
          if (m === null) return { error: `BYDAY: "${item}" is not a weekday` };
          const ord = m[1] === undefined ? 0 : Number(m[1]);
          if (Math.abs(ord) > 53) return { error: `BYDAY: ${item} is out of range` };
          const wd = WEEKDAYS.indexOf(m[2]!.toUpperCase() as (typeof WEEKDAYS)[number]);
          if (!days.some((d) => d.ord === ord && d.wd === wd)) days.push({ ord, wd });
        }
        rule.byDay = days.length === 0 ? null : days;
        continue;
      }
      case 'BYSECOND':
        got = list(0, 60, false);
        if (got !== null && !Array.isArray(got)) return got;
        // Second 60 (a leap second) is read as 59, as DATE-TIME values are.
        rule.bySecond = got === null ? null : [...new Set(got.map((s) => Math.min(s, 59)))];
        continue;
      case 'BYMINUTE':
        got = list(0, 59, false);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byMinute = got;
        continue;
      case 'BYHOUR':
        got = list(0, 23, false);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byHour = got;
        continue;
      case 'BYMONTHDAY':
        got = list(1, 31, true);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byMonthDay = got;
        continue;
      case 'BYYEARDAY':
        got = list(1, 366, true);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byYearDay = got;
        continue;
      case 'BYWEEKNO':
        got = list(1, 53, true);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byWeekNo = got;
        continue;
      case 'BYMONTH':
        got = list(1, 12, false);
        if (got !== null && !Array.isArray(got)) return got;
        rule.byMonth = got;
        continue;
      case 'BYSETPOS':
        got = list(1, 366, true);
        if (got !== null && !Array.isArray(got)) return got;
        rule.bySetPos = got;
        continue;
      case 'RSCALE':
        if (v.toUpperCase() !== 'GREGORIAN') return { error: `RSCALE=${v} is not supported` };
        continue;
      default:
        continue;
    }
  }
  if (freq === null) return { error: 'FREQ is missing' };
  rule.freq = freq;
  return rule;
}
