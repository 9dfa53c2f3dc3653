/** Application calendars (PROTOCOL §5.3): accounts an application creates directly. */
import { newApplicationCalendarSub, newCalendarId, newProfileId, type Calendar, type Profile } from '../core/index.js';
import { issueAccessToken, type IssuedTokens, type ServiceDeps } from './credentials.js';

export interface ApplicationCalendarResult extends IssuedTokens {
  sub: string;
  profile: Profile;
  created: boolean;
}

/**
 * Finds or creates the application calendar `applicationCalendarId` of an application and
 * issues fresh tokens for it. Idempotent: the same id always gives the same sub.
 */
export async function ensureApplicationCalendar(
  deps: ServiceDeps,
  opts: { applicationId: string; applicationCalendarId: string; accessTokenTtlSeconds: number; zoneinfo?: string; name?: string },
): Promise<ApplicationCalendarResult> {
  return deps.store.transaction(async (store) => {
    const tx = { ...deps, store };
    const now = deps.clock();
    let sub = await store.findApplicationCalendar(opts.applicationId, opts.applicationCalendarId);
    let created = false;
    let profile: Profile;
    if (sub === null) {
      created = true;
      sub = newApplicationCalendarSub(deps.random);
      await store.createAccount({ sub, kind: 'application_calendar', email: null, name: opts.name ?? null, zoneinfo: opts.zoneinfo ?? 'Etc/UTC', createdAt: now });
      await store.upsertAuthorization({ applicationId: opts.applicationId, sub, scope: 'read_write', status: 'active', createdAt: now });
      profile = {
        profileId: newProfileId(deps.random),
        sub,
        providerName: 'cronofy',
        providerService: 'cronofy',
        profileName: opts.applicationCalendarId,
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
        name: opts.applicationCalendarId,
        readonly: false,
        deleted: false,
        primary: true,
        color: null,
        createdAt: now,
      };
      await store.createCalendar(calendar);
      await store.linkApplicationCalendar(opts.applicationId, opts.applicationCalendarId, sub);
    } else {
      const profiles = await store.listProfiles(sub, { includeRevoked: true });
      profile = profiles.find((p) => p.providerName === 'cronofy') ?? profiles[0]!;
    }
    const tokens = await issueAccessToken(tx, { applicationId: opts.applicationId, sub, scope: 'read_write', ttlSeconds: opts.accessTokenTtlSeconds });
    return { ...tokens, sub, profile, created };
  });
}
