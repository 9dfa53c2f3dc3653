/**
 * Makes the imported occurrences of one calendar exactly a given set (migration 0007's tables),
 * the store half of every import. Two front doors: `replaceImportedOccurrences`, the importer's,
 * with compact occurrences whose ids and stamps the store assigns; `replaceImportedEvents`,
 * with whole events that bring their own.
 */
import type { CalendarEvent, ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import type { Engine } from '../run-migrations.js';
import { CONTENT_COLUMNS, OCCURRENCE_COLUMNS, boundsOfEvent, contentOfEvent, contentToRow, splitSourceKey, type ContentRow } from '../rows/imported-row.js';
import type { ReplaceImportedOptions, ReplaceResult } from '../store.js';
import { yieldToLoop } from '../yield-to-loop.js';
import { CompiledInsert } from './compiled-insert.js';
import { lockKey } from './key-lock.js';
import { S_CONTENT, S_CREATED, S_DELETED, S_END, S_KIND, S_START, S_UID, S_UPDATED, readStoredImports } from './stored-imports.js';

/**
 * Rows per insert, by engine: occurrence rows (10 values each) and content rows (18 values).
 * SQLite was fastest between 50 and 100 occurrence rows a statement; PostgreSQL gains from
 * fewer round trips.
 */
const INSERT_ROWS = { sqlite: 100, postgres: 1000 } as const;
const CONTENT_INSERT_ROWS = { sqlite: 50, postgres: 500 } as const;
/** Characters of text per content insert, beyond which a statement takes no more rows. */
const CONTENT_INSERT_CHARS = 2_000_000;
/** Ids per `in (…)` list. */
const ID_CHUNK = 500;
/**
 * How long an imported event that vanished from its source stays, as deleted, before a later
 * replace of its calendar removes it: readers that sync by `last_modified` learn of it meanwhile.
 */
export const DELETED_RETENTION_MS = 30 * 86_400_000;
/** Occurrences prepared or compared between two yields to the event loop. */
const YIELD_EVERY = 2_000;
/** Characters of content rows built between two yields (digested and written as JSON). */
const YIELD_CHARS = 4_000_000;

/**
 * The set to store, column by column: occurrence `i` has source key `keys[i]`, content row
 * `contents[i]` (shared among occurrences), and so on. Arrays rather than an object per
 * occurrence: a calendar is tens of thousands of them.
 */
interface Incoming {
  keys: string[];
  suffixes: string[];
  contents: ContentRow[];
  allDay: boolean[];
  starts: number[];
  ends: number[];
  deleted: (0 | 1)[];
  /** Given with whole events; drawn for new occurrences otherwise. */
  uids: string[] | null;
  created: number[] | number;
  updated: number[] | number;
}

/**
 * Makes the imported events of `calendarId` exactly `occurrences`. Must run inside a
 * transaction. Occurrences match stored ones by sourceKey: a match keeps its eventUid and
 * created stamp, and is rewritten (with `updated = now`) only when its content, bounds or
 * deleted flag differ; an imported row of `events` that matches moves over to the occurrence
 * tables, with its stamps when it did not change. Throws when a sourceKey repeats, having
 * written nothing that the transaction's rollback does not undo.
 *
 * @example await replaceImportedOccurrences(db, 'sqlite', 'cal_1', parsed.occurrences, { now, newEventUid })
 */
export async function replaceImportedOccurrences(
  db: Db,
  engine: Engine,
  calendarId: string,
  occurrences: readonly ImportedOccurrence[],
  opts: ReplaceImportedOptions,
): Promise<ReplaceResult> {
  const n = occurrences.length;
  const incoming: Incoming = { keys: new Array(n), suffixes: new Array(n), contents: new Array(n), allDay: new Array(n), starts: new Array(n), ends: new Array(n), deleted: new Array(n).fill(0), uids: null, created: opts.now, updated: opts.now };
  // One row per content object and key base; a content object is used under one base, nearly always.
  const rows = new Map<ImportedContent, ContentRow>();
  // Lists written once: the overrides of a series share its attendees and categories.
  const written = new WeakMap<object, string>();
  const json = (value: object): string => {
    let text = written.get(value);
    if (text === undefined) written.set(value, (text = JSON.stringify(value)));
    return text;
  };
  let builtChars = 0;
  for (let i = 0; i < n; i++) {
    // Building a content row (JSON and a digest) is the costly part: a feed of lone events has
    // one per occurrence. Yields every so many occurrences, and every so many characters of content.
    if (i % YIELD_EVERY === YIELD_EVERY - 1 || builtChars > YIELD_CHARS) {
      builtChars = 0;
      await yieldToLoop();
    }
    const o = occurrences[i]!;
    const [base, suffix] = splitSourceKey(o.sourceKey);
    let content = rows.get(o.content);
    if (content === undefined || content.key_base !== base) {
      content = contentToRow(calendarId, base, o.content, json);
      rows.set(o.content, content);
      builtChars += rowChars(content);
    }
    incoming.keys[i] = o.sourceKey;
    incoming.suffixes[i] = suffix;
    incoming.contents[i] = content;
    incoming.allDay[i] = o.allDay;
    incoming.starts[i] = o.startMs;
    incoming.ends[i] = o.endMs;
  }
  return replaceImported(db, engine, calendarId, incoming, opts.newEventUid, opts.now);
}

/**
 * Makes the imported events of `calendarId` exactly `events` (see Store.replaceImportedEvents):
 * as replaceImportedOccurrences, but new events keep the eventUid and stamps they bring.
 * Throws when an event has no sourceKey, belongs to another calendar or account, is managed,
 * repeats a sourceKey, mixes a time and a date, or brings an eventUid that another event holds.
 *
 * @example await replaceImportedEvents(db, 'sqlite', 'cal_1', [{ ...event, sourceKey: 'a@b' }])
 */
export async function replaceImportedEvents(db: Db, engine: Engine, calendarId: string, events: readonly CalendarEvent[], now: number = Date.now()): Promise<ReplaceResult> {
  const calendar = await db.selectFrom('calendars').select('sub').where('calendar_id', '=', calendarId).executeTakeFirst();
  const incoming: Incoming = { keys: [], suffixes: [], contents: [], allDay: [], starts: [], ends: [], deleted: [], uids: [], created: [], updated: [] };
  for (const e of events) {
    if (incoming.keys.length % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
    if (e.sourceKey === null) throw new Error(`imported event ${e.eventUid} has no sourceKey`);
    if (e.calendarId !== calendarId) throw new Error(`imported event ${e.eventUid} belongs to ${e.calendarId}, not ${calendarId}`);
    if (calendar !== undefined && e.sub !== calendar.sub) throw new Error(`imported event ${e.eventUid} belongs to account ${e.sub}, not to the calendar's`);
    if (e.applicationId !== null || e.eventId !== null) throw new Error(`imported event ${e.eventUid} cannot be managed by an application`);
    const bounds = boundsOfEvent(e);
    if (bounds === null) throw new Error(`event ${e.eventUid}: start and end must both be times or both be dates`);
    const [base, suffix] = splitSourceKey(e.sourceKey);
    incoming.keys.push(e.sourceKey);
    incoming.suffixes.push(suffix);
    incoming.contents.push(contentToRow(calendarId, base, contentOfEvent(e)));
    incoming.allDay.push(bounds.kind === 'date');
    incoming.starts.push(bounds.startMs);
    incoming.ends.push(bounds.endMs);
    incoming.deleted.push(e.deleted ? 1 : 0);
    incoming.uids!.push(e.eventUid);
    (incoming.created as number[]).push(e.created);
    (incoming.updated as number[]).push(e.updated);
  }
  return replaceImported(db, engine, calendarId, incoming, null, now);
}

/** The key that replaces of a calendar's imported events, and writes of one of them, hold (Store.lockKey). */
export const importLockKey = (calendarId: string): string => `imported:${calendarId}`;

async function replaceImported(db: Db, engine: Engine, calendarId: string, incoming: Incoming, newEventUid: (() => string) | null, now: number): Promise<ReplaceResult> {
  // Imports of one calendar take turns (SQLite: every write transaction already does).
  await lockKey(db, engine, importLockKey(calendarId));
  const storedContents = new Map<string, string>();
  for (const r of await db.selectFrom('imported_contents').select(['content_id', 'key_base']).where('calendar_id', '=', calendarId).execute()) storedContents.set(r.content_id, r.key_base);
  const stored = await readStoredImports(db, calendarId, storedContents);

  const n = incoming.keys.length;
  const result: ReplaceResult = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  /** Occurrences to write: their position in `incoming`, uid and stamps (updated: NaN for the incoming one). */
  const writes: number[] = [];
  const writeUids: string[] = [];
  const writeCreated: number[] = [];
  const writeUpdated: number[] = [];
  const deleteOccurrences: string[] = [];
  const deleteEvents: string[] = [];
  /** Content rows that occurrences point to once this is done. */
  const used = new Map<string, ContentRow>();
  /** Keys seen so far; stored ones are taken out of `stored` as they match. */
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
    const key = incoming.keys[i]!;
    if (seen.has(key)) throw new Error(`sourceKey ${JSON.stringify(key)} appears twice in the import of ${calendarId}`);
    seen.add(key);
    const content = incoming.contents[i]!;
    const time = !incoming.allDay[i];
    const start = incoming.starts[i]!;
    const end = incoming.ends[i]!;
    const deleted = incoming.deleted[i]!;
    const old = stored.size === 0 ? undefined : stored.get(key);
    let uid: string;
    let created = typeof incoming.created === 'number' ? incoming.created : incoming.created[i]!;
    let updated = Number.NaN;
    if (old === undefined) {
      uid = incoming.uids === null ? newEventUid!() : incoming.uids[i]!;
      result.created++;
    } else {
      stored.delete(key);
      if (old.kind === 'occurrence') {
        const v = old.values;
        uid = v[S_UID] as string;
        if (v[S_CONTENT] === content.content_id && (v[S_KIND] === 'time') === time && Number(v[S_START]) === start && Number(v[S_END]) === end && v[S_DELETED] === deleted) {
          result.unchanged++;
          used.set(content.content_id, content);
          continue;
        }
        created = Number(v[S_CREATED]);
        deleteOccurrences.push(uid);
        result.updated++;
      } else {
        // A row of `events` moves over, under its uid, changed or not.
        uid = old.uid;
        created = old.created;
        deleteEvents.push(uid);
        if (old.contentId === content.content_id && old.time === time && old.startMs === start && old.endMs === end && old.deleted === deleted) {
          updated = old.updated;
          result.unchanged++;
        } else result.updated++;
      }
    }
    used.set(content.content_id, content);
    writes.push(i);
    writeUids.push(uid);
    writeCreated.push(created);
    writeUpdated.push(updated);
  }
  // What is left of `stored` has vanished: it stays a while as deleted, so that a reader asking
  // for deleted events (or for what changed since a time) learns that it went. Rows deleted
  // longer ago than the retention go for good.
  const expired = now - DELETED_RETENTION_MS;
  const markOccurrences: string[] = [];
  const markEvents: string[] = [];
  /** Content rows that deleted occurrences kept still point to. */
  const kept = new Set<string>();
  for (const old of stored.values()) {
    if (old.kind === 'occurrence') {
      const v = old.values;
      const uid = v[S_UID] as string;
      if (v[S_DELETED] === 1) {
        if (Number(v[S_UPDATED]) < expired) deleteOccurrences.push(uid);
        else kept.add(v[S_CONTENT] as string);
        continue;
      }
      markOccurrences.push(uid);
      kept.add(v[S_CONTENT] as string);
    } else {
      if (old.deleted === 1) {
        if (old.updated < expired) deleteEvents.push(old.uid);
        continue;
      }
      markEvents.push(old.uid);
    }
    result.removed++;
  }
  if (newEventUid === null) await refuseTakenUids(db, writeUids, new Set(deleteEvents));

  // Each statement is a task of its own, so a large import does not hold the event loop.
  for (const uids of chunk(deleteOccurrences, ID_CHUNK)) {
    await yieldToLoop();
    await db.deleteFrom('imported_occurrences').where('event_uid', 'in', uids).execute();
  }
  for (const uids of chunk(deleteEvents, ID_CHUNK)) await db.deleteFrom('events').where('event_uid', 'in', uids).execute();
  for (const uids of chunk(markOccurrences, ID_CHUNK)) {
    await yieldToLoop();
    await db.updateTable('imported_occurrences').set({ deleted: 1, updated: now }).where('event_uid', 'in', uids).execute();
  }
  for (const uids of chunk(markEvents, ID_CHUNK)) await db.updateTable('events').set({ deleted: 1, updated: now }).where('event_uid', 'in', uids).execute();

  const contentInsert = new CompiledInsert(db, 'imported_contents', CONTENT_COLUMNS);
  const newContents = [...used.values()].filter((c) => !storedContents.has(c.content_id));
  for (const part of contentChunks(newContents, CONTENT_INSERT_ROWS[engine])) {
    await yieldToLoop();
    await contentInsert.run(part);
  }

  const occurrenceInsert = new CompiledInsert(db, 'imported_occurrences', OCCURRENCE_COLUMNS);
  const { updated } = incoming;
  const perInsert = INSERT_ROWS[engine];
  for (let from = 0; from < writes.length; from += perInsert) {
    await yieldToLoop();
    const to = Math.min(writes.length, from + perInsert);
    const values: unknown[] = [];
    for (let w = from; w < to; w++) {
      const i = writes[w]!;
      // In OCCURRENCE_COLUMNS order.
      values.push(
        writeUids[w],
        calendarId,
        incoming.suffixes[i],
        incoming.contents[i]!.content_id,
        incoming.allDay[i] ? 'date' : 'time',
        incoming.starts[i],
        incoming.ends[i],
        incoming.deleted[i],
        writeCreated[w],
        Number.isNaN(writeUpdated[w]) ? (typeof updated === 'number' ? updated : updated[i]) : writeUpdated[w],
      );
    }
    await occurrenceInsert.runValues(to - from, values);
  }

  const unused = [...storedContents.keys()].filter((id) => !used.has(id) && !kept.has(id));
  for (const ids of chunk(unused, ID_CHUNK)) await db.deleteFrom('imported_contents').where('content_id', 'in', ids).execute();
  return result;
}

/** The characters of a content row's long texts: what building it and writing it cost. */
function rowChars(c: ContentRow): number {
  return c.description.length + c.attendees.length + c.summary.length + c.categories.length + c.key_base.length;
}

/**
 * Content rows in slices of at most `rows` rows and, past the first row, CONTENT_INSERT_CHARS
 * characters of text: rows are a few hundred characters as a rule, but an override repeats its
 * series' attendees, and one statement should not hold the event loop for a long write.
 */
function contentChunks(contents: readonly ContentRow[], rows: number): ContentRow[][] {
  const out: ContentRow[][] = [];
  let part: ContentRow[] = [];
  let chars = 0;
  for (const c of contents) {
    const size = rowChars(c);
    if (part.length === rows || (part.length > 0 && chars + size > CONTENT_INSERT_CHARS)) {
      out.push(part);
      part = [];
      chars = 0;
    }
    part.push(c);
    chars += size;
  }
  if (part.length > 0) out.push(part);
  return out;
}

/**
 * Throws when an event brought an eventUid that a row of `events` holds (other than the rows
 * this replace moves over): the insert would not fail on its own, the two tables having keys
 * of their own.
 */
async function refuseTakenUids(db: Db, uids: readonly string[], moving: ReadonlySet<string>): Promise<void> {
  for (const part of chunk(uids, ID_CHUNK)) {
    const taken = await db.selectFrom('events').select('event_uid').where('event_uid', 'in', part).execute();
    const clash = taken.find((r) => !moving.has(r.event_uid));
    if (clash !== undefined) throw new Error(`event uid ${clash.event_uid} is already taken by another event`);
  }
}
