import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStore } from '../create-store.js';
import type { ContractTarget, StoreHarness } from '../contract/harness.js';
import type { Store } from '../store.js';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The URL named by KAIROS_TEST_POSTGRES (`1` = the local default), or null when unset. */
export function testPostgresUrl(env: Record<string, string | undefined> = process.env): string | null {
  const v = env.KAIROS_TEST_POSTGRES;
  if (v === undefined || v === '') return null;
  return v === '1' ? DEFAULT_TEST_POSTGRES_URL : v;
}

/** Each harness works in its own randomly named schema, dropped (CASCADE) on dispose. */
export function postgresTarget(url: string): ContractTarget {
  return {
    name: 'postgres (fresh schema)',
    engine: 'postgres',
    async open(): Promise<StoreHarness> {
      const schema = `kairos_test_${randomBytes(6).toString('hex')}`;
      const opened: Store[] = [];
      const openOne = async (): Promise<Store> => {
        const s = await createStore(url, { schema, poolSize: 4 });
        opened.push(s);
        return s;
      };
      const store = await openOne();
      await store.migrate();
      return {
        store,
        openAnother: openOne,
        async dispose() {
          for (const s of opened) await s.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`drop schema if exists "${schema}" cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}
