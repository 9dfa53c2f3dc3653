import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { CalendarEvent } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db, DbSchema } from '../db-schema.js';
import { ARRAY_ROWS, rowValues } from '../array-rows.js';
import { BUSY_COLUMNS, EVENT_COLUMNS, busyValuesToEvent, eventToRow, eventValuesToRow, rowToEvent } from '../rows/event-row.js';
import type { BusyEventRecord, BusyQuery, EventQuery } from '../store.js';
import { deleteOccurrence, deleteOccurrencesOfCalendars, occurrenceBusySelect, occurrenceByUidSelect, occurrenceEventsSelect, occurrenceMeasureSelect } from './occurrence-queries.js';

type EventsEb = ExpressionBuilder<DbSchema, 'events'>;

interface Window {
  fromMs: number;
  toMs: number;
  fromDate: string;
  toDate: string;
}

/**
 * Half-open overlap with the window: timed events by instant, all-day events by date. Dates
 * are `YYYY-MM-DD`, so string order is date order. (occurrence-queries.ts has the same rule for
 * imported occurrences, whose dates are held as UTC midnights.)
 */
function overlaps(eb: EventsEb, w: Window): Expression<SqlBool> {
  return eb.or([
    eb.and([eb('kind', '=', 'time'), eb('start_ms', '<', w.toMs), eb('end_ms', '>', w.fromMs)]),
    eb.and([eb('kind', '=', 'date'), eb('start_date', '<', w.toDate), eb('end_date', '>', w.fromDate)]),
  ]);
}

/** The event with this uid, in `events` or among the imported occurrences (one statement: see occurrence-queries.ts). */
export async function getEvent(db: Db, eventUid: string): Promise<CalendarEvent | null> {
  const query = db
    .selectFrom('events')
    .modifyFront(sql.raw(ARRAY_ROWS))
    .select(EVENT_COLUMNS)
    .where('event_uid', '=', eventUid)
    .unionAll(occurrenceByUidSelect(db, eventUid) as never);
  const row = (await query.execute())[0];
  return row === undefined ? null : rowToEvent(eventValuesToRow(rowValues(row, EVENT_COLUMNS)));
}

export async function getManagedEvent(db: Db, applicationId: string, calendarId: string, eventId: string): Promise<CalendarEvent | null> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('calendar_id', '=', calendarId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row ? rowToEvent(row) : null;
}

/**
 * Inserts the event, or replaces every column of the event with the same uid, in `events`. An
 * imported occurrence with that uid moves there (a re-import moves it back when it changes).
 * Must run inside a transaction (two statements).
 */
export async function putEvent(db: Db, e: CalendarEvent): Promise<void> {
  const row = eventToRow(e);
  const { event_uid: _uid, ...rest } = row;
  await deleteOccurrence(db, e.eventUid);
  await db
    .insertInto('events')
    .values(row)
    .onConflict((oc) => oc.column('event_uid').doUpdateSet(rest))
    .execute();
}

/** The events EventQuery selects (its rules), before any select list. Null when none can match. */
function selection(db: Db, q: EventQuery) {
  if (q.calendarIds !== undefined && q.calendarIds.length === 0) return null;
  let query = db.selectFrom('events').where('sub', '=', q.sub);
  if (q.calendarIds !== undefined) query = query.where('calendar_id', 'in', q.calendarIds);
  if (!q.includeDeleted) query = query.where('deleted', '=', 0);
  if (q.updatedSince !== undefined) query = query.where('updated', '>=', q.updatedSince);

  const app = q.applicationId;
  if (q.managed === 'only') query = query.where('application_id', '=', app);
  // application_id is NULL for unmanaged events, and `NULL <> x` is not true: test it explicitly.
  if (q.managed === 'exclude') query = query.where((eb) => eb.or([eb('application_id', 'is', null), eb('application_id', '<>', app)]));

  const w = q.window;
  if (w !== undefined) {
    const managedBypass = q.managedIgnoresWindow === true && q.managed !== 'exclude';
    query = query.where((eb) => (managedBypass ? eb.or([overlaps(eb, w), eb('application_id', '=', app)]) : overlaps(eb, w)));
  }
  return query;
}

/**
 * The selection rules documented on EventQuery, over `events` and the imported occurrences in
 * one statement (one snapshot: an event moving between the tables meanwhile is seen once).
 */
export async function queryEvents(db: Db, q: EventQuery): Promise<CalendarEvent[]> {
  const events = selection(db, q)?.modifyFront(sql.raw(ARRAY_ROWS)).select(EVENT_COLUMNS) ?? null;
  // Typed as the events select: its columns are EVENT_COLUMNS in their order too.
  const imported = occurrenceEventsSelect(db, q)?.modifyFront(sql.raw(ARRAY_ROWS)) as NonNullable<typeof events> | undefined;
  let query;
  if (events !== null) query = imported === undefined ? events : events.unionAll(imported);
  else if (imported !== undefined) query = imported;
  else return [];
  if (q.limit !== undefined) query = query.limit(q.limit);
  const rows = await query.execute();
  return rows.map((r) => rowToEvent(eventValuesToRow(rowValues(r, EVENT_COLUMNS))));
}

/**
 * How many events EventQuery selects and how many characters of text they carry (summary,
 * description, location, attendees, organizer), without reading them: lets a caller refuse a
 * read too large to serve before doing it.
 */
export async function measureEvents(db: Db, q: EventQuery): Promise<{ count: number; textChars: number }> {
  const events =
    selection(db, q)?.select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(length(summary) + length(description) + length(attendees) + coalesce(length(location), 0) + coalesce(length(organizer), 0)), 0)`.as('chars'),
    ]) ?? null;
  const imported = occurrenceMeasureSelect(db, q);
  let query;
  if (events !== null) query = imported === null ? events : events.unionAll(imported);
  else if (imported !== null) query = imported;
  else return { count: 0, textChars: 0 };
  // One row per table, from one statement.
  let count = 0;
  let textChars = 0;
  for (const row of await query.execute()) {
    count += Number(row.n);
    textChars += Number(row.chars);
  }
  return { count, textChars };
}

/** Non-deleted events of `subs` overlapping the window; blocking rules are the caller's. */
export async function queryBusyEvents(db: Db, q: BusyQuery): Promise<BusyEventRecord[]> {
  if (q.subs.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .modifyFront(sql.raw(ARRAY_ROWS))
    .select(BUSY_COLUMNS)
    .where('sub', 'in', [...new Set(q.subs)])
    .where('deleted', '=', 0)
    .where((eb) => overlaps(eb, q))
    .unionAll(occurrenceBusySelect(db, q) as never)
    .execute();
  return rows.map((r) => busyValuesToEvent(rowValues(r, BUSY_COLUMNS)));
}

const DELETE_CHUNK = 500;

export async function deleteEventsOfCalendars(db: Db, calendarIds: string[]): Promise<void> {
  for (const ids of chunk([...new Set(calendarIds)], DELETE_CHUNK)) {
    await db.deleteFrom('events').where('calendar_id', 'in', ids).execute();
  }
  await deleteOccurrencesOfCalendars(db, calendarIds);
}
