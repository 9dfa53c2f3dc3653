import { describe, expect, it } from 'vitest';
import type { CalendarEvent, ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { DELETED_RETENTION_MS } from '../queries/replace-imported.js';
import type { EventQuery } from '../store.js';
import type { ContractContext } from './harness.js';
import { APP_A, CAL_1, CAL_2, CAL_3, HOUR, SUB_1, SUB_2, T0, date, importedEvent, makeEvent, makeImportedContent, seed, time } from './fixtures.js';

const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };
const NOW = T0 + 5 * HOUR;
const DAY = 24 * HOUR;

function content(over: Partial<ImportedContent> = {}): ImportedContent {
  return makeImportedContent({
    summary: 'Standup',
    description: 'Daily — “quotes” and ünïcødé',
    location: { description: 'Room 1', lat: 48.8566, long: 2.3522 },
    url: 'https://meet.example/abc',
    color: '#aa0000',
    reminders: [{ minutes: 10 }],
    participationStatus: 'accepted',
    attendees: [{ email: 'a@example.com', displayName: 'A', status: 'accepted' }],
    organizer: { email: 'a@example.com', displayName: 'A' },
    categories: ['work'],
    recurring: true,
    ...over,
  });
}

/** `n` daily instances of a series with one content object. */
function series(uid: string, n: number, c: ImportedContent, from = T0): ImportedOccurrence[] {
  return Array.from({ length: n }, (_, i) => ({ sourceKey: `${uid}#${i}`, content: c, allDay: false, startMs: from + i * DAY, endMs: from + i * DAY + HOUR / 4 }));
}

/** A generator of fresh uids, and the uids it gave. */
function uids(prefix = 'evt_external_u'): { next: () => string; given: string[] } {
  const given: string[] = [];
  return {
    given,
    next: () => {
      const uid = `${prefix}${String(given.length).padStart(10, '0')}`;
      given.push(uid);
      return uid;
    },
  };
}

function eventOf(o: ImportedOccurrence, eventUid: string, created: number, updated: number, over: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = o.allDay ? date(new Date(o.startMs).toISOString().slice(0, 10)) : time(o.startMs);
  const end = o.allDay ? date(new Date(o.endMs).toISOString().slice(0, 10)) : time(o.endMs);
  return { eventUid, calendarId: CAL_1, sub: SUB_1, applicationId: null, eventId: null, ...o.content, start, end, deleted: false, created, updated, sourceKey: o.sourceKey, ...over };
}

