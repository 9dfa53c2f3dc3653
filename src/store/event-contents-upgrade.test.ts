/**
 * Upgrading a database that a development build migrated with `0007_event_contents`, a
 * migration withdrawn before release: an `event_contents` table and `events.content_id`, with
 * imported events that repeat one content keeping '' (and NULL) in their own description,
 * reminders, attendees, … columns and pointing to the shared row. The release walks it back
 * (migrations/withdrawn-0007-event-contents.ts) and migrates on. SQLite, and PostgreSQL when
 * KAIROS_TEST_POSTGRES is set.
 */
import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { APP_A, CAL_1, PRO_1, SUB_1, T0, importedEvent, makeAccount, makeCalendar, makeProfile } from './contract/fixtures.js';
import { createStore } from './create-store.js';
import { migrations } from './migrations.js';
import { accountToRow } from './rows/account-row.js';
import { calendarToRow } from './rows/calendar-row.js';
import { eventToRow } from './rows/event-row.js';
import { profileToRow } from './rows/profile-row.js';
import { runMigrations } from './run-migrations.js';
import type { EventQuery } from './store.js';
import { migrationEngines } from './testing/migration-engines.js';

const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };

/** The withdrawn migration, as the development build ran it. */
async function eventContentsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_contents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.calendar_id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('color', 'text')
    .addColumn('reminders', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_contents_calendar').on('event_contents').column('calendar_id').execute();
  await db.schema.alterTable('events').addColumn('content_id', 'text').execute();
}

for (const engine of migrationEngines('m7w')) {
  describe(`a database with the withdrawn 0007_event_contents on ${engine.name}`, () => {
    it('opens with the current code, and its imported events read back with their content', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0007');
        await runMigrations(db, engine.name, [...before, { name: '0007_event_contents', up: eventContentsUp }], T0);
        await db.insertInto('accounts').values(accountToRow(makeAccount(SUB_1))).execute();
        await db.insertInto('profiles').values(profileToRow(makeProfile(PRO_1, SUB_1))).execute();
        await db.insertInto('calendars').values(calendarToRow(makeCalendar(CAL_1, PRO_1, SUB_1, { readonly: true }))).execute();
        // Two occurrences of a series as f2dba61 stored them: their shared columns in one
        // event_contents row, '' / NULL in their own.
        const a = importedEvent('s#1', { recurring: true });
        const b = importedEvent('s#2', { recurring: true, start: { kind: 'time', ms: T0 + 86_400_000 }, end: { kind: 'time', ms: T0 + 90_000_000 } });
        const shared = eventToRow(a);
        await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('event_contents')
          .values({
            id: 'content1',
            calendar_id: CAL_1,
            description: shared.description,
            location: shared.location,
            url: shared.url,
            color: shared.color,
            reminders: shared.reminders,
            attendees: shared.attendees,
            organizer: shared.organizer,
            categories: shared.categories,
          })
          .execute();
        const pointer = { description: '', location: null, url: null, color: null, reminders: '', attendees: '', organizer: null, categories: '', content_id: 'content1' };
        await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('events')
          .values([a, b].map((e) => ({ ...eventToRow(e), ...pointer })))
          .execute();

        const store = await createStore(url, opts);
        try {
          await store.migrate();
          const read = (await store.queryEvents(everything)).sort((x, y) => (x.sourceKey! < y.sourceKey! ? -1 : 1));
          expect(read).toEqual([a, b]);
          // The table and the column are gone, and the name with them; the release's 0007 ran.
          await expect(sql`select count(*) from event_contents`.execute(db)).rejects.toThrow();
          await expect(sql`select content_id from events`.execute(db)).rejects.toThrow();
          const names = (await sql<{ name: string }>`select name from kairos_migrations order by name`.execute(db)).rows.map((r) => r.name);
          expect(names.filter((n) => n.startsWith('0007'))).toEqual(['0007_imported_occurrences']);
          // A re-import of the same content leaves the events as they are, now as occurrences.
          expect(await store.replaceImportedEvents(CAL_1, [a, b])).toEqual({ created: 0, updated: 0, unchanged: 2, removed: 0 });
          expect((await store.queryEvents(everything)).sort((x, y) => (x.sourceKey! < y.sourceKey! ? -1 : 1))).toEqual([a, b]);
        } finally {
          await store.close();
        }
      } finally {
        await db.destroy();
        await drop();
      }
    });
  });
}
