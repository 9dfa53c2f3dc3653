/**
 * Test aid (not part of the product): a store whose transactions stop at
 * `replaceImportedOccurrences` or `replaceImportedEvents` until the test lets them go on, so that a test can run something
 * else (a revoke, say) while an import is inside its transaction, having read what it reads
 * and written no event yet.
 */
import type { Store } from '../store.js';

export interface HeldImports {
  store: Store;
  /** Resolves when a transaction has reached one of the two. */
  reached: Promise<void>;
  /** Lets every held and later one go on. */
  release(): void;
}

/** Methods bound to `target`, except the keys `override` answers (private fields need the real object as `this`). */
export function bound<T extends object>(target: T, override: (key: PropertyKey) => unknown): T {
  return new Proxy(target, {
    get(t, key) {
      const o = override(key);
      if (o !== undefined) return o;
      const v = Reflect.get(t, key, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/**
 * A store whose transactions fail right after `replaceImportedOccurrences` has written
 * everything: for tests that an import's transaction leaves nothing behind when the store
 * fails half-way.
 *
 * @example await expect(importIcs({ ...deps, store: failingImports(store) }, req)).rejects.toThrow('store failed')
 */
export function failingImports(store: Store): Store {
  const failTx = (tx: Store): Store =>
    bound(tx, (key) =>
      key === 'replaceImportedOccurrences'
        ? async (...args: Parameters<Store['replaceImportedOccurrences']>) => {
            await tx.replaceImportedOccurrences(...args);
            throw new Error('store failed');
          }
        : undefined,
    );
  return bound(store, (key) => (key === 'transaction' ? <T>(fn: (tx: Store) => Promise<T>) => store.transaction((tx) => fn(failTx(tx))) : undefined));
}

/**
 * @example
 *   const held = holdImports(store);
 *   const importing = importIcs({ ...deps, store: held.store }, req);
 *   await held.reached; // inside the import's transaction now
 *   held.release();
 */
export function holdImports(store: Store): HeldImports {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const holdTx = (tx: Store): Store =>
    bound(tx, (key) => {
      if (key === 'replaceImportedEvents') {
        return async (...args: Parameters<Store['replaceImportedEvents']>) => {
          reach();
          await released;
          return tx.replaceImportedEvents(...args);
        };
      }
      if (key === 'replaceImportedOccurrences') {
        return async (...args: Parameters<Store['replaceImportedOccurrences']>) => {
          reach();
          await released;
          return tx.replaceImportedOccurrences(...args);
        };
      }
      return undefined;
    });
  const held = bound(store, (key) => (key === 'transaction' ? <T>(fn: (tx: Store) => Promise<T>) => store.transaction((tx) => fn(holdTx(tx))) : undefined));
  return { store: held, reached, release };
}
