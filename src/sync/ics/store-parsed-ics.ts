/**
 * The store half of an import: make the expanded occurrences the imported content of one
 * calendar, in one `replaceImportedOccurrences` call (one transaction), new ones getting
 * `evt_external_…` ids. Split from parsing so that a caller can parse first, outside any
 * transaction, and then store inside a transaction of its own (for example one that also
 * creates the calendar): parsing a large file must not hold the database's write lock.
 */
import { randomBytes } from 'node:crypto';
import { bufferedRandom, externalEventUids, type RandomBytes } from '../../core/index.js';
import type { ReplaceResult, Store } from '../../store/index.js';
import type { IcsExpansion } from './types.js';
import type { IcsCounts, IcsExtent, IcsIssue, IcsProgress } from './types.js';

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
  /** Epoch ms: the `created`/`updated` stamp. */
  now: number;
  /** Source of randomness for new event ids (default: node:crypto). */
  random?: RandomBytes;
}

/**
 * Makes `parsed.occurrences` the imported content of the calendar, all or nothing. Pass a
 * transaction's store to group it with other writes.
 *
 * @example
 *   const parsed = expandIcs(bytes, { defaultTzid, horizon });
 *   const r = await store.transaction((tx) => storeParsedIcs(tx, { calendarId, now: Date.now() }, parsed));
 *   r.stored // { created: 12, updated: 0, unchanged: 0, removed: 0 }
 */
export async function storeParsedIcs(store: Store, opts: StoreParsedIcsOptions, parsed: IcsExpansion, onProgress?: (p: IcsProgress) => void): Promise<ImportIcsResult> {
  const random = bufferedRandom(opts.random ?? ((n: number) => new Uint8Array(randomBytes(n))));
  const total = parsed.occurrences.length;
  onProgress?.({ phase: 'store', done: 0, total });
  const stored = await store.replaceImportedOccurrences(opts.calendarId, parsed.occurrences, { now: opts.now, newEventUid: externalEventUids(opts.now, random) });
  onProgress?.({ phase: 'store', done: total, total });
  return { calendarName: parsed.calendarName, counts: parsed.counts, stored, skipped: parsed.skipped, warnings: parsed.warnings, extent: parsed.extent };
}
