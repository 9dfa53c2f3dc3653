/** Server-wide settings: a small key/value table (for example, which account the demo page shows). */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export const settingsTable: Migration = { name: '0002_settings', up };
