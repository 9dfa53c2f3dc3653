/**
 * Rows of imported occurrences and of the content they share (migration 0007), and the events
 * they read back as.
 */
import { hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Attendee, CalendarEvent, EventBound, EventLocation, ImportedContent } from '../../core/index.js';
import type { ImportedContentsTable, ImportedOccurrencesTable } from '../db-schema.js';
import { fromFlag, fromJson, toFlag, toJson } from './columns.js';
import type { EventRow } from './event-row.js';

export type ContentRow = Selectable<ImportedContentsTable>;
export type OccurrenceRow = Selectable<ImportedOccurrencesTable>;

/** The columns of a content row that hold the content (all but its id and calendar). */
const CONTENT_VALUE_COLUMNS = [
  'key_base', 'summary', 'description', 'tzid', 'location', 'url', 'color', 'reminders', 'transparency', 'status',
  'participation_status', 'attendees', 'organizer', 'categories', 'recurring', 'event_private',
] as const satisfies readonly (keyof ContentRow)[];

/** Every column of a content row, in a fixed order (select lists and inserts). */
export const CONTENT_COLUMNS = ['content_id', 'calendar_id', ...CONTENT_VALUE_COLUMNS] as const satisfies readonly (keyof ContentRow)[];

/** Every column of an occurrence row, in a fixed order (select lists and inserts). */
export const OCCURRENCE_COLUMNS = [
  'event_uid', 'calendar_id', 'key_suffix', 'content_id', 'kind', 'start_ms', 'end_ms', 'deleted', 'created', 'updated',
] as const satisfies readonly (keyof OccurrenceRow)[];

/**
 * A source key cut in two at its last `#`: the base goes with the content, the suffix with the
 * occurrence. Occurrences of a series (`uid#20260105T080000Z`) then share their base, the UID,
 * and store only the suffix; a key without `#` is all base. Any cut would read back the same
 * key; this one shares the most.
 *
 * @example splitSourceKey('a@b#20260105T080000Z') // ['a@b', '#20260105T080000Z']
 * @example splitSourceKey('lone@b') // ['lone@b', '']
 */
export function splitSourceKey(key: string): [base: string, suffix: string] {
  const at = key.lastIndexOf('#');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at)];
}

type ContentValues = Omit<ContentRow, 'content_id' | 'calendar_id'>;

/**
 * The id of a content in a calendar: a digest of both, so that importing the same content
 * again finds the row written before, and no two calendars share one.
 */
function contentIdOf(calendarId: string, v: ContentValues): string {
  // Each value tagged and strings length-prefixed, so that no two different rows give one input.
  let input = `${calendarId.length}:${calendarId};`;
  for (const c of CONTENT_VALUE_COLUMNS) {
    const value = v[c];
    input += value === null ? 'N;' : typeof value === 'number' ? `#${value};` : `${value.length}:${value};`;
  }
  return hash('sha256', input, 'base64url').slice(0, 22);
}

/**
 * The row of a content in a calendar.
 *
 * @example contentToRow('cal_1', 'standup@x', content) // { content_id: 'q3J…', calendar_id: 'cal_1', key_base: 'standup@x', summary: 'Standup', reminders: '[]', … }
 */
export function contentToRow(calendarId: string, keyBase: string, c: ImportedContent): ContentRow {
  const values: ContentValues = {
    key_base: keyBase,
    summary: c.summary,
    description: c.description,
    tzid: c.tzid,
    location: c.location === null ? null : toJson(c.location),
    url: c.url,
    color: c.color,
    reminders: toJson(c.reminders),
    transparency: c.transparency,
    status: c.status,
    participation_status: c.participationStatus,
    attendees: toJson(c.attendees),
    organizer: c.organizer === null ? null : toJson(c.organizer),
    categories: toJson(c.categories),
    recurring: toFlag(c.recurring),
    event_private: toFlag(c.eventPrivate),
  };
  return { content_id: contentIdOf(calendarId, values), calendar_id: calendarId, ...values };
}

/**
 * The content row an imported event of the `events` table would have (rows written before
 * migration 0007 keep their place there): its JSON columns are taken as they are.
 */
