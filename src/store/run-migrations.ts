import { sql, type Kysely, type Transaction } from 'kysely';
import type { DbSchema } from './db-schema.js';
import type { Migration, WithdrawnMigration } from './migration.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * Applies the migrations that `db` has not seen yet, in order, in one transaction. A
 * withdrawn migration the database has is walked back first (see WithdrawnMigration).
 *
 * Safe when several processes start at once: on PostgreSQL the transaction first takes an
 * advisory lock scoped to the current schema; on SQLite our dialect opens every transaction
 * with `BEGIN IMMEDIATE`, which takes the write lock up front. Either way the second process
 * waits, then finds everything applied and does nothing.
 *
 * @example await runMigrations(db, 'sqlite', migrations, Date.now())
 */
export async function runMigrations(
  db: Kysely<DbSchema>,
  engine: Engine,
  list: readonly Migration[],
  now: number,
  withdrawn: readonly WithdrawnMigration[] = [],
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (engine === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('kairos.migrate:' || current_schema()))`.execute(trx);
    }
    await trx.schema
      .createTable('kairos_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
    const done = await appliedNames(trx);
    for (const w of withdrawn) {
      if (!done.has(w.name)) continue;
      await w.undo(trx as unknown as Kysely<unknown>);
      await trx.deleteFrom('kairos_migrations').where('name', '=', w.name).execute();
      done.delete(w.name);
    }
    const unknown = [...done].filter((name) => !list.some((m) => m.name === name));
    if (unknown.length > 0) {
      // A newer Kairos migrated this database; running older code against it is unsafe.
      throw new Error(`database has migrations this version does not know: ${unknown.join(', ')}`);
    }
    const applied: string[] = [];
    for (const m of list) {
      if (done.has(m.name)) continue;
      await m.up(trx as unknown as Kysely<unknown>);
      await trx.insertInto('kairos_migrations').values({ name: m.name, applied_at: now }).execute();
      applied.push(m.name);
    }
    return applied;
  });
}

async function appliedNames(trx: Transaction<DbSchema>): Promise<Set<string>> {
  const rows = await trx.selectFrom('kairos_migrations').select('name').execute();
  return new Set(rows.map((r) => r.name));
}
