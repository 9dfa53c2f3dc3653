/**
 * The long content of imported events that share it (every occurrence of a recurring series,
 * say) is stored once, in `event_contents`, and the events point to it by `content_id`. Rows
 * written before keep their content inline (content_id NULL), as pushed events always do.
 */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
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

export const eventContents: Migration = { name: '0007_event_contents', up };
