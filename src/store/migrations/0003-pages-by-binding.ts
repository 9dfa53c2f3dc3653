/** Page snapshots looked up by what they are bound to, newest first (to cap them per binding). */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('pages_binding_expires').on('pages').columns(['credential_hash', 'expires_at']).execute();
}

export const pagesByBinding: Migration = { name: '0003_pages_by_binding', up };
