import type { Updateable } from 'kysely';
import type { Calendar, ImportSource } from '../../core/index.js';
import type { CalendarsTable, Db } from '../db-schema.js';
import { fromJson, toFlag, toJson } from '../rows/columns.js';
import { calendarToRow, rowToCalendar } from '../rows/calendar-row.js';
import { countOccurrences } from './occurrence-queries.js';

export type CalendarPatch = Partial<Pick<Calendar, 'name' | 'readonly' | 'deleted' | 'color'>>;

export async function createCalendar(db: Db, c: Calendar): Promise<void> {
  await db.insertInto('calendars').values(calendarToRow(c)).execute();
}

/** Calendars of current (non-revoked) profiles only, joined so that this is one query. */
function currentCalendars(db: Db) {
  return db
    .selectFrom('calendars')
    .innerJoin('profiles', 'profiles.profile_id', 'calendars.profile_id')
    .selectAll('calendars')
    .where('profiles.revoked', '=', 0);
}

/** The calendar, or null when unknown or when its profile was revoked (it has disappeared). */
export async function getCalendar(db: Db, calendarId: string): Promise<Calendar | null> {
  const row = await currentCalendars(db).where('calendars.calendar_id', '=', calendarId).executeTakeFirst();
  return row ? rowToCalendar(row) : null;
}

export async function listCalendars(db: Db, sub: string, opts: { includeDeleted?: boolean } = {}): Promise<Calendar[]> {
  let q = currentCalendars(db).where('calendars.sub', '=', sub);
  if (!opts.includeDeleted) q = q.where('calendars.deleted', '=', 0);
  const rows = await q.orderBy('calendars.created_at').orderBy('calendars.calendar_id').execute();
  return rows.map(rowToCalendar);
}

/** Applies the fields present in `patch`; an empty patch does nothing. */
export async function updateCalendar(db: Db, calendarId: string, patch: CalendarPatch): Promise<void> {
  const set: Updateable<CalendarsTable> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.readonly !== undefined) set.read_only = toFlag(patch.readonly);
  if (patch.deleted !== undefined) set.deleted = toFlag(patch.deleted);
  if (patch.color !== undefined) set.color = patch.color;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('calendars').set(set).where('calendar_id', '=', calendarId).execute();
}

/** The source recorded with the calendar's imported content, or null (none recorded, or no such calendar). */
export async function getCalendarImportSource(db: Db, calendarId: string): Promise<ImportSource | null> {
  const row = await db.selectFrom('calendars').select('import_source').where('calendar_id', '=', calendarId).executeTakeFirst();
  return row?.import_source == null ? null : fromJson<ImportSource>(row.import_source);
}

export async function setCalendarImportSource(db: Db, calendarId: string, source: ImportSource | null): Promise<void> {
  const value = source === null ? null : toJson({ key: source.key, shown: source.shown });
  await db.updateTable('calendars').set({ import_source: value }).where('calendar_id', '=', calendarId).execute();
}

/** Imported events of the calendar: its occurrence rows, and its rows of `events` with a source key. */
export async function countImportedEvents(db: Db, calendarId: string, includeDeleted: boolean): Promise<number> {
  let q = db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('calendar_id', '=', calendarId)
    .where('source_key', 'is not', null);
  if (!includeDeleted) q = q.where('deleted', '=', 0);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n) + (await countOccurrences(db, calendarId, includeDeleted));
}
