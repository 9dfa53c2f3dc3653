/**
 * Migration 0007 on a database that already holds imported events as rows of `events` (made
 * by the migrations before it), and how the new tables share content: imported events written
 * before read as before, a re-import moves them over under their uids (the unchanged ones
 * unchanged, stamps included) and deletes a vanished one; the instances of a series share one
 * content row. SQLite, and PostgreSQL in a fresh schema when KAIROS_TEST_POSTGRES is set.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarEvent, ImportedContent, ImportedOccurrence } from '../core/index.js';
import { APP_A, CAL_1, HOUR, PRO_1, SUB_1, T0, importedEvent, makeAccount, makeCalendar, makeEvent, makeProfile, time } from './contract/fixtures.js';
import { DELETED_RETENTION_MS } from './queries/replace-imported.js';
import { createStore } from './create-store.js';
import type { Db } from './db-schema.js';
import { migrations } from './migrations.js';
import { accountToRow } from './rows/account-row.js';
import { calendarToRow } from './rows/calendar-row.js';
import { eventToRow } from './rows/event-row.js';
import { profileToRow } from './rows/profile-row.js';
import { runMigrations } from './run-migrations.js';
import type { EventQuery } from './store.js';
import { migrationEngines } from './testing/migration-engines.js';

const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };
const bySourceKey = (a: CalendarEvent, b: CalendarEvent): number => ((a.sourceKey ?? '') < (b.sourceKey ?? '') ? -1 : 1);

function contentOf(e: CalendarEvent): ImportedContent {
  const { summary, description, tzid, location, url, color, reminders, transparency, status, participationStatus, attendees, organizer, categories, recurring, eventPrivate } = e;
  return { summary, description, tzid, location, url, color, reminders, transparency, status, participationStatus, attendees, organizer, categories, recurring, eventPrivate };
}

function occurrenceOf(e: CalendarEvent): ImportedOccurrence {
  if (e.start.kind !== 'time' || e.end.kind !== 'time') throw new Error('timed events only');
  return { sourceKey: e.sourceKey!, content: contentOf(e), allDay: false, startMs: e.start.ms, endMs: e.end.ms };
}

async function count(db: Db, table: 'events' | 'imported_occurrences' | 'imported_contents'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const engine of migrationEngines('m7')) {
  describe(`imported occurrences (migration 0007) on ${engine.name}`, () => {
    it('keeps imported events written before, and a re-import moves them over, changing only what changed', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0007');
        expect(before.map((m) => m.name).at(-1)).toBe('0006_pages_by_account');
        await runMigrations(db, engine.name, before, T0);
        // Rows as the store wrote them then: imported events were rows of `events` with a source key.
        const keep = importedEvent('keep', { recurring: true });
        const change = importedEvent('change', { start: time(T0 + HOUR), end: time(T0 + 2 * HOUR) });
        const drop_ = importedEvent('drop');
        const pushed = makeEvent();
        await db.insertInto('accounts').values(accountToRow(makeAccount(SUB_1))).execute();
        await db.insertInto('profiles').values(profileToRow(makeProfile(PRO_1, SUB_1))).execute();
        await db.insertInto('calendars').values(calendarToRow({ ...makeCalendar(CAL_1, PRO_1, SUB_1) })).execute();
        await db.insertInto('events').values([keep, change, drop_, pushed].map(eventToRow)).execute();

        const store = await createStore(url, opts);
        try {
          await store.migrate();
          expect((await store.queryEvents(everything)).sort(bySourceKey)).toEqual([pushed, change, drop_, keep].sort(bySourceKey));
          expect(await store.countImportedEvents(CAL_1)).toBe(3);

          const moved = { ...change, summary: 'Moved' };
          const r = await store.replaceImportedOccurrences(CAL_1, [occurrenceOf(keep), occurrenceOf(moved)], { now: T0 + 9, newEventUid: () => 'evt_external_unused' });
          expect(r).toEqual({ created: 0, updated: 1, unchanged: 1, removed: 1 });
          // The vanished one stays in `events`, deleted as of the replace.
          const dropped = { ...drop_, deleted: true, updated: T0 + 9 };
          expect((await store.queryEvents(everything)).sort(bySourceKey)).toEqual([pushed, { ...moved, updated: T0 + 9 }, keep, dropped].sort(bySourceKey));
          // Both moved over, under their uids and with their stamps (the changed one's renewed);
          // the pushed event and the deleted one are left in `events`.
          expect(await count(db, 'events')).toBe(2);
          expect(await count(db, 'imported_occurrences')).toBe(2);
          expect(await store.getEvent(keep.eventUid)).toEqual(keep);
          expect(await store.getEvent(change.eventUid)).toEqual({ ...moved, updated: T0 + 9 });
          expect(await store.getEvent(drop_.eventUid)).toEqual(dropped);
        } finally {
          await store.close();
        }
      } finally {
        await db.destroy();
        await drop();
      }
    });

    it('stores one content row for the instances of a series, and deletes content no occurrence uses', async () => {
      const { url, opts, db, drop } = await engine.open();
      const store = await createStore(url, opts);
      try {
        await store.migrate();
        await store.createAccount(makeAccount(SUB_1));
        await store.createProfile(makeProfile(PRO_1, SUB_1));
        await store.createCalendar(makeCalendar(CAL_1, PRO_1, SUB_1));
        const daily = contentOf(makeEvent({ summary: 'Daily', recurring: true }));
        // Two objects with equal content (as two parses give) are one row.
        const dailyAgain: ImportedContent = { ...daily };
        const lone = contentOf(makeEvent({ summary: 'Lone' }));
        const occurrences: ImportedOccurrence[] = [
          ...Array.from({ length: 50 }, (_, i) => ({ sourceKey: `d#${i}`, content: i < 25 ? daily : dailyAgain, allDay: false, startMs: T0 + i * 24 * HOUR, endMs: T0 + i * 24 * HOUR + HOUR })),
          { sourceKey: 'lone', content: lone, allDay: false, startMs: T0, endMs: T0 + HOUR },
        ];
        let n = 0;
        const newEventUid = (): string => `evt_external_${String(++n).padStart(24, '0')}`;
        await store.replaceImportedOccurrences(CAL_1, occurrences, { now: T0, newEventUid });
        expect(await count(db, 'imported_occurrences')).toBe(51);
        expect(await count(db, 'imported_contents')).toBe(2);
        // A vanished occurrence stays a while, deleted, and so does the content it points to;
        // once it is removed (deleted for longer than the retention), its content goes too.
        await store.replaceImportedOccurrences(CAL_1, occurrences.slice(0, 50), { now: T0, newEventUid });
        expect(await count(db, 'imported_contents')).toBe(2);
        await store.replaceImportedOccurrences(CAL_1, occurrences.slice(0, 50), { now: T0 + DELETED_RETENTION_MS + 1, newEventUid });
        expect(await count(db, 'imported_contents')).toBe(1);
        expect(await count(db, 'imported_occurrences')).toBe(50);
        const later = T0 + DELETED_RETENTION_MS + 2;
        await store.replaceImportedOccurrences(CAL_1, [], { now: later, newEventUid });
        expect(await count(db, 'imported_contents')).toBe(1);
        expect(await count(db, 'imported_occurrences')).toBe(50);
        await store.replaceImportedOccurrences(CAL_1, [], { now: later + DELETED_RETENTION_MS + 1, newEventUid });
        expect(await count(db, 'imported_contents')).toBe(0);
        expect(await count(db, 'imported_occurrences')).toBe(0);
      } finally {
        await store.close();
        await db.destroy();
        await drop();
      }
    });
  });
}
