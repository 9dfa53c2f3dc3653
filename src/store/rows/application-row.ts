import type { Insertable, Selectable } from 'kysely';
import type { Application } from '../../core/index.js';
import type { ApplicationsTable } from '../db-schema.js';
import { fromFlag, fromJson, toFlag, toJson } from './columns.js';

export function applicationToRow(a: Application): Insertable<ApplicationsTable> {
  return {
    application_id: a.applicationId,
    client_id: a.clientId,
    name: a.name,
    redirect_uris: toJson(a.redirectUris),
    active: toFlag(a.active),
    created_at: a.createdAt,
  };
}

export function rowToApplication(r: Selectable<ApplicationsTable>): Application {
  return {
    applicationId: r.application_id,
    clientId: r.client_id,
    name: r.name,
    redirectUris: fromJson<string[]>(r.redirect_uris),
    active: fromFlag(r.active),
    createdAt: r.created_at,
  };
}
