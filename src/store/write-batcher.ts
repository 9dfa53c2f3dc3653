/**
 * Group commit: writes requested while the event loop is busy with other requests are applied
 * together, in one transaction, once the current turn of the loop is over. Each caller's
 * promise settles when its own write has committed (or failed), so the semantics of a single
 * write are kept: when the promise resolves the row is durable and visible to every reader.
 *
 * Minting element tokens is the case: one credential row per request, where a transaction per
 * row cost more than all the rest of the request. Under load, tens of concurrent mints share
 * one commit.
 *
 * When a batch fails, its items are applied again one by one, so that one bad item (a
 * duplicate key, say) fails alone.
 *
 * @example
 *   const batcher = new WriteBatcher<Row>((rows) => store.transaction((tx) => insertAll(tx, rows)));
 *   await batcher.add(row);
 */
export class WriteBatcher<T> {
  readonly #apply: (items: T[]) => Promise<void>;
  readonly #maxBatch: number;
  #pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(apply: (items: T[]) => Promise<void>, opts: { maxBatch?: number } = {}) {
    this.#apply = apply;
    this.#maxBatch = opts.maxBatch ?? 500;
  }

  /** Queues `item`; resolves once it is committed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      // setImmediate runs after the I/O callbacks of this turn: the other requests that
      // arrived with this one get to queue their writes first.
      if (this.#pending.length === 1) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    for (let i = 0; i < batch.length; i += this.#maxBatch) {
      const part = batch.slice(i, i + this.#maxBatch);
      try {
        await this.#apply(part.map((p) => p.item));
        for (const p of part) p.resolve();
      } catch (err) {
        if (part.length === 1) {
          part[0]!.reject(err);
          continue;
        }
        for (const p of part) {
          try {
            await this.#apply([p.item]);
            p.resolve();
          } catch (one) {
            p.reject(one);
          }
        }
      }
    }
  }
}
