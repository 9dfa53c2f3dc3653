import { sql } from 'kysely';
import type { CalendarEvent } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { ARRAY_ROWS, rowValues } from '../array-rows.js';
import { EVENT_COLUMNS, eventToRow, eventValuesToRow, sameEventContent, type EventRow } from '../rows/event-row.js';
import type { ReplaceResult } from '../store.js';
import { yieldToLoop } from '../yield-to-loop.js';

/** ~30 columns per row: 400 rows stay far below both engines' bound-parameter limits. */
const INSERT_CHUNK = 400;
const DELETE_CHUNK = 500;
/** Stored events read per query. */
const READ_PAGE = 2000;
/** Events compared between two yields to the event loop. */
const COMPARE_CHUNK = 1000;

/**
 * Makes the imported events of `calendarId` exactly `events`. Must run inside a transaction:
 * it deletes before it inserts, and a failure half-way must leave nothing behind.
 *
 * An incoming event matches a stored one by sourceKey. A match keeps its eventUid and created
 * time; when its content differs it is rewritten, otherwise it is left alone (a new `updated`
 * stamp alone is not a change). Rewrites are a delete plus a batched insert, which is one
 * statement per chunk on both engines rather than one UPDATE per event.
 *
 * Throws, before writing anything, when an event has no sourceKey, belongs to another calendar,
 * or repeats a sourceKey: each is a bug in the importer, and guessing would lose data.
 */
export async function replaceImportedEvents(db: Db, calendarId: string, events: CalendarEvent[]): Promise<ReplaceResult> {
  const incoming = new Map<string, CalendarEvent>();
  for (const e of events) {
    if (e.sourceKey === null) throw new Error(`imported event ${e.eventUid} has no sourceKey`);
    if (e.calendarId !== calendarId) throw new Error(`imported event ${e.eventUid} belongs to ${e.calendarId}, not ${calendarId}`);
    if (incoming.has(e.sourceKey)) throw new Error(`sourceKey ${JSON.stringify(e.sourceKey)} appears twice in the import of ${calendarId}`);
    incoming.set(e.sourceKey, e);
  }

  // Read in pages along the (calendar_id, source_key) index, yielding between them.
  const storedByKey = new Map<string, EventRow>();
  for (let after: string | null = null; ; ) {
    let q = db.selectFrom('events').modifyFront(sql.raw(ARRAY_ROWS)).select(EVENT_COLUMNS).where('calendar_id', '=', calendarId).where('source_key', 'is not', null);
    if (after !== null) q = q.where('source_key', '>', after);
    const page = (await q.orderBy('source_key').limit(READ_PAGE).execute()).map((r) => eventValuesToRow(rowValues(r, EVENT_COLUMNS)));
    for (const row of page) if (row.source_key !== null) storedByKey.set(row.source_key, row);
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1]!.source_key;
    await yieldToLoop();
  }

  const result: ReplaceResult = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const inserts: EventRow[] = [];
  const deletes: string[] = [];
  let compared = 0;
  for (const [key, e] of incoming) {
    if (++compared % COMPARE_CHUNK === 0) await yieldToLoop();
    const old = storedByKey.get(key);
    if (old === undefined) {
      inserts.push(eventToRow(e));
      result.created++;
      continue;
    }
    const row: EventRow = { ...eventToRow(e), event_uid: old.event_uid, created: old.created };
    if (sameEventContent(old, row)) {
      result.unchanged++;
    } else {
      deletes.push(old.event_uid);
      inserts.push(row);
      result.updated++;
    }
  }
  for (const [key, old] of storedByKey) {
    if (incoming.has(key)) continue;
    deletes.push(old.event_uid);
    result.removed++;
  }

  // Each statement is a task of its own, so a large import does not hold the event loop.
  for (const uids of chunk(deletes, DELETE_CHUNK)) {
    await yieldToLoop();
    await db.deleteFrom('events').where('event_uid', 'in', uids).execute();
  }
  for (const rows of chunk(inserts, INSERT_CHUNK)) {
    await yieldToLoop();
    await db.insertInto('events').values(rows).execute();
  }
  return result;
}
