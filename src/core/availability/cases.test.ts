/**
 * Cases drawn from public bug reports about time zones, DST, buffers and grids, written in a
 * neutral query shape and mapped onto the engine here. Inputs and expected values are copied
 * verbatim; each case's whole class of fault is also covered by the table tests elsewhere.
 *
 * Mapping: one managed member whose zone is `timeZone`, with one rule per neutral rule in that
 * zone; `busy` intervals become opaque events; `startInterval` counts from 00:00Z (all zones
 * here have whole-hour offsets, so this is also the local grid); `now` plus
 * `minNoticeMinutes` is the engine's `now`, and without `now` the clock is set before the
 * query; `slots` are `overlapping_slots`, `available_periods` are `periods`.
 */
import { describe, expect, it } from 'vitest';
import { busyBlocks } from './busy-blocks.js';
import { computeAvailability } from './compute-availability.js';
import { intersectIntervals, minutesToRanges, rangesToMinutes } from './intervals.js';
import { managedWindow } from './managed-window.js';
import { createFreeTimeContext } from './member-free-time.js';
import { allDay, at, member, rule, spans, starts, timed } from './test-helpers.js';
import type { AvailabilityQuery, BusyEvent } from './types.js';
import { formatTime, MINUTE_MS } from '../time.js';

interface NeutralQuery {
  timeZone: string;
  rules: { days: string[]; start: string; end: string }[];
  duration?: number;
  startInterval?: number;
  buffer?: { before: number; after: number };
  busy?: { start: string; end: string }[];
  queryPeriod: { start: string; end: string };
  now?: string;
  minNoticeMinutes?: number;
  output?: 'available_periods';
}

/** Before every query period of these cases. */
const EARLY_NOW = at('2026-01-01T00:00:00Z');

function toEngine(q: NeutralQuery, events: BusyEvent[] = []): AvailabilityQuery {
  const busy = (q.busy ?? []).map((b, i) => timed(`busy${i}`, b.start, b.end));
  return {
    groups: [
      {
        required: 'all',
        members: [
          member('owner', {
            zoneinfo: q.timeZone,
            events: [...busy, ...events],
            managedAvailability: true,
            rules: q.rules.map((r) => rule(q.timeZone, r.days, r.start, r.end)),
          }),
        ],
      },
    ],
    // Periods need a duration; an hour is shorter than every window of these cases.
    requiredDuration: q.duration ?? 60,
    startInterval: q.startInterval,
    buffer: q.buffer,
    queryPeriods: [{ start: at(q.queryPeriod.start), end: at(q.queryPeriod.end) }],
    responseFormat: q.output === 'available_periods' ? 'periods' : 'overlapping_slots',
    now: q.now !== undefined ? at(q.now) + (q.minNoticeMinutes ?? 0) * MINUTE_MS : EARLY_NOW,
  };
}

