/**
 * Reads of imported occurrences (migration 0007's tables): the half of every event read that
 * `events` does not hold. An occurrence's account is its calendar's.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CalendarEvent } from '../../core/index.js';
import { ARRAY_ROWS, rowValues } from '../array-rows.js';
import { chunk } from '../chunk.js';
import type { Db, DbSchema } from '../db-schema.js';
import { fromFlag } from '../rows/columns.js';
import { CONTENT_COLUMNS, OCCURRENCE_COLUMNS, dateOfMs, msOfDate, occurrenceToEvent, occurrenceValuesToRow, rowToContent, type ContentRow, type OccurrenceRow, type StoredContent } from '../rows/imported-row.js';
import type { BusyEventRecord, BusyQuery, EventQuery } from '../store.js';

type OccurrencesEb = ExpressionBuilder<DbSchema & { o: DbSchema['imported_occurrences'] }, 'o'>;

interface Window {
  fromMs: number;
  toMs: number;
  fromDate: string;
  toDate: string;
}

/**
 * Half-open overlap with the window: timed occurrences by instant, all-day ones by the UTC
 * midnights of their dates (which order as the dates do). The bound on start_ms alone lets
 * both engines walk the (calendar_id, start_ms) index.
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

/** The occurrences EventQuery selects, before any select list; null when none can match. */
function selection(db: Db, q: EventQuery) {
  // Imported occurrences are never managed.
  if (q.managed === 'only') return null;
  if (q.calendarIds !== undefined && q.calendarIds.length === 0) return null;
  let query = db
    .selectFrom('imported_occurrences as o')
    .where('o.calendar_id', 'in', db.selectFrom('calendars').select('calendar_id').where('sub', '=', q.sub));
  if (q.calendarIds !== undefined) query = query.where('o.calendar_id', 'in', q.calendarIds);
  if (!q.includeDeleted) query = query.where('o.deleted', '=', 0);
  if (q.updatedSince !== undefined) query = query.where('o.updated', '>=', q.updatedSince);
  const w = q.window;
  if (w !== undefined) query = query.where((eb) => overlaps(eb, w));
  return query;
}

const SELECTED = OCCURRENCE_COLUMNS.map((c) => `o.${c}` as const);

/** The occurrences EventQuery selects, as events of `q.sub`; at most `limit` of them. */
export async function queryOccurrences(db: Db, q: EventQuery, limit: number | undefined): Promise<CalendarEvent[]> {
  const selected = selection(db, q);
  if (selected === null || limit === 0) return [];
  let query = selected.modifyFront(sql.raw(ARRAY_ROWS)).select(SELECTED);
  if (limit !== undefined) query = query.limit(limit);
  const rows = (await query.execute()).map((r) => occurrenceValuesToRow(rowValues(r, OCCURRENCE_COLUMNS)));
  const contents = await contentsOf(db, rows);
  return rows.map((r) => occurrenceToEvent(r, q.sub, contents.get(r.content_id)!));
}

/** How many occurrences EventQuery selects and the characters of text they carry (see Store.measureEvents). */
export async function measureOccurrences(db: Db, q: EventQuery): Promise<{ count: number; textChars: number }> {
  const selected = selection(db, q);
  if (selected === null) return { count: 0, textChars: 0 };
  const row = await selected
    .innerJoin('imported_contents as c', 'c.content_id', 'o.content_id')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(length(c.summary) + length(c.description) + length(c.attendees) + coalesce(length(c.location), 0) + coalesce(length(c.organizer), 0)), 0)`.as('chars'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), textChars: Number(row.chars) };
}

const BUSY_SELECTED = [
  'o.event_uid', 'o.calendar_id', 'k.sub', 'c.summary', 'o.kind', 'o.start_ms', 'o.end_ms',
  'c.transparency', 'c.status', 'c.participation_status', 'c.event_private',
] as const;
const BUSY_NAMES = BUSY_SELECTED.map((c) => c.slice(2));

/** Non-deleted occurrences of `subs` overlapping the window (the imported half of queryBusyEvents). */
export async function queryBusyOccurrences(db: Db, q: BusyQuery): Promise<BusyEventRecord[]> {
  if (q.subs.length === 0) return [];
  const rows = await db
    .selectFrom('imported_occurrences as o')
    .innerJoin('calendars as k', 'k.calendar_id', 'o.calendar_id')
    .innerJoin('imported_contents as c', 'c.content_id', 'o.content_id')
    .modifyFront(sql.raw(ARRAY_ROWS))
    .select(BUSY_SELECTED)
    .where('k.sub', 'in', [...new Set(q.subs)])
    .where('o.deleted', '=', 0)
    .where((eb) => overlaps(eb as unknown as OccurrencesEb, q))
    .execute();
  return rows.map((r) => {
    const v = rowValues(r, BUSY_NAMES);
    const time = v[4] === 'time';
    const start = Number(v[5]);
    const end = Number(v[6]);
    return {
      eventUid: v[0] as string,
      calendarId: v[1] as string,
      sub: v[2] as string,
      summary: v[3] as string,
      start: time ? { kind: 'time', ms: start } : { kind: 'date', date: dateOfMs(start) },
      end: time ? { kind: 'time', ms: end } : { kind: 'date', date: dateOfMs(end) },
      transparency: v[7] as BusyEventRecord['transparency'],
      status: v[8] as BusyEventRecord['status'],
      participationStatus: v[9] as BusyEventRecord['participationStatus'],
      eventPrivate: fromFlag(v[10] as 0 | 1),
      deleted: false,
    };
  });
}

/** The imported occurrence with this uid, or null. */
export async function getOccurrence(db: Db, eventUid: string): Promise<CalendarEvent | null> {
  const found = await db
    .selectFrom('imported_occurrences as o')
    .innerJoin('calendars as k', 'k.calendar_id', 'o.calendar_id')
    .select([...SELECTED, 'k.sub'])
    .where('o.event_uid', '=', eventUid)
    .executeTakeFirst();
  if (found === undefined) return null;
  const { sub, ...row } = found;
  const contents = await contentsOf(db, [row]);
  return occurrenceToEvent(row, sub, contents.get(row.content_id)!);
}

/**
 * The contents the rows point to, by id: one query per 500. Throws when one is missing: the
 * occurrence would read back empty.
 */
async function contentsOf(db: Db, rows: readonly Pick<OccurrenceRow, 'event_uid' | 'content_id'>[]): Promise<Map<string, StoredContent>> {
  const ids = [...new Set(rows.map((r) => r.content_id))];
  const byId = new Map<string, StoredContent>();
  for (const part of chunk(ids, 500)) {
    const found = await db.selectFrom('imported_contents').modifyFront(sql.raw(ARRAY_ROWS)).select(CONTENT_COLUMNS).where('content_id', 'in', part).execute();
    for (const r of found) {
      const v = rowValues(r, CONTENT_COLUMNS);
      const row = Object.fromEntries(CONTENT_COLUMNS.map((c, i) => [c, v[i]])) as unknown as ContentRow;
      byId.set(row.content_id, rowToContent(row));
    }
  }
  for (const r of rows) {
    if (!byId.has(r.content_id)) throw new Error(`corrupt row: occurrence ${r.event_uid} points to missing content ${r.content_id}`);
  }
  return byId;
}

/** How many imported occurrences (deleted ones included) the calendar holds in its own table. */
export async function countOccurrences(db: Db, calendarId: string): Promise<number> {
  const row = await db.selectFrom('imported_occurrences').select((eb) => eb.fn.countAll().as('n')).where('calendar_id', '=', calendarId).executeTakeFirstOrThrow();
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
