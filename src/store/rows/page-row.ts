import type { Insertable, Selectable } from 'kysely';
import type { PageSnapshot } from '../../core/index.js';
import type { PagesTable } from '../db-schema.js';

export function pageToRow(p: PageSnapshot): Insertable<PagesTable> {
  return { id_hash: p.idHash, credential_hash: p.credentialHash, resource: p.resource, body: p.body, expires_at: p.expiresAt };
}

export function rowToPage(r: Selectable<PagesTable>): PageSnapshot {
  return { idHash: r.id_hash, credentialHash: r.credential_hash, resource: r.resource, body: r.body, expiresAt: r.expires_at };
}
