/** Real clock, randomness and store for CLI commands. */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createStore, isPostgresUrl, type Store } from '../store/index.js';
import type { ServiceDeps } from '../services/index.js';
import { bufferedRandom } from '../core/index.js';
import { UsageError } from './args.js';

/** The system's randomness, drawn 8 KiB at a time (a minted token takes 32 bytes of it). */
export const realRandom = bufferedRandom((n) => new Uint8Array(randomBytes(n)), 8 * 1024);

/** True for a SQLite database kept in a file (not PostgreSQL, not in memory). */
const isSqliteFile = (url: string): boolean => !isPostgresUrl(url) && url !== ':memory:' && url !== '';

/** Refuses a `--database` that can only be a mistake: a `file:` URI, or a directory. */
function checkDatabasePath(url: string): void {
  if (!isSqliteFile(url)) return;
  if (/^file:/i.test(url)) throw new UsageError(`--database takes a file path, not a file: URI (got "${url.slice(0, 200)}")`);
  if (existsSync(url) && statSync(url).isDirectory()) {
    throw new UsageError(`--database ${resolve(url)} is a directory: pass the database file, such as ${join(resolve(url), 'kairos.db')}`);
  }
}

/** Opens the store at `url` and runs migrations; a SQLite file that cannot be opened is a usage error naming it. */
export async function openStore(url: string): Promise<Store> {
  checkDatabasePath(url);
  return openChecked(url);
}

/** A SQLite error met while opening `url` as a usage error naming the file; anything else as it is. */
function openError(err: unknown, url: string, codePrefix: string): unknown {
  const code = (err as { code?: unknown }).code;
  if (isSqliteFile(url) && typeof code === 'string' && code.startsWith(codePrefix)) return new UsageError(`cannot open ${resolve(url)} as a SQLite database: ${(err as Error).message}`);
  return err;
}

async function openChecked(url: string): Promise<Store> {
  let store: Store;
  try {
    store = await createStore(url);
  } catch (err) {
    throw openError(err, url, 'SQLITE_');
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw openError(err, url, 'SQLITE_NOTADB');
  }
  return store;
}

/** True when `url` is a SQLite file path with no file there yet. */
export function isNewSqliteDatabase(url: string): boolean {
  return isSqliteFile(url) && !existsSync(url);
}

/**
 * Refuses an in-memory SQLite database for a command: what it writes would be gone when it
 * exits, and what it reads is always empty. (`kairos serve` accepts one, for a throwaway server.)
 */
export function refuseMemoryDatabase(url: string): void {
  if (url === ':memory:' || url === '') throw new UsageError(`--database ${url === '' ? "''" : url} is an in-memory database, which this command would leave empty; pass the server's database file or postgres:// URL`);
}

/**
 * Refuses a SQLite database file that does not exist. Commands that work on existing data
 * (accounts, imports, feeds, listings) would otherwise create an empty database wherever they
 * were run from, and then report that nothing is there. A `postgres://` URL is left alone.
 */
export function requireExistingDatabase(url: string): void {
  if (!isNewSqliteDatabase(url)) return;
  throw new UsageError(
    `no database at ${resolve(url)}: run this from the directory the server runs in (its default database is ./data/kairos.db there), or pass --database (or KAIROS_DATABASE) with the server's database`,
  );
}

/**
 * Runs `fn` with a migrated store, closing it afterwards. An in-memory database is refused,
 * and, unless `create` is set, a SQLite file that does not exist yet (see
 * `requireExistingDatabase`).
 */
export async function withStore<T>(url: string, fn: (deps: ServiceDeps) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  refuseMemoryDatabase(url);
  checkDatabasePath(url);
  if (!opts.create) requireExistingDatabase(url);
  const store = await openChecked(url);
  try {
    return await fn({ store, clock: () => Date.now(), random: realRandom });
  } finally {
    await store.close();
  }
}
