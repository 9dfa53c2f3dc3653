import type { Insertable, Selectable } from 'kysely';
import type { Account, Authorization } from '../../core/index.js';
import type { AccountsTable, AuthorizationsTable } from '../db-schema.js';

export function accountToRow(a: Account): Insertable<AccountsTable> {
  return { sub: a.sub, kind: a.kind, email: a.email, name: a.name, zoneinfo: a.zoneinfo, created_at: a.createdAt };
}

export function rowToAccount(r: Selectable<AccountsTable>): Account {
  return { sub: r.sub, kind: r.kind, email: r.email, name: r.name, zoneinfo: r.zoneinfo, createdAt: r.created_at };
}

export function authorizationToRow(a: Authorization): Insertable<AuthorizationsTable> {
  return { application_id: a.applicationId, sub: a.sub, scope: a.scope, status: a.status, created_at: a.createdAt };
}

export function rowToAuthorization(r: Selectable<AuthorizationsTable>): Authorization {
  return { applicationId: r.application_id, sub: r.sub, scope: r.scope, status: r.status, createdAt: r.created_at };
}
