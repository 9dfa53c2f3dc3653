/**
 * Pages name the account whose data they hold, so that revoking one of its profiles can delete
 * them: the protocol says the profile's events are no longer returned (§5.11), later pages of
 * a snapshot taken before included. Pages stored before have no account and simply expire.
 */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pages').addColumn('sub', 'text').execute();
  await db.schema.createIndex('pages_sub').on('pages').column('sub').execute();
}

export const pagesByAccount: Migration = { name: '0006_pages_by_account', up };
