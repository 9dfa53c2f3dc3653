import { describe, expect, it } from 'vitest';
import { bucketDay, calendarsFrom, eventToItem, freeBusyToItem, inWindow, mergeItems, requestWindow, type AgendaItem } from './model.js';

const ev = (uid: string, start: string, end: string, extra: Record<string, unknown> = {}): AgendaItem =>
  eventToItem({ event_uid: uid, calendar_id: 'cal_1', summary: uid, start, end, ...extra }, 0) as AgendaItem;
const keys = (list: AgendaItem[]): string[] => list.map((i) => i.key);

describe('wire items', () => {
  it('reads events with their flags', () => {
    const item = eventToItem(
      {
        event_uid: 'evt_1',
        calendar_id: 'cal_1',
        summary: '',
        start: '2026-03-08T14:00:00Z',
        end: '2026-03-08T15:00:00Z',
        participation_status: 'needs_action',
        transparency: 'transparent',
        recurring: true,
        location: { description: 'Room <b>1</b>' },
        attendees: [{ email: 'a@example.com', display_name: '' }, { email: 'b@example.com', display_name: 'Bea' }],
      },
      3,
    );
    expect(item).toMatchObject({ key: 'evt_1', summary: '', needsAction: true, transparent: true, recurring: true, location: 'Room <b>1</b>', attendees: ['a@example.com', 'Bea'] });
    expect(item?.start).toEqual({ ms: Date.UTC(2026, 2, 8, 14) });
    expect(item?.cancelled).toBe(false);
    expect(eventToItem({ event_uid: 'c', start: '2026-03-08T14:00:00Z', end: '2026-03-08T15:00:00Z', status: 'cancelled' }, 0)?.cancelled).toBe(true);
    expect(eventToItem({ event_uid: 't', start: '2026-03-08T14:00:00Z', end: '2026-03-08T15:00:00Z', status: 'tentative' }, 0)?.cancelled).toBe(false);
  });

  it('drops deleted or unreadable events', () => {
    expect(eventToItem({ event_uid: 'x', start: '2026-03-08T14:00:00Z', end: '2026-03-08T15:00:00Z', deleted: true }, 0)).toBeNull();
    expect(eventToItem({ event_uid: 'x', start: 'soon', end: 'later' }, 0)).toBeNull();
    expect(eventToItem('nope', 0)).toBeNull();
  });

  it('keys free/busy items by status and start, with the status as summary', () => {
    const item = freeBusyToItem({ calendar_id: 'cal_1', start: '2026-03-08T14:00:00Z', end: '2026-03-08T15:00:00Z', free_busy_status: 'tentative' });
    expect(item).toMatchObject({ key: 'tentative_2026-03-08T14:00:00Z', kind: 'free_busy', summary: 'tentative' });
  });

  it('merges lists by key, first one wins', () => {
    const a = ev('evt_1', '2026-03-08T14:00:00Z', '2026-03-08T15:00:00Z');
    const b = { ...a, summary: 'second' };
    expect(mergeItems([[a, null], [b]]).map((i) => i.summary)).toEqual(['evt_1']);
  });

  it('lists calendars in userinfo order', () => {
    const userinfo = {
      'cronofy.data': {
        profiles: [
          { profile_calendars: [{ calendar_id: 'cal_b', calendar_name: 'B' }, { calendar_id: 'cal_a', calendar_name: 'A' }] },
          { profile_calendars: [{ calendar_id: 'cal_c', calendar_name: 'C' }] },
        ],
      },
    };
    expect([...calendarsFrom(userinfo).values()]).toEqual([
      { id: 'cal_b', name: 'B', index: 0 },
      { id: 'cal_a', name: 'A', index: 1 },
      { id: 'cal_c', name: 'C', index: 2 },
    ]);
    expect(calendarsFrom({}).size).toBe(0);
  });
});

describe('request window', () => {
  it('is D−7 to D+8 and only reloads outside it', () => {
    const w = requestWindow('2026-03-08');
    expect(w).toEqual({ from: '2026-03-01', to: '2026-03-16' });
    expect(inWindow('2026-03-01', w)).toBe(true);
    expect(inWindow('2026-03-15', w)).toBe(true);
    expect(inWindow('2026-03-16', w)).toBe(false);
    expect(inWindow('2026-02-28', w)).toBe(false);
    expect(inWindow('2026-03-08', null)).toBe(false);
  });
});

