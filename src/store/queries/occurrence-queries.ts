/**
 * The imported half of every event read (migration 0007's tables), as selects whose columns
 * line up with those of `events` (EVENT_COLUMNS, BUSY_COLUMNS), so that event-queries.ts reads
 * both tables in one statement (`union all`): one snapshot, so that an event moving between the
 * tables while a read runs is seen once. An occurrence's account is its calendar's; its source
 * key is its content's `key_base` followed by its `key_suffix`; an all-day occurrence carries
 * its dates as the UTC midnights in `start_ms`/`end_ms`, with `start_date`/`end_date` null.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { chunk } from '../chunk.js';
import type { Db, DbSchema } from '../db-schema.js';
import { msOfDate } from '../rows/imported-row.js';
import type { BusyQuery, EventQuery } from '../store.js';

type Tables = DbSchema & { o: DbSchema['imported_occurrences']; c: DbSchema['imported_contents']; k: DbSchema['calendars'] };
type OccurrencesEb = ExpressionBuilder<Tables, 'o'>;

interface Window {
  fromMs: number;
  toMs: number;
  fromDate: string;
  toDate: string;
}

/**
 * Half-open overlap with the window, as event-queries.ts's for `events`: timed occurrences by
 * instant, all-day ones by their dates, here the UTC midnights of the dates (which order as the
 * dates do). The bound on start_ms alone lets both engines walk the (calendar_id, start_ms) index.
 */
function overlaps(eb: OccurrencesEb, w: Window): Expression<SqlBool> {
  const toDay = msOfDate(w.toDate);
  const fromDay = msOfDate(w.fromDate);
  return eb.and([
    eb('o.start_ms', '<', Math.max(w.toMs, toDay)),
    eb.or([
      eb.and([eb('o.kind', '=', 'time'), eb('o.start_ms', '<', w.toMs), eb('o.end_ms', '>', w.fromMs)]),
      eb.and([eb('o.kind', '=', 'date'), eb('o.start_ms', '<', toDay), eb('o.end_ms', '>', fromDay)]),
    ]),
  ]);
}

/** The occurrences EventQuery selects, joined to their content, before a select list; null when none can. */
function selection(db: Db, q: EventQuery) {
  // Imported occurrences are never managed.
  if (q.managed === 'only') return null;
  if (q.calendarIds !== undefined && q.calendarIds.length === 0) return null;
  let query = db
    .selectFrom('imported_occurrences as o')
    .innerJoin('imported_contents as c', 'c.content_id', 'o.content_id')
    .where('o.calendar_id', 'in', db.selectFrom('calendars').select('calendar_id').where('sub', '=', q.sub));
  if (q.calendarIds !== undefined) query = query.where('o.calendar_id', 'in', q.calendarIds);
  if (!q.includeDeleted) query = query.where('o.deleted', '=', 0);
  if (q.updatedSince !== undefined) query = query.where('o.updated', '>=', q.updatedSince);
  const w = q.window;
  if (w !== undefined) query = query.where((eb) => overlaps(eb as unknown as OccurrencesEb, w));
  return query;
}

/** A null in a select list, named. */
const none = (name: string) => sql<null>`null`.as(name);

/**
 * The occurrences EventQuery selects, with the columns of EVENT_COLUMNS in their order (see the
 * top of this file for how they read). Null when none can match.
 *
 * @example eventsSelect.unionAll(occurrenceEventsSelect(db, q)!) // one statement over both tables
 */
export function occurrenceEventsSelect(db: Db, q: EventQuery) {
  const selected = selection(db, q);
  if (selected === null) return null;
  return selected.select([
    'o.event_uid', 'o.calendar_id', sql<string>`cast(${q.sub} as text)`.as('sub'), none('application_id'), none('event_id'),
    'c.summary', 'c.description', 'o.kind', 'o.start_ms', 'o.end_ms', none('start_date'), none('end_date'),
    'c.tzid', 'c.location', 'c.url', 'c.color', 'c.reminders', 'c.transparency', 'c.status', 'c.participation_status',
    'c.attendees', 'c.organizer', 'c.categories', 'c.recurring', 'c.event_private', 'o.deleted', 'o.created', 'o.updated',
    sql<string>`c.key_base || o.key_suffix`.as('source_key'),
  ]);
}

