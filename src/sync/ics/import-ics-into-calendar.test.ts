/**
 * importIcsIntoCalendar against the real store (SQLite in a temporary file): re-imports are
 * idempotent and keep event ids, and a failure leaves the calendar exactly as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { externalEventUids, type CalendarEvent } from '../../core/index.js';
import { createStore, type Store } from '../../store/index.js';
import { IcsError } from './ics-error.js';
import { importIcsIntoCalendar } from './import-ics-into-calendar.js';
import { calendar } from './test-helpers.js';
import type { IcsProgress } from './types.js';

const SUB = 'acc_0123456789abcdef01234567';
const PROFILE = 'pro_icsimporttest0001';
const CAL = 'cal_icsimporttest0001';
const NOW = Date.UTC(2026, 0, 1);
const HORIZON = { fromMs: Date.UTC(2025, 11, 1), toMs: Date.UTC(2026, 11, 1) };

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kairos-ics-'));
  store = await createStore(join(dir, 'kairos.db'));
  await store.migrate();
  await store.createAccount({ sub: SUB, kind: 'account', email: 'me@example.com', name: 'Me', zoneinfo: 'Europe/Berlin', createdAt: NOW });
  await store.createProfile({
    profileId: PROFILE,
    sub: SUB,
    providerName: 'ics',
    providerService: 'ics',
    profileName: 'Imported',
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: NOW,
  });
  await store.createCalendar({ calendarId: CAL, profileId: PROFILE, sub: SUB, name: 'Imported', readonly: true, deleted: false, primary: false, color: null, createdAt: NOW });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const v1 = calendar(
  [
    'BEGIN:VEVENT', 'UID:series', 'DTSTART;TZID=Europe/Berlin:20260105T090000', 'DTEND;TZID=Europe/Berlin:20260105T100000', 'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:Standup', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:single', 'DTSTART:20260110T120000Z', 'DTEND:20260110T130000Z', 'SUMMARY:Lunch', 'ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:holiday', 'DTSTART;VALUE=DATE:20260120', 'DTEND;VALUE=DATE:20260121', 'SUMMARY:Holiday', 'TRANSP:TRANSPARENT', 'END:VEVENT',
  ],
  ['X-WR-CALNAME:Team'],
);
const v2 = v1
  .replace('RRULE:FREQ=DAILY;COUNT=3', 'RRULE:FREQ=DAILY;COUNT=2')
  .replace('SUMMARY:Lunch', 'SUMMARY:Long lunch')
  .replace('END:VCALENDAR', 'BEGIN:VEVENT\r\nUID:new\r\nDTSTART:20260111T120000Z\r\nSUMMARY:New\r\nEND:VEVENT\r\nEND:VCALENDAR');

async function events(): Promise<CalendarEvent[]> {
  const list = await store.queryEvents({ sub: SUB, calendarIds: [CAL], managed: 'include', applicationId: 'app_none', includeDeleted: true });
  return list.sort((a, b) => (a.sourceKey ?? '').localeCompare(b.sourceKey ?? '') || a.eventUid.localeCompare(b.eventUid));
}

const run = (text: string | Uint8Array, more: Partial<Parameters<typeof importIcsIntoCalendar>[1]> = {}, onProgress?: (p: IcsProgress) => void) =>
  importIcsIntoCalendar(store, { calendarId: CAL, sub: SUB, text, now: NOW, defaultTzid: 'Europe/Berlin', horizon: HORIZON, ...more }, onProgress);

describe('importIcsIntoCalendar', () => {
  it('stores every occurrence with an external id, the account\'s status and the calendar name', async () => {
    const r = await run(v1);
    expect(r.calendarName).toBe('Team');
    expect(r.stored).toEqual({ created: 5, updated: 0, unchanged: 0, removed: 0 });
    expect(r.counts).toMatchObject({ events: 3, components: 3, occurrences: 5 });
    const list = await events();
    expect(list.map((e) => e.sourceKey)).toEqual(['holiday', 'series#20260105T080000Z', 'series#20260106T080000Z', 'series#20260107T080000Z', 'single']);
    for (const e of list) {
      expect(e.eventUid).toMatch(/^evt_external_[A-Za-z0-9]{24}$/);
      expect(e).toMatchObject({ calendarId: CAL, sub: SUB, created: NOW, updated: NOW, applicationId: null, eventId: null, deleted: false });
    }
    expect(list.find((e) => e.sourceKey === 'single')!.participationStatus).toBe('declined');
    expect(list.find((e) => e.sourceKey === 'holiday')).toMatchObject({ start: { kind: 'date', date: '2026-01-20' }, end: { kind: 'date', date: '2026-01-21' }, transparency: 'transparent' });
  });

  it('is idempotent: the same file changes nothing and keeps every id', async () => {
    await run(v1);
    const before = await events();
    const again = await run(v1, { now: NOW + 60_000 });
    expect(again.stored).toEqual({ created: 0, updated: 0, unchanged: 5, removed: 0 });
    expect(await events()).toEqual(before);
  });

  it('updates changed occurrences in place, adds new ones and removes vanished ones', async () => {
    await run(v1);
    const before = new Map((await events()).map((e) => [e.sourceKey, e.eventUid]));
    const r = await run(v2, { now: NOW + 60_000 });
    expect(r.stored).toEqual({ created: 1, updated: 1, unchanged: 3, removed: 1 });
    const after = await events();
    expect(after.map((e) => e.sourceKey)).toEqual(['holiday', 'new', 'series#20260105T080000Z', 'series#20260106T080000Z', 'series#20260107T080000Z', 'single']);
    for (const e of after) if (before.has(e.sourceKey)) expect(e.eventUid).toBe(before.get(e.sourceKey));
    expect(after.find((e) => e.sourceKey === 'single')).toMatchObject({ summary: 'Long lunch', created: NOW });
    // The vanished instance reads as deleted, as of this import, so readers by last change see it go.
    expect(after.filter((e) => e.deleted).map((e) => [e.sourceKey, e.updated])).toEqual([['series#20260107T080000Z', NOW + 60_000]]);
  });

  it('leaves the calendar exactly as it was when the store fails half-way', async () => {
    await run(v1);
    const before = await events();
    // With a fixed source of randomness the ids an import draws are known: another calendar
    // holds the second one, so the insert of the new occurrences fails after the deletes.
    const stuck = (n: number): Uint8Array => new Uint8Array(n).fill(7);
    const next = externalEventUids(NOW + 60_000, stuck);
    next();
    const taken = next();
    await store.createCalendar({ calendarId: 'cal_icsimporttest0002', profileId: PROFILE, sub: SUB, name: 'Other', readonly: true, deleted: false, primary: false, color: null, createdAt: NOW });
    const [other] = (await events()).filter((e) => e.sourceKey === 'single');
    await store.replaceImportedEvents('cal_icsimporttest0002', [{ ...other!, calendarId: 'cal_icsimporttest0002', eventUid: taken }]);
    const withMany = v2.replace('END:VCALENDAR', 'BEGIN:VEVENT\r\nUID:new2\r\nDTSTART:20260112T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR');
    await expect(run(withMany, { now: NOW + 60_000, random: stuck })).rejects.toThrow(/UNIQUE constraint failed: imported_occurrences.event_uid/);
    expect(await events()).toEqual(before);
  });

  it('refuses a file that is not iCalendar and leaves the calendar alone', async () => {
    await run(v1);
    const before = await events();
    await expect(run('<html>gone</html>')).rejects.toBeInstanceOf(IcsError);
    expect(await events()).toEqual(before);
  });

  it('never touches managed events of the calendar', async () => {
    const managed: CalendarEvent = {
      ...(await (async () => {
        await run(v1);
        return (await events())[0]!;
      })()),
      eventUid: 'evt_managed000000000000000000',
      applicationId: 'app_AAAAAAAAAAAAAAAAAAAA',
      eventId: 'mine',
      sourceKey: null,
    };
    await store.putEvent(managed);
    await run(calendar([]));
    // The imported ones read as deleted; the managed one is as it was.
    expect((await events()).filter((e) => !e.deleted).map((e) => e.eventUid)).toEqual(['evt_managed000000000000000000']);
    expect((await events()).find((e) => e.eventUid === managed.eventUid)).toEqual(managed);
  });

  it('reports progress through parse, expand and store, and accepts bytes', async () => {
    const seen: string[] = [];
    await run(new TextEncoder().encode(v1), {}, (p) => seen.push(`${p.phase}:${p.done}/${p.total}`));
    expect(seen[0]).toBe('parse:0/1');
    expect(seen.filter((s) => s.startsWith('expand')).at(-1)).toBe('expand:3/3');
    expect(seen.slice(-2)).toEqual(['store:0/5', 'store:5/5']);
  });
});
