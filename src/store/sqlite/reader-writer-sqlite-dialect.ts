import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { StoreBusyError } from '../store-busy-error.js';

/**
 * The SQLite dialect of the store: one writer connection and one reader connection on the same
 * WAL database, so that a long write never stops the server answering.
 *
 * - **Reads outside a transaction** run on the reader connection at once. In WAL mode a reader
 *   sees the last committed state and never waits for a writer, in this process or another.
 * - **Writes and transactions** run on the writer connection, one at a time in this process
 *   (a mutex, waited for asynchronously and for at most `busyWaitMs`, like another process's
 *   lock, then StoreBusyError). Transactions start with `BEGIN IMMEDIATE`, taking the
 *   write lock up front: a deferred `BEGIN` that meets another process's write at its first
 *   write gets SQLITE_BUSY at once, whatever busy_timeout says.
 * - **Another process's lock** (a `kairos import` writing 100,000 events, say) is waited for
 *   asynchronously: the writer has busy_timeout 0, and a statement refused with SQLITE_BUSY
 *   outside a transaction (so nothing was written) is retried with backoff until `busyWaitMs`
 *   has passed, then fails with StoreBusyError. better-sqlite3's own busy_timeout would block
 *   the event loop for the whole wait, freezing every request of the server.
 *
 * An in-memory database has only one connection, which serves both roles. See
 * docs/decisions/0009-sqlite-reader-and-writer.md.
 */
export interface ReaderWriterSqliteConfig {
  writer: Database.Database;
  /** A second connection to the same file, used only for reads; null for `:memory:`. */
  reader: Database.Database | null;
  /** How long a write waits for another process's lock before failing (ms). */
  busyWaitMs: number;
}

export class ReaderWriterSqliteDialect implements Dialect {
  readonly #config: ReaderWriterSqliteConfig;

  constructor(config: ReaderWriterSqliteConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new ReaderWriterSqliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
}

/** Runs one compiled query on a better-sqlite3 connection, as Kysely's own driver does. */
function run(db: Database.Database, { sql, parameters }: CompiledQuery): QueryResult<unknown> {
  const stmt = db.prepare(sql);
  if (stmt.reader) return { rows: stmt.all(parameters as unknown[]) };
  const { changes, lastInsertRowid } = stmt.run(parameters as unknown[]);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** A FIFO lock whose waiters wait asynchronously, for a bounded time. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Resolves, once the lock is held, with the function that releases it; rejects with
   * StoreBusyError when it is not held within `waitMs`. A waiter that gave up keeps its place
   * in the queue and passes the lock on at once when its turn comes.
   */
  lock(waitMs: number): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return new Promise<() => void>((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(new StoreBusyError(waitMs));
      }, waitMs);
      timer.unref();
      void previous.then(() => {
        clearTimeout(timer);
        if (gaveUp) release();
        else resolve(release);
      });
    });
  }
}

class ReaderWriterSqliteDriver implements Driver {
  readonly #writer: Database.Database;
  readonly #reader: Database.Database;
  readonly #busyWaitMs: number;
  readonly #writeLock = new Mutex();

  constructor(config: ReaderWriterSqliteConfig) {
    this.#writer = config.writer;
    this.#reader = config.reader ?? config.writer;
    this.#busyWaitMs = config.busyWaitMs;
  }

  async init(): Promise<void> {}

  /** Each acquisition gets its own handle; it holds the write lock only inside a transaction. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new Handle(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Handle).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Handle).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Handle).end('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A handle released inside a transaction (never done by Kysely) must not keep the lock.
    (connection as Handle).releaseLock();
  }

  async destroy(): Promise<void> {
    if (this.#reader !== this.#writer) this.#reader.close();
    this.#writer.close();
  }

  /**
   * Whether a statement only reads; prepared on the reader, which caches it. A statement the
   * reader cannot prepare goes to the writer, which reports any real error.
   */
  readsOnly(sql: string): boolean {
    try {
      return this.#reader.prepare(sql).readonly;
    } catch {
      return false;
    }
  }

  read(query: CompiledQuery): QueryResult<unknown> {
    return run(this.#reader, query);
  }

  /** The writer, for this process: waited for up to `busyWaitMs`, then StoreBusyError (503). */
  /** Rolls back the writer's open transaction, if any (after a failed commit). */
  rollbackIfOpen(): void {
    if (!this.#writer.inTransaction) return;
    try {
      this.#writer.exec('rollback');
    } catch {
      // Nothing more to undo.
    }
  }

  lockWriter(): Promise<() => void> {
    return this.#writeLock.lock(this.#busyWaitMs);
  }

  /** Runs `query` on the writer, retrying while another process holds the write lock. */
  async write(query: CompiledQuery, inTransaction: boolean): Promise<QueryResult<unknown>> {
    const deadline = Date.now() + this.#busyWaitMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        return run(this.#writer, query);
      } catch (err) {
        // Inside a transaction the write lock is already ours, so BUSY there is not a wait we
        // may retry blindly; outside one, a refused statement wrote nothing.
        if (!isBusy(err) || inTransaction || this.#writer.inTransaction) throw err;
        if (Date.now() >= deadline) throw new StoreBusyError(this.#busyWaitMs);
        await sleep(delay);
      }
    }
  }
}

class Handle implements DatabaseConnection {
  readonly #driver: ReaderWriterSqliteDriver;
  #release: (() => void) | null = null;

  constructor(driver: ReaderWriterSqliteDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#release !== null) return (await this.#driver.write(query, true)) as QueryResult<R>;
    if (this.#driver.readsOnly(query.sql)) return this.#driver.read(query) as QueryResult<R>;
    const release = await this.#driver.lockWriter();
    try {
      return (await this.#driver.write(query, false)) as QueryResult<R>;
    } finally {
      release();
    }
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite store does not stream queries');
  }

  async begin(): Promise<void> {
    const release = await this.#driver.lockWriter();
    try {
      await this.#driver.write(CompiledQuery.raw('begin immediate'), false);
    } catch (err) {
      release();
      throw err;
    }
    this.#release = release;
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    // Not ours any more (a failed commit was rolled back and let go): a ROLLBACK now could only
    // hit another handle's transaction.
    if (this.#release === null) return;
    try {
      await this.#driver.write(CompiledQuery.raw(command), true);
    } catch (err) {
      // A failed COMMIT can leave the transaction open: roll it back while the lock is still
      // ours, so that no other write runs inside it before the caller's rollback arrives.
      if (command === 'commit') this.#driver.rollbackIfOpen();
      throw err;
    } finally {
      this.releaseLock();
    }
  }

  releaseLock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}