describe('availability cases from bug reports', () => {
  it('BUG-015: transparent events do not block', () => {
    const query: NeutralQuery = {
      timeZone: 'Europe/Berlin',
      rules: [{ days: ['wed'], start: '09:00', end: '12:00' }],
      duration: 60,
      startInterval: 60,
      queryPeriod: { start: '2026-06-10T00:00:00Z', end: '2026-06-11T00:00:00Z' },
    };
    // The case's ICS: bug015a 09:00–10:00 Europe/Berlin TRANSP:TRANSPARENT; bug015b 10:00–11:00
    // Europe/Berlin without TRANSP (opaque). CEST is UTC+2.
    const events = [
      timed('bug015a@test', '2026-06-10T07:00:00Z', '2026-06-10T08:00:00Z', { transparency: 'transparent', summary: 'Focus reminder (free)' }),
      timed('bug015b@test', '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z', { summary: 'Meeting (no TRANSP = OPAQUE)' }),
    ];
    expect(starts(computeAvailability(toEngine(query, events)).items)).toEqual(['2026-06-10T07:00:00Z', '2026-06-10T09:00:00Z']);
  });

  it('BUG-016: an opaque all-day event blocks the whole local day; a transparent one does not', () => {
    const query: NeutralQuery = {
      timeZone: 'America/Los_Angeles',
      rules: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
      duration: 60,
      startInterval: 60,
      queryPeriod: { start: '2026-10-13T07:00:00Z', end: '2026-10-16T07:00:00Z' },
    };
    // The case's ICS: bug016a VALUE=DATE 20261014–20261015 OPAQUE; bug016b 20261015–20261016 TRANSPARENT.
    const a = allDay('bug016a@test', '2026-10-14', '2026-10-15', { summary: 'Offsite' });
    const b = allDay('bug016b@test', '2026-10-15', '2026-10-16', { transparency: 'transparent', summary: 'Colleague birthday' });

    const lo = at('2026-10-01T00:00:00Z') / MINUTE_MS;
    const hi = at('2026-11-01T00:00:00Z') / MINUTE_MS;
    const ctx = createFreeTimeContext(lo, hi, 0);
    const blocked = minutesToRanges(busyBlocks([a], ctx.zones.get('America/Los_Angeles'), lo, hi));
    expect(blocked.map((r) => [formatTime(r.start), formatTime(r.end)])).toEqual([['2026-10-14T07:00:00Z', '2026-10-15T07:00:00Z']]);

    const items = computeAvailability(toEngine(query, [a, b])).items;
    expect(starts(items)).toEqual([
      '2026-10-13T16:00:00Z',
      '2026-10-13T17:00:00Z',
      '2026-10-13T18:00:00Z',
      '2026-10-13T19:00:00Z',
      '2026-10-13T20:00:00Z',
      '2026-10-13T21:00:00Z',
      '2026-10-13T22:00:00Z',
      '2026-10-13T23:00:00Z',
      '2026-10-15T16:00:00Z',
      '2026-10-15T17:00:00Z',
      '2026-10-15T18:00:00Z',
      '2026-10-15T19:00:00Z',
      '2026-10-15T20:00:00Z',
      '2026-10-15T21:00:00Z',
      '2026-10-15T22:00:00Z',
      '2026-10-15T23:00:00Z',
    ]);
    // slot_count_on_2026-10-14_local: 0 (Oct 14 in Los Angeles is 07:00Z–07:00Z).
    expect(items.filter((i) => i.start >= at('2026-10-14T07:00:00Z') && i.start < at('2026-10-15T07:00:00Z'))).toHaveLength(0);
  });

  it('BUG-017: afternoon windows on the US spring-forward day use their own offset', () => {
    const query: NeutralQuery = {
      timeZone: 'America/New_York',
      rules: [{ days: ['sat', 'sun', 'mon'], start: '13:00', end: '18:00' }],
      duration: 60,
      startInterval: 60,
      queryPeriod: { start: '2026-03-07T05:00:00Z', end: '2026-03-10T04:00:00Z' },
    };
    const engine = toEngine(query);
    const q = rangesToMinutes(engine.queryPeriods ?? [], true);
    const ctx = createFreeTimeContext(q[0]!, q[q.length - 1]!, 0);
    const window = intersectIntervals(managedWindow(engine.groups[0]!.members[0]!.rules ?? [], [], ctx.zones, ctx.lo, ctx.hi), q);
    expect(minutesToRanges(window).map((r) => [formatTime(r.start), formatTime(r.end)])).toEqual([
      ['2026-03-07T18:00:00Z', '2026-03-07T23:00:00Z'],
      ['2026-03-08T17:00:00Z', '2026-03-08T22:00:00Z'],
      ['2026-03-09T17:00:00Z', '2026-03-09T22:00:00Z'],
    ]);
    expect(starts(computeAvailability(engine).items)).toEqual([
      '2026-03-07T18:00:00Z',
      '2026-03-07T19:00:00Z',
      '2026-03-07T20:00:00Z',
      '2026-03-07T21:00:00Z',
      '2026-03-07T22:00:00Z',
      '2026-03-08T17:00:00Z',
      '2026-03-08T18:00:00Z',
      '2026-03-08T19:00:00Z',
      '2026-03-08T20:00:00Z',
      '2026-03-08T21:00:00Z',
      '2026-03-09T17:00:00Z',
      '2026-03-09T18:00:00Z',
      '2026-03-09T19:00:00Z',
      '2026-03-09T20:00:00Z',
      '2026-03-09T21:00:00Z',
    ]);
  });

  it('BUG-019: weekly windows are re-anchored in local time after the US fall-back', () => {
    const query: NeutralQuery = {
      timeZone: 'America/New_York',
      rules: [{ days: ['sun'], start: '09:00', end: '17:00' }],
      queryPeriod: { start: '2026-10-25T00:00:00Z', end: '2026-11-09T00:00:00Z' },
      output: 'available_periods',
    };
    const result = computeAvailability(toEngine(query));
    expect(result.format).toBe('periods');
    expect(spans(result.items)).toEqual([
      ['2026-10-25T13:00:00Z', '2026-10-25T21:00:00Z'],
      ['2026-11-01T14:00:00Z', '2026-11-01T22:00:00Z'],
      ['2026-11-08T14:00:00Z', '2026-11-08T22:00:00Z'],
    ]);
  });

  it('BUG-021: a short busy block removes grid slots without shifting the grid', () => {
    const query: NeutralQuery = {
      timeZone: 'Europe/Berlin',
      rules: [{ days: ['tue'], start: '12:00', end: '15:00' }],
      duration: 30,
      startInterval: 30,
      busy: [{ start: '2026-05-12T11:00:00Z', end: '2026-05-12T11:05:00Z' }],
      queryPeriod: { start: '2026-05-12T00:00:00Z', end: '2026-05-13T00:00:00Z' },
    };
    const got = starts(computeAvailability(toEngine(query)).items);
    expect(got).toEqual(['2026-05-12T10:00:00Z', '2026-05-12T10:30:00Z', '2026-05-12T11:30:00Z', '2026-05-12T12:00:00Z', '2026-05-12T12:30:00Z']);
    for (const bad of ['2026-05-12T11:05:00Z', '2026-05-12T11:35:00Z']) expect(got).not.toContain(bad);
  });

  it('BUG-022: a before-buffer with a 5-minute interval; the last slot ends inside availability', () => {
    const query: NeutralQuery = {
      timeZone: 'Europe/London',
      rules: [{ days: ['tue'], start: '12:00', end: '16:00' }],
      duration: 60,
      startInterval: 5,
      buffer: { before: 15, after: 0 },
      busy: [{ start: '2026-04-21T11:50:00Z', end: '2026-04-21T12:50:00Z' }],
      queryPeriod: { start: '2026-04-21T00:00:00Z', end: '2026-04-22T00:00:00Z' },
    };
    const got = starts(computeAvailability(toEngine(query)).items);
    expect(got).toEqual([
      '2026-04-21T13:05:00Z',
      '2026-04-21T13:10:00Z',
      '2026-04-21T13:15:00Z',
      '2026-04-21T13:20:00Z',
      '2026-04-21T13:25:00Z',
      '2026-04-21T13:30:00Z',
      '2026-04-21T13:35:00Z',
      '2026-04-21T13:40:00Z',
      '2026-04-21T13:45:00Z',
      '2026-04-21T13:50:00Z',
      '2026-04-21T13:55:00Z',
      '2026-04-21T14:00:00Z',
    ]);
    expect(got).toHaveLength(12);
  });

  it('BUG-023: buffers apply around busy periods on both sides, not at working-hour edges', () => {
    const query: NeutralQuery = {
      timeZone: 'Europe/Berlin',
      rules: [{ days: ['thu'], start: '09:00', end: '17:00' }],
      duration: 60,
      startInterval: 60,
      buffer: { before: 60, after: 60 },
      busy: [{ start: '2026-06-11T11:00:00Z', end: '2026-06-11T12:00:00Z' }],
      queryPeriod: { start: '2026-06-11T00:00:00Z', end: '2026-06-12T00:00:00Z' },
    };
    expect(starts(computeAvailability(toEngine(query)).items)).toEqual([
      '2026-06-11T07:00:00Z',
      '2026-06-11T08:00:00Z',
      '2026-06-11T09:00:00Z',
      '2026-06-11T13:00:00Z',
      '2026-06-11T14:00:00Z',
    ]);
  });

  it('BUG-025: minimum notice inside a window snaps the first slot to the next grid point', () => {
    const query: NeutralQuery = {
      timeZone: 'Europe/London',
      rules: [{ days: ['mon'], start: '09:00', end: '17:00' }],
      duration: 30,
      startInterval: 30,
      minNoticeMinutes: 120,
      now: '2026-06-01T08:10:37Z',
      queryPeriod: { start: '2026-06-01T00:00:00Z', end: '2026-06-02T00:00:00Z' },
    };
    const got = starts(computeAvailability(toEngine(query)).items);
    expect(got).toEqual([
      '2026-06-01T10:30:00Z',
      '2026-06-01T11:00:00Z',
      '2026-06-01T11:30:00Z',
      '2026-06-01T12:00:00Z',
      '2026-06-01T12:30:00Z',
      '2026-06-01T13:00:00Z',
      '2026-06-01T13:30:00Z',
      '2026-06-01T14:00:00Z',
      '2026-06-01T14:30:00Z',
      '2026-06-01T15:00:00Z',
      '2026-06-01T15:30:00Z',
    ]);
    expect(got).toHaveLength(11);
  });
});
