import { registerStoreContract } from './store.contract.js';
import { postgresTarget, testPostgresUrl } from './testing/postgres-target.js';
import { sqliteTarget } from './testing/sqlite-target.js';

registerStoreContract(sqliteTarget);

// PostgreSQL runs only where one is provided (KAIROS_TEST_POSTGRES=1 or a postgres:// URL);
// otherwise no PostgreSQL test is registered at all.
const pgUrl = testPostgresUrl();
if (pgUrl !== null) registerStoreContract(postgresTarget(pgUrl));
