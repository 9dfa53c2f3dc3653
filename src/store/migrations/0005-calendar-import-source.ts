/**
 * Calendars record where their imported content came from (a file path, or a fingerprint of a
 * URL), so that `kairos import` can refuse to replace one file's events with another's when
 * both choose the same calendar by their default name.
 */
import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calendars').addColumn('import_source', 'text').execute();
}

export const calendarImportSource: Migration = { name: '0005_calendar_import_source', up };
