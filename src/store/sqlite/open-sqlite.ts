import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ARRAY_ROWS } from '../array-rows.js';
import type { DbSchema } from '../db-schema.js';
import { ReaderWriterSqliteDialect } from './reader-writer-sqlite-dialect.js';

/** How long opening the database waits for another process's lock (switching to WAL locks). */
const OPEN_BUSY_TIMEOUT_MS = 5_000;
/** How long a write waits, asynchronously, for another process's write lock. */
export const DEFAULT_BUSY_WAIT_MS = 30_000;

/**
 * Opens (creating if needed) the SQLite database at `path`, or an in-memory one for
 * `:memory:`, and wraps it in Kysely with a writer and a reader connection (see
 * ReaderWriterSqliteDialect for why).
 *
 * @example const db = openSqlite('./data/kairos.db')
 */
export function openSqlite(path: string, opts: { busyWaitMs?: number } = {}): Kysely<DbSchema> {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const writer = new Database(path);
  // First, so that the pragmas below also wait for other processes (switching to WAL locks).
  writer.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  // WAL lets readers (the reader connection, the CLI, backups) work while a writer writes.
  writer.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode and much faster than FULL.
  writer.pragma('synchronous = NORMAL');
  writer.pragma('foreign_keys = ON');
  // From now on the dialect waits for other processes' locks itself, without blocking.
  writer.pragma('busy_timeout = 0');
  let reader: Database.Database | null = null;
  if (!memory) {
    reader = new Database(path);
    // A reader in WAL mode never waits for writers; this covers the rare WAL-index recovery.
    reader.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    reader.pragma('query_only = ON');
  }
  const dialect = new ReaderWriterSqliteDialect({
    writer: withStatementCache(writer),
    reader: reader === null ? null : withStatementCache(reader),
    busyWaitMs: opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS,
  });
  return new Kysely<DbSchema>({ dialect });
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * The database with `prepare` memoised by SQL text. Kysely prepares every query it runs;
 * preparing costs about as much as running a small query, and the server runs the same few
 * dozen statements over and over. Reusing a statement is safe because the dialect runs one
 * query at a time on each connection and never leaves an iterator open. Statements
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
