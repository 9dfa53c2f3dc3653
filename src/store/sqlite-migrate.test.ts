import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';

const run = promisify(execFile);

describe('SQLite: processes starting at once', () => {
  let dir = '';
  let childJs = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-mp-'));
    // Bundle the child once: starting plain node is several times faster than a TS loader.
    // Packages stay external and resolve through a node_modules link beside the bundle.
    symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(dir, 'node_modules'), 'dir');
    childJs = join(dir, 'migrate-child.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./testing/migrate-child.ts', import.meta.url))],
      outfile: childJs,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('migrate once between them, and their read-then-write transactions wait for each other', async () => {
    const path = join(dir, 'kairos.db');
    const subs = [1, 2, 3, 4].map((i) => `acc_${String(i).padStart(24, '0')}`);
    // Real processes: within one thread, two SQLite connections cannot wait for each other.
    // A deferred BEGIN would fail here with SQLITE_BUSY; BEGIN IMMEDIATE makes them queue.
    await Promise.all(subs.map((sub) => run(process.execPath, [childJs, path, sub])));
    const store = await createStore(path);
    try {
      await store.migrate();
      for (const sub of subs) expect(await store.getAccount(sub)).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
