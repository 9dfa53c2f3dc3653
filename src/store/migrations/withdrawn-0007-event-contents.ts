/**
 * `0007_event_contents`, withdrawn before release: development builds stored the long columns
 * of imported events that repeat one content (description, location, url, color, reminders,
 * attendees, organizer, categories) once in `event_contents`, the events pointing to it by
 * `content_id` and holding '' or NULL in those columns themselves. Migration 0007 of the
 * release (imported-occurrences) took its place. Walking it back puts the content into the
 * events again and drops the table and the column; the next import moves those events into
 * the occurrence tables like any imported before 0007.
 */
import { sql, type Kysely } from 'kysely';
import type { WithdrawnMigration } from '../migration.js';

const SHARED_COLUMNS = ['description', 'location', 'url', 'color', 'reminders', 'attendees', 'organizer', 'categories'] as const;

async function undo(db: Kysely<unknown>): Promise<void> {
  const set = SHARED_COLUMNS.map((c) => sql`${sql.ref(c)} = (select c.${sql.ref(c)} from event_contents c where c.id = events.content_id)`);
  await sql`update events set ${sql.join(set, sql`, `)} where content_id is not null`.execute(db);
  await db.schema.alterTable('events').dropColumn('content_id').execute();
  await db.schema.dropIndex('event_contents_calendar').execute();
  await db.schema.dropTable('event_contents').execute();
}

export const withdrawnEventContents: WithdrawnMigration = { name: '0007_event_contents', undo };
