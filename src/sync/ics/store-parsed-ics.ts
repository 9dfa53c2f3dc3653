/**
 * The store half of an import: give every parsed occurrence an `evt_external_…` id and make
 * the set the imported content of one calendar, in one `replaceImportedEvents` call (one
 * transaction). Split from parsing so that a caller can parse first, outside any transaction,
 * and then store inside a transaction of its own (for example one that also creates the
 * calendar): parsing a large file must not hold the database's write lock.
 */
import { randomBytes } from 'node:crypto';
import { bufferedRandom, type CalendarEvent, type RandomBytes } from '../../core/index.js';
import type { ReplaceResult, Store } from '../../store/index.js';
import type { IcsCounts, IcsExtent, IcsIssue, IcsParseResult, IcsProgress } from './types.js';

export interface ImportIcsResult {
  calendarName: string | null;
  counts: IcsCounts;
  /** What the store did: created, updated, unchanged and removed occurrences. */
  stored: ReplaceResult;
  skipped: IcsIssue[];
  warnings: IcsIssue[];
  /** Where the file's content lies, inside the horizon or not. */
  extent: IcsExtent;
}

export interface StoreParsedIcsOptions {
  calendarId: string;
  sub: string;
  /** Epoch ms: the `created`/`updated` stamp. */
  now: number;
  /** Source of randomness for new event ids (default: node:crypto). */
  random?: RandomBytes;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `evt_external_` + 24 alphanumeric characters. */
export function newExternalEventUid(random: RandomBytes): string {
  let s = 'evt_external_';
  while (s.length < 13 + 24) {
    for (const b of random(32)) {
      // 248 = 4 × 62: rejecting larger bytes keeps the characters uniform.
      if (b < 248 && s.length < 13 + 24) s += ALNUM[b % 62]!;
    }
  }
  return s;
}

/**
 * Makes `parsed.occurrences` the imported content of the calendar, all or nothing. Pass a
 * transaction's store to group it with other writes.
 *
 * @example
 *   const parsed = parseIcs(bytes, { defaultTzid, horizon });
 *   const r = await store.transaction((tx) => storeParsedIcs(tx, { calendarId, sub, now: Date.now() }, parsed));
 *   r.stored // { created: 12, updated: 0, unchanged: 0, removed: 0 }
 */
export async function storeParsedIcs(store: Store, opts: StoreParsedIcsOptions, parsed: IcsParseResult, onProgress?: (p: IcsProgress) => void): Promise<ImportIcsResult> {
  const random = bufferedRandom(opts.random ?? ((n: number) => new Uint8Array(randomBytes(n))));
  const events: CalendarEvent[] = [];
  for (const o of parsed.occurrences) {
    // Fields are copied by name rather than spread: on the 64,000-occurrence benchmark import
    // (bench/ics) the spread took several times as long as this literal. The CalendarEvent
    // type makes a new required field fail to compile here.
    const event: CalendarEvent = {
      eventUid: newExternalEventUid(random),
      calendarId: opts.calendarId,
      sub: opts.sub,
      applicationId: o.applicationId,
      eventId: o.eventId,
      summary: o.summary,
      description: o.description,
      start: o.start,
      end: o.end,
      tzid: o.tzid,
      location: o.location,
      url: o.url,
      color: o.color,
      reminders: o.reminders,
      transparency: o.transparency,
      status: o.status,
      participationStatus: o.participationStatus,
      attendees: o.attendees,
      organizer: o.organizer,
      categories: o.categories,
      recurring: o.recurring,
      eventPrivate: o.eventPrivate,
      deleted: o.deleted,
      created: opts.now,
      updated: opts.now,
      sourceKey: o.sourceKey,
    };
    events.push(event);
    // A feed of 100,000 occurrences must not hold the event loop while it is prepared.
    if (events.length % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const total = events.length;
  onProgress?.({ phase: 'store', done: 0, total });
  const stored = await store.replaceImportedEvents(opts.calendarId, events);
  onProgress?.({ phase: 'store', done: total, total });
  return { calendarName: parsed.calendarName, counts: parsed.counts, stored, skipped: parsed.skipped, warnings: parsed.warnings, extent: parsed.extent };
}