/**
 * How many occurrences EventQuery selects (`n`) and their characters of text (`chars`, see
 * Store.measureEvents), as one row.
 *
 * @example (await occurrenceMeasureSelect(db, q)!.executeTakeFirstOrThrow()).n
 */
export function occurrenceMeasureSelect(db: Db, q: EventQuery) {
  const selected = selection(db, q);
  if (selected === null) return null;
  return selected.select([
    sql<number>`count(*)`.as('n'),
    sql<number>`coalesce(sum(length(c.summary) + length(c.description) + length(c.attendees) + coalesce(length(c.location), 0) + coalesce(length(c.organizer), 0)), 0)`.as('chars'),
  ]);
}

/**
 * Non-deleted occurrences of `q.subs` overlapping the window, with the columns of BUSY_COLUMNS
 * in their order.
 *
 * @example busySelect.unionAll(occurrenceBusySelect(db, q))
 */
export function occurrenceBusySelect(db: Db, q: BusyQuery) {
  return db
    .selectFrom('imported_occurrences as o')
    .innerJoin('calendars as k', 'k.calendar_id', 'o.calendar_id')
    .innerJoin('imported_contents as c', 'c.content_id', 'o.content_id')
    .where('k.sub', 'in', [...new Set(q.subs)])
    .where('o.deleted', '=', 0)
    .where((eb) => overlaps(eb as unknown as OccurrencesEb, q))
    .select([
      'o.event_uid', 'o.calendar_id', 'k.sub', 'c.summary', 'o.kind', 'o.start_ms', 'o.end_ms', none('start_date'), none('end_date'),
      'c.transparency', 'c.status', 'c.participation_status', 'c.event_private', 'o.deleted',
    ]);
}

/**
 * The occurrence with this uid, with the columns of EVENT_COLUMNS in their order.
 *
 * @example eventByUidSelect.unionAll(occurrenceByUidSelect(db, 'evt_external_…'))
 */
export function occurrenceByUidSelect(db: Db, eventUid: string) {
  return db
    .selectFrom('imported_occurrences as o')
    .innerJoin('imported_contents as c', 'c.content_id', 'o.content_id')
    .innerJoin('calendars as k', 'k.calendar_id', 'o.calendar_id')
    .where('o.event_uid', '=', eventUid)
    .select([
      'o.event_uid', 'o.calendar_id', 'k.sub', none('application_id'), none('event_id'),
      'c.summary', 'c.description', 'o.kind', 'o.start_ms', 'o.end_ms', none('start_date'), none('end_date'),
      'c.tzid', 'c.location', 'c.url', 'c.color', 'c.reminders', 'c.transparency', 'c.status', 'c.participation_status',
      'c.attendees', 'c.organizer', 'c.categories', 'c.recurring', 'c.event_private', 'o.deleted', 'o.created', 'o.updated',
      sql<string>`c.key_base || o.key_suffix`.as('source_key'),
    ]);
}

/** How many imported occurrences the calendar holds in its own table (deleted ones too, with `includeDeleted`). */
export async function countOccurrences(db: Db, calendarId: string, includeDeleted = true): Promise<number> {
  let q = db.selectFrom('imported_occurrences').select((eb) => eb.fn.countAll().as('n')).where('calendar_id', '=', calendarId);
  if (!includeDeleted) q = q.where('deleted', '=', 0);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Hard-deletes the occurrences and contents of the calendars. */
export async function deleteOccurrencesOfCalendars(db: Db, calendarIds: readonly string[]): Promise<void> {
  for (const ids of chunk([...new Set(calendarIds)], 500)) {
    await db.deleteFrom('imported_occurrences').where('calendar_id', 'in', ids).execute();
    await db.deleteFrom('imported_contents').where('calendar_id', 'in', ids).execute();
  }
}

/** Deletes the occurrence with this uid, if any (putEvent moves an event to `events`). */
export async function deleteOccurrence(db: Db, eventUid: string): Promise<void> {
  await db.deleteFrom('imported_occurrences').where('event_uid', '=', eventUid).execute();
}
