/**
 * A managed member's window: the union of its applicable weekly rules, each expanded in its
 * own zone, and all of its stored available periods (PROTOCOL §5.7.4, §9.21).
 */
import { parseLocalTime } from '../time.js';
import type { WeeklyPeriod } from '../types.js';
import { fromPairs, intersectIntervals, rangesToMinutes, unionIntervals } from './intervals.js';
import type { AccountAvailablePeriod, WeeklyRule } from './types.js';
import { instantToLocal, localToInstant, type ZoneTimeline, type ZoneTimelines } from './zone-timeline.js';

const WEEKDAY: Record<WeeklyPeriod['day'], number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/**
 * The weekday of a day number (days since 1970-01-01, a Thursday): 0 for Sunday … 6 for Saturday.
 *
 * @example weekdayOfDay(0) // → 4
 */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Per weekday, the rule's periods as flat local `[startMinute, endMinute, …]` of that day. */
function compileWeeklyPeriods(periods: readonly WeeklyPeriod[]): number[][] {
  const byDay: number[][] = [[], [], [], [], [], [], []];
  for (const p of periods) {
    const s = parseLocalTime(p.startTime);
    const e = parseLocalTime(p.endTime, true);
    if (s === null || e === null) throw new RangeError(`weekly period ${p.day} ${p.startTime}-${p.endTime} is not valid`);
    byDay[WEEKDAY[p.day]]!.push(s, e);
  }
  return byDay;
}

/**
 * Appends a rule's periods that may touch `[lo, hi)` to `out` as flat instant pairs (epoch
 * minutes, unmerged). Each local bound is placed on its own date's offset, so windows keep
 * their wall-clock times across DST changes; `24:00` is 00:00 of the next day.
 *
 * @example expandRule({ tzid: 'Europe/Berlin', weeklyPeriods }, zones.get('Europe/Berlin'), lo, hi, pairs)
 */
export function expandRule(rule: WeeklyRule, zone: ZoneTimeline, lo: number, hi: number, out: number[]): void {
  const byDay = compileWeeklyPeriods(rule.weeklyPeriods);
  // One local day of slack on each side covers periods that straddle the window edges.
  const firstDay = Math.floor(instantToLocal(zone, lo) / 1440) - 1;
  const lastDay = Math.floor(instantToLocal(zone, hi) / 1440) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    const periods = byDay[weekdayOfDay(day)]!;
    const base = day * 1440;
    for (let i = 0; i < periods.length; i += 2) {
      const s = localToInstant(zone, base + periods[i]!);
      const e = localToInstant(zone, base + periods[i + 1]!);
      if (e > s) out.push(s, e);
    }
  }
}

/**
 * The managed window of a member within `[lo, hi)`, as an interval list in epoch minutes.
 * With no rules and no available periods it is empty: the member is never free.
 *
 * @example
 *   managedWindow([{ tzid: 'America/New_York', weeklyPeriods: [{ day: 'monday', startTime: '09:00', endTime: '17:00' }] }],
 *     [], zones, lo, hi);
 */
export function managedWindow(
  rules: readonly WeeklyRule[],
  accountPeriods: readonly AccountAvailablePeriod[],
  zones: ZoneTimelines,
  lo: number,
  hi: number,
): number[] {
  const pairs: number[] = [];
  for (const rule of rules) expandRule(rule, zones.get(rule.tzid), lo, hi, pairs);
  const fromRules = fromPairs(pairs);
  const window = accountPeriods.length > 0 ? unionIntervals(fromRules, rangesToMinutes(accountPeriods, true)) : fromRules;
  return intersectIntervals(window, [lo, hi]);
}
