import { KyselyStore } from './kysely-store.js';
import { openPostgres } from './postgres/open-postgres.js';
import { openSqlite } from './sqlite/open-sqlite.js';
import type { Store } from './store.js';

export interface CreateStoreOptions {
  /** PostgreSQL only: the schema to work in (search_path); created when missing. */
  schema?: string;
  /** PostgreSQL only: maximum pooled connections (default 10). */
  poolSize?: number;
  /** SQLite only: how long a write waits for another process's write lock (ms, default 30 s). */
  busyWaitMs?: number;
}

const POSTGRES_URL_RE = /^postgres(?:ql)?:\/\//i;

/**
 * Opens the store named by `url`: a `postgres://` or `postgresql://` URL selects PostgreSQL;
 * anything else is a SQLite file path (parent directories are created) or `:memory:`.
 * The schema is not touched: call `migrate()` before use.
 *
 * @example
 * const store = await createStore('./data/kairos.db');
 * await store.migrate();
 */
export async function createStore(url: string, opts: CreateStoreOptions = {}): Promise<Store> {
  if (POSTGRES_URL_RE.test(url)) return new KyselyStore(await openPostgres(url, opts), 'postgres');
  return new KyselyStore(openSqlite(url, opts.busyWaitMs === undefined ? {} : { busyWaitMs: opts.busyWaitMs }), 'sqlite');
}