describe('bucketDay', () => {
  const NY = 'America/New_York';

  it('buckets by local day on the spring-forward day (23 hours)', () => {
    const items = [
      ev('before-gap', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z'), // 01:30 EST – 03:30 EDT
      ev('late', '2026-03-09T03:30:00Z', '2026-03-09T03:45:00Z'), // 23:30 EDT on the 8th
      ev('next-day', '2026-03-09T04:30:00Z', '2026-03-09T05:00:00Z'), // 00:30 on the 9th
      ev('day-before', '2026-03-08T04:30:00Z', '2026-03-08T04:45:00Z'), // 23:30 EST on the 7th
    ];
    expect(keys(bucketDay(items, '2026-03-08', NY).timed)).toEqual(['before-gap', 'late']);
    expect(keys(bucketDay(items, '2026-03-09', NY).timed)).toEqual(['next-day']);
    expect(keys(bucketDay(items, '2026-03-07', NY).timed)).toEqual(['day-before']);
  });

  it('buckets by local day on the fall-back day (25 hours)', () => {
    const items = [
      ev('first-0130', '2026-11-01T05:30:00Z', '2026-11-01T05:45:00Z'), // 01:30 EDT
      ev('second-0130', '2026-11-01T06:30:00Z', '2026-11-01T06:45:00Z'), // 01:30 EST
      ev('late', '2026-11-02T04:30:00Z', '2026-11-02T04:45:00Z'), // 23:30 EST on the 1st
    ];
    expect(keys(bucketDay(items, '2026-11-01', NY).timed)).toEqual(['first-0130', 'second-0130', 'late']);
    expect(bucketDay(items, '2026-11-02', NY).timed).toEqual([]);
  });

  it('shows all-day events on their calendar dates in every zone, end exclusive (BUG-033)', () => {
    const items = [ev('A', '2026-07-04', '2026-07-05'), ev('B', '2026-07-06', '2026-07-09')];
    for (const tz of [NY, 'Asia/Tokyo']) {
      const shown = (date: string): string[] => keys(bucketDay(items, date, tz).allDay);
      expect(shown('2026-07-03')).toEqual([]);
      expect(shown('2026-07-04')).toEqual(['A']);
      expect(shown('2026-07-05')).toEqual([]);
      expect(shown('2026-07-06')).toEqual(['B']);
      expect(shown('2026-07-08')).toEqual(['B']);
      expect(shown('2026-07-09')).toEqual([]);
    }
  });

  it('puts timed events spanning days in the all-day section of each day they cover', () => {
    const items = [ev('overnight', '2026-03-10T02:00:00Z', '2026-03-11T12:00:00Z'), ev('to-midnight', '2026-03-10T22:00:00Z', '2026-03-11T04:00:00Z')];
    expect(keys(bucketDay(items, '2026-03-09', NY).allDay)).toEqual(['overnight']);
    expect(keys(bucketDay(items, '2026-03-10', NY).allDay)).toEqual(['overnight']);
    expect(keys(bucketDay(items, '2026-03-10', NY).timed)).toEqual(['to-midnight']);
    expect(keys(bucketDay(items, '2026-03-11', NY).allDay)).toEqual(['overnight']);
    expect(bucketDay(items, '2026-03-12', NY).allDay).toEqual([]);
  });

  it('sorts timed events by start, then end', () => {
    const items = [ev('c', '2026-03-10T15:00:00Z', '2026-03-10T16:00:00Z'), ev('b', '2026-03-10T14:00:00Z', '2026-03-10T16:00:00Z'), ev('a', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z')];
    expect(keys(bucketDay(items, '2026-03-10', 'UTC').timed)).toEqual(['a', 'b', 'c']);
  });

  it('keeps zero-length events on the day they happen', () => {
    const items = [ev('reminder', '2026-03-10T00:00:00Z', '2026-03-10T00:00:00Z')];
    expect(keys(bucketDay(items, '2026-03-10', 'UTC').timed)).toEqual(['reminder']);
    expect(bucketDay(items, '2026-03-09', 'UTC').timed).toEqual([]);
  });
});
