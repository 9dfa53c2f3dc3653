import { describe, expect, it } from 'vitest';
import { bucketDay, calendarsFrom, eventToItem, type AgendaItem } from '../agenda/model.js';
import { addDays } from '../lib/dates.js';
import { mockAgendaEvents, mockUserinfo } from './mock-data.js';

const NOW = Date.UTC(2026, 2, 11, 15); // Wednesday 2026-03-11, 11:00 in New York
const TZ = 'America/New_York';

describe('demo data (§6.9)', () => {
  it('is deterministic for a given day, zone and window', () => {
    expect(mockAgendaEvents('2026-03-04', '2026-03-19', TZ, NOW)).toEqual(mockAgendaEvents('2026-03-04', '2026-03-19', TZ, NOW));
  });

  it('has about eight events around today with every feature, on two calendars', () => {
    const events = mockAgendaEvents('2026-03-04', '2026-03-19', TZ, NOW);
    const items = events.map((e, i) => eventToItem(e, i)).filter((i): i is AgendaItem => i !== null);
    const oneOff = items.filter((i) => !i.key.includes('standup'));
    expect(oneOff.length).toBeGreaterThanOrEqual(8);
    expect(oneOff.some((i) => 'date' in i.start)).toBe(true);
    expect(oneOff.some((i) => 'date' in i.start && 'date' in i.end && i.end.date > addDays(i.start.date, 1))).toBe(true);
    expect(oneOff.some((i) => i.recurring)).toBe(true);
    expect(oneOff.some((i) => i.needsAction)).toBe(true);
    expect(oneOff.some((i) => i.transparent)).toBe(true);
    expect(new Set(items.map((i) => i.calendarId)).size).toBeGreaterThanOrEqual(2);
    const today = bucketDay(items, '2026-03-11', TZ);
    expect(today.timed.map((i) => i.summary)).toEqual(['Team stand-up', 'Product review', 'Lunch with Sam', 'Focus time']);
    expect(today.timed[0]?.start).toEqual({ ms: Date.UTC(2026, 2, 11, 13) });
  });

  it('places times in the display zone, across a DST change', () => {
    const items = mockAgendaEvents('2026-03-01', '2026-03-16', TZ, Date.UTC(2026, 2, 6, 15)).map((e, i) => eventToItem(e, i) as AgendaItem);
    const standup = (date: string): AgendaItem | undefined => bucketDay(items, date, TZ).timed.find((i) => i.summary === 'Team stand-up');
    expect(standup('2026-03-06')?.start).toEqual({ ms: Date.UTC(2026, 2, 6, 14) }); // 09:00 EST
    expect(standup('2026-03-09')?.start).toEqual({ ms: Date.UTC(2026, 2, 9, 13) }); // 09:00 EDT
  });

  it('only returns events touching the window', () => {
    const far = mockAgendaEvents('2027-01-01', '2027-01-02', TZ, NOW);
    expect(far.every((e) => String(e.summary) === 'Team stand-up')).toBe(true);
  });

  it('has a userinfo with the four profiles of §6.9', () => {
    const u = mockUserinfo();
    const profiles = (u['cronofy.data'] as { profiles: Array<Record<string, unknown>> }).profiles;
    expect(u['cronofy.type']).toBe('account');
    expect(profiles.map((p) => p.provider_name)).toEqual(['google', 'office365', 'live_connect', 'apple']);
    expect(profiles[2]?.profile_initial_sync_required).toBe(true);
    expect(profiles[3]).toMatchObject({ profile_connected: false, profile_relink_url: expect.stringMatching(/^https:\/\//) });
    expect(calendarsFrom(u).size).toBe(5);
  });
});
