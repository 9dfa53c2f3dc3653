/**
 * Importing an iCalendar file into an account (the use case behind `kairos import`): check
 * the account, parse and expand outside any transaction, refuse a file cut short, then find or
 * create the calendar and replace its imported events in one transaction. A failure at any
 * step leaves the account exactly as it was, no new calendar included.
 */
import { cleanCalendarName, defaultImportHorizon, endsWithEndVcalendar, expandIcs, storeParsedIcs, type IcsParseOptions, type IcsProgress, type ImportIcsResult } from '../sync/ics/index.js';
import type { Account, Calendar, ImportSource } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { ServiceDeps } from './credentials.js';
import { findImportCalendar, findOrCreateImportCalendar, type ImportCalendarSpec, type ImportTarget } from './import-calendar.js';
import { ImportError } from './import-error.js';
import type { ImportOrigin } from './import-source.js';

export interface ImportIcsRequest {
  sub: string;
  bytes: Uint8Array;
  /** A calendar id (`cal_…`) or name the caller chose; without it the file's own name is used. */
  calendar?: string;
  /** The calendar's name when none is given and the file has no X-WR-CALNAME (see importSourceName). */
  fallbackName: string;
  /**
   * Where the bytes came from (importSourceOf), recorded with the calendar's new content.
   * Without `calendar`, an import whose default name chooses a calendar holding events of
   * another recorded source is refused (`other_source`) instead of replacing them.
   */
  source?: ImportSource;
  /** Default: a year back and two years ahead of now (defaultImportHorizon). */
  horizon?: { fromMs: number; toMs: number };
  limits?: Pick<IcsParseOptions, 'maxOccurrences' | 'maxTotalOccurrences' | 'maxInputChars' | 'maxWork'>;
}

export interface ImportIcsOutcome extends ImportIcsResult, ImportTarget {
  horizon: { fromMs: number; toMs: number };
  /** True when the request chose the horizon, false when it is the default one. */
  horizonGiven: boolean;
  /**
   * The other source (file or URL, as shown) whose calendar this import took over, its default
   * name choosing a calendar that source had left empty; null otherwise.
   */
  tookOverFrom: string | null;
}

const ICS_EXTENSION_RE = /\.(ics|ical|icalendar|ifb|vcs)$/i;

function cleanName(raw: string): string {
  return cleanCalendarName(raw) ?? 'Imported calendar';
}

/**
 * A calendar name from where the file came from: the file name without its extension, or the
 * last segment of the URL's path, or its host.
 *
 * @example importSourceName({ file: '/tmp/Team Holidays.ics' }) // 'Team Holidays'
 * @example importSourceName({ url: new URL('https://example.com/feeds/basic.ics?key=1') }) // 'basic'
 */
export function importSourceName(source: ImportOrigin): string {
  if ('file' in source) return cleanName(source.file.split(/[\\/]/).pop()!.replace(ICS_EXTENSION_RE, ''));
  const segment = source.url.pathname.split('/').filter((s) => s !== '').pop();
  let name = source.url.hostname;
  if (segment !== undefined) {
    try {
      name = decodeURIComponent(segment).replace(ICS_EXTENSION_RE, '') || name;
    } catch {
      name = segment.replace(ICS_EXTENSION_RE, '') || name;
    }
  }
  return cleanName(name);
}

/**
 * Checks the account and the calendar named, without writing: callers run it before a
 * download or a long read, so that a typo fails at once. Returns the account.
 *
 * @example await checkImportRequest(deps, 'apc_…', 'cal_…') // throws ImportError('unknown_calendar', …) when absent
 */
export async function checkImportRequest(deps: Pick<ServiceDeps, 'store'>, sub: string, calendar?: string): Promise<Account> {
  const account = await deps.store.getAccount(sub);
  if (account === null) throw new ImportError('unknown_sub', `no account has sub ${sub}`);
  if (calendar !== undefined) await findImportCalendar(deps, sub, { given: calendar });
  return account;
}

