/** `POST /v1/profiles/{profile_id}/revoke` (E9, PROTOCOL §5.11). */
import { ApiError } from '../../core/index.js';
import { accountSub } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { accepted } from '../respond.js';
import type { Handler } from '../route.js';

export function revokeProfile(deps: AppDeps): Handler {
  return async ({ principal, param }) => {
    const sub = accountSub(principal);
    const profileId = param('profile_id');
    await deps.store.transaction(async (tx) => {
      const profile = await tx.getProfile(profileId);
      if (!profile || profile.sub !== sub || profile.revoked) throw new ApiError('not_found', 'The profile does not exist.');
      const calendars = (await tx.listCalendars(sub, { includeDeleted: true })).filter((c) => c.profileId === profileId);
      // The profile's calendars vanish with it; their events stop being returned or blocking,
      // and managed events on them are deleted.
      await tx.deleteEventsOfCalendars(calendars.map((c) => c.calendarId));
      await tx.updateProfile(profileId, { revoked: true, connected: false });
    });
    return accepted();
  };
}
