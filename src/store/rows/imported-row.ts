/**
 * Rows of imported occurrences and of the content they share (migration 0007): how an
 * occurrence's source key is cut between the two, the content row and its id, and what an
 * event gives of both. Reads turn the rows back into events along with `events`' own rows
 * (occurrence-queries.ts, event-row.ts).
 */
import { hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { DAY_MS, dateToDay, type CalendarEvent, type ImportedContent } from '../../core/index.js';
import type { ImportedContentsTable, ImportedOccurrencesTable } from '../db-schema.js';
import { toFlag, toJson } from './columns.js';
import type { EventRow } from './event-row.js';

export type ContentRow = Selectable<ImportedContentsTable>;

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
] as const satisfies readonly (keyof Selectable<ImportedOccurrencesTable>)[];

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
 * The row of a content in a calendar. `json` writes its lists; a caller that builds many rows
 * can pass one that remembers the lists it has written (a series' overrides share its attendees).
 *
 * @example contentToRow('cal_1', 'standup@x', content) // { content_id: 'q3J…', calendar_id: 'cal_1', key_base: 'standup@x', summary: 'Standup', reminders: '[]', … }
 */
export function contentToRow(calendarId: string, keyBase: string, c: ImportedContent, json: (value: object) => string = toJson): ContentRow {
  const values: ContentValues = {
    key_base: keyBase,
    summary: c.summary,
    description: c.description,
    tzid: c.tzid,
    location: c.location === null ? null : json(c.location),
    url: c.url,
    color: c.color,
    reminders: json(c.reminders),
    transparency: c.transparency,
    status: c.status,
    participation_status: c.participationStatus,
    attendees: json(c.attendees),
    organizer: c.organizer === null ? null : json(c.organizer),
    categories: json(c.categories),
    recurring: toFlag(c.recurring),
    event_private: toFlag(c.eventPrivate),
  };
  return { content_id: contentIdOf(calendarId, values), calendar_id: calendarId, ...values };
}

/**
 * The content row an imported event of the `events` table would have (written before migration
 * 0007, or by putEvent): its JSON columns are taken as they are, so an unchanged event has the
 * id its re-import computes.
 *
 * @example contentRowOfEventRow(row, splitSourceKey(row.source_key)[0]).content_id
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

/**
 * The UTC midnight of a `YYYY-MM-DD` date, as imported occurrences hold their dates.
 *
 * @example msOfDate('2026-06-01') === Date.UTC(2026, 5, 1)
 */
export function msOfDate(date: string): number {
  return dateToDay(date) * DAY_MS;
}

/**
 * The bounds columns of an event, or null when start and end are of different kinds.
 *
 * @example boundsOfEvent({ start: { kind: 'date', date: '2026-06-01' }, end: { kind: 'date', date: '2026-06-02' } })
 *   // { kind: 'date', startMs: Date.UTC(2026, 5, 1), endMs: Date.UTC(2026, 5, 2) }
 */
export function boundsOfEvent(e: Pick<CalendarEvent, 'start' | 'end'>): { kind: 'time' | 'date'; startMs: number; endMs: number } | null {
  const { start, end } = e;
  if (start.kind === 'time' && end.kind === 'time') return { kind: 'time', startMs: start.ms, endMs: end.ms };
  if (start.kind === 'date' && end.kind === 'date') return { kind: 'date', startMs: msOfDate(start.date), endMs: msOfDate(end.date) };
  return null;
}

/**
 * The content of an event, its fields shared with the event (not copied).
 *
 * @example contentToRow(calendarId, base, contentOfEvent(event))
 */
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
