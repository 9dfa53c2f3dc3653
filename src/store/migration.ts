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
