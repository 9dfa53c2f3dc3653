/** Real clock, randomness and store for CLI commands. */
import { randomBytes } from 'node:crypto';
import { createStore, type Store } from '../store/index.js';
import type { ServiceDeps } from '../services/index.js';

export const realRandom = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** Opens the store at `url` and runs migrations. */
export async function openStore(url: string): Promise<Store> {
  const store = await createStore(url);
  await store.migrate();
  return store;
}

/** Runs `fn` with a migrated store, closing it afterwards. */
export async function withStore<T>(url: string, fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await fn({ store, clock: () => Date.now(), random: realRandom });
  } finally {
    await store.close();
  }
}
