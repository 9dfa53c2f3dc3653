import { describe, expect, it } from 'vitest';
import { MINUTE_MS, formatTime } from '../time.js';
import { minutesToRanges } from './intervals.js';
import { managedWindow, weekdayOfDay } from './managed-window.js';
import { at, rule } from './test-helpers.js';
import type { AccountAvailablePeriod, WeeklyRule } from './types.js';
import { ZoneTimelines } from './zone-timeline.js';

function windowOf(rules: WeeklyRule[], from: string, to: string, periods: AccountAvailablePeriod[] = []): [string, string][] {
  const lo = at(from) / MINUTE_MS;
  const hi = at(to) / MINUTE_MS;
  const zones = new ZoneTimelines(lo - 4320, hi + 4320);
  return minutesToRanges(managedWindow(rules, periods, zones, lo, hi)).map((r) => [formatTime(r.start), formatTime(r.end)]);
}

describe('weekdayOfDay', () => {
  it('counts Sunday as 0', () => {
    expect(weekdayOfDay(0)).toBe(4); // 1970-01-01, a Thursday
    expect(weekdayOfDay(-1)).toBe(3);
    expect(weekdayOfDay(Date.UTC(2026, 5, 7) / 86_400_000)).toBe(0); // a Sunday
  });
});

describe('weekly rules', () => {
  it.each<{ name: string; rules: WeeklyRule[]; from: string; to: string; out: [string, string][] }>([
    {
      name: '24:00 is 00:00 of the next day and joins the next day’s 00:00 start',
      rules: [rule('Etc/UTC', ['mon'], '22:00', '24:00'), rule('Etc/UTC', ['tue'], '00:00', '02:00')],
      from: '2026-06-01T00:00:00Z',
      to: '2026-06-03T00:00:00Z',
      out: [['2026-06-01T22:00:00Z', '2026-06-02T02:00:00Z']],
    },
    {
      name: 'a whole day 00:00–24:00 on the Berlin spring-forward Sunday is 23 hours',
      rules: [rule('Europe/Berlin', ['sun'], '00:00', '24:00')],
      from: '2026-03-28T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      out: [['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z']],
    },
    {
      name: 'overlapping and repeated periods are a union',
      rules: [
        {
          tzid: 'Etc/UTC',
          weeklyPeriods: [
            { day: 'monday', startTime: '09:00', endTime: '12:00' },
            { day: 'monday', startTime: '11:00', endTime: '14:00' },
            { day: 'monday', startTime: '11:00', endTime: '14:00' },
            { day: 'monday', startTime: '15:00', endTime: '16:00' },
          ],
        },
      ],
      from: '2026-06-01T00:00:00Z',
      to: '2026-06-02T00:00:00Z',
      out: [
        ['2026-06-01T09:00:00Z', '2026-06-01T14:00:00Z'],
        ['2026-06-01T15:00:00Z', '2026-06-01T16:00:00Z'],
      ],
    },
    {
      name: 'overlapping rules in different zones are a union',
      rules: [rule('Europe/Berlin', ['mon'], '09:00', '17:00'), rule('Europe/London', ['mon'], '09:00', '17:00')],
      from: '2026-06-01T00:00:00Z',
      to: '2026-06-02T00:00:00Z',
      out: [['2026-06-01T07:00:00Z', '2026-06-01T16:00:00Z']],
    },
    {
      name: 'Asia/Kolkata (+05:30)',
      rules: [rule('Asia/Kolkata', ['mon'], '09:00', '17:00')],
      from: '2026-06-01T00:00:00Z',
      to: '2026-06-02T00:00:00Z',
      out: [['2026-06-01T03:30:00Z', '2026-06-01T11:30:00Z']],
    },
    {
      name: 'a night shift crossing midnight, split over two days',
      rules: [{ tzid: 'America/New_York', weeklyPeriods: [{ day: 'friday', startTime: '22:00', endTime: '24:00' }, { day: 'saturday', startTime: '00:00', endTime: '06:00' }] }],
      from: '2026-06-05T00:00:00Z',
      to: '2026-06-07T00:00:00Z',
      out: [['2026-06-06T02:00:00Z', '2026-06-06T10:00:00Z']],
    },
  ])('$name', ({ rules, from, to, out }) => {
    expect(windowOf(rules, from, to)).toEqual(out);
  });
});

