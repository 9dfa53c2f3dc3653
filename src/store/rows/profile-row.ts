import type { Insertable, Selectable } from 'kysely';
import type { Profile, ProfileSource } from '../../core/index.js';
import type { ProfilesTable } from '../db-schema.js';
import { fromFlag, fromJson, toFlag, toJson } from './columns.js';

export function profileToRow(p: Profile): Insertable<ProfilesTable> {
  return {
    profile_id: p.profileId,
    sub: p.sub,
    provider_name: p.providerName,
    provider_service: p.providerService,
    profile_name: p.profileName,
    connected: toFlag(p.connected),
    initial_sync_required: toFlag(p.initialSyncRequired),
    revoked: toFlag(p.revoked),
    source_type: p.source.type,
    source: toJson(p.source),
    created_at: p.createdAt,
  };
}

export function rowToProfile(r: Selectable<ProfilesTable>): Profile {
  return {
    profileId: r.profile_id,
    sub: r.sub,
    providerName: r.provider_name,
    providerService: r.provider_service,
    profileName: r.profile_name,
    connected: fromFlag(r.connected),
    initialSyncRequired: fromFlag(r.initial_sync_required),
    revoked: fromFlag(r.revoked),
    source: fromJson<ProfileSource>(r.source),
    createdAt: r.created_at,
  };
}
