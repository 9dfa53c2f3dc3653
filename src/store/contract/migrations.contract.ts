import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness.js';
import { APP_A, makeApplication } from './fixtures.js';

export function migrationsContract(ctx: ContractContext): void {
  describe('migrate', () => {
    it('reports its engine', () => {
      expect(ctx.store.engine).toBe(ctx.target.engine);
    });

    it('is idempotent and keeps data', async () => {
      await ctx.store.createApplication(makeApplication(APP_A));
      await ctx.store.migrate();
      await ctx.store.migrate();
      expect(await ctx.store.countApplications()).toBe(1);
    });

    it('keeps settings: read, overwrite, unknown keys are null', async () => {
      expect(await ctx.store.getSetting('demo')).toBeNull();
      await ctx.store.setSetting('demo', '{"a":1}');
      await ctx.store.setSetting('demo', '{"a":2}');
      expect(await ctx.store.getSetting('demo')).toBe('{"a":2}');
      expect(await ctx.store.getSetting('other')).toBeNull();
    });

    it('is a no-op from a second process once applied', async () => {
      const other = await ctx.harness.openAnother();
      await other.migrate();
      await other.createApplication(makeApplication(APP_A));
      expect(await ctx.store.getApplication(APP_A)).not.toBeNull();
    });

    if (ctx.target.engine === 'postgres') {
      // SQLite is covered across real processes in sqlite-migrate.test.ts: two connections
      // in one thread cannot wait for each other (better-sqlite3 blocks the thread).
      it('survives several stores migrating at once', async () => {
        const others = await Promise.all([1, 2, 3].map(() => ctx.harness.openAnother()));
        await Promise.all([ctx.store.migrate(), ...others.map((s) => s.migrate())]);
        await others[0]!.createApplication(makeApplication(APP_A));
        expect(await ctx.store.countApplications()).toBe(1);
      });
    }
  });
}
