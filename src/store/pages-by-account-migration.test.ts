/**
 * Migration 0006 on a database that already holds page snapshots (stored before pages named
 * their account): they stay readable until they expire, and deleting an account's pages
 * leaves them alone. SQLite, and PostgreSQL in a fresh schema when KAIROS_TEST_POSTGRES is set.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { T0 } from './contract/fixtures.js';
import { createStore } from './create-store.js';
import { migrations } from './migrations.js';
import { runMigrations } from './run-migrations.js';
import { migrationEngines } from './testing/migration-engines.js';

for (const engine of migrationEngines('m6')) {
  describe(`migration 0006_pages_by_account on ${engine.name}`, () => {
    it('keeps the pages stored before it, readable and with no account', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0006');
        expect(before.map((m) => m.name).at(-1)).toBe('0005_calendar_import_source');
        await runMigrations(db, engine.name, before, T0);
        // The old schema's row, written as the store wrote it then.
        const old = db as unknown as Kysely<{ pages: { id_hash: string; credential_hash: string; resource: string; body: string; expires_at: number } }>;
        await old.insertInto('pages').values({ id_hash: 'old', credential_hash: 'et:x', resource: 'events', body: '{"pages":{}}', expires_at: T0 + 60_000 }).execute();
        await db.destroy();

        const store = await createStore(url, opts);
        try {
          await store.migrate();
          expect(await store.getPage('old')).toEqual({ idHash: 'old', credentialHash: 'et:x', resource: 'events', sub: '', body: '{"pages":{}}', expiresAt: T0 + 60_000 });
          await store.savePages([{ idHash: 'new', credentialHash: 'et:x', resource: 'events', sub: 'acc_m6', body: '{}', expiresAt: T0 + 60_000 }]);
          expect(await store.deletePagesOf('acc_m6')).toBe(1);
          expect(await store.deletePagesOf('')).toBe(0);
          expect(await store.getPage('old')).not.toBeNull();
          expect(await store.deleteExpiredPages(T0 + 60_000)).toBe(1);
        } finally {
          await store.close();
        }
      } finally {
        await drop();
      }
    });
  });
}
