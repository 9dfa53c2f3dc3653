import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { CalendarEvent } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db, DbSchema } from '../db-schema.js';
import { ARRAY_ROWS, rowValues } from '../array-rows.js';
import { BUSY_COLUMNS, EVENT_COLUMNS, busyValuesToEvent, eventToRow, eventValuesToRow, rowToEvent } from '../rows/event-row.js';
import type { BusyEventRecord, BusyQuery, EventQuery } from '../store.js';
import { deleteOccurrence, deleteOccurrencesOfCalendars, getOccurrence, measureOccurrences, queryBusyOccurrences, queryOccurrences } from './occurrence-queries.js';

type EventsEb = ExpressionBuilder<DbSchema, 'events'>;

interface Window {
  fromMs: number;
  toMs: number;
  fromDate: string;
  toDate: string;
}

/**
 * Half-open overlap with the window: timed events by instant, all-day events by date. Dates
 * are `YYYY-MM-DD`, so string order is date order.
 */
function overlaps(eb: EventsEb, w: Window): Expression<SqlBool> {
  return eb.or([
    eb.and([eb('kind', '=', 'time'), eb('start_ms', '<', w.toMs), eb('end_ms', '>', w.fromMs)]),
    eb.and([eb('kind', '=', 'date'), eb('start_date', '<', w.toDate), eb('end_date', '>', w.fromDate)]),
  ]);
}

/** The event with this uid, in `events` or among the imported occurrences. */
export async function getEvent(db: Db, eventUid: string): Promise<CalendarEvent | null> {
  const row = await db.selectFrom('events').selectAll().where('event_uid', '=', eventUid).executeTakeFirst();
  return row ? rowToEvent(row) : getOccurrence(db, eventUid);
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
 * The selection rules documented on EventQuery: one indexed query on `events`, then one on the
 * imported occurrences for what the limit leaves.
 */
export async function queryEvents(db: Db, q: EventQuery): Promise<CalendarEvent[]> {
  const selected = selection(db, q);
  const events: CalendarEvent[] = [];
  if (selected !== null) {
    let query = selected.modifyFront(sql.raw(ARRAY_ROWS)).select(EVENT_COLUMNS);
    if (q.limit !== undefined) query = query.limit(q.limit);
    for (const r of await query.execute()) events.push(rowToEvent(eventValuesToRow(rowValues(r, EVENT_COLUMNS))));
  }
  const left = q.limit === undefined ? undefined : q.limit - events.length;
  for (const e of await queryOccurrences(db, q, left)) events.push(e);
  return events;
}

/**
 * How many events EventQuery selects and how many characters of text they carry (summary,
 * description, location, attendees, organizer), without reading them: lets a caller refuse a
 * read too large to serve before doing it.
 */
export async function measureEvents(db: Db, q: EventQuery): Promise<{ count: number; textChars: number }> {
  const imported = await measureOccurrences(db, q);
  const selected = selection(db, q);
  if (selected === null) return imported;
  const row = await selected
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(length(summary) + length(description) + length(attendees) + coalesce(length(location), 0) + coalesce(length(organizer), 0)), 0)`.as('chars'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n) + imported.count, textChars: Number(row.chars) + imported.textChars };
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
    .execute();
  const busy = rows.map((r) => busyValuesToEvent(rowValues(r, BUSY_COLUMNS)));
  for (const b of await queryBusyOccurrences(db, q)) busy.push(b);
  return busy;
}

const DELETE_CHUNK = 500;

export async function deleteEventsOfCalendars(db: Db, calendarIds: string[]): Promise<void> {
  for (const ids of chunk([...new Set(calendarIds)], DELETE_CHUNK)) {
    await db.deleteFrom('events').where('calendar_id', 'in', ids).execute();
  }
  await deleteOccurrencesOfCalendars(db, calendarIds);
}