describe('rules across the 2026 DST transitions', () => {
  it.each<{ tz: string; day: string; hours: [string, string]; from: string; to: string; out: [string, string][] }>([
    // Europe/Berlin: spring forward 2026-03-29 02:00 → 03:00; fall back 2026-10-25 03:00 → 02:00.
    { tz: 'Europe/Berlin', day: 'sun', hours: ['01:00', '04:00'], from: '2026-03-28T12:00:00Z', to: '2026-03-30T00:00:00Z', out: [['2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z']] },
    { tz: 'Europe/Berlin', day: 'sun', hours: ['02:30', '05:00'], from: '2026-03-28T12:00:00Z', to: '2026-03-30T00:00:00Z', out: [['2026-03-29T01:30:00Z', '2026-03-29T03:00:00Z']] },
    { tz: 'Europe/Berlin', day: 'sun', hours: ['01:00', '04:00'], from: '2026-10-24T12:00:00Z', to: '2026-10-26T00:00:00Z', out: [['2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z']] },
    { tz: 'Europe/Berlin', day: 'sun', hours: ['02:30', '03:30'], from: '2026-10-24T12:00:00Z', to: '2026-10-26T00:00:00Z', out: [['2026-10-25T00:30:00Z', '2026-10-25T02:30:00Z']] },
    { tz: 'Europe/Berlin', day: 'mon', hours: ['09:00', '17:00'], from: '2026-03-23T00:00:00Z', to: '2026-04-01T00:00:00Z', out: [['2026-03-23T08:00:00Z', '2026-03-23T16:00:00Z'], ['2026-03-30T07:00:00Z', '2026-03-30T15:00:00Z']] },
    // America/New_York: spring forward 2026-03-08 02:00 → 03:00; fall back 2026-11-01 02:00 → 01:00.
    { tz: 'America/New_York', day: 'sun', hours: ['01:00', '04:00'], from: '2026-03-08T00:00:00Z', to: '2026-03-09T00:00:00Z', out: [['2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z']] },
    { tz: 'America/New_York', day: 'sun', hours: ['02:00', '02:30'], from: '2026-03-08T00:00:00Z', to: '2026-03-09T00:00:00Z', out: [['2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z']] },
    { tz: 'America/New_York', day: 'sun', hours: ['01:00', '03:00'], from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', out: [['2026-11-01T05:00:00Z', '2026-11-01T08:00:00Z']] },
    { tz: 'America/New_York', day: 'sun', hours: ['01:30', '02:00'], from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', out: [['2026-11-01T05:30:00Z', '2026-11-01T07:00:00Z']] },
    // Australia/Sydney: fall back 2026-04-05 03:00 → 02:00; spring forward 2026-10-04 02:00 → 03:00.
    { tz: 'Australia/Sydney', day: 'sun', hours: ['01:00', '04:00'], from: '2026-04-04T00:00:00Z', to: '2026-04-05T12:00:00Z', out: [['2026-04-04T14:00:00Z', '2026-04-04T18:00:00Z']] },
    { tz: 'Australia/Sydney', day: 'sun', hours: ['01:00', '04:00'], from: '2026-10-03T00:00:00Z', to: '2026-10-04T12:00:00Z', out: [['2026-10-03T15:00:00Z', '2026-10-03T17:00:00Z']] },
    { tz: 'Australia/Sydney', day: 'sun', hours: ['02:15', '02:45'], from: '2026-10-03T00:00:00Z', to: '2026-10-04T12:00:00Z', out: [['2026-10-03T16:15:00Z', '2026-10-03T16:45:00Z']] },
    {
      tz: 'Australia/Sydney',
      day: 'mon',
      hours: ['09:00', '17:00'],
      from: '2026-03-29T00:00:00Z',
      to: '2026-04-07T00:00:00Z',
      out: [
        ['2026-03-29T22:00:00Z', '2026-03-30T06:00:00Z'],
        ['2026-04-05T23:00:00Z', '2026-04-06T07:00:00Z'],
      ],
    },
  ])('$tz $day $hours within $from', ({ tz, day, hours, from, to, out }) => {
    expect(windowOf([rule(tz, [day], hours[0], hours[1])], from, to)).toEqual(out);
  });
});

describe('account available periods', () => {
  it('join the rules', () => {
    expect(
      windowOf([rule('Etc/UTC', ['mon'], '09:00', '10:00')], '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z', [
        { start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z') },
        { start: at('2026-06-02T13:00:30Z'), end: at('2026-06-02T14:00:00Z') },
      ]),
    ).toEqual([
      ['2026-06-01T09:00:00Z', '2026-06-01T11:00:00Z'],
      ['2026-06-02T13:01:00Z', '2026-06-02T14:00:00Z'],
    ]);
  });

  it('with neither rules nor periods the window is empty', () => {
    expect(windowOf([], '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z')).toEqual([]);
    expect(windowOf([{ tzid: 'Etc/UTC', weeklyPeriods: [] }], '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z')).toEqual([]);
  });

  it('is clipped to the window asked for', () => {
    expect(windowOf([rule('Etc/UTC', ['mon'], '09:00', '17:00')], '2026-06-01T10:00:00Z', '2026-06-01T12:00:00Z')).toEqual([
      ['2026-06-01T10:00:00Z', '2026-06-01T12:00:00Z'],
    ]);
  });
});
