/**
 * The database stayed locked by another write (a long `kairos import` in another process, or a
 * large feed being stored by this one, on SQLite) for longer than the store waits. Nothing was
 * written; the caller may try again later. The HTTP layer answers 503 with Retry-After.
 */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed locked by another write for ${Math.round(waitedMs / 1000)} s`);
    this.name = 'StoreBusyError';
  }
}
