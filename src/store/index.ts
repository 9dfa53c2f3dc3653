/** Front door of the storage layer. */
export { createStore, type CreateStoreOptions } from './create-store.js';
export type { BusyQuery, EventQuery, ManagedFilter, ReplaceResult, Store } from './store.js';
