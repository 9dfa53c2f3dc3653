import { describe, expect, it } from 'vitest';
import { MINUTE_MS, formatTime } from '../time.js';
import { busyBlocks, eventBlocks } from './busy-blocks.js';
import { minutesToRanges } from './intervals.js';
import { allDay, at, timed } from './test-helpers.js';
import type { BusyEvent } from './types.js';
import { zoneTimeline } from './zone-timeline.js';

const LO = at('2026-01-01T00:00:00Z') / MINUTE_MS;
const HI = at('2027-01-01T00:00:00Z') / MINUTE_MS;

function blocks(events: BusyEvent[], zoneinfo = 'Etc/UTC', lo = LO, hi = HI): [string, string][] {
  return minutesToRanges(busyBlocks(events, zoneTimeline(zoneinfo, lo - 4320, hi + 4320), lo, hi)).map((r) => [formatTime(r.start), formatTime(r.end)]);
}

const base = timed('e', '2026-06-01T09:00:00Z', '2026-06-01T10:00:00Z');

describe('which events block', () => {
  it.each<{ name: string; extra: Partial<BusyEvent>; blocks: boolean }>([
    { name: 'an ordinary event', extra: {}, blocks: true },
    { name: 'a deleted event', extra: { deleted: true }, blocks: false },
    { name: 'a cancelled event', extra: { status: 'cancelled' }, blocks: false },
    { name: 'a transparent event', extra: { transparency: 'transparent' }, blocks: false },
    { name: 'a declined event', extra: { participationStatus: 'declined' }, blocks: false },
    { name: 'a tentative event', extra: { status: 'tentative' }, blocks: true },
    { name: 'an event of unknown transparency', extra: { transparency: 'unknown' }, blocks: true },
    { name: 'an event awaiting a reply', extra: { participationStatus: 'needs_action' }, blocks: true },
    { name: 'a tentatively accepted event', extra: { participationStatus: 'tentative' }, blocks: true },
    { name: 'an event of unknown participation', extra: { participationStatus: 'unknown' }, blocks: true },
    { name: 'a private event', extra: { eventPrivate: true }, blocks: true },
    { name: 'a transparent all-day event', extra: { transparency: 'transparent', start: { kind: 'date', date: '2026-06-01' }, end: { kind: 'date', date: '2026-06-02' } }, blocks: false },
  ])('$name blocks: $blocks', ({ extra, blocks: want }) => {
    const e = { ...base, ...extra };
    expect(eventBlocks(e)).toBe(want);
    expect(blocks([e]).length > 0).toBe(want);
  });
});

describe('which minutes block', () => {
  it.each<{ name: string; events: BusyEvent[]; zone?: string; out: [string, string][] }>([
    {
      name: 'timed events, merged when they overlap or touch',
      events: [
        timed('a', '2026-06-01T09:00:00Z', '2026-06-01T10:00:00Z'),
        timed('b', '2026-06-01T10:00:00Z', '2026-06-01T10:30:00Z'),
        timed('c', '2026-06-01T09:15:00Z', '2026-06-01T09:45:00Z'),
        timed('d', '2026-06-01T12:00:00Z', '2026-06-01T13:00:00Z'),
      ],
      out: [
        ['2026-06-01T09:00:00Z', '2026-06-01T10:30:00Z'],
        ['2026-06-01T12:00:00Z', '2026-06-01T13:00:00Z'],
      ],
    },
    {
      name: 'seconds round outwards',
      events: [timed('a', '2026-06-01T09:00:30Z', '2026-06-01T09:10:01Z')],
      out: [['2026-06-01T09:00:00Z', '2026-06-01T09:11:00Z']],
    },
    { name: 'an empty event blocks nothing', events: [timed('a', '2026-06-01T09:00:00Z', '2026-06-01T09:00:00Z')], out: [] },
    { name: 'an empty event with seconds blocks nothing', events: [timed('a', '2026-06-01T09:00:30Z', '2026-06-01T09:00:30Z')], out: [] },
    { name: 'an event ending before it starts blocks nothing', events: [timed('a', '2026-06-01T10:00:00Z', '2026-06-01T09:00:00Z')], out: [] },
    {
      name: 'all-day in UTC',
      events: [allDay('a', '2026-06-01', '2026-06-02')],
      out: [['2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z']],
    },
    {
      name: 'all-day in Asia/Kolkata (+05:30)',
      zone: 'Asia/Kolkata',
      events: [allDay('a', '2026-06-01', '2026-06-02')],
      out: [['2026-05-31T18:30:00Z', '2026-06-01T18:30:00Z']],
    },
    {
      name: 'all-day in Pacific/Auckland (+12)',
      zone: 'Pacific/Auckland',
      events: [allDay('a', '2026-06-01', '2026-06-03')],
      out: [['2026-05-31T12:00:00Z', '2026-06-02T12:00:00Z']],
    },
    {
      name: 'all-day on the New York spring-forward day lasts 23 hours',
      zone: 'America/New_York',
      events: [allDay('a', '2026-03-08', '2026-03-09')],
      out: [['2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z']],
    },
    {
      name: 'all-day on the Berlin fall-back day lasts 25 hours',
      zone: 'Europe/Berlin',
      events: [allDay('a', '2026-10-25', '2026-10-26')],
      out: [['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z']],
    },
    {
      name: 'all-day next to a timed event in the account zone',
      zone: 'America/Los_Angeles',
      events: [allDay('a', '2026-10-14', '2026-10-15'), timed('b', '2026-10-15T06:00:00Z', '2026-10-15T08:00:00Z')],
      out: [['2026-10-14T07:00:00Z', '2026-10-15T08:00:00Z']],
    },
  ])('$name', ({ events, zone, out }) => {
    expect(blocks(events, zone)).toEqual(out);
  });

  it('clips to the window, also for long all-day events', () => {
    const lo = at('2026-06-10T00:00:00Z') / MINUTE_MS;
    const hi = at('2026-06-12T00:00:00Z') / MINUTE_MS;
    expect(blocks([allDay('a', '2025-01-01', '2027-01-01'), timed('b', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')], 'Europe/Berlin', lo, hi)).toEqual([
      ['2026-06-10T00:00:00Z', '2026-06-12T00:00:00Z'],
    ]);
  });
});
