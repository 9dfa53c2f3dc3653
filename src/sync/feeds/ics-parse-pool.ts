/**
 * Parses feeds in worker threads, so that a 30 MB feed never holds the server's event loop:
 * requests keep being answered while it is read and expanded. A few workers at most; each
 * parses one feed at a time, is kept for a while for the next one, and is ended when idle.
 * A parse that runs too long or exhausts the worker's memory ends that worker and fails alone.
 */
import { Worker } from 'node:worker_threads';
import type { ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { IcsError, expandIcs, type IcsErrorCode, type IcsExpansion, type IcsProgress } from '../ics/index.js';
import { FeedError } from './feed-error.js';
import type { ParseReplyMessage, ParseRequestMessage, WorkerParseOptions } from './parse-messages.js';
import { resolveParseWorkerEntry, type WorkerEntry } from './parse-worker-entry.js';

/** Expands bytes into occurrences; the feed refresher takes any function of this shape. */
export type IcsParser = (bytes: Uint8Array, options: WorkerParseOptions, onProgress?: (p: IcsProgress) => void) => Promise<IcsExpansion>;

export interface IcsParsePoolOptions {
  /** Workers at most (default 2). */
  size?: number;
  /** A parse taking longer fails with FeedError `parse` (default 120 s). */
  timeoutMs?: number;
  /** An idle worker is ended after this long (default 30 s). */
  idleMs?: number;
  /** Heap limit of each worker, in MB (default 1024): a parse past it fails, the server lives on. */
  maxHeapMb?: number;
  /** Where the worker code is; default: found beside this module. null = parse on the calling thread. */
  entry?: WorkerEntry | null;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  options: WorkerParseOptions;
  onProgress: ((p: IcsProgress) => void) | undefined;
  resolve: (r: IcsExpansion) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * @example
 *   const pool = new IcsParsePool();
 *   const parsed = await pool.parse(bytes, { defaultTzid: 'Europe/Berlin', horizon });
 *   await pool.close();
 */
export class IcsParsePool {
  readonly mode: 'worker' | 'inline';
  readonly #entry: WorkerEntry | null;
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  readonly #timeoutMs: number;
  readonly #idleMs: number;
  readonly #maxHeapMb: number;
  #nextId = 1;
  #closed = false;

  constructor(opts: IcsParsePoolOptions = {}) {
    this.#entry = opts.entry === undefined ? resolveParseWorkerEntry() : opts.entry;
    this.mode = this.#entry === null ? 'inline' : 'worker';
    this.#slots = Array.from({ length: Math.max(1, opts.size ?? 2) }, () => ({ worker: null, job: null, idleTimer: null }));
    this.#timeoutMs = opts.timeoutMs ?? 120_000;
    this.#idleMs = opts.idleMs ?? 30_000;
    this.#maxHeapMb = opts.maxHeapMb ?? 1024;
  }

  /**
   * Parses `bytes` (their buffer is moved to the worker when they own it whole: do not use
   * them afterwards). Rejects with IcsError as expandIcs does, or FeedError `parse`.
   */
  parse: IcsParser = (bytes, options, onProgress) => {
    if (this.#closed) return Promise.reject(new FeedError('aborted', 'the parser was stopped (server shutdown)'));
    if (this.#entry === null) {
      return new Promise((resolve) => resolve(expandIcs(bytes, onProgress ? { ...options, onProgress } : options)));
    }
    return new Promise<IcsExpansion>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, bytes, options, onProgress, resolve, reject });
      this.#pump();
    });
  };

  /** Ends every worker; queued and running parses fail with FeedError `aborted`. */
  async close(): Promise<void> {
    this.#closed = true;
    const stopped = new FeedError('aborted', 'the parser was stopped (server shutdown)');
    for (const job of this.#queue.splice(0)) job.reject(stopped);
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        slot.job?.reject(stopped);
        slot.job = null;
        const w = slot.worker;
        slot.worker = null;
        if (w) await w.terminate();
      }),
    );
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.job !== null) continue;
      const job = this.#queue.shift();
      if (!job) return;
      this.#run(slot, job);
    }
  }

  #spawn(): Worker {
    const entry = this.#entry!;
    const resourceLimits = { maxOldGenerationSizeMb: this.#maxHeapMb };
    if (entry.kind === 'js') return new Worker(entry.url, { resourceLimits });
    const code = `import(${JSON.stringify(entry.loader)}).then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); });`;
    return new Worker(code, { eval: true, resourceLimits });
  }

  #run(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    let worker: Worker;
    try {
      worker = slot.worker ?? this.#spawn();
    } catch (err) {
      slot.job = null;
      job.reject(new FeedError('parse', `the parser could not start (${err instanceof Error ? err.message : String(err)})`));
      return;
    }
    slot.worker = worker;
    worker.ref();
    const contents: ImportedContent[] = [];
    const occurrences: ImportedOccurrence[] = [];
    let settled = false;

    const finish = (outcome: { ok: IcsExpansion } | { err: Error }, keepWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (slot.job === job) slot.job = null;
      if (keepWorker && !this.#closed) {
        worker.unref();
        slot.idleTimer = setTimeout(() => {
          if (slot.job === null && slot.worker === worker) {
            slot.worker = null;
            void worker.terminate();
          }
        }, this.#idleMs);
        slot.idleTimer.unref();
      } else if (slot.worker === worker) {
        slot.worker = null;
        void worker.terminate();
      }
      if ('ok' in outcome) job.resolve(outcome.ok);
      else job.reject(outcome.err);
      this.#pump();
    };

    const onMessage = (m: ParseReplyMessage): void => {
      if (m.id !== job.id) return;
      if (m.type === 'progress') job.onProgress?.(m.progress);
      else if (m.type === 'chunk') {
        for (const c of m.contents) contents.push(c);
        for (const o of m.occurrences) occurrences.push({ sourceKey: o.sourceKey, content: contents[o.content]!, allDay: o.allDay, startMs: o.startMs, endMs: o.endMs });
        const more: ParseRequestMessage = { type: 'more', id: job.id };
        worker.postMessage(more);
      }
      else if (m.type === 'done') finish({ ok: { ...m.result, occurrences } }, true);
      else {
        const e = m.error;
        finish({ err: e.name === 'IcsError' && e.code !== null ? new IcsError(e.code as IcsErrorCode, e.message) : new FeedError('parse', `the feed could not be parsed (${e.message})`) }, true);
      }
    };
    const onError = (err: Error): void => {
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ err: new FeedError('parse', oom ? 'the feed needs more memory to parse than this server allows' : `the parser failed (${err.message})`) }, false);
    };
    const onExit = (code: number): void => {
      if (slot.worker === worker) slot.worker = null;
      finish({ err: new FeedError('parse', `the parser stopped unexpectedly (exit code ${code})`) }, false);
    };
    const timer = setTimeout(() => finish({ err: new FeedError('parse', `parsing the feed took longer than ${this.#timeoutMs / 1000} s`) }, false), this.#timeoutMs);

    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    const message: ParseRequestMessage = { type: 'parse', id: job.id, bytes: job.bytes, options: job.options };
    const owned = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength && job.bytes.buffer instanceof ArrayBuffer;
    worker.postMessage(message, owned ? [job.bytes.buffer as ArrayBuffer] : []);
  }
}
