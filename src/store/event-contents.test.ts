/**
 * Shared content of imported events (migration 0007), seen from both sides: through the store,
 * every read returns each event whole; in the database, a series' content is one row, and no
 * content row outlives the last event pointing to it. SQLite, and PostgreSQL in a fresh schema
 * when KAIROS_TEST_POSTGRES is set.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../core/index.js';
import { APP_A, CAL_1, CAL_2, HOUR, SUB_1, T0, importedEvent, seed, time } from './contract/fixtures.js';
import { createStore } from './create-store.js';
import type { DbSchema } from './db-schema.js';
import { migrations } from './migrations.js';
import { eventToRow } from './rows/event-row.js';
import { runMigrations } from './run-migrations.js';
import type { EventQuery, Store } from './store.js';
import { migrationEngines } from './testing/migration-engines.js';

const all: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };
const LONG = 'Weekly sync: agenda in the shared document; dial-in details below. '.repeat(3);

/** `n` occurrences of one series: the same summary and content, a week apart. */
function series(prefix: string, n: number, over: Partial<CalendarEvent> = {}): CalendarEvent[] {
  return Array.from({ length: n }, (_, i) =>
    importedEvent(`${prefix}#${i}`, { summary: `Series ${prefix}`, description: LONG, recurring: true, start: time(T0 + i * 168 * HOUR), end: time(T0 + i * 168 * HOUR + HOUR), ...over }),
  );
}

const byUid = (a: CalendarEvent, b: CalendarEvent): number => (a.eventUid < b.eventUid ? -1 : 1);

/** What measureEvents counts for an event: summary, description, attendees, location, organizer. */
function textChars(e: CalendarEvent): number {
  const json = (v: unknown): number => (v === null ? 0 : JSON.stringify(v).length);
  return e.summary.length + e.description.length + JSON.stringify(e.attendees).length + json(e.location) + json(e.organizer);
}

