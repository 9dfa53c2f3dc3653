/**
 * Which days a recurrence rule selects (RFC 5545 §3.3.10): BYMONTH, BYWEEKNO, BYYEARDAY,
 * BYMONTHDAY and BYDAY (with ordinals counted in the month or the year), with the parts the
 * rule leaves out taken from DTSTART. Every part limits; combined with iterating the rule's
 * period this gives the RFC's expand/limit table.
 */
import { dayFromYmd, daysInMonth, daysInYear, weekdayOf, ymdFromDay } from './calendar-math.js';
import type { Rrule } from './parse-rrule.js';

export interface DayFilter {
  /**
   * True when the rule selects `day`, whose calendar date is `y-m-d`. When `usesDate` is false
   * the date is not read (the weekday decides), so callers may pass zeros and save working it out.
   */
  passes(day: number, y: number, m: number, d: number): boolean;
  usesDate: boolean;
  /** BYMONTH after defaults, or null: YEARLY rules iterate only these months. */
  months: number[] | null;
  /** Whether BYYEARDAY or BYWEEKNO is present (YEARLY rules then look at every day). */
  wholeYear: boolean;
}

/** A lookup table for small integers, shifted by `offset` so that negative values fit. */
export function toSet(list: number[] | null, size: number, offset = 0): boolean[] | null {
  if (list === null) return null;
  const set = new Array<boolean>(size).fill(false);
  for (const v of list) set[v + offset] = true;
  return set;
}

function week1Start(y: number, wkst: number): number {
  const jan1 = dayFromYmd(y, 1, 1);
  const off = (weekdayOf(jan1) - wkst + 7) % 7;
  // The first week is the one with at least four days in the year.
  return off <= 3 ? jan1 - off : jan1 - off + 7;
}

/**
 * The day filter of `rule` for a series whose DTSTART falls on `startDay`.
 *
 * @example dayFilterOf(parseRrule('FREQ=MONTHLY;BYDAY=-1FR') as Rrule, dayFromYmd(2026, 1, 5)).passes(dayFromYmd(2026, 1, 30), 2026, 1, 30) === true
 */
export function dayFilterOf(rule: Rrule, startDay: number): DayFilter {
  const freq = rule.freq;
  const s0ymd = ymdFromDay(startDay);
  const wd0 = weekdayOf(startDay);
  // RFC 5545: parts the rule leaves out come from DTSTART.
  let byMonth = rule.byMonth;
  let byMonthDay = rule.byMonthDay;
  let byDay = rule.byDay;
  if (rule.byWeekNo === null && rule.byYearDay === null && byMonthDay === null && byDay === null) {
    if (freq === 'YEARLY') {
      if (byMonth === null) byMonth = [s0ymd.m];
      byMonthDay = [s0ymd.d];
    } else if (freq === 'MONTHLY') byMonthDay = [s0ymd.d];
    else if (freq === 'WEEKLY') byDay = [{ ord: 0, wd: wd0 }];
  } else if (freq === 'YEARLY' && rule.byWeekNo !== null && rule.byYearDay === null && byMonthDay === null && byDay === null) {
    // A week number names seven days; the one meant is DTSTART's weekday.
    byDay = [{ ord: 0, wd: wd0 }];
  }
  const byMonthSet = toSet(byMonth, 13);
  const byMonthDaySet = toSet(byMonthDay, 63, 31);
  const byYearDaySet = toSet(rule.byYearDay, 733, 366);
  const byWeekNoSet = freq === 'YEARLY' ? toSet(rule.byWeekNo, 107, 53) : null;
  const plainDays = new Array<boolean>(7).fill(false);
  const ordDays: { ord: number; wd: number }[] = [];
  // Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH) or the year (YEARLY);
  // in other frequencies, and next to BYWEEKNO, they have no meaning and are read as plain days.
  const frame: 'month' | 'year' | 'none' =
    freq === 'MONTHLY' ? 'month' : freq === 'YEARLY' ? (byMonth !== null ? 'month' : byWeekNoSet !== null ? 'none' : 'year') : 'none';
  if (byDay !== null) {
    for (const bd of byDay) {
      if (bd.ord === 0 || frame === 'none') plainDays[bd.wd] = true;
      else ordDays.push(bd);
    }
  }

  let w1Year = NaN;
  let w1Prev = 0;
  let w1Cur = 0;
  let w1Next = 0;
  let w1After = 0;
  const weekNoMatches = (day: number, y: number): boolean => {
    if (y !== w1Year) {
      w1Year = y;
      w1Prev = week1Start(y - 1, rule.wkst);
      w1Cur = week1Start(y, rule.wkst);
      w1Next = week1Start(y + 1, rule.wkst);
      w1After = week1Start(y + 2, rule.wkst);
    }
    let pos: number;
    let weeks: number;
    if (day < w1Cur) {
      pos = Math.floor((day - w1Prev) / 7) + 1;
      weeks = (w1Cur - w1Prev) / 7;
    } else if (day >= w1Next) {
      pos = Math.floor((day - w1Next) / 7) + 1;
      weeks = (w1After - w1Next) / 7;
    } else {
      pos = Math.floor((day - w1Cur) / 7) + 1;
      weeks = (w1Next - w1Cur) / 7;
    }
    return byWeekNoSet![pos + 53] === true || byWeekNoSet![pos - weeks - 1 + 53] === true;
  };

  const dayPasses = (day: number, y: number, m: number, d: number): boolean => {
    if (byMonthSet !== null && !byMonthSet[m]) return false;
    if (byWeekNoSet !== null && !weekNoMatches(day, y)) return false;
    let yd = 0;
    let ny = 0;
    if (byYearDaySet !== null || (ordDays.length > 0 && frame === 'year')) {
      yd = day - dayFromYmd(y, 1, 1) + 1;
      ny = daysInYear(y);
      if (byYearDaySet !== null && !byYearDaySet[yd + 366] && !byYearDaySet[yd - ny - 1 + 366]) return false;
    }
    if (byMonthDaySet !== null) {
      const dim = daysInMonth(y, m);
      if (!byMonthDaySet[d + 31] && !byMonthDaySet[d - dim - 1 + 31]) return false;
    }
    if (byDay === null) return true;
    const wd = weekdayOf(day);
    if (plainDays[wd]) return true;
    for (const od of ordDays) {
      if (od.wd !== wd) continue;
      const pos = frame === 'month' ? Math.floor((d - 1) / 7) + 1 : Math.floor((yd - 1) / 7) + 1;
      const neg = frame === 'month' ? -(Math.floor((daysInMonth(y, m) - d) / 7) + 1) : -(Math.floor((ny - yd) / 7) + 1);
      if (od.ord === pos || od.ord === neg) return true;
    }
    return false;
  };
  // The date matters only to these parts; plain weekly and daily rules look at the weekday alone.
  const usesDate = byMonthSet !== null || byWeekNoSet !== null || byYearDaySet !== null || byMonthDaySet !== null || ordDays.length > 0;

  return { passes: dayPasses, usesDate, months: byMonth, wholeYear: byYearDaySet !== null || byWeekNoSet !== null };
}
