/**
 * The four measured phases of the import benchmark, each a function of the file's text:
 * ical.js parsing alone (the baseline), Kairos `expandIcs`, the full import into a fresh SQLite
 * store, and a re-import of the same text into that store.
 *
 * @example
 *   const store = await openBenchStore(join(dir, 'a.db'));
 *   const r = await runImport(store, text, NOW); // r.stored.created === r.counts.occurrences
 */
import ICAL from 'ical.js';
import { createStore, type Store } from '../../src/store/index.js';
import { defaultImportHorizon, expandIcs, importIcsIntoCalendar, type IcsExpansion, type ImportIcsResult } from '../../src/sync/ics/index.js';

export const SUB = 'acc_benchics00000000000000001';
export const CALENDAR_ID = 'cal_benchics0000000001';
const PROFILE_ID = 'pro_benchics0000000001';
export const DEFAULT_TZID = 'Europe/Berlin';

export type PhaseName = 'icaljs' | 'parse' | 'import' | 'reimport';

/** Number of VEVENT components ical.js found: the baseline's result, so its work is not dead code. */
export function runIcalJs(text: string): number {
  const jcal = ICAL.parse(text);
  const root = new ICAL.Component(jcal);
  return root.getAllSubcomponents('vevent').length;
}

/** The importer's parse: occurrences in their compact form, as the import stores them. */
export function runParse(text: string, now: number, accountEmail: string): IcsExpansion {
  return expandIcs(text, { defaultTzid: DEFAULT_TZID, horizon: defaultImportHorizon(now), accountEmails: [accountEmail] });
}

/**
 * Opens (and on first use creates) the SQLite store at `path` with one account, profile and
 * read-only calendar to import into. Not part of any timed phase.
 */
export async function openBenchStore(path: string, accountEmail: string, now: number): Promise<Store> {
  const store = await createStore(path);
  await store.migrate();
  if ((await store.getAccount(SUB)) === null) {
    await store.createAccount({ sub: SUB, kind: 'account', email: accountEmail, name: 'Me', zoneinfo: DEFAULT_TZID, createdAt: now });
    await store.createProfile({
      profileId: PROFILE_ID,
      sub: SUB,
      providerName: 'ics',
      providerService: 'ics',
      profileName: 'Imported',
      connected: true,
      initialSyncRequired: false,
      revoked: false,
      source: { type: 'local' },
      createdAt: now,
    });
    await store.createCalendar({ calendarId: CALENDAR_ID, profileId: PROFILE_ID, sub: SUB, name: 'Work', readonly: true, deleted: false, primary: false, color: null, createdAt: now });
  }
  return store;
}

/** The whole import; `storeStartedAt` is when parsing was over and the store call began. */
export async function runImport(store: Store, text: string, now: number): Promise<ImportIcsResult & { storeStartedAt: number }> {
  let storeStartedAt = Number.NaN;
  const r = await importIcsIntoCalendar(store, { calendarId: CALENDAR_ID, sub: SUB, text, now, defaultTzid: DEFAULT_TZID }, (p) => {
    if (p.phase === 'store' && p.done === 0) storeStartedAt = performance.now();
  });
  return { ...r, storeStartedAt };
}
