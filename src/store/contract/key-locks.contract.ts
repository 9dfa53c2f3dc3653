import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, makeApplication } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** `p`, or a rejection naming `what` when it takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Starts a transaction on `store` that takes `key` and holds it until `release` is opened;
 * returns once the key is held, with the transaction's completion (wrapped: an async function
 * returning a bare promise would wait for it).
 */
async function holdKey(store: Store, key: string, release: Promise<void>): Promise<{ done: Promise<void> }> {
  const held = gate();
  const done = store.transaction(async (tx) => {
    await tx.lockKey(key);
    held.open();
    await release;
  });
  await Promise.race([held.opened, done]);
  return { done };
}

/** Check, then insert: creates `app` only while the database has no application. */
async function createIfNone(store: Store, key: string, app: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    await tx.lockKey(key);
    if ((await tx.countApplications()) > 0) return false;
    await tx.createApplication(makeApplication(app));
    return true;
  });
}

export function keyLocksContract(ctx: ContractContext): void {
  describe('lockKey', () => {
    it('refuses a root store: outside a transaction there is nothing to hold the key for', async () => {
      await expect(ctx.store.lockKey('k')).rejects.toThrow(/store passed to transaction/);
    });

    it('makes a transaction on a key held by another process wait, and its check see what the holder committed', async () => {
      const other = await ctx.harness.openAnother();
      const release = gate();
      const held = gate();
      const first = ctx.store.transaction(async (tx) => {
        await tx.lockKey('apps');
        const n = await tx.countApplications();
        held.open();
        await release.opened;
        if (n === 0) await tx.createApplication(makeApplication(APP_A));
        return n === 0;
      });
      try {
        await held.opened;
        let secondDone = false;
        const second = createIfNone(other, 'apps', APP_B).finally(() => (secondDone = true));
        await sleep(150);
        expect(secondDone).toBe(false);
        release.open();
        expect(await first).toBe(true);
        expect(await within(second, 10_000, 'the waiting transaction')).toBe(false);
        expect((await ctx.store.listApplications()).map((a) => a.applicationId)).toEqual([APP_A]);
      } finally {
        release.open();
        await first.catch(() => undefined);
      }
    });

    it('lets the next transaction take a key once the holder has rolled back', async () => {
      const other = await ctx.harness.openAnother();
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.lockKey('apps');
          await tx.createApplication(makeApplication(APP_A));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await within(createIfNone(other, 'apps', APP_B), 10_000, 'the next transaction')).toBe(true);
      expect((await ctx.store.listApplications()).map((a) => a.applicationId)).toEqual([APP_B]);
    });

    it('does not make a store on another database wait for the same key', async () => {
      const elsewhere = await ctx.target.open();
      const release = gate();
      try {
        const holder = await holdKey(ctx.store, 'apps', release.opened);
        expect(await within(createIfNone(elsewhere.store, 'apps', APP_B), 5_000, 'the transaction on the other database')).toBe(true);
        release.open();
        await holder.done;
      } finally {
        release.open();
        await elsewhere.dispose();
      }
    });

    if (ctx.target.engine === 'postgres') {
      it('does not make a transaction wait for a different key', async () => {
        const other = await ctx.harness.openAnother();
        const release = gate();
        try {
          const holder = await holdKey(ctx.store, 'rules:a', release.opened);
          expect(await within(createIfNone(other, 'rules:b', APP_B), 5_000, 'the transaction on another key')).toBe(true);
          release.open();
          await holder.done;
        } finally {
          release.open();
        }
      });
    } else {
      // Why lockKey may do nothing on SQLite: one write transaction at a time, whatever the keys.
      it('runs write transactions one at a time, whatever their keys', async () => {
        const other = await ctx.harness.openAnother();
        const release = gate();
        try {
          const holder = await holdKey(ctx.store, 'rules:a', release.opened);
          let done = false;
          const second = createIfNone(other, 'rules:b', APP_B).finally(() => (done = true));
          await sleep(150);
          expect(done).toBe(false);
          release.open();
          await holder.done;
          expect(await within(second, 10_000, 'the waiting transaction')).toBe(true);
        } finally {
          release.open();
        }
      });
    }
  });
}
