/** Profile revoke (PROTOCOL §5.11), shared by the HTTP route and `kairos feed remove`. */
import type { Store } from '../store/index.js';

/**
 * Revokes a current profile of `sub` (of any account when `sub` is null): its calendars vanish
 * with it, their events stop being returned or blocking, and managed events on them are
 * deleted, with the account's stored result pages, in one transaction. False when there is no such current profile.
 *
 * @example if (!(await revokeProfile(store, 'pro_…', sub))) throw new ApiError('not_found', …);
 */
export async function revokeProfile(store: Store, profileId: string, sub: string | null): Promise<boolean> {
  return store.transaction(async (tx) => {
    // Imports into the profile's calendars hold this key, and so does a revoke: whichever
    // comes second sees what the first committed (the calendars it created, the events it
    // stored, or that the profile is gone).
    await tx.lockKey(`profile:${profileId}`);
    const profile = await tx.getProfile(profileId);
    if (!profile || profile.revoked || (sub !== null && profile.sub !== sub)) return false;
    const calendars = (await tx.listCalendars(profile.sub, { includeDeleted: true })).filter((c) => c.profileId === profileId);
    // Writers to these calendars (event upserts) hold the same keys, so none lands an event
    // on a calendar after its events were deleted here. Sorted: one order for every locker.
    for (const id of calendars.map((c) => c.calendarId).sort()) await tx.lockKey(`calendar:${id}`);
    await tx.deleteEventsOfCalendars(calendars.map((c) => c.calendarId));
    await tx.updateProfile(profileId, { revoked: true, connected: false });
    // Later pages of reads made before would still list the profile's events (§5.11: they are
    // no longer returned); the client reads page 1 again on their 404.
    await tx.lockKey(`account-pages:${profile.sub}`);
    await tx.deletePagesOf(profile.sub);
    return true;
  });
}
