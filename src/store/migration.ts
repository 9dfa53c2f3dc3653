import type { Kysely } from 'kysely';

/**
 * One step of the schema's history. Migrations are applied in list order, each exactly once,
 * and are never edited after release: a change is a new migration appended to the list.
 */
export interface Migration {
  /** Unique, sortable name recorded in `kairos_migrations`, e.g. `0001_initial`. */
  name: string;
  /**
   * Applies the step. Runs inside the migration transaction, so it must only use `db`.
   * Typed against `unknown` rather than the current schema: a migration describes the database
   * as it was when it was written.
   */
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * A step that development builds applied and that was taken back before release. A database
 * that has it is walked back (`undo`, in the migration transaction, before the pending
 * migrations run) instead of being refused as made by a newer Kairos.
 */
export interface WithdrawnMigration {
  name: string;
  undo(db: Kysely<unknown>): Promise<void>;
}
