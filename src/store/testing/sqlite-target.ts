import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../create-store.js';
import type { ContractTarget, StoreHarness } from '../contract/harness.js';
import type { Store } from '../store.js';

/** A fresh SQLite file in a new temporary directory (in a subfolder, to exercise its creation). */
export const sqliteTarget: ContractTarget = {
  name: 'sqlite (temp file)',
  engine: 'sqlite',
  async open(): Promise<StoreHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-store-'));
    const path = join(dir, 'data', 'kairos.db');
    const opened: Store[] = [];
    const openOne = async (): Promise<Store> => {
      const s = await createStore(path);
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
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
