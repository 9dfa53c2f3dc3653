import type { Selectable } from 'kysely';
import type { Attendee, CalendarEvent, EventBound, EventLocation } from '../../core/index.js';
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
  const time = v[B.kind] === 'time';
  return {
    eventUid: v[B.event_uid] as string,
    calendarId: v[B.calendar_id] as string,
    sub: v[B.sub] as string,
    summary: v[B.summary] as string,
    start: time ? { kind: 'time', ms: present(v[B.start_ms] as number | null, 'start_ms') } : { kind: 'date', date: present(v[B.start_date] as string | null, 'start_date') },
    end: time ? { kind: 'time', ms: present(v[B.end_ms] as number | null, 'end_ms') } : { kind: 'date', date: present(v[B.end_date] as string | null, 'end_date') },
    transparency: v[B.transparency] as BusyEventRecord['transparency'],
    status: v[B.status] as BusyEventRecord['status'],
    participationStatus: v[B.participation_status] as BusyEventRecord['participationStatus'],
    eventPrivate: fromFlag(v[B.event_private] as 0 | 1),
    deleted: fromFlag(v[B.deleted] as 0 | 1),
  };
}

type BoundRow = Pick<EventRow, 'kind' | 'start_ms' | 'end_ms' | 'start_date' | 'end_date'>;

function bound(r: BoundRow, which: 'start' | 'end'): EventBound {
  return r.kind === 'time'
    ? { kind: 'time', ms: present(r[`${which}_ms`], `${which}_ms`) }
    : { kind: 'date', date: present(r[`${which}_date`], `${which}_date`) };
}

/** Columns that say what an imported event is, as opposed to bookkeeping (uid, timestamps). */
const CONTENT_COLUMNS = [
  'calendar_id', 'sub', 'application_id', 'event_id', 'summary', 'description', 'kind',
  'start_ms', 'end_ms', 'start_date', 'end_date', 'tzid', 'location', 'url', 'color',
  'reminders', 'transparency', 'status', 'participation_status', 'attendees', 'organizer',
  'categories', 'recurring', 'event_private', 'deleted', 'source_key',
] as const satisfies readonly (keyof EventRow)[];

/**
 * True when two rows describe the same event, ignoring event_uid, created and updated: feeds
 * often restamp every event on each export, and a restamp alone must not count as a change.
 */
export function sameEventContent(a: EventRow, b: EventRow): boolean {
  return CONTENT_COLUMNS.every((c) => a[c] === b[c]);
}
