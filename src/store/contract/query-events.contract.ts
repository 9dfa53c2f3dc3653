import { describe, expect, it } from 'vitest';
import type { CalendarEvent, EventBound } from '../../core/index.js';
import type { EventQuery } from '../store.js';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, CAL_1, CAL_2, CAL_3, HOUR, SUB_1, SUB_2, date, makeEvent, seed, time } from './fixtures.js';

const FROM = Date.UTC(2026, 5, 1);
const TO = Date.UTC(2026, 5, 2);
const WINDOW = { fromMs: FROM, toMs: TO, fromDate: '2026-06-01', toDate: '2026-06-02' };
const FAR = Date.UTC(2027, 0, 1);

/** [label, start, end, selected by WINDOW] */
const BOUNDARY_CASES: [string, EventBound, EventBound, boolean][] = [
  ['timed, ends at from', time(FROM - HOUR), time(FROM), false],
  ['timed, ends 1 ms after from', time(FROM - HOUR), time(FROM + 1), true],
  ['timed, starts at to', time(TO), time(TO + HOUR), false],
  ['timed, starts 1 ms before to', time(TO - 1), time(TO + HOUR), true],
  ['timed, inside', time(FROM + HOUR), time(FROM + 2 * HOUR), true],
  ['timed, covers the window', time(FROM - HOUR), time(TO + HOUR), true],
  ['timed, before', time(FROM - 2 * HOUR), time(FROM - HOUR), false],
  ['timed, after', time(TO + HOUR), time(TO + 2 * HOUR), false],
  ['all-day, ends on fromDate', date('2026-05-31'), date('2026-06-01'), false],
  ['all-day, ends the day after fromDate', date('2026-05-31'), date('2026-06-02'), true],
  ['all-day, the window day', date('2026-06-01'), date('2026-06-02'), true],
  ['all-day, starts on toDate', date('2026-06-02'), date('2026-06-03'), false],
  ['all-day, covers the window', date('2026-05-01'), date('2026-07-01'), true],
  ['all-day, after', date('2026-06-03'), date('2026-06-04'), false],
];

const uids = (events: readonly { eventUid: string }[]): string[] => events.map((e) => e.eventUid).sort();

function query(over: Partial<EventQuery> = {}): EventQuery {
  return { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: false, window: WINDOW, ...over };
}

