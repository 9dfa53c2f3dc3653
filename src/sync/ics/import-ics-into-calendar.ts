/**
 * Imports an iCalendar file into one calendar: parse and expand (expandIcs), and hand the whole
 * set to `store.replaceImportedOccurrences`, which applies it in one transaction. Occurrences
 * already stored keep their ids (matched by sourceKey), new ones get `evt_external_…` ids,
 * vanished ones are removed, and a failure leaves the calendar as it was.
 */
import type { RandomBytes } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { expandIcs } from './expand-ics.js';
import { storeParsedIcs, type ImportIcsResult, type StoreParsedIcsOptions } from './store-parsed-ics.js';
import type { IcsParseOptions, IcsProgress } from './types.js';

export type { ImportIcsResult } from './store-parsed-ics.js';

const DAY_MS = 86_400_000;

/** Days back and ahead of now that an import expands series over, by default. */
export const DEFAULT_HORIZON_DAYS = { back: 365, ahead: 731 } as const;

/**
 * The import horizon around `now`: by default a year back and two years ahead. It covers the
 * protocol's default read window (−16/+201 days) and the availability look-ahead with room to
 * spare; reads beyond it see no imported occurrences (see README).
 *
 * @example defaultImportHorizon(Date.UTC(2026, 0, 1)) // { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2028, 0, 2) }
 * @example defaultImportHorizon(now, { back: 30, ahead: 90 })
 */
export function defaultImportHorizon(now: number, days: { back: number; ahead: number } = DEFAULT_HORIZON_DAYS): { fromMs: number; toMs: number } {
  return { fromMs: now - days.back * DAY_MS, toMs: now + days.ahead * DAY_MS };
}

export interface ImportIcsOptions {
  calendarId: string;
  sub: string;
  /** The file's text, or its bytes (decoded as UTF-8 after unfolding; see decodeIcsBytes). */
  text: string | Uint8Array;
  /** Epoch ms: the `created`/`updated` stamp and the default horizon's anchor. */
  now: number;
  /** Zone for floating times when the file has no X-WR-TIMEZONE: the account's zone. */
  defaultTzid: string;
  horizon?: { fromMs: number; toMs: number };
  /** The account's addresses, for its participation status; read from the account when absent. */
  accountEmails?: readonly string[];
  /** Source of randomness for new event ids (default: node:crypto). */
  random?: RandomBytes;
  limits?: Pick<IcsParseOptions, 'maxOccurrences' | 'maxTotalOccurrences' | 'maxInputChars' | 'maxWork'>;
}

/**
 * Parses `text` and makes it the imported content of the calendar, all or nothing.
 * Throws `IcsError` when the file is not iCalendar or too large (the calendar is untouched).
 *
 * @example
 *   const r = await importIcsIntoCalendar(store, { calendarId, sub, text, now: Date.now(), defaultTzid: 'Europe/Berlin' },
 *     (p) => bar.update(p.phase, p.done, p.total));
 *   console.log(r.stored.created, r.skipped.length);
 */
export async function importIcsIntoCalendar(store: Store, opts: ImportIcsOptions, onProgress?: (p: IcsProgress) => void): Promise<ImportIcsResult> {
  let accountEmails = opts.accountEmails;
  if (accountEmails === undefined) {
    const account = await store.getAccount(opts.sub);
    accountEmails = account?.email ? [account.email] : [];
  }
  const parsed = expandIcs(opts.text, {
    ...opts.limits,
    defaultTzid: opts.defaultTzid,
    horizon: opts.horizon ?? defaultImportHorizon(opts.now),
    accountEmails,
    onProgress,
  });
  const storeOpts: StoreParsedIcsOptions = { calendarId: opts.calendarId, now: opts.now };
  if (opts.random !== undefined) storeOpts.random = opts.random;
  return storeParsedIcs(store, storeOpts, parsed, onProgress);
}
