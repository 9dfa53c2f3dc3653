import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, CAL_1, HOUR, SUB_1, T0, importedEvent, makeAccount, makeApplication, makeCredential, seed } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function transactionsContract(ctx: ContractContext): void {
  describe('transaction', () => {
    it('commits every write and returns the callback’s value', async () => {
      const out = await ctx.store.transaction(async (tx) => {
        await tx.createApplication(makeApplication(APP_A));
        await tx.createApplication(makeApplication(APP_B));
        // A transaction reads its own writes.
        return tx.countApplications();
      });
      expect(out).toBe(2);
      expect(await ctx.store.countApplications()).toBe(2);
    });

    it('rolls back every write and rethrows when the callback throws', async () => {
      const boom = new Error('boom');
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.createApplication(makeApplication(APP_A));
          await tx.createAccount(makeAccount(SUB_1));
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await ctx.store.countApplications()).toBe(0);
      expect(await ctx.store.getAccount(SUB_1)).toBeNull();
    });

    it('rolls back when a statement fails', async () => {
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.createApplication(makeApplication(APP_A));
          await tx.createApplication(makeApplication(APP_A));
        }),
      ).rejects.toThrow();
      expect(await ctx.store.countApplications()).toBe(0);
    });

    it('joins nested calls into the outer transaction', async () => {
      let inner: Store | undefined;
      const value = await ctx.store.transaction(async (tx) => {
        await tx.createApplication(makeApplication(APP_A));
        return tx.transaction(async (nested) => {
          inner = nested;
          await nested.createApplication(makeApplication(APP_B));
          return 'done';
        });
      });
      expect(value).toBe('done');
      expect(inner).toBeDefined();
      expect(await ctx.store.countApplications()).toBe(2);

      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.createAccount(makeAccount(SUB_1));
          await tx.transaction(async (nested) => {
            await nested.createAccount(makeAccount('acc_999999999999999999999999'));
            throw new Error('inner');
          });
        }),
      ).rejects.toThrow('inner');
      expect(await ctx.store.getAccount(SUB_1)).toBeNull();
      expect(await ctx.store.getAccount('acc_999999999999999999999999')).toBeNull();
    });

    it('rolls back self-atomic methods called inside it', async () => {
      await seed(ctx.store);
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.replaceImportedEvents(CAL_1, [importedEvent('a'), importedEvent('b')]);
          await tx.insertCredential(makeCredential('h', { kind: 'element_token', sub: null, subs: [SUB_1], permissions: ['agenda'] }));
          await tx.savePages([{ idHash: 'p', credentialHash: 'h', resource: 'events', sub: 'acc_p', body: '{}', expiresAt: T0 }]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await ctx.store.queryEvents({ sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true })).toEqual([]);
      expect(await ctx.store.findCredential('h')).toBeNull();
      expect(await ctx.store.getPage('p')).toBeNull();
    });

    it('isolates concurrent transactions: one failing does not take the others down', async () => {
      const failing = ctx.store.transaction(async (tx) => {
        await tx.createApplication(makeApplication(APP_A));
        await sleep(30);
        await tx.createAccount(makeAccount(SUB_1));
        await sleep(10);
        throw new Error('fail');
      });
      await sleep(5);
      const succeeding = ctx.store.transaction(async (tx) => {
        await tx.createApplication(makeApplication(APP_B));
        await sleep(10);
        await tx.createAccount(makeAccount('acc_222222222222222222222222'));
      });
      const plain = ctx.store.createAccount(makeAccount('acc_333333333333333333333333'));
      const [a, b, c] = await Promise.allSettled([failing, succeeding, plain]);
      expect(a.status).toBe('rejected');
      expect(b.status).toBe('fulfilled');
      expect(c.status).toBe('fulfilled');
      expect(await ctx.store.getApplication(APP_A)).toBeNull();
      expect(await ctx.store.getAccount(SUB_1)).toBeNull();
      expect(await ctx.store.getApplication(APP_B)).not.toBeNull();
      expect(await ctx.store.getAccount('acc_222222222222222222222222')).not.toBeNull();
      expect(await ctx.store.getAccount('acc_333333333333333333333333')).not.toBeNull();
    });

    it('runs many concurrent transactions to completion', async () => {
      await ctx.store.createApplication(makeApplication(APP_A));
      const subs = Array.from({ length: 20 }, (_, i) => `acc_${String(i).padStart(24, '0')}`);
      await Promise.all(
        subs.map((sub, i) =>
          ctx.store.transaction(async (tx) => {
            await tx.createAccount(makeAccount(sub));
            await sleep(i % 3);
            await tx.upsertAuthorization({ applicationId: APP_A, sub, scope: 'read_write', status: 'active', createdAt: T0 + HOUR });
          }),
        ),
      );
      expect(await ctx.store.authorizedSubs(APP_A, subs)).toEqual(new Set(subs));
    });

    it('refuses the root store inside a transaction and a transaction store after it ends', async () => {
      let leaked: Store | undefined;
      await expect(
        ctx.store.transaction(async (tx) => {
          leaked = tx;
          await ctx.store.countApplications();
        }),
      ).rejects.toThrow(/use the store passed to fn/);
      await expect(leaked!.countApplications()).rejects.toThrow(/transaction has ended/);
      // Once the transaction is over, the root store works again in the same async context.
      expect(await ctx.store.countApplications()).toBe(0);
    });
  });
}
