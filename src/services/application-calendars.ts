/** Application calendars (PROTOCOL §5.3): accounts an application creates directly. */
import { newApplicationCalendarSub, newCalendarId, newProfileId, type Calendar, type Profile } from '../core/index.js';
import type { Store } from '../store/index.js';
import { issueAccessToken, type IssuedTokens, type ServiceDeps } from './credentials.js';

export interface ApplicationCalendarResult extends IssuedTokens {
  sub: string;
  profile: Profile;
  created: boolean;
}

/** The profile an application calendar is created with, and the one `linking_profile` names. */
function isOwnProfile(p: Profile): boolean {
  return !p.revoked && p.providerName === 'cronofy' && p.source.type === 'local';
}

/**
 * Gives the application calendar `sub` its own profile with one writable primary calendar
 * named after the id, as a new application calendar has (§5.3).
 */
async function addOwnProfile(store: Store, deps: ServiceDeps, sub: string, applicationCalendarId: string, now: number): Promise<Profile> {
  const profile: Profile = {
    profileId: newProfileId(deps.random),
    sub,
    providerName: 'cronofy',
    providerService: 'cronofy',
    profileName: applicationCalendarId,
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: now,
  };
  await store.createProfile(profile);
  const calendar: Calendar = {
    calendarId: newCalendarId(deps.random),
    profileId: profile.profileId,
    sub,
    name: applicationCalendarId,
    readonly: false,
    deleted: false,
    primary: true,
    color: null,
    createdAt: now,
  };
  await store.createCalendar(calendar);
  return profile;
}

/**
 * Finds or creates the application calendar `applicationCalendarId` of an application and
 * issues fresh tokens for it. Idempotent: the same id always gives the same sub, also to
 * concurrent calls, which run one after the other (the key `apc:<application>:<id>`). An
 * application calendar whose own profile was revoked gets a fresh one, with a writable primary
 * calendar, so that it is usable again as when it was created; its sub stays the same.
 */
export async function ensureApplicationCalendar(
  deps: ServiceDeps,
  opts: { applicationId: string; applicationCalendarId: string; accessTokenTtlSeconds: number; zoneinfo?: string; name?: string },
): Promise<ApplicationCalendarResult> {
  return deps.store.transaction(async (store) => {
    const tx = { ...deps, store };
    await store.lockKey(`apc:${opts.applicationId}:${opts.applicationCalendarId}`);
    const now = deps.clock();
    let sub = await store.findApplicationCalendar(opts.applicationId, opts.applicationCalendarId);
    let created = false;
    let profile: Profile;
    if (sub === null) {
      created = true;
      sub = newApplicationCalendarSub(deps.random);
      await store.createAccount({ sub, kind: 'application_calendar', email: null, name: opts.name ?? null, zoneinfo: opts.zoneinfo ?? 'Etc/UTC', createdAt: now });
      await store.upsertAuthorization({ applicationId: opts.applicationId, sub, scope: 'read_write', status: 'active', createdAt: now });
      profile = await addOwnProfile(store, deps, sub, opts.applicationCalendarId, now);
      await store.linkApplicationCalendar(opts.applicationId, opts.applicationCalendarId, sub);
    } else {
      const own = (await store.listProfiles(sub)).find(isOwnProfile);
      profile = own ?? (await addOwnProfile(store, deps, sub, opts.applicationCalendarId, now));
    }
    const tokens = await issueAccessToken(tx, { applicationId: opts.applicationId, sub, scope: 'read_write', ttlSeconds: opts.accessTokenTtlSeconds });
    return { ...tokens, sub, profile, created };
  });
}
