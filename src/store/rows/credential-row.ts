import type { Insertable, Selectable } from 'kysely';
import type { Credential, Permission } from '../../core/index.js';
import type { CredentialsTable } from '../db-schema.js';
import { fromFlag, fromJson, toFlag, toJson } from './columns.js';

export function credentialToRow(c: Credential): Insertable<CredentialsTable> {
  return {
    hash: c.hash,
    kind: c.kind,
    application_id: c.applicationId,
    sub: c.sub,
    scope: c.scope,
    permissions: toJson(c.permissions),
    subs: toJson(c.subs),
    origin: c.origin,
    issued_at: c.issuedAt,
    expires_at: c.expiresAt,
    revoked: toFlag(c.revoked),
  };
}

export function rowToCredential(r: Selectable<CredentialsTable>): Credential {
  return {
    hash: r.hash,
    kind: r.kind,
    applicationId: r.application_id,
    sub: r.sub,
    scope: r.scope,
    permissions: fromJson<Permission[]>(r.permissions),
    subs: fromJson<string[]>(r.subs),
    origin: r.origin,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revoked: fromFlag(r.revoked),
  };
}
