import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createStore, schemaFromUrl } from './create-store.js';
import { testPostgresUrl } from './testing/postgres-target.js';

describe('createStore', () => {
  it('opens an in-memory SQLite store', async () => {
    const store = await createStore(':memory:');
    try {
      expect(store.engine).toBe('sqlite');
      await store.migrate();
      expect(await store.countApplications()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('rejects a schema name that is not a plain identifier, before connecting', async () => {
    await expect(createStore('postgres://nobody@127.0.0.1:1/x', { schema: 'a"; drop' })).rejects.toThrow(/invalid schema name/);
  });

  it('fails fast when PostgreSQL cannot be reached', async () => {
    await expect(createStore('postgresql://nobody@127.0.0.1:1/x')).rejects.toThrow();
  });
});

describe('schemaFromUrl', () => {
  it.each([
    ['postgres://db/kairos', 'postgres://db/kairos', null],
    ['postgres://db/kairos?schema=tenant_a', 'postgres://db/kairos', 'tenant_a'],
    ['postgres://u:p@db:5432/k?sslmode=require&schema=s1', 'postgres://u:p@db:5432/k?sslmode=require', 's1'],
    ['postgres://db/k?options=-c%20x%3D1', 'postgres://db/k?options=-c%20x%3D1', null],
  ])('%s', (url, bare, schema) => {
    expect(schemaFromUrl(url)).toEqual({ url: bare, schema });
  });
});

// Registered only where PostgreSQL is provided (KAIROS_TEST_POSTGRES), like the store contract.
const pgUrl = testPostgresUrl();
if (pgUrl !== null) describe('PostgreSQL ?schema=', () => {
  it('creates the named schema and works in it; a search_path naming no schema fails with advice', async () => {
    const schema = `kairos_test_url_${randomBytes(4).toString('hex')}`;
    const store = await createStore(`${pgUrl!}?schema=${schema}`);
    const client = new pg.Client({ connectionString: pgUrl! });
    await client.connect();
    try {
      await store.migrate();
      await store.setSetting('k', 'v');
      const tables = await client.query('select count(*)::int as n from information_schema.tables where table_schema = $1', [schema]);
      expect(tables.rows[0].n).toBeGreaterThan(5);
      const missing = await createStore(`${pgUrl!}?options=${encodeURIComponent('-c search_path=kairos_no_such_schema')}`);
      await expect(missing.migrate()).rejects.toThrow(/add \?schema=NAME/);
      await missing.close();
    } finally {
      await store.close();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
