/**
 * The subs an element token names are read from its row's JSON `subs` column, so the index
 * table of them goes: minting a token becomes one row in one table.
 */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('credential_subs_hash').execute();
  await db.schema.dropTable('credential_subs').execute();
}

export const noCredentialSubs: Migration = { name: '0004_no_credential_subs', up };