export function replaceOccurrencesContract(ctx: ContractContext): void {
  const snapshot = async (q: Partial<EventQuery> = {}): Promise<CalendarEvent[]> =>
    (await ctx.store.queryEvents({ ...everything, ...q })).sort((a, b) => (a.sourceKey! < b.sourceKey! ? -1 : 1));

  describe('replaceImportedOccurrences', () => {
    it('stores occurrences that read back as whole events, timed and all-day, with the ids and stamps it gave', async () => {
      await seed(ctx.store);
      const c = content();
      const trip = content({ summary: 'Trip', transparency: 'transparent', recurring: false, location: null, organizer: null, attendees: [], categories: [], reminders: [] });
      const occurrences = [...series('s', 3, c), { sourceKey: 'trip', content: trip, allDay: true, startMs: Date.UTC(2026, 5, 3), endMs: Date.UTC(2026, 5, 6) }];
      const ids = uids();
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, occurrences, { now: NOW, newEventUid: ids.next })).toEqual({ created: 4, updated: 0, unchanged: 0, removed: 0 });
      const expected = occurrences.map((o, i) => eventOf(o, ids.given[i]!, NOW, NOW));
      expect(await snapshot()).toEqual(expected);
      expect(expected[3]!.start).toEqual(date('2026-06-03'));
      expect(expected[3]!.end).toEqual(date('2026-06-06'));
      for (const e of expected) expect(await ctx.store.getEvent(e.eventUid)).toEqual(e);
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(4);
    });

    it('keeps unchanged occurrences as they are, rewrites changed ones keeping uid and created, removes vanished ones', async () => {
      await seed(ctx.store);
      const c = content();
      const first = uids();
      await ctx.store.replaceImportedOccurrences(CAL_1, series('s', 4, c), { now: NOW, newEventUid: first.next });

      // The same content in a new object (a new parse), one instance moved, one retitled, one gone, one new.
      const again = series('s', 3, content());
      again[1] = { ...again[1]!, startMs: again[1]!.startMs + HOUR, endMs: again[1]!.endMs + HOUR };
      again[2] = { ...again[2]!, content: content({ summary: 'Retro' }) };
      again.push({ sourceKey: 'new', content: c, allDay: false, startMs: T0 - DAY, endMs: T0 - DAY + HOUR });
      const second = uids('evt_external_v');
      const later = NOW + HOUR;
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, again, { now: later, newEventUid: second.next })).toEqual({ created: 1, updated: 2, unchanged: 1, removed: 1 });
      expect(second.given).toHaveLength(1);
      expect(await snapshot()).toEqual([
        eventOf(again[3]!, second.given[0]!, later, later),
        eventOf(again[0]!, first.given[0]!, NOW, NOW),
        eventOf(again[1]!, first.given[1]!, NOW, later),
        eventOf(again[2]!, first.given[2]!, NOW, later),
        // The vanished one stays a while, deleted as of this replace.
        { ...eventOf(series('s', 4, c)[3]!, first.given[3]!, NOW, later), deleted: true },
      ]);
      expect(await ctx.store.getEvent(first.given[3]!)).toMatchObject({ deleted: true, updated: later });
      expect(await snapshot({ includeDeleted: false })).toHaveLength(4);
      // Nothing left to do the second time round.
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, again, { now: later + HOUR, newEventUid: second.next })).toEqual({ created: 0, updated: 0, unchanged: 4, removed: 0 });
      // Back in the file, it comes back under its uid; gone for longer than the retention, it is removed.
      const back = [...again, series('s', 4, c)[3]!];
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, back, { now: later + 2 * HOUR, newEventUid: second.next })).toEqual({ created: 0, updated: 1, unchanged: 4, removed: 0 });
      expect(await ctx.store.getEvent(first.given[3]!)).toMatchObject({ deleted: false, created: NOW, updated: later + 2 * HOUR });
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, again, { now: later + 3 * HOUR, newEventUid: second.next })).toMatchObject({ removed: 1 });
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, again, { now: later + 3 * HOUR + DELETED_RETENTION_MS + 1, newEventUid: second.next })).toEqual({ created: 0, updated: 0, unchanged: 4, removed: 0 });
      expect(await ctx.store.getEvent(first.given[3]!)).toBeNull();
      expect(await snapshot()).toHaveLength(4);
    });

    it('reads through every query: windows by kind, deleted, updated since, limits, busy, measure', async () => {
      await seed(ctx.store);
      const c = content({ description: 'x'.repeat(100) });
      const allDay = content({ summary: 'Holiday', recurring: false });
      const occurrences = [...series('s', 5, c), { sourceKey: 'h', content: allDay, allDay: true, startMs: Date.UTC(2026, 5, 3), endMs: Date.UTC(2026, 5, 4) }];
      const ids = uids();
      await ctx.store.replaceImportedOccurrences(CAL_1, occurrences, { now: NOW, newEventUid: ids.next });
      // A pushed event of the same account, and an occurrence of another account.
      const pushed = makeEvent({ start: time(T0 + 2 * DAY + HOUR), end: time(T0 + 2 * DAY + 2 * HOUR) });
      await ctx.store.putEvent(pushed);
      await ctx.store.replaceImportedOccurrences(CAL_3, series('other', 5, c), { now: NOW, newEventUid: uids('evt_external_o').next });

      const window = { fromMs: T0 + DAY, toMs: T0 + 3 * DAY, fromDate: '2026-06-02', toDate: '2026-06-04' };
      const inWindow = await ctx.store.queryEvents({ ...everything, includeDeleted: false, window });
      expect(inWindow.map((e) => e.sourceKey ?? 'pushed').sort()).toEqual(['h', 'pushed', 's#1', 's#2']);
      expect(await ctx.store.queryEvents({ ...everything, window: { ...window, toDate: '2026-06-03' } }).then((r) => r.map((e) => e.sourceKey ?? 'pushed').sort())).toEqual(['pushed', 's#1', 's#2']);
      expect(await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_2] })).toEqual([]);
      expect(await ctx.store.queryEvents({ ...everything, managed: 'only' })).toEqual([]);
      expect(await ctx.store.queryEvents({ ...everything, limit: 3 })).toHaveLength(3);
      expect(await ctx.store.queryEvents({ ...everything, limit: 7 })).toHaveLength(7);
      expect(await ctx.store.queryEvents({ ...everything, updatedSince: NOW + 1 })).toEqual([]);
      expect(await ctx.store.queryEvents({ ...everything, sub: SUB_2 }).then((r) => r.length)).toBe(5);
      // A calendar of another account names none of this account's events.
      expect(await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_3] })).toEqual([]);

      const measured = await ctx.store.measureEvents({ ...everything, window });
      const text = (e: CalendarEvent): number =>
        e.summary.length + e.description.length + JSON.stringify(e.attendees).length + (e.location ? JSON.stringify(e.location).length : 0) + (e.organizer ? JSON.stringify(e.organizer).length : 0);
      expect(measured).toEqual({ count: 4, textChars: inWindow.reduce((n, e) => n + text(e), 0) });

      const busy = await ctx.store.queryBusyEvents({ subs: [SUB_1, SUB_2], ...window });
      expect(busy.map((b) => `${b.sub}:${b.summary}`).sort()).toEqual([`${SUB_1}:Holiday`, `${SUB_1}:Planning`, `${SUB_1}:Standup`, `${SUB_1}:Standup`, `${SUB_2}:Standup`, `${SUB_2}:Standup`]);
      const holiday = busy.find((b) => b.summary === 'Holiday')!;
      expect(holiday).toEqual({ eventUid: ids.given[5], calendarId: CAL_1, sub: SUB_1, summary: 'Holiday', start: date('2026-06-03'), end: date('2026-06-04'), transparency: 'opaque', status: 'confirmed', participationStatus: 'accepted', eventPrivate: false, deleted: false });
    });

    it('an occurrence deleted through putEvent reads as deleted, stops blocking, and a re-import brings it back under its uid', async () => {
      await seed(ctx.store);
      const c = content();
      const ids = uids();
      const occurrences = series('s', 2, c);
      await ctx.store.replaceImportedOccurrences(CAL_1, occurrences, { now: NOW, newEventUid: ids.next });
      const e = (await ctx.store.getEvent(ids.given[0]!))!;
      const gone = { ...e, deleted: true, updated: NOW + 1 };
      await ctx.store.putEvent(gone);
      expect(await ctx.store.getEvent(e.eventUid)).toEqual(gone);
      expect(await snapshot()).toEqual([gone, eventOf(occurrences[1]!, ids.given[1]!, NOW, NOW)]);
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(2);
      expect((await ctx.store.queryBusyEvents({ subs: [SUB_1], fromMs: T0 - DAY, toMs: T0 + 9 * DAY, fromDate: '2026-05-01', toDate: '2026-07-01' })).map((b) => b.eventUid)).toEqual([ids.given[1]]);

      expect(await ctx.store.replaceImportedOccurrences(CAL_1, occurrences, { now: NOW + 2, newEventUid: ids.next })).toEqual({ created: 0, updated: 1, unchanged: 1, removed: 0 });
      expect(await ctx.store.getEvent(e.eventUid)).toEqual({ ...e, updated: NOW + 2 });
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(2);
    });

    it('a putEvent of an imported event waits for a replace of its calendar running meanwhile: the event ends up in one table', async () => {
      await seed(ctx.store);
      const ids = uids();
      await ctx.store.replaceImportedOccurrences(CAL_1, series('s', 1, content()), { now: NOW, newEventUid: ids.next });
      const uid = ids.given[0]!;
      const other = await ctx.harness.openAnother();
      try {
        let reached!: () => void;
        const inside = new Promise<void>((resolve) => (reached = resolve));
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        // A re-import that rewrites the occurrence, held before it commits.
        const replacing = ctx.store.transaction(async (tx) => {
          await tx.replaceImportedOccurrences(CAL_1, series('s', 1, content({ summary: 'Retitled' })), { now: NOW + 1, newEventUid: ids.next });
          reached();
          await held;
        });
        await inside;
        // Meanwhile, another connection deletes the event as the API does: read, then write.
        const e = (await other.getEvent(uid))!;
        expect(e.summary).toBe('Standup');
        const deleting = other.putEvent({ ...e, deleted: true, updated: NOW + 2 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        release();
        await replacing;
        await deleting;
        const all = await ctx.store.queryEvents(everything);
        expect(all.map((x) => [x.eventUid, x.deleted])).toEqual([[uid, true]]);
        expect(await ctx.store.countImportedEvents(CAL_1)).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('keeps one event of a source key that putEvent wrote twice, the one updated last', async () => {
      await seed(ctx.store);
      const c = content();
      const first = importedEvent('dup', { ...c, updated: T0 });
      const second = importedEvent('dup', { ...c, updated: T0 + 1 });
      await ctx.store.putEvent(first);
      await ctx.store.putEvent(second);
      const occurrence: ImportedOccurrence = { sourceKey: 'dup', content: c, allDay: false, startMs: T0, endMs: T0 + HOUR };
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, [occurrence], { now: NOW, newEventUid: uids().next })).toEqual({ created: 0, updated: 0, unchanged: 1, removed: 0 });
      expect((await snapshot()).map((e) => e.eventUid)).toEqual([second.eventUid]);
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(1);
    });

    it('matches events written by replaceImportedEvents, keeping their uids and stamps', async () => {
      await seed(ctx.store);
      const keep = importedEvent('keep', { ...content(), recurring: true });
      const change = importedEvent('change', { ...content() });
      const drop = importedEvent('drop');
      await ctx.store.replaceImportedEvents(CAL_1, [keep, change, drop]);
      const c = content();
      const occurrences: ImportedOccurrence[] = [
        { sourceKey: 'keep', content: { ...c, summary: keep.summary }, allDay: false, startMs: T0, endMs: T0 + HOUR },
        { sourceKey: 'change', content: { ...c, summary: 'Changed', recurring: false }, allDay: false, startMs: T0, endMs: T0 + HOUR },
      ];
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, occurrences, { now: NOW, newEventUid: uids().next })).toEqual({ created: 0, updated: 1, unchanged: 1, removed: 1 });
      expect(await snapshot()).toEqual(
        [eventOf(occurrences[0]!, keep.eventUid, keep.created, keep.updated), eventOf(occurrences[1]!, change.eventUid, change.created, NOW), { ...drop, deleted: true, updated: NOW }].sort((a, b) =>
          a.sourceKey! < b.sourceKey! ? -1 : 1,
        ),
      );
    });

    it('leaves other calendars, pushed and managed events alone, and refuses a repeated sourceKey before writing', async () => {
      await seed(ctx.store);
      const managed = makeEvent({ applicationId: APP_A, eventId: 'booking' });
      const local = makeEvent();
      await ctx.store.putEvent(managed);
      await ctx.store.putEvent(local);
      const c = content();
      await ctx.store.replaceImportedOccurrences(CAL_2, series('s', 2, c), { now: NOW, newEventUid: uids('evt_external_b').next });
      await ctx.store.replaceImportedOccurrences(CAL_1, series('s', 3, c), { now: NOW, newEventUid: uids().next });
      const before = await snapshot();
      expect(before).toHaveLength(7);
      await expect(ctx.store.replaceImportedOccurrences(CAL_1, [...series('s', 1, c), ...series('s', 1, c)], { now: NOW, newEventUid: uids('evt_external_c').next })).rejects.toThrow(/twice/);
      expect(await snapshot()).toEqual(before);
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, [], { now: NOW, newEventUid: uids('evt_external_d').next })).toEqual({ created: 0, updated: 0, unchanged: 0, removed: 3 });
      expect((await snapshot({ includeDeleted: false })).map((e) => e.eventUid).sort()).toEqual([managed.eventUid, local.eventUid, ...before.filter((e) => e.calendarId === CAL_2).map((e) => e.eventUid)].sort());
      expect((await snapshot({ calendarIds: [CAL_1] })).filter((e) => e.sourceKey !== null).map((e) => e.deleted)).toEqual([true, true, true]);
      await ctx.store.deleteEventsOfCalendars([CAL_2]);
      expect(await ctx.store.countImportedEvents(CAL_2)).toBe(0);
    });

    it('rolls everything back when a write fails half-way', async () => {
      await seed(ctx.store);
      const c = content();
      await ctx.store.replaceImportedOccurrences(CAL_1, series('s', 600, c), { now: NOW, newEventUid: uids().next });
      const before = await snapshot();
      // The 900th new id is one an occurrence of another calendar holds: its insert fails.
      await ctx.store.replaceImportedOccurrences(CAL_2, series('x', 1, c), { now: NOW, newEventUid: () => 'evt_external_taken' });
      let n = 0;
      const clashing = (): string => (++n === 900 ? 'evt_external_taken' : `evt_external_n${String(n).padStart(10, '0')}`);
      await expect(ctx.store.replaceImportedOccurrences(CAL_1, [...series('s', 600, content({ summary: 'changed' })), ...series('n', 1000, c)], { now: NOW, newEventUid: clashing })).rejects.toThrow();
      expect(await snapshot({ calendarIds: [CAL_1] })).toEqual(before);
    });

    it('handles 20,000 occurrences of a few series, and changes to some of them', async () => {
      await seed(ctx.store);
      const cs = [content(), content({ summary: 'Two' }), content({ summary: 'Three' }), content({ summary: 'Four' })];
      const all = cs.flatMap((c, k) => series(`s${k}`, 5_000, c));
      const ids = uids();
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, all, { now: NOW, newEventUid: ids.next })).toEqual({ created: 20_000, updated: 0, unchanged: 0, removed: 0 });
      const edited = all.map((o, i) => (i % 4 === 0 ? { ...o, content: content({ summary: 'Edited' }) } : o)).slice(0, 19_000);
      expect(await ctx.store.replaceImportedOccurrences(CAL_1, edited, { now: NOW + 1, newEventUid: ids.next })).toEqual({ created: 0, updated: 4_750, unchanged: 14_250, removed: 1_000 });
      const stored = await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_1], includeDeleted: false });
      expect(stored).toHaveLength(19_000);
      expect(await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_1] })).toHaveLength(20_000);
      const byKey = new Map(stored.map((e) => [e.sourceKey, e]));
      expect(byKey.get('s0#0')).toMatchObject({ eventUid: ids.given[0], summary: 'Edited', created: NOW, updated: NOW + 1 });
      expect(byKey.get('s0#1')).toMatchObject({ eventUid: ids.given[1], summary: 'Standup', updated: NOW });
    });
  });
}