export function contentRowOfEventRow(r: EventRow, keyBase: string): ContentRow {
  const values: ContentValues = {
    key_base: keyBase,
    summary: r.summary,
    description: r.description,
    tzid: r.tzid,
    location: r.location,
    url: r.url,
    color: r.color,
    reminders: r.reminders,
    transparency: r.transparency,
    status: r.status,
    participation_status: r.participation_status,
    attendees: r.attendees,
    organizer: r.organizer,
    categories: r.categories,
    recurring: r.recurring,
    event_private: r.event_private,
  };
  return { content_id: contentIdOf(r.calendar_id, values), calendar_id: r.calendar_id, ...values };
}

/** A content as read back, with the start of its occurrences' source keys. */
export type StoredContent = ImportedContent & { keyBase: string };

export function rowToContent(r: ContentRow): StoredContent {
  return {
    keyBase: r.key_base,
    summary: r.summary,
    description: r.description,
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
  };
}

/** `YYYY-MM-DD` of a UTC midnight. */
export function dateOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC midnight of a `YYYY-MM-DD` date. */
export function msOfDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function boundOf(kind: 'time' | 'date', ms: number): EventBound {
  return kind === 'time' ? { kind: 'time', ms } : { kind: 'date', date: dateOfMs(ms) };
}

/** The bounds columns of an event, or null when start and end are of different kinds. */
export function boundsOfEvent(e: Pick<CalendarEvent, 'start' | 'end'>): { kind: 'time' | 'date'; startMs: number; endMs: number } | null {
  const { start, end } = e;
  if (start.kind === 'time' && end.kind === 'time') return { kind: 'time', startMs: start.ms, endMs: end.ms };
  if (start.kind === 'date' && end.kind === 'date') return { kind: 'date', startMs: msOfDate(start.date), endMs: msOfDate(end.date) };
  return null;
}

/** The content of an event, its fields shared with the event (not copied). */
export function contentOfEvent(e: CalendarEvent): ImportedContent {
  return {
    summary: e.summary,
    description: e.description,
    tzid: e.tzid,
    location: e.location,
    url: e.url,
    color: e.color,
    reminders: e.reminders,
    transparency: e.transparency,
    status: e.status,
    participationStatus: e.participationStatus,
    attendees: e.attendees,
    organizer: e.organizer,
    categories: e.categories,
    recurring: e.recurring,
    eventPrivate: e.eventPrivate,
  };
}

/**
 * The event an occurrence row reads back as. `content` may be shared by many events: callers
 * treat events as values and never change them in place.
 */
export function occurrenceToEvent(o: OccurrenceRow, sub: string, content: StoredContent): CalendarEvent {
  return {
    eventUid: o.event_uid,
    calendarId: o.calendar_id,
    sub,
    applicationId: null,
    eventId: null,
    summary: content.summary,
    description: content.description,
    start: boundOf(o.kind, o.start_ms),
    end: boundOf(o.kind, o.end_ms),
    tzid: content.tzid,
    location: content.location,
    url: content.url,
    color: content.color,
    reminders: content.reminders,
    transparency: content.transparency,
    status: content.status,
    participationStatus: content.participationStatus,
    attendees: content.attendees,
    organizer: content.organizer,
    categories: content.categories,
    recurring: content.recurring,
    eventPrivate: content.eventPrivate,
    deleted: fromFlag(o.deleted),
    created: o.created,
    updated: o.updated,
    sourceKey: content.keyBase + o.key_suffix,
  };
}

/** Position of each occurrence column in a row of values. */
const O = Object.fromEntries(OCCURRENCE_COLUMNS.map((c, i) => [c, i])) as Record<(typeof OCCURRENCE_COLUMNS)[number], number>;

/** The row from the values of OCCURRENCE_COLUMNS in their order (see array-rows.ts). */
export function occurrenceValuesToRow(v: readonly unknown[]): OccurrenceRow {
  return {
    event_uid: v[O.event_uid] as string,
    calendar_id: v[O.calendar_id] as string,
    key_suffix: v[O.key_suffix] as string,
    content_id: v[O.content_id] as string,
    kind: v[O.kind] as OccurrenceRow['kind'],
    start_ms: Number(v[O.start_ms]),
    end_ms: Number(v[O.end_ms]),
    deleted: v[O.deleted] as OccurrenceRow['deleted'],
    created: Number(v[O.created]),
    updated: Number(v[O.updated]),
  };
}
