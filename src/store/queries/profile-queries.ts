import type { Updateable } from 'kysely';
import type { Profile, ProfileSource } from '../../core/index.js';
import type { Db, ProfilesTable } from '../db-schema.js';
import { toFlag, toJson } from '../rows/columns.js';
import { profileToRow, rowToProfile } from '../rows/profile-row.js';

export type ProfilePatch = Partial<Pick<Profile, 'profileName' | 'connected' | 'initialSyncRequired' | 'revoked' | 'source'>>;

export async function createProfile(db: Db, p: Profile): Promise<void> {
  await db.insertInto('profiles').values(profileToRow(p)).execute();
}

export async function getProfile(db: Db, profileId: string): Promise<Profile | null> {
  const row = await db.selectFrom('profiles').selectAll().where('profile_id', '=', profileId).executeTakeFirst();
  return row ? rowToProfile(row) : null;
}

export async function listProfiles(db: Db, sub: string, opts: { includeRevoked?: boolean } = {}): Promise<Profile[]> {
  let q = db.selectFrom('profiles').selectAll().where('sub', '=', sub);
  if (!opts.includeRevoked) q = q.where('revoked', '=', 0);
  const rows = await q.orderBy('created_at').orderBy('profile_id').execute();
  return rows.map(rowToProfile);
}

export async function listProfilesBySource(db: Db, type: 'ics_feed' | 'caldav'): Promise<Profile[]> {
  const rows = await db
    .selectFrom('profiles')
    .selectAll()
    .where('source_type', '=', type)
    .where('revoked', '=', 0)
    .orderBy('created_at')
    .orderBy('profile_id')
    .execute();
  return rows.map(rowToProfile);
}

/** Applies the fields present in `patch`; an empty patch does nothing. */
export async function updateProfile(db: Db, profileId: string, patch: ProfilePatch): Promise<void> {
  const set: Updateable<ProfilesTable> = {};
  if (patch.profileName !== undefined) set.profile_name = patch.profileName;
  if (patch.connected !== undefined) set.connected = toFlag(patch.connected);
  if (patch.initialSyncRequired !== undefined) set.initial_sync_required = toFlag(patch.initialSyncRequired);
  if (patch.revoked !== undefined) set.revoked = toFlag(patch.revoked);
  if (patch.source !== undefined) {
    set.source = toJson(patch.source);
    set.source_type = patch.source.type;
  }
  if (Object.keys(set).length === 0) return;
  await db.updateTable('profiles').set(set).where('profile_id', '=', profileId).execute();
}

/**
 * Sets the source only while the stored one is `expected`. The column holds the JSON text that
 * `toJson` wrote, and `toJson(rowToProfile(row).source)` gives that text back (JSON.parse keeps
 * key order), so comparing the text compares the values.
 */
export async function replaceProfileSourceIf(db: Db, profileId: string, expected: ProfileSource, next: ProfileSource): Promise<boolean> {
  const r = await db
    .updateTable('profiles')
    .set({ source: toJson(next), source_type: next.type })
    .where('profile_id', '=', profileId)
    .where('revoked', '=', 0)
    .where('source', '=', toJson(expected))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
