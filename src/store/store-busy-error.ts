/**
 * The database stayed locked by another process (a long `kairos import` on SQLite, say) for
 * longer than the store waits. Nothing was written; the caller may try again later. The HTTP
 * layer answers 503 with Retry-After.
 */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed locked by another process for ${Math.round(waitedMs / 1000)} s`);
    this.name = 'StoreBusyError';
  }
}
