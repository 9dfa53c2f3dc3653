/**
 * Imported occurrences get tables of their own. A calendar's import is tens of thousands of
 * occurrences, most of them instances of a few hundred series: in `events` each one was a
 * row of about 1.2 KB under five indexes, and writing them was most of an import's time. Now
 * an occurrence is a thin row (identity, bounds, flags, stamps) under one index besides its
 * key, and points to a row of `imported_contents` that all occurrences with the same content
 * and the same start of their source key (the instances of a series: its UID) share.
 *
 * Imported events written before keep their rows in `events` (source_key set): reads take
 * both tables, and a re-import moves them over. The unique index on (calendar_id, source_key)
 * of `events` goes: it served imports, which find such rows by calendar now, and on PostgreSQL
 * it refused a long source key (a B-tree entry holds at most 2704 bytes) that the occurrence
 * tables take, so an imported event could not be deleted through the API. One index on
 * (calendar_id, event_uid) replaces it and the one on calendar_id.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('imported_contents')
    .addColumn('content_id', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.calendar_id').onDelete('cascade'))
    // The start of the source keys of the occurrences using the row (an iCalendar UID, say).
    .addColumn('key_base', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('tzid', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('color', 'text')
    .addColumn('reminders', 'text', (c) => c.notNull())
    .addColumn('transparency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('participation_status', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('recurring', 'integer', (c) => c.notNull())
    .addColumn('event_private', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('imported_contents_calendar').on('imported_contents').column('calendar_id').execute();

  // No foreign key to imported_contents: checking it would cost a lookup per occurrence
  // written and a scan per content deleted. The store writes both tables together.
  await s
    .createTable('imported_occurrences')
    .addColumn('event_uid', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.calendar_id').onDelete('cascade'))
    // The rest of the source key, after its content's key_base: `#20260105T080000Z`, say.
    .addColumn('key_suffix', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // All-day occurrences hold the UTC midnights of their first day and of their end date.
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('created', 'bigint', (c) => c.notNull())
    .addColumn('updated', 'bigint', (c) => c.notNull())
    .addCheckConstraint('imported_occurrences_kind', sql`kind in ('time', 'date')`)
    .execute();
  // Window reads per calendar, re-imports and deletions of a calendar's occurrences.
  await s.createIndex('imported_occurrences_calendar_start').on('imported_occurrences').columns(['calendar_id', 'start_ms']).execute();

  await s.dropIndex('events_calendar_source_key').execute();
  await s.dropIndex('events_calendar').execute();
  // A calendar's events in uid order: pages of its imported rows, deletions, the cascade.
  await s.createIndex('events_calendar_uid').on('events').columns(['calendar_id', 'event_uid']).execute();
}

export const importedOccurrences: Migration = { name: '0007_imported_occurrences', up };
