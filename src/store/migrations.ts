import { initialSchema } from './migrations/0001-initial-schema.js';
import { settingsTable } from './migrations/0002-settings.js';
import { pagesByBinding } from './migrations/0003-pages-by-binding.js';
import { noCredentialSubs } from './migrations/0004-no-credential-subs.js';
import { calendarImportSource } from './migrations/0005-calendar-import-source.js';
import { pagesByAccount } from './migrations/0006-pages-by-account.js';
import { importedOccurrences } from './migrations/0007-imported-occurrences.js';
import { withdrawnEventContents } from './migrations/withdrawn-0007-event-contents.js';
import type { Migration, WithdrawnMigration } from './migration.js';

/** Every migration, oldest first. Append only. */
export const migrations: readonly Migration[] = [initialSchema, settingsTable, pagesByBinding, noCredentialSubs, calendarImportSource, pagesByAccount, importedOccurrences];

/** Migrations taken back before release, walked back where a database has them. */
export const withdrawnMigrations: readonly WithdrawnMigration[] = [withdrawnEventContents];
