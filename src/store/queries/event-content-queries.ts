import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { fillContents, type EventContentRow } from '../rows/event-content.js';
import type { EventRow } from '../rows/event-row.js';

/** Ids per `in (…)` list, and content rows (10 columns) per insert. */
const ID_CHUNK = 500;
const INSERT_CHUNK = 400;

/**
 * Reads the contents `rows` point to and puts them into the rows (see event-content.ts). One
 * query per 500 distinct contents, and none when no row points to one (pushed events never do).
 */
export async function attachContents(db: Db, rows: readonly EventRow[]): Promise<void> {
  const ids = new Set<string>();
  for (const r of rows) if (r.content_id !== null) ids.add(r.content_id);
  if (ids.size === 0) return;
  const byId = new Map<string, EventContentRow>();
  for (const part of chunk([...ids], ID_CHUNK)) {
    for (const c of await db.selectFrom('event_contents').selectAll().where('id', 'in', part).execute()) byId.set(c.id, c);
  }
  fillContents(rows, byId);
}

/** Writes content rows; a content already stored (the same id) is kept as it is. */
export async function writeContents(db: Db, contents: readonly EventContentRow[]): Promise<void> {
  for (const part of chunk(contents, INSERT_CHUNK)) {
    await db.insertInto('event_contents').values(part).onConflict((oc) => oc.column('id').doNothing()).execute();
  }
}

/** Deletes the calendar's content rows that are not in `used`; returns how many. */
export async function deleteUnusedContents(db: Db, calendarId: string, used: ReadonlySet<string>): Promise<number> {
  const stored = await db.selectFrom('event_contents').select('id').where('calendar_id', '=', calendarId).execute();
  const unused = stored.map((r) => r.id).filter((id) => !used.has(id));
  for (const part of chunk(unused, ID_CHUNK)) await db.deleteFrom('event_contents').where('id', 'in', part).execute();
  return unused.length;
}

/** Deletes the content rows of the calendars (with their events, by the caller). */
export async function deleteContentsOfCalendars(db: Db, calendarIds: readonly string[]): Promise<void> {
  for (const part of chunk([...new Set(calendarIds)], ID_CHUNK)) await db.deleteFrom('event_contents').where('calendar_id', 'in', part).execute();
}
