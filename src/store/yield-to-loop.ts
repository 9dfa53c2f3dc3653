/**
 * Lets the event loop run pending I/O and timers before continuing. Long store operations
 * (replacing tens of thousands of imported events) call it between batches: SQLite statements
 * are synchronous, and a chain of them would otherwise hold the loop for seconds, stalling
 * every request that does not need the database meanwhile.
 *
 * @example for (const rows of chunk(all, 400)) { await insert(rows); await yieldToLoop(); }
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
