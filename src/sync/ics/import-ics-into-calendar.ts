/**
 * Imports an iCalendar file into one calendar: parse and expand (parseIcs), give every
 * occurrence an `evt_external_…` id, and hand the whole set to `store.replaceImportedEvents`,
 * which applies it in one transaction. Occurrences already stored keep their ids (matched by
 * sourceKey), vanished ones are removed, and a failure leaves the calendar as it was.
 */
import { randomFillSync } from 'node:crypto';
import type { CalendarEvent, RandomBytes } from '../../core/index.js';
import type { ReplaceResult, Store } from '../../store/index.js';
import { parseIcs } from './parse-ics.js';
import type { IcsCounts, IcsIssue, IcsParseOptions, IcsProgress } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The default import horizon: a year back and two years ahead of `now`. It covers the
 * protocol's default read window (−16/+201 days) and the availability look-ahead with room to
 * spare; reads beyond it see no imported occurrences (see README).
 *
 * @example defaultImportHorizon(Date.UTC(2026, 0, 1)) // { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2028, 0, 2) }
 */
export function defaultImportHorizon(now: number): { fromMs: number; toMs: number } {
  return { fromMs: now - 365 * DAY_MS, toMs: now + 731 * DAY_MS };
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

export interface ImportIcsResult {
  calendarName: string | null;
  counts: IcsCounts;
  /** What the store did: created, updated, unchanged and removed occurrences. */
  stored: ReplaceResult;
  skipped: IcsIssue[];
  warnings: IcsIssue[];
}

/**
 * node:crypto bytes drawn 64 KiB at a time. An import names every occurrence (tens of
 * thousands for a large calendar), and one randomBytes call per id cost more than the rest of
 * building the ids. Each block is filled once and handed out in disjoint slices.
 */
function pooledRandomBytes(): RandomBytes {
  let pool = new Uint8Array(0);
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomFillSync(new Uint8Array(Math.max(65_536, n)));
      at = 0;
    }
    at += n;
    return pool.subarray(at - n, at);
  };
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
  const parsed = parseIcs(opts.text, {
    ...opts.limits,
    defaultTzid: opts.defaultTzid,
    horizon: opts.horizon ?? defaultImportHorizon(opts.now),
    accountEmails,
    onProgress,
  });
  const random = opts.random ?? pooledRandomBytes();
  // Fields are copied by name rather than spread: on the 64,000-occurrence benchmark import
  // (bench/ics) the spread took several times as long as this literal. The CalendarEvent
  // return type makes a new required field fail to compile here.
  const events = parsed.occurrences.map(
    (o): CalendarEvent => ({
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
    }),
  );
  const total = events.length;
  onProgress?.({ phase: 'store', done: 0, total });
  const stored = await store.replaceImportedEvents(opts.calendarId, events);
  onProgress?.({ phase: 'store', done: total, total });
  return { calendarName: parsed.calendarName, counts: parsed.counts, stored, skipped: parsed.skipped, warnings: parsed.warnings };
}