/**
 * Refuses, with `other_source`, to replace the events of a calendar that a default name chose
 * when they were imported from another source. A calendar without imported events, or whose
 * source was never recorded (imported before sources were), takes the import. Returns the other
 * source (as shown) when the calendar takes it over that way, for the summary to say so.
 */
async function checkSameSource(store: Store, calendar: Calendar, source: ImportSource): Promise<string | null> {
  const recorded = await store.getCalendarImportSource(calendar.calendarId);
  if (recorded === null || recorded.key === source.key) return null;
  // Two URLs of one host are shown alike: say that this one is another.
  const from = recorded.shown === source.shown ? `another URL of ${recorded.shown}` : recorded.shown;
  // Deleted ones (vanished from their source, or deleted through the API) are nothing to lose.
  const occurrences = await store.countImportedEvents(calendar.calendarId, { includeDeleted: false });
  if (occurrences === 0) return from;
  throw new ImportError(
    'other_source',
    `calendar "${calendar.name}" (${calendar.calendarId}) holds ${occurrences === 1 ? 'an occurrence' : `${occurrences} occurrences`} imported from ${from}, which this import would replace; nothing was imported`,
    { calendar, importedFrom: from, events: occurrences },
  );
}

/**
 * Imports `bytes` into a calendar of the account, all or nothing. Throws `ImportError` (unknown
 * account or calendar, a file cut short, a default name choosing another source's calendar)
 * or `IcsError` (not iCalendar, too large) before writing anything; a store failure rolls
 * everything back.
 *
 * @example
 *   const r = await importIcs(deps, { sub: 'apc_…', bytes, fallbackName: 'team' }, (p) => bar.update(p));
 *   r.calendar.calendarId; r.created; r.stored // { created: 12, updated: 0, unchanged: 0, removed: 0 }
 */
export async function importIcs(deps: ServiceDeps, req: ImportIcsRequest, onProgress?: (p: IcsProgress) => void): Promise<ImportIcsOutcome> {
  // Fail before the (possibly long) parse when the account or the calendar named cannot be used.
  const account = await checkImportRequest(deps, req.sub, req.calendar);

  const now = deps.clock();
  const horizon = req.horizon ?? defaultImportHorizon(now);
  const parsed = expandIcs(req.bytes, {
    ...req.limits,
    defaultTzid: account.zoneinfo,
    horizon,
    accountEmails: account.email ? [account.email] : [],
    onProgress,
  });
  if (!endsWithEndVcalendar(req.bytes)) {
    throw new ImportError(
      'truncated',
      `the file is cut short (it does not end with END:VCALENDAR); importing it would remove every event after the cut, so nothing was imported`,
    );
  }

  const spec: ImportCalendarSpec = req.calendar !== undefined ? { given: req.calendar } : { defaultName: cleanName(parsed.calendarName ?? req.fallbackName) };
  return deps.store.transaction(async (store) => {
    const tx = { ...deps, store };
    const target = await findOrCreateImportCalendar(tx, req.sub, spec);
    // A revoke of the profile holds this key while it deletes the profile's events: read
    // after it, the profile is known to be current until this transaction commits.
    await store.lockKey(`profile:${target.profile.profileId}`);
    const profile = await store.getProfile(target.profile.profileId);
    if (profile === null || profile.revoked) throw new ImportError('unknown_calendar', `calendar ${target.calendar.calendarId} was removed meanwhile (its profile was revoked); nothing was imported`);
    // A calendar the caller named takes the import whatever it holds: that is a deliberate replace.
    const tookOverFrom = req.source !== undefined && req.calendar === undefined && !target.created ? await checkSameSource(store, target.calendar, req.source) : null;
    const result = await storeParsedIcs(store, { calendarId: target.calendar.calendarId, now, random: deps.random }, parsed, onProgress);
    await store.setCalendarImportSource(target.calendar.calendarId, req.source ?? null);
    return { ...result, ...target, horizon, horizonGiven: req.horizon !== undefined, tookOverFrom };
  });
}
