/**
 * Child process for sqlite-migrate.test.ts: opens the store at argv[2], migrates, then in one
 * transaction reads, waits (so that the children's transactions overlap) and writes an account
 * named argv[3]. Exits 0, or prints the error and exits 1.
 */
import { createStore } from '../create-store.js';

const [path, sub] = process.argv.slice(2);
try {
  if (path === undefined || sub === undefined) throw new Error('usage: migrate-child <path> <sub>');
  const store = await createStore(path);
  await store.migrate();
  await store.transaction(async (tx) => {
    await tx.getAccount(sub);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await tx.createAccount({ sub, kind: 'account', email: null, name: null, zoneinfo: 'Etc/UTC', createdAt: 0 });
  });
  await store.close();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
