/** Messages between the feed parse pool and its worker threads (structured-cloned). */
import type { IcsParseOptions, IcsParseResult, IcsProgress, ImportedEvent } from '../ics/index.js';

/** Parse options as they cross the thread boundary (functions cannot be cloned). */
export type WorkerParseOptions = Omit<IcsParseOptions, 'onProgress'>;

/** To the worker: a job, or a request for the next chunk of the job's occurrences. */
export type ParseRequestMessage = { type: 'parse'; id: number; bytes: Uint8Array; options: WorkerParseOptions } | { type: 'more'; id: number };

/**
 * Occurrences come back in chunks, one per `more` request. A port delivers every queued
 * message in one go, so chunks sent all at once would be deserialised back to back and hold
 * the main thread's loop for the whole set; asking for each keeps every clone a task of its own.
 */
export type ParseReplyMessage =
  | { id: number; type: 'progress'; progress: IcsProgress }
  | { id: number; type: 'chunk'; occurrences: ImportedEvent[] }
  | { id: number; type: 'done'; result: Omit<IcsParseResult, 'occurrences'> }
  | { id: number; type: 'error'; error: { name: string; code: string | null; message: string } };

/** Occurrences per chunk message. */
export const OCCURRENCE_CHUNK = 1000;
