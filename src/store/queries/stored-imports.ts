/**
 * What a calendar holds of imported events, by source key, as a replace compares it with what
 * comes in (replace-imported.ts): its occurrence rows, and its imported rows of `events`
 * (written before migration 0007, or by putEvent), which the replace moves over.
 */
import { sql } from 'kysely';
import { ARRAY_ROWS, rowValues } from '../array-rows.js';
import type { Db } from '../db-schema.js';
import { EVENT_COLUMNS, eventValuesToRow } from '../rows/event-row.js';
import { contentRowOfEventRow, msOfDate, splitSourceKey } from '../rows/imported-row.js';
import { yieldToLoop } from '../yield-to-loop.js';

/** The columns of a stored occurrence that a replace reads, and their positions. */
export const STORED_COLUMNS = ['event_uid', 'key_suffix', 'content_id', 'kind', 'start_ms', 'end_ms', 'deleted', 'created', 'updated'] as const;
export const S_UID = 0;
export const S_SUFFIX = 1;
export const S_CONTENT = 2;
export const S_KIND = 3;
export const S_START = 4;
export const S_END = 5;
export const S_DELETED = 6;
export const S_CREATED = 7;
export const S_UPDATED = 8;

/** An imported row of `events`, with what a replace compares and keeps when it moves the row over. */
export interface StoredEventRow {
  kind: 'event';
  uid: string;
  /** The id its content would have as a content row. */
  contentId: string;
  time: boolean;
  startMs: number;
  endMs: number;
  deleted: 0 | 1;
  created: number;
  updated: number;
}

/** A stored occurrence: the values of STORED_COLUMNS (kept as read: a calendar holds tens of thousands), or a row of `events`. */
export type Stored = { kind: 'occurrence'; values: readonly unknown[] } | StoredEventRow;

/** Stored occurrences read per query, about: the read is split into slices of start times. */
const READ_SLICE = 20_000;
/** Imported rows of `events` read per query, along the (calendar_id, event_uid) index. */
const EVENT_PAGE = 2_000;

/**
 * The calendar's imported events by source key. `keyBases` gives the key_base of each of its
 * content rows. Reads in slices and pages, yielding between them, so that a large calendar does
 * not hold the event loop.
 *
 * @example const stored = await readStoredImports(db, 'cal_1', new Map([['q3J…', 'standup@x']]));
 */
export async function readStoredImports(db: Db, calendarId: string, keyBases: ReadonlyMap<string, string>): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  const span = await db
    .selectFrom('imported_occurrences')
    .select((eb) => [eb.fn.min('start_ms').as('lo'), eb.fn.max('start_ms').as('hi'), eb.fn.countAll().as('n')])
    .where('calendar_id', '=', calendarId)
    .executeTakeFirstOrThrow();
  const count = Number(span.n);
  if (count > 0) {
    const lo = Number(span.lo);
    const hi = Number(span.hi) + 1;
    const step = Math.ceil((hi - lo) / Math.ceil(count / READ_SLICE));
    for (let from = lo; from < hi; from += step) {
      const rows = await db
        .selectFrom('imported_occurrences')
        .modifyFront(sql.raw(ARRAY_ROWS))
        .select(STORED_COLUMNS)
        .where('calendar_id', '=', calendarId)
        .where('start_ms', '>=', from)
        .where('start_ms', '<', Math.min(hi, from + step))
        .execute();
      for (const r of rows) {
        const values = rowValues(r, STORED_COLUMNS);
        const base = keyBases.get(values[S_CONTENT] as string);
        if (base === undefined) throw new Error(`corrupt row: occurrence ${String(values[S_UID])} points to missing content ${String(values[S_CONTENT])}`);
        stored.set(base + (values[S_SUFFIX] as string), { kind: 'occurrence', values });
      }
      await yieldToLoop();
    }
  }
  for (let after: string | null = null; ; ) {
    let q = db.selectFrom('events').modifyFront(sql.raw(ARRAY_ROWS)).select(EVENT_COLUMNS).where('calendar_id', '=', calendarId).where('source_key', 'is not', null);
    if (after !== null) q = q.where('event_uid', '>', after);
    const page = await q.orderBy('event_uid').limit(EVENT_PAGE).execute();
    for (const r of page) {
      const row = eventValuesToRow(rowValues(r, EVENT_COLUMNS));
      const key = row.source_key!;
      after = row.event_uid;
      const held = stored.get(key);
      // A key held twice (putEvent wrote an imported event under another uid): the row of
      // `events` is the newer one, and an occurrence row goes; of two rows of `events`, the one
      // updated last stays.
      if (held !== undefined && held.kind === 'occurrence') {
        await db.deleteFrom('imported_occurrences').where('event_uid', '=', held.values[S_UID] as string).execute();
      } else if (held !== undefined) {
        const older = held.updated <= row.updated ? held.uid : row.event_uid;
        await db.deleteFrom('events').where('event_uid', '=', older).execute();
        if (older === row.event_uid) continue;
      }
      const time = row.kind === 'time';
      stored.set(key, {
        kind: 'event',
        uid: row.event_uid,
        contentId: contentRowOfEventRow(row, splitSourceKey(key)[0]).content_id,
        time,
        startMs: time ? row.start_ms! : msOfDate(row.start_date!),
        endMs: time ? row.end_ms! : msOfDate(row.end_date!),
        deleted: row.deleted as 0 | 1,
        created: row.created,
        updated: row.updated,
      });
    }
    if (page.length < EVENT_PAGE) break;
    await yieldToLoop();
  }
  return stored;
}
