import type { Selectable } from 'kysely';
import { DAY_MS, dayToDate, type Attendee, type CalendarEvent, type EventBound, type EventLocation } from '../../core/index.js';
import type { EventsTable } from '../db-schema.js';
import type { BusyEventRecord } from '../store.js';
import { fromFlag, fromJson, present, toFlag, toJson } from './columns.js';

export type EventRow = Selectable<EventsTable>;

/**
 * The row of an event. Throws when start and end are of different kinds: the protocol never
 * allows it, so reaching the store with one is a bug upstream.
 */
export function eventToRow(e: CalendarEvent): EventRow {
  const bounds = boundColumns(e);
  return {
    event_uid: e.eventUid,
    calendar_id: e.calendarId,
    sub: e.sub,
    application_id: e.applicationId,
    event_id: e.eventId,
    summary: e.summary,
    description: e.description,
    ...bounds,
    tzid: e.tzid,
    location: e.location === null ? null : toJson(e.location),
    url: e.url,
    color: e.color,
    reminders: toJson(e.reminders),
    transparency: e.transparency,
    status: e.status,
    participation_status: e.participationStatus,
    attendees: toJson(e.attendees),
    organizer: e.organizer === null ? null : toJson(e.organizer),
    categories: toJson(e.categories),
    recurring: toFlag(e.recurring),
    event_private: toFlag(e.eventPrivate),
    deleted: toFlag(e.deleted),
    created: e.created,
    updated: e.updated,
    source_key: e.sourceKey,
  };
}

type BoundColumns = Pick<EventRow, 'kind' | 'start_ms' | 'end_ms' | 'start_date' | 'end_date'>;

function boundColumns(e: CalendarEvent): BoundColumns {
  const { start, end } = e;
  if (start.kind === 'time' && end.kind === 'time') {
    return { kind: 'time', start_ms: start.ms, end_ms: end.ms, start_date: null, end_date: null };
  }
  if (start.kind === 'date' && end.kind === 'date') {
    return { kind: 'date', start_ms: null, end_ms: null, start_date: start.date, end_date: end.date };
  }
  throw new Error(`event ${e.eventUid}: start and end must both be times or both be dates`);
}

export function rowToEvent(r: EventRow): CalendarEvent {
  return {
    eventUid: r.event_uid,
    calendarId: r.calendar_id,
    sub: r.sub,
    applicationId: r.application_id,
    eventId: r.event_id,
    summary: r.summary,
    description: r.description,
    start: bound(r, 'start'),
    end: bound(r, 'end'),
    tzid: r.tzid,
    location: r.location === null ? null : fromJson<EventLocation>(r.location),
    url: r.url,
    color: r.color,
    reminders: fromJson<{ minutes: number }[]>(r.reminders),
    transparency: r.transparency,
    status: r.status,
    participationStatus: r.participation_status,
    attendees: fromJson<Attendee[]>(r.attendees),
    organizer: r.organizer === null ? null : fromJson<CalendarEvent['organizer']>(r.organizer),
    categories: fromJson<string[]>(r.categories),
    recurring: fromFlag(r.recurring),
    eventPrivate: fromFlag(r.event_private),
    deleted: fromFlag(r.deleted),
    created: r.created,
    updated: r.updated,
    sourceKey: r.source_key,
  };
}

/** Every column of an event row, in a fixed order (the select list of array-row reads). */
export const EVENT_COLUMNS = [
  'event_uid', 'calendar_id', 'sub', 'application_id', 'event_id', 'summary', 'description', 'kind',
  'start_ms', 'end_ms', 'start_date', 'end_date', 'tzid', 'location', 'url', 'color', 'reminders',
  'transparency', 'status', 'participation_status', 'attendees', 'organizer', 'categories',
  'recurring', 'event_private', 'deleted', 'created', 'updated', 'source_key',
] as const satisfies readonly (keyof EventRow)[];

/** Position of each column in a row of EVENT_COLUMNS values. */
const E = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, i])) as Record<(typeof EVENT_COLUMNS)[number], number>;

