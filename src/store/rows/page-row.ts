import type { Insertable, Selectable } from 'kysely';
import type { PageSnapshot } from '../../core/index.js';
import type { PagesTable } from '../db-schema.js';

export function pageToRow(p: PageSnapshot): Insertable<PagesTable> {
  return { id_hash: p.idHash, credential_hash: p.credentialHash, resource: p.resource, sub: p.sub, body: p.body, expires_at: p.expiresAt };
}

export function rowToPage(r: Selectable<PagesTable>): PageSnapshot {
  // A page stored before pages named their account has an empty sub; none is ever looked up by it.
  return { idHash: r.id_hash, credentialHash: r.credential_hash, resource: r.resource, sub: r.sub ?? '', body: r.body, expiresAt: r.expires_at };
}
