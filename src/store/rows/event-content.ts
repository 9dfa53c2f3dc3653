/**
 * Shared content of imported events: the long columns that every occurrence of a recurring
 * series repeats (description, attendees, …) stored once in `event_contents` and pointed to by
 * the events' `content_id`. On the 64,000-occurrence benchmark import (bench/ics) writing them
 * inline in every row was the largest part of SQLite's work.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { EventContentsTable } from '../db-schema.js';
import type { EventRow } from './event-row.js';

export type EventContentRow = Selectable<EventContentsTable>;

/** The event columns a content row holds, in a fixed order. */
export const SHARED_COLUMNS = ['description', 'location', 'url', 'color', 'reminders', 'attendees', 'organizer', 'categories'] as const;

type SharedColumn = (typeof SHARED_COLUMNS)[number];
type SharedValues = Pick<EventRow, SharedColumn>;

/** What a row pointing to a content row holds in its own shared columns. */
const POINTER_VALUES: SharedValues = { description: '', location: null, url: null, color: null, reminders: '', attendees: '', organizer: null, categories: '' };

/**
 * Below this many characters of shared columns a row keeps its content inline: the content
 * row and the lookup on every read would cost more than they save.
 */
export const MIN_SHARED_CHARS = 64;

/** Different contents kept per grouping key: a bound on the comparisons per row. */
const CANDIDATES_PER_KEY = 4;

/** SHARED_COLUMNS compared one by one (this runs once per imported row). */
function sameShared(a: SharedValues, b: SharedValues): boolean {
  return (
    a.description === b.description && a.attendees === b.attendees && a.location === b.location && a.url === b.url &&
    a.color === b.color && a.reminders === b.reminders && a.organizer === b.organizer && a.categories === b.categories
  );
}

/**
 * Rows with the same content have the same key; the key is cheap to build (no long text in
 * it), and rows of different content rarely share one.
 */
function groupingKey(row: EventRow): string {
  return `${row.description.length}:${row.attendees.length}:${row.summary}`;
}

function sharedChars(v: SharedValues): number {
  let n = 0;
  for (const c of SHARED_COLUMNS) n += v[c]?.length ?? 0;
  return n;
}

/**
 * The id of a content in a calendar: a digest of both, so that importing the same content
 * again finds the row it wrote before, and no two calendars share a row.
 */
export function contentId(calendarId: string, v: SharedValues): string {
  const h = createHash('sha256');
  h.update(calendarId);
  for (const c of SHARED_COLUMNS) {
    const value = v[c];
    // Length-prefixed, so that no two different column lists give the same input.
    h.update(value === null ? '\u0000null;' : `${value.length}:${value};`);
  }
  return `ect_${h.digest('base64url').slice(0, 32)}`;
}

/**
 * Makes the rows that repeat one content (at least MIN_SHARED_CHARS of it) point to a content
 * row instead of carrying it, and returns those content rows. Rows are changed in place; rows
 * whose content is their own, or short, are left as they are. Rows are grouped by a cheap key
 * first (summary and lengths), and then compared column by column.
 *
 * @example
 *   const contents = shareContents('cal_1', rows); // rows of a weekly series
 *   rows[0].content_id === contents[0].id && rows[0].description === '' // true
 */
export function shareContents(calendarId: string, rows: EventRow[]): EventContentRow[] {
  const groups = new Map<string, { first: EventRow; members: EventRow[] }[]>();
  for (const row of rows) {
    if (row.content_id !== null) throw new Error(`event ${row.event_uid} already points to a content row`);
    const key = groupingKey(row);
    let candidates = groups.get(key);
    if (candidates === undefined) {
      candidates = [];
      groups.set(key, candidates);
    }
    const group = candidates.find((g) => sameShared(g.first, row));
    if (group !== undefined) group.members.push(row);
    else if (candidates.length < CANDIDATES_PER_KEY) candidates.push({ first: row, members: [row] });
  }
  // Groups of different summaries can hold one content: one row for each id.
  const contents = new Map<string, EventContentRow>();
  for (const candidates of groups.values()) {
    for (const { first, members } of candidates) {
      if (members.length < 2 || sharedChars(first) < MIN_SHARED_CHARS) continue;
      const id = contentId(calendarId, first);
      if (!contents.has(id)) {
        contents.set(id, { id, calendar_id: calendarId, description: first.description, location: first.location, url: first.url, color: first.color, reminders: first.reminders, attendees: first.attendees, organizer: first.organizer, categories: first.categories });
      }
      for (const row of members) {
        Object.assign(row, POINTER_VALUES);
        row.content_id = id;
      }
    }
  }
  return [...contents.values()];
}

/**
 * Puts the content of every row that points to one back into the row, from `byId`. Throws
 * when a row points to a content that is not there: the row would read back as empty.
 */
export function fillContents(rows: readonly EventRow[], byId: ReadonlyMap<string, EventContentRow>): void {
  for (const row of rows) {
    if (row.content_id === null) continue;
    const content = byId.get(row.content_id);
    if (content === undefined) throw new Error(`corrupt row: event ${row.event_uid} points to missing content ${row.content_id}`);
    for (const c of SHARED_COLUMNS) (row as Record<SharedColumn, string | null>)[c] = content[c];
  }
}
