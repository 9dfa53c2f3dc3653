import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ARRAY_ROWS } from '../array-rows.js';
import type { DbSchema } from '../db-schema.js';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';

/** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the SQLite database at `path`, or an in-memory one for
 * `:memory:`, and wraps it in Kysely.
 *
 * @example const db = openSqlite('./data/kairos.db')
 */
export function openSqlite(path: string): Kysely<DbSchema> {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // First, so that the pragmas below also wait for other processes (switching to WAL locks).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers in other processes (CLI, backups) work while the server writes.
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode and much faster than FULL.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DbSchema>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * The database with `prepare` memoised by SQL text. Kysely prepares every query it runs;
 * preparing costs about as much as running a small query, and the server runs the same few
 * dozen statements over and over. Reusing a statement is safe because Kysely's driver runs one
 * query at a time on its single connection and never leaves an iterator open. Statements
 * marked with ARRAY_ROWS return rows as arrays (see array-rows.ts).
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (stmt === undefined) {
            stmt = prepare(source);
            if (source.includes(ARRAY_ROWS)) stmt.raw(true);
            if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
            cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
