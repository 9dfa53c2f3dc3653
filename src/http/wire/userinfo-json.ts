/** Userinfo, account and calendar objects on the wire (PROTOCOL §5.4). */
import type { Account, Calendar, Profile } from '../../core/index.js';
import type { Store } from '../../store/index.js';

export function calendarToJson(c: Calendar): Record<string, unknown> {
  const out: Record<string, unknown> = {
    calendar_id: c.calendarId,
    calendar_name: c.name,
    calendar_readonly: c.readonly,
    calendar_deleted: c.deleted,
    calendar_primary: c.primary,
    calendar_integrated_conferencing_available: false,
    calendar_attachments_available: false,
    permission_level: c.readonly ? 'sandbox' : 'unrestricted',
  };
  if (c.color) out.calendar_color = c.color;
  return out;
}

/** A calendar as listed by `GET /v1/calendars`: with its profile's name and id. */
export function listedCalendarToJson(c: Calendar, p: Profile): Record<string, unknown> {
  return { provider_name: p.providerName, profile_id: p.profileId, profile_name: p.profileName, ...calendarToJson(c) };
}

export function profileToJson(p: Profile, calendars: Calendar[], baseUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    provider_name: p.providerName,
    provider_service: p.providerService,
    profile_id: p.profileId,
    profile_name: p.profileName,
    profile_connected: p.connected,
    profile_initial_sync_required: p.initialSyncRequired,
    profile_calendars: calendars.map(calendarToJson),
  };
  if (!p.connected) out.profile_relink_url = `${baseUrl}/profiles/${encodeURIComponent(p.profileId)}/relink`;
  return out;
}

/** The userinfo object of an account as seen by one application. */
export async function buildUserinfo(store: Store, account: Account, applicationId: string, baseUrl: string): Promise<Record<string, unknown>> {
  const [grant, profiles, calendars] = await Promise.all([
    store.getAuthorization(applicationId, account.sub),
    store.listProfiles(account.sub),
    store.listCalendars(account.sub, { includeDeleted: true }),
  ]);
  return {
    sub: account.sub,
    email: account.email,
    name: account.name,
    zoneinfo: account.zoneinfo,
    'cronofy.type': account.kind,
    'cronofy.data': {
      authorization: { scope: grant?.scope ?? '', status: grant?.status ?? 'active' },
      profiles: profiles.map((p) =>
        profileToJson(
          p,
          calendars.filter((c) => c.profileId === p.profileId),
          baseUrl,
        ),
      ),
      conferencing_profiles: [],
    },
  };
}
