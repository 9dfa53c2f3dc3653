/** Front door of the storage layer. */
export { createStore, isPostgresUrl, type CreateStoreOptions } from './create-store.js';
export type { BusyEventRecord, BusyQuery, EventQuery, ManagedFilter, ReplaceImportedOptions, ReplaceResult, SavePagesOptions, SavePagesResult, Store } from './store.js';
export { StoreBusyError } from './store-busy-error.js';
