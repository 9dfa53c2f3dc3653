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

/** Whether `url` names a PostgreSQL database (anything else is a SQLite path). */
export const isPostgresUrl = (url: string): boolean => POSTGRES_URL_RE.test(url);

/**
 * A `schema` query parameter of a postgres:// URL (Kairos's own, not libpq's): the schema to
 * work in, created when missing. It is taken off the URL before the driver sees it.
 *
 * @example schemaFromUrl('postgres://db/kairos?schema=tenant_a') // { url: 'postgres://db/kairos', schema: 'tenant_a' }
 */
export function schemaFromUrl(url: string): { url: string; schema: string | null } {
  const q = url.indexOf('?');
  if (q < 0) return { url, schema: null };
  const params = new URLSearchParams(url.slice(q + 1));
  const schema = params.get('schema');
  if (schema === null) return { url, schema: null };
  params.delete('schema');
  const rest = params.toString();
  return { url: url.slice(0, q) + (rest === '' ? '' : `?${rest}`), schema };
}

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
  if (POSTGRES_URL_RE.test(url)) {
    const { url: bare, schema } = schemaFromUrl(url);
    const pgOpts: CreateStoreOptions = { ...opts };
    if (schema !== null && pgOpts.schema === undefined) pgOpts.schema = schema;
    return new KyselyStore(await openPostgres(bare, pgOpts), 'postgres');
  }
  return new KyselyStore(openSqlite(url, opts.busyWaitMs === undefined ? {} : { busyWaitMs: opts.busyWaitMs }), 'sqlite');
}
