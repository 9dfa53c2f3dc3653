import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../store.js';

/** A migrated, empty store on a fresh database, and how to get rid of it. */
export interface StoreHarness {
  store: Store;
  /** Opens a second store on the same database, as another process would. */
  openAnother(): Promise<Store>;
  /** Closes the stores and deletes the database (file or schema). */
  dispose(): Promise<void>;
}

export interface ContractTarget {
  /** Label in test names. */
  name: string;
  engine: Store['engine'];
  /** Makes a fresh, migrated database for one test. */
  open(): Promise<StoreHarness>;
}

/** What each contract test sees: the current test's store and harness. */
export interface ContractContext {
  readonly target: ContractTarget;
  readonly store: Store;
  readonly harness: StoreHarness;
}

/** Gives every test of the enclosing describe its own fresh database. */
export function useFreshStore(target: ContractTarget): ContractContext {
  let current: StoreHarness | undefined;
  beforeEach(async () => {
    current = await target.open();
  });
  afterEach(async () => {
    const h = current;
    current = undefined;
    await h?.dispose();
  });
  const harness = (): StoreHarness => {
    if (current === undefined) throw new Error('no store outside a test');
    return current;
  };
  return {
    target,
    get store() {
      return harness().store;
    },
    get harness() {
      return harness();
    },
  };
}
