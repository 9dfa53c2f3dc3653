/**
 * The Store contract: one suite that every engine must pass. Each test gets a fresh, migrated
 * database from the target, so tests neither share state nor depend on order.
 */
import { describe } from 'vitest';
import { accountsContract } from './contract/accounts.contract.js';
import { applicationsContract } from './contract/applications.contract.js';
import { eventsContract } from './contract/events.contract.js';
import { useFreshStore, type ContractTarget } from './contract/harness.js';
import { keyLocksContract } from './contract/key-locks.contract.js';
import { migrationsContract } from './contract/migrations.contract.js';
import { pagesContract } from './contract/pages.contract.js';
import { profilesContract } from './contract/profiles.contract.js';
import { queryEventsContract } from './contract/query-events.contract.js';
import { replaceImportedContract } from './contract/replace-imported.contract.js';
import { replaceOccurrencesContract } from './contract/replace-occurrences.contract.js';
import { rulesContract } from './contract/rules.contract.js';
import { transactionsContract } from './contract/transactions.contract.js';

export type { ContractTarget, StoreHarness } from './contract/harness.js';

/**
 * Registers the whole contract suite for one engine.
 *
 * @example registerStoreContract({ name: 'sqlite', engine: 'sqlite', open: openTempSqlite })
 */
export function registerStoreContract(target: ContractTarget): void {
  describe(`Store contract: ${target.name}`, () => {
    const ctx = useFreshStore(target);
    migrationsContract(ctx);
    transactionsContract(ctx);
    keyLocksContract(ctx);
    applicationsContract(ctx);
    accountsContract(ctx);
    profilesContract(ctx);
    eventsContract(ctx);
    queryEventsContract(ctx);
    replaceImportedContract(ctx);
    replaceOccurrencesContract(ctx);
    rulesContract(ctx);
    pagesContract(ctx);
  });
}
