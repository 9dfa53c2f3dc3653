import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeApplication } from '../contract/fixtures.js';
import { createStore } from '../create-store.js';
import { StoreBusyError } from '../store-busy-error.js';
import { openSqlite } from './open-sqlite.js';
import type { Store } from '../store.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sub = (n: number) => `acc_${String(n).padStart(24, '0')}`;

/** Counts timer ticks while `work` runs: a blocked event loop ticks no more. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    return { value: await work, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('SQLite reader and writer connections', () => {
  let dir: string;
  let path: string;
  let store: Store;
  /** Another process's connection, as far as SQLite can tell. */
  let other: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-rw-'));
    path = join(dir, 'kairos.db');
    store = await createStore(path, { busyWaitMs: 2_000 });
    await store.migrate();
    await store.createAccount(makeAccount(sub(1)));
    other = new Database(path);
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits for another connection's write lock without blocking the event loop, then writes", async () => {
    other.exec('begin immediate');
    other.prepare("insert into settings (key, value) values ('held', 'yes')").run();
    setTimeout(() => other.exec('commit'), 300);
    const started = Date.now();
    const { ticks } = await ticksDuring(store.createAccount(makeAccount(sub(2))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // About 60 ticks of 5 ms fit in 300 ms; a blocked loop would see none.
    expect(ticks).toBeGreaterThan(10);
    expect(await store.getAccount(sub(2))).not.toBeNull();
    expect(await store.getSetting('held')).toBe('yes');
  });

  it("reads while another connection holds the write lock, seeing only what it committed", async () => {
    other.exec('begin immediate');
    other.prepare("insert into settings (key, value) values ('uncommitted', 'x')").run();
    const { value, ticks } = await ticksDuring(Promise.all([store.getAccount(sub(1)), store.getSetting('uncommitted')]));
    expect(value[0]).not.toBeNull();
    expect(value[1]).toBeNull();
    expect(ticks).toBeLessThan(20);
    other.exec('commit');
    expect(await store.getSetting('uncommitted')).toBe('x');
  });

  it('a transaction waits for the lock too, and gives up with StoreBusyError after busyWaitMs', async () => {
    other.exec('begin immediate');
    const started = Date.now();
    const attempt = store.transaction(async (tx) => {
      await tx.createApplication(makeApplication('app_AAAAAAAAAAAAAAAAAAAA'));
    });
    await expect(attempt).rejects.toBeInstanceOf(StoreBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    other.exec('rollback');
    // Nothing was written, and the store works again.
    expect(await store.getApplication('app_AAAAAAAAAAAAAAAAAAAA')).toBeNull();
    await store.createApplication(makeApplication('app_AAAAAAAAAAAAAAAAAAAA'));
    expect(await store.getApplication('app_AAAAAAAAAAAAAAAAAAAA')).not.toBeNull();
  });

  it("reads of the root store go on while this process's own long transaction runs; writes wait for it", async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const tx = store.transaction(async (t) => {
      await t.createAccount(makeAccount(sub(3)));
      await held;
    });
    await sleep(20);
    // A read is answered at once, from the last committed state.
    expect(await store.getAccount(sub(1))).not.toBeNull();
    expect(await store.getAccount(sub(3))).toBeNull();
    // A write queues behind the transaction and lands after it.
    let written = false;
    const write = store.createAccount(makeAccount(sub(4))).then(() => (written = true));
    await sleep(50);
    expect(written).toBe(false);
    finish();
    await tx;
    await write;
    expect(await store.getAccount(sub(3))).not.toBeNull();
    expect(await store.getAccount(sub(4))).not.toBeNull();
  });

  it("a write waiting behind this process's own long transaction gives up with StoreBusyError after busyWaitMs, and the queue moves on", async () => {
    const quick = await createStore(path, { busyWaitMs: 150 });
    try {
      let finish!: () => void;
      const held = new Promise<void>((resolve) => (finish = resolve));
      const tx = quick.transaction(async (t) => {
        await t.createAccount(makeAccount(sub(5)));
        await held;
      });
      await sleep(20);
      const started = Date.now();
      const { value: refused, ticks } = await ticksDuring(quick.createAccount(makeAccount(sub(6))).then(() => null, (err: unknown) => err));
      expect(refused).toBeInstanceOf(StoreBusyError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(ticks).toBeGreaterThan(5);
      // A second waiter queued behind the one that gave up gets the lock once the transaction ends.
      const later = quick.createAccount(makeAccount(sub(7)));
      await sleep(20);
      finish();
      await tx;
      await later;
      expect(await quick.getAccount(sub(5))).not.toBeNull();
      expect(await quick.getAccount(sub(6))).toBeNull();
      expect(await quick.getAccount(sub(7))).not.toBeNull();
    } finally {
      await quick.close();
    }
  });

  it('a failed COMMIT is rolled back under the lock, and the rollback that follows touches no other transaction', async () => {
    const db = openSqlite(join(dir, 'fk.db'));
    try {
      // A deferred foreign key fails only at COMMIT, which then leaves the transaction open.
      await sql`create table parent (id integer primary key)`.execute(db);
      await sql`create table child (pid integer references parent(id) deferrable initially deferred)`.execute(db);
      const failing = db.transaction().execute(async (trx) => {
        await sql`insert into child (pid) values (42)`.execute(trx);
      });
      // Another transaction queued behind it, which Kysely's rollback of the failed one must not touch.
      let finish!: () => void;
      const held = new Promise<void>((resolve) => (finish = resolve));
      const next = db.transaction().execute(async (trx) => {
        await sql`insert into parent (id) values (7)`.execute(trx);
        await held;
        await sql`insert into child (pid) values (7)`.execute(trx);
      });
      await expect(failing).rejects.toThrow(/FOREIGN KEY/);
      await sleep(20);
      finish();
      await next;
      expect((await sql<{ n: number }>`select count(*) as n from child`.execute(db)).rows).toEqual([{ n: 1 }]);
      expect((await sql<{ id: number }>`select id from parent`.execute(db)).rows).toEqual([{ id: 7 }]);
    } finally {
      await db.destroy();
    }
  });

  it('an in-memory database serves reads and writes on its one connection', async () => {
    const mem = await createStore(':memory:');
    try {
      await mem.migrate();
      await mem.createAccount(makeAccount(sub(5)));
      await mem.transaction(async (t) => t.createAccount(makeAccount(sub(6))));
      expect((await mem.getAccount(sub(5)))?.sub).toBe(sub(5));
      expect((await mem.getAccount(sub(6)))?.sub).toBe(sub(6));
    } finally {
      await mem.close();
    }
  });
});