for (const engine of migrationEngines('ec')) {
  describe(`shared event content on ${engine.name}`, () => {
    let store: Store;
    let db: Kysely<DbSchema>;
    let drop: () => Promise<void>;

    beforeEach(async () => {
      const opened = await engine.open();
      db = opened.db;
      drop = opened.drop;
      store = await createStore(opened.url, opened.opts);
      await store.migrate();
      await seed(store);
    });

    afterEach(async () => {
      await store.close();
      await db.destroy();
      await drop();
    });

    const contentRows = async (calendarId: string) => db.selectFrom('event_contents').selectAll().where('calendar_id', '=', calendarId).execute();
    const pointers = async () => db.selectFrom('events').select(['event_uid', 'content_id', 'description', 'attendees']).where('content_id', 'is not', null).execute();
    const stored = async () => (await store.queryEvents(all)).sort(byUid);

    it('stores a series’ content once and reads every occurrence back whole', async () => {
      const weekly = series('w', 5);
      const lone = importedEvent('lone', { description: LONG });
      const tiny = series('t', 3, { description: '', location: null, url: null, color: null, reminders: [], attendees: [], organizer: null, categories: [] });
      const events = [...weekly, lone, ...tiny];
      expect(await store.replaceImportedEvents(CAL_1, events)).toEqual({ created: 9, updated: 0, unchanged: 0, removed: 0 });

      const rows = await contentRows(CAL_1);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.description).toBe(LONG);
      const thin = await pointers();
      expect(thin.map((r) => r.event_uid).sort()).toEqual(weekly.map((e) => e.eventUid).sort());
      for (const r of thin) expect(r).toMatchObject({ content_id: rows[0]!.id, description: '', attendees: '' });

      expect(await stored()).toEqual([...events].sort(byUid));
      for (const e of weekly) expect(await store.getEvent(e.eventUid)).toEqual(e);
      expect(await store.measureEvents(all)).toEqual({ count: 9, textChars: events.reduce((n, e) => n + textChars(e), 0) });
      const window = { fromMs: T0, toMs: T0 + HOUR, fromDate: '2026-06-01', toDate: '2026-06-02' };
      expect(await store.measureEvents({ ...all, window })).toEqual({ count: 3, textChars: textChars(weekly[0]!) + textChars(lone) + textChars(tiny[0]!) });
    });

    it('keeps the content row of an unchanged series, and replaces it when the content changes', async () => {
      await store.replaceImportedEvents(CAL_1, series('w', 4));
      const [first] = await contentRows(CAL_1);
      const again = series('w', 4, { updated: T0 + 7, created: T0 + 7 });
      expect(await store.replaceImportedEvents(CAL_1, again)).toEqual({ created: 0, updated: 0, unchanged: 4, removed: 0 });
      expect(await contentRows(CAL_1)).toEqual([first]);

      const edited = series('w', 4, { description: `${LONG} Moved to room 2.` });
      expect(await store.replaceImportedEvents(CAL_1, edited)).toEqual({ created: 0, updated: 4, unchanged: 0, removed: 0 });
      const rows = await contentRows(CAL_1);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(first!.id);
      expect((await stored()).map((e) => e.description)).toEqual(Array(4).fill(`${LONG} Moved to room 2.`));

      expect(await store.replaceImportedEvents(CAL_1, [])).toEqual({ created: 0, updated: 0, unchanged: 0, removed: 4 });
      expect(await contentRows(CAL_1)).toEqual([]);
    });

    it('keeps one calendar’s content apart from another’s with the same text', async () => {
      await store.replaceImportedEvents(CAL_1, series('w', 3));
      const other = series('w', 3, { calendarId: CAL_2 });
      await store.replaceImportedEvents(CAL_2, other);
      expect(await contentRows(CAL_1)).toHaveLength(1);
      expect(await contentRows(CAL_2)).toHaveLength(1);

      await store.deleteEventsOfCalendars([CAL_1]);
      expect(await contentRows(CAL_1)).toEqual([]);
      expect((await stored()).sort(byUid)).toEqual([...other].sort(byUid));
      await store.replaceImportedEvents(CAL_1, []);
      expect(await contentRows(CAL_2)).toHaveLength(1);
    });

    it('writes a shared event rewritten on its own (deleted by uid) with its whole content', async () => {
      const weekly = series('w', 3);
      await store.replaceImportedEvents(CAL_1, weekly);
      const gone = { ...(await store.getEvent(weekly[1]!.eventUid))!, deleted: true, updated: T0 + 9 };
      await store.putEvent(gone);
      expect(await store.getEvent(gone.eventUid)).toEqual(gone);
      expect((await pointers()).map((r) => r.event_uid).sort()).toEqual([weekly[0]!.eventUid, weekly[2]!.eventUid].sort());

      // The next import brings the occurrence back; the content row is still the one used.
      expect(await store.replaceImportedEvents(CAL_1, series('w', 3))).toEqual({ created: 0, updated: 1, unchanged: 2, removed: 0 });
      expect(await contentRows(CAL_1)).toHaveLength(1);
      expect((await stored()).map((e) => e.deleted)).toEqual([false, false, false]);
    });

    it('rolls the content rows back with the events when the import fails', async () => {
      await store.replaceImportedEvents(CAL_1, series('w', 3));
      const before = { events: await stored(), contents: await contentRows(CAL_1) };
      const broken = series('x', 3);
      broken[2] = { ...broken[2]!, eventUid: before.events[0]!.eventUid };
      await expect(store.transaction((tx) => tx.replaceImportedEvents(CAL_1, [...series('w', 3, { description: 'changed '.repeat(20) }), ...broken]))).rejects.toThrow();
      expect(await stored()).toEqual(before.events);
      expect(await contentRows(CAL_1)).toEqual(before.contents);
    });
  });
}

for (const engine of migrationEngines('m7')) {
  describe(`migration 0007_event_contents on ${engine.name}`, () => {
    it('keeps the events stored before it, whole, and the next import shares their content', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0007');
        expect(before.map((m) => m.name).at(-1)).toBe('0006_pages_by_account');
        await runMigrations(db, engine.name, before, T0);
        const old = await createStore(url, opts);
        const weekly = series('w', 3);
        try {
          await seed(old);
          // Written as the store wrote them then: every column but content_id.
          const rows = weekly.map((e) => {
            const { content_id: _later, ...row } = eventToRow(e);
            return row;
          });
          await db.insertInto('events').values(rows).execute();
          await old.migrate();
          expect((await old.queryEvents(all)).sort(byUid)).toEqual([...weekly].sort(byUid));
          expect(await old.replaceImportedEvents(CAL_1, series('w', 3))).toEqual({ created: 0, updated: 0, unchanged: 3, removed: 0 });
          const edited = series('w', 3, { description: `${LONG} (edited)` });
          expect(await old.replaceImportedEvents(CAL_1, edited)).toEqual({ created: 0, updated: 3, unchanged: 0, removed: 0 });
          expect(await db.selectFrom('event_contents').select('description').execute()).toEqual([{ description: `${LONG} (edited)` }]);
          expect((await old.queryEvents(all)).map((e) => e.description)).toEqual(Array(3).fill(`${LONG} (edited)`));
        } finally {
          await old.close();
        }
      } finally {
        await db.destroy();
        await drop();
      }
    });
  });
}
