/**
 * The calendar an import goes into: found by id or by name among the account's calendars, or
 * created in the account's import profile.
 *
 * Imported calendars live in one profile per account, created on first use: provider name
 * `ics` (PROTOCOL §5.4 lets a server name its own sources), service `ics_import`, a local
 * source, and the name "Imported calendars". Calendars created there are read-only, as their
 * content comes from a file: a re-import replaces it. An application calendar's own writable
 * primary calendar (profile `cronofy`), or any other calendar outside the import profile, is
 * used only when the caller names it explicitly.
 */
import { CALENDAR_ID_RE, newCalendarId, newProfileId, type Calendar, type Profile } from '../core/index.js';
import type { ServiceDeps } from './credentials.js';
import { ImportError } from './import-error.js';

export const IMPORT_PROVIDER_NAME = 'ics';
export const IMPORT_PROVIDER_SERVICE = 'ics_import';
export const IMPORT_PROFILE_NAME = 'Imported calendars';

/** Which calendar: an id or name the caller gave, or a default name (matched only in the import profile). */
export type ImportCalendarSpec = { given: string } | { defaultName: string };

export interface ImportTarget {
  calendar: Calendar;
  profile: Profile;
  /** True when the calendar was created for this import. */
  created: boolean;
}

/** Whether a profile is the account's import profile. */
export function isImportProfile(p: Profile): boolean {
  return p.providerService === IMPORT_PROVIDER_SERVICE && p.source.type === 'local' && !p.revoked;
}

function label(c: Calendar): string {
  return `"${c.name}" (${c.calendarId})`;
}

/** Calendars of another source (a feed, CalDAV) are refilled from there: an import would be overwritten. */
function checkImportable(c: Calendar, p: Profile | undefined): Profile {
  if (p === undefined) throw new ImportError('unknown_calendar', `calendar ${c.calendarId} is not a calendar of this account`);
  if (p.source.type !== 'local') throw new ImportError('not_importable', `calendar ${label(c)} is synced from ${p.source.type === 'ics_feed' ? 'a feed' : 'CalDAV'}; import into another calendar`);
  return p;
}

/**
 * Finds the existing target calendar, or returns the name to create. Throws `ImportError`
 * when an id names no calendar of the account, a name matches several calendars, or the
 * match cannot take imports. Reads only: safe to call outside a transaction to fail early.
 *
 * @example
 *   await findImportCalendar(deps, 'apc_…', { given: 'Team' }) // { existing: { calendar, profile } } or { create: 'Team' }
 */
export async function findImportCalendar(
  deps: Pick<ServiceDeps, 'store'>,
  sub: string,
  spec: ImportCalendarSpec,
): Promise<{ existing: Omit<ImportTarget, 'created'> } | { create: string }> {
  const { store } = deps;
  const profiles = await store.listProfiles(sub);
  const byId = new Map(profiles.map((p) => [p.profileId, p]));
  if ('given' in spec && CALENDAR_ID_RE.test(spec.given)) {
    const calendar = await store.getCalendar(spec.given);
    if (calendar === null || calendar.sub !== sub) throw new ImportError('unknown_calendar', `account ${sub} has no calendar ${spec.given}`);
    if (calendar.deleted) throw new ImportError('not_importable', `calendar ${label(calendar)} is deleted`);
    return { existing: { calendar, profile: checkImportable(calendar, byId.get(calendar.profileId)) } };
  }
  const name = 'given' in spec ? spec.given : spec.defaultName;
  const calendars = (await store.listCalendars(sub)).filter((c) => c.name === name);
  const inImport = calendars.filter((c) => {
    const p = byId.get(c.profileId);
    return p !== undefined && isImportProfile(p);
  });
  // A name given explicitly may mean any calendar of the account; a default name only an import calendar.
  const matches = inImport.length > 0 || !('given' in spec) ? inImport : calendars;
  if (matches.length > 1) {
    throw new ImportError('ambiguous_calendar', `${matches.length} calendars are named "${name}": ${matches.map((c) => c.calendarId).join(', ')}; give one by id`);
  }
  const match = matches[0];
  if (match !== undefined) return { existing: { calendar: match, profile: checkImportable(match, byId.get(match.profileId)) } };
  return { create: name };
}

/**
 * Finds the target calendar (see findImportCalendar) or creates it, and the import profile
 * with it when the account has none. Run it in the import's transaction, so that a failed
 * import leaves no empty calendar behind. It holds the account's `import-calendars:` key
 * until that transaction ends, so that two imports at once cannot both find no calendar of a
 * name and each create one (or each create an import profile): the second one looks after the
 * first has committed.
 *
 * @example
 *   await store.transaction((tx) => findOrCreateImportCalendar({ ...deps, store: tx }, sub, { defaultName: 'Holidays' }))
 */
export async function findOrCreateImportCalendar(deps: ServiceDeps, sub: string, spec: ImportCalendarSpec): Promise<ImportTarget> {
  // Taken first, before any `profile:` or `calendar:` key, and held by nothing else: whoever
  // waits for it holds no other key, so it joins no cycle with a revoke or an event write.
  await deps.store.lockKey(`import-calendars:${sub}`);
  const found = await findImportCalendar(deps, sub, spec);
  if ('existing' in found) return { ...found.existing, created: false };
  const now = deps.clock();
  let profile = (await deps.store.listProfiles(sub)).find(isImportProfile);
  if (profile === undefined) {
    profile = {
      profileId: newProfileId(deps.random),
      sub,
      providerName: IMPORT_PROVIDER_NAME,
      providerService: IMPORT_PROVIDER_SERVICE,
      profileName: IMPORT_PROFILE_NAME,
      connected: true,
      initialSyncRequired: false,
      revoked: false,
      source: { type: 'local' },
      createdAt: now,
    };
    await deps.store.createProfile(profile);
  }
  const calendar: Calendar = {
    calendarId: newCalendarId(deps.random),
    profileId: profile.profileId,
    sub,
    name: found.create,
    readonly: true,
    deleted: false,
    primary: false,
    color: null,
    createdAt: now,
  };
  await deps.store.createCalendar(calendar);
  return { calendar, profile, created: true };
}