/**
 * The row from the values of EVENT_COLUMNS in their order. An object literal built here is
 * several times cheaper than the row objects better-sqlite3 builds (see array-rows.ts).
 */
export function eventValuesToRow(v: readonly unknown[]): EventRow {
  return {
    event_uid: v[E.event_uid] as string,
    calendar_id: v[E.calendar_id] as string,
    sub: v[E.sub] as string,
    application_id: v[E.application_id] as string | null,
    event_id: v[E.event_id] as string | null,
    summary: v[E.summary] as string,
    description: v[E.description] as string,
    kind: v[E.kind] as EventRow['kind'],
    start_ms: v[E.start_ms] as number | null,
    end_ms: v[E.end_ms] as number | null,
    start_date: v[E.start_date] as string | null,
    end_date: v[E.end_date] as string | null,
    tzid: v[E.tzid] as string,
    location: v[E.location] as string | null,
    url: v[E.url] as string | null,
    color: v[E.color] as string | null,
    reminders: v[E.reminders] as string,
    transparency: v[E.transparency] as EventRow['transparency'],
    status: v[E.status] as EventRow['status'],
    participation_status: v[E.participation_status] as EventRow['participation_status'],
    attendees: v[E.attendees] as string,
    organizer: v[E.organizer] as string | null,
    categories: v[E.categories] as string,
    recurring: v[E.recurring] as EventRow['recurring'],
    event_private: v[E.event_private] as EventRow['event_private'],
    deleted: v[E.deleted] as EventRow['deleted'],
    created: v[E.created] as number,
    updated: v[E.updated] as number,
    source_key: v[E.source_key] as string | null,
  };
}

/** The columns `rowToBusyEvent` reads (the availability hot path selects only these). */
export const BUSY_COLUMNS = [
  'event_uid', 'calendar_id', 'sub', 'summary', 'kind', 'start_ms', 'end_ms', 'start_date', 'end_date',
  'transparency', 'status', 'participation_status', 'event_private', 'deleted',
] as const satisfies readonly (keyof EventRow)[];

/** Position of each busy column in a row of values. */
const B = Object.fromEntries(BUSY_COLUMNS.map((c, i) => [c, i])) as Record<(typeof BUSY_COLUMNS)[number], number>;

/**
 * The fields availability reads, from the values of BUSY_COLUMNS in their order (see
 * array-rows.ts for why the hot path reads arrays).
 */
export function busyValuesToEvent(v: readonly unknown[]): BusyEventRecord {
  const bounds: BoundRow = {
    kind: v[B.kind] as EventRow['kind'],
    start_ms: v[B.start_ms] as number | null,
    end_ms: v[B.end_ms] as number | null,
    start_date: v[B.start_date] as string | null,
    end_date: v[B.end_date] as string | null,
  };
  return {
    eventUid: v[B.event_uid] as string,
    calendarId: v[B.calendar_id] as string,
    sub: v[B.sub] as string,
    summary: v[B.summary] as string,
    start: bound(bounds, 'start'),
    end: bound(bounds, 'end'),
    transparency: v[B.transparency] as BusyEventRecord['transparency'],
    status: v[B.status] as BusyEventRecord['status'],
    participationStatus: v[B.participation_status] as BusyEventRecord['participationStatus'],
    eventPrivate: fromFlag(v[B.event_private] as 0 | 1),
    deleted: fromFlag(v[B.deleted] as 0 | 1),
  };
}

type BoundRow = Pick<EventRow, 'kind' | 'start_ms' | 'end_ms' | 'start_date' | 'end_date'>;

/**
 * A bound of the row. An imported occurrence read along with `events` (occurrence-queries.ts)
 * holds an all-day bound as the UTC midnight in its ms column, its date column null.
 */
function bound(r: BoundRow, which: 'start' | 'end'): EventBound {
  if (r.kind === 'time') return { kind: 'time', ms: present(r[`${which}_ms`], `${which}_ms`) };
  const date = r[`${which}_date`];
  return { kind: 'date', date: date ?? dayToDate(present(r[`${which}_ms`], `${which}_ms`) / DAY_MS) };
}