export function queryEventsContract(ctx: ContractContext): void {
  async function put(...events: CalendarEvent[]): Promise<void> {
    for (const e of events) await ctx.store.putEvent(e);
  }

  describe('queryEvents', () => {
    it('selects timed and all-day events by half-open overlap', async () => {
      await seed(ctx.store);
      const events = BOUNDARY_CASES.map(([label, start, end]) => makeEvent({ summary: label, start, end }));
      await put(...events);
      const got = new Set((await ctx.store.queryEvents(query())).map((e) => e.summary));
      const table = BOUNDARY_CASES.map(([label]) => [label, got.has(label)]);
      expect(table).toEqual(BOUNDARY_CASES.map(([label, , , selected]) => [label, selected]));
    });

    it('returns only the account’s events, everything when there is no window', async () => {
      await seed(ctx.store);
      const near = makeEvent();
      const far = makeEvent({ start: time(FAR), end: time(FAR + HOUR) });
      const farDay = makeEvent({ start: date('2030-01-01'), end: date('2030-01-02') });
      const other = makeEvent({ sub: SUB_2, calendarId: CAL_3 });
      await put(near, far, farDay, other);
      expect(uids(await ctx.store.queryEvents(query()))).toEqual([near.eventUid]);
      expect(uids(await ctx.store.queryEvents(query({ window: undefined })))).toEqual(uids([near, far, farDay]));
      expect(uids(await ctx.store.queryEvents(query({ sub: SUB_2 })))).toEqual([other.eventUid]);
    });

    it('filters managed events of the calling application, treating other applications’ as ordinary', async () => {
      await seed(ctx.store);
      const plain = makeEvent();
      const imported = makeEvent({ sourceKey: 'ics-1' });
      const ofA = makeEvent({ applicationId: APP_A, eventId: 'a' });
      const ofB = makeEvent({ applicationId: APP_B, eventId: 'b' });
      await put(plain, imported, ofA, ofB);
      const run = async (applicationId: string, managed: EventQuery['managed']) =>
        uids(await ctx.store.queryEvents(query({ applicationId, managed })));
      expect(await run(APP_A, 'exclude')).toEqual(uids([plain, imported, ofB]));
      expect(await run(APP_A, 'include')).toEqual(uids([plain, imported, ofA, ofB]));
      expect(await run(APP_A, 'only')).toEqual(uids([ofA]));
      expect(await run(APP_B, 'exclude')).toEqual(uids([plain, imported, ofA]));
      expect(await run(APP_B, 'only')).toEqual(uids([ofB]));
    });

    it('lets managed events of the application ignore the window when asked', async () => {
      await seed(ctx.store);
      const inWindow = makeEvent();
      const farA = makeEvent({ applicationId: APP_A, eventId: 'far-a', start: time(FAR), end: time(FAR + HOUR) });
      const farDayA = makeEvent({ applicationId: APP_A, eventId: 'far-day-a', start: date('2020-01-01'), end: date('2020-01-02') });
      const farB = makeEvent({ applicationId: APP_B, eventId: 'far-b', start: time(FAR), end: time(FAR + HOUR) });
      const farPlain = makeEvent({ start: time(FAR), end: time(FAR + HOUR) });
      await put(inWindow, farA, farDayA, farB, farPlain);
      const run = async (managed: EventQuery['managed'], managedIgnoresWindow: boolean) =>
        uids(await ctx.store.queryEvents(query({ managed, managedIgnoresWindow })));
      expect(await run('include', true)).toEqual(uids([inWindow, farA, farDayA]));
      expect(await run('include', false)).toEqual(uids([inWindow]));
      expect(await run('only', true)).toEqual(uids([farA, farDayA]));
      expect(await run('only', false)).toEqual([]);
      expect(await run('exclude', true)).toEqual(uids([inWindow]));
    });

    it('includes deleted events only when asked', async () => {
      await seed(ctx.store);
      const live = makeEvent();
      const deleted = makeEvent({ deleted: true, applicationId: APP_A, eventId: 'gone' });
      await put(live, deleted);
      expect(uids(await ctx.store.queryEvents(query()))).toEqual([live.eventUid]);
      const all = await ctx.store.queryEvents(query({ includeDeleted: true }));
      expect(uids(all)).toEqual(uids([live, deleted]));
      expect(all.find((e) => e.eventUid === deleted.eventUid)?.deleted).toBe(true);
    });

    it('keeps events updated at or after updatedSince', async () => {
      await seed(ctx.store);
      const t = FROM + 5 * HOUR;
      const before = makeEvent({ updated: t - 1 });
      const at = makeEvent({ updated: t });
      const after = makeEvent({ updated: t + 1 });
      await put(before, at, after);
      expect(uids(await ctx.store.queryEvents(query({ updatedSince: t })))).toEqual(uids([at, after]));
    });

    it('restricts to the given calendars', async () => {
      await seed(ctx.store);
      const one = makeEvent({ calendarId: CAL_1 });
      const two = makeEvent({ calendarId: CAL_2 });
      await put(one, two);
      expect(uids(await ctx.store.queryEvents(query({ calendarIds: [CAL_2] })))).toEqual([two.eventUid]);
      expect(uids(await ctx.store.queryEvents(query({ calendarIds: [CAL_1, CAL_2] })))).toEqual(uids([one, two]));
      expect(await ctx.store.queryEvents(query({ calendarIds: [] }))).toEqual([]);
      // Calendars of another account never leak, even if named.
      expect(await ctx.store.queryEvents(query({ calendarIds: [CAL_3] }))).toEqual([]);
    });

    it('returns whole domain events', async () => {
      await seed(ctx.store);
      const e = makeEvent({ applicationId: APP_A, eventId: 'full' });
      await put(e);
      expect(await ctx.store.queryEvents(query())).toEqual([e]);
    });
  });

  describe('measureEvents', () => {
    it('counts what queryEvents selects and the characters of its text', async () => {
      await seed(ctx.store);
      const a = makeEvent({ summary: 'abc', description: 'de', location: { description: 'Room' } });
      const b = makeEvent({ summary: 'x', description: '' });
      const gone = makeEvent({ summary: 'deleted', deleted: true });
      await put(a, b, gone);
      const chars = (e: CalendarEvent) => {
        const row = [e.summary, e.description, JSON.stringify(e.attendees), e.location === null ? '' : JSON.stringify(e.location), e.organizer === null ? '' : JSON.stringify(e.organizer)];
        return row.reduce((n, t) => n + t.length, 0);
      };
      expect(await ctx.store.measureEvents(query())).toEqual({ count: 2, textChars: chars(a) + chars(b) });
      expect((await ctx.store.queryEvents(query())).length).toBe(2);
      expect(await ctx.store.measureEvents({ ...query(), includeDeleted: true })).toMatchObject({ count: 3 });
      expect(await ctx.store.measureEvents({ ...query(), calendarIds: [] })).toEqual({ count: 0, textChars: 0 });
    });
  });

  describe('queryBusyEvents', () => {
    const busy = (subs: string[]) => ctx.store.queryBusyEvents({ subs, ...WINDOW });

    it('selects by the same half-open rules', async () => {
      await seed(ctx.store);
      await put(...BOUNDARY_CASES.map(([label, start, end]) => makeEvent({ summary: label, start, end })));
      const got = new Set((await busy([SUB_1])).map((e) => e.summary));
      expect(BOUNDARY_CASES.map(([label]) => [label, got.has(label)])).toEqual(BOUNDARY_CASES.map(([label, , , s]) => [label, s]));
    });

    it('returns the non-deleted events of every given account, managed or not', async () => {
      await seed(ctx.store);
      const mine = makeEvent();
      const managed = makeEvent({ applicationId: APP_B, eventId: 'b', transparency: 'transparent', status: 'cancelled' });
      const theirs = makeEvent({ sub: SUB_2, calendarId: CAL_3, start: date('2026-06-01'), end: date('2026-06-02') });
      const deleted = makeEvent({ deleted: true });
      const far = makeEvent({ start: time(FAR), end: time(FAR + HOUR) });
      await put(mine, managed, theirs, deleted, far);
      expect(uids(await busy([SUB_1, SUB_2]))).toEqual(uids([mine, managed, theirs]));
      expect(uids(await busy([SUB_2]))).toEqual([theirs.eventUid]);
      expect(await busy([])).toEqual([]);
    });

    it('returns the fields availability reads, exactly', async () => {
      await seed(ctx.store);
      const timed = makeEvent({ summary: 'Private', eventPrivate: true, status: 'tentative', participationStatus: 'declined' });
      const allDay = makeEvent({ start: date('2026-06-01'), end: date('2026-06-02'), transparency: 'transparent' });
      await put(timed, allDay);
      const pick = (e: CalendarEvent) => ({
        eventUid: e.eventUid,
        calendarId: e.calendarId,
        sub: e.sub,
        summary: e.summary,
        start: e.start,
        end: e.end,
        transparency: e.transparency,
        status: e.status,
        participationStatus: e.participationStatus,
        eventPrivate: e.eventPrivate,
        deleted: e.deleted,
      });
      const got = (await busy([SUB_1])).sort((a, b) => (a.eventUid < b.eventUid ? -1 : 1));
      expect(got).toEqual([timed, allDay].sort((a, b) => (a.eventUid < b.eventUid ? -1 : 1)).map(pick));
    });
  });
}
