import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db-schema.js';
import type { Engine } from '../run-migrations.js';

/**
 * The key as a signed 64-bit integer (the first 8 bytes of its SHA-256), in decimal. Hashing
 * here rather than with PostgreSQL's hashtext keeps the key itself out of SQL: a key may hold
 * characters that PostgreSQL text cannot (NUL), and its length does not matter.
 */
function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().readBigInt64BE(0).toString();
}

/**
 * Holds `key` until the current transaction ends (see Store.lockKey). The schema is mixed in
 * so that two Kairos databases kept as schemas of one PostgreSQL database do not wait for
 * each other: advisory locks belong to the database, not the schema.
 *
 * @example await lockKey(trx, 'postgres', `feeds:${sub}`)
 */
export async function lockKey(db: Db, engine: Engine, key: string): Promise<void> {
  // SQLite: the transaction already holds the write lock of the whole database.
  if (engine === 'sqlite') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(coalesce(current_schema(), ''), ${keyHash(key)}::bigint))`.execute(db);
}
