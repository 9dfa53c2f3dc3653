import { describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';

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
