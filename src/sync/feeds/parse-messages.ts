/** Messages between the feed parse pool and its worker threads (structured-cloned). */
import type { ImportedContent, ImportedOccurrence } from '../../core/index.js';
import type { IcsExpansion, IcsParseOptions, IcsProgress } from '../ics/index.js';

/** Parse options as they cross the thread boundary (functions cannot be cloned). */
export type WorkerParseOptions = Omit<IcsParseOptions, 'onProgress'>;

/** To the worker: a job, or a request for the next chunk of the job's occurrences. */
export type ParseRequestMessage = { type: 'parse'; id: number; bytes: Uint8Array; options: WorkerParseOptions } | { type: 'more'; id: number };

/**
 * An occurrence as it crosses: its content by position in the list of contents the job has
 * sent so far, so that a content shared by a thousand occurrences is cloned once.
 */
export type WireOccurrence = Omit<ImportedOccurrence, 'content'> & { content: number };

/**
 * Occurrences come back in chunks, one per `more` request. A port delivers every queued
 * message in one go, so chunks sent all at once would be deserialised back to back and hold
 * the main thread's loop for the whole set; asking for each keeps every clone a task of its own.
 * Each chunk brings the contents its occurrences are the first to use.
 */
export type ParseReplyMessage =
  | { id: number; type: 'progress'; progress: IcsProgress }
  | { id: number; type: 'chunk'; contents: ImportedContent[]; occurrences: WireOccurrence[] }
  | { id: number; type: 'done'; result: Omit<IcsExpansion, 'occurrences'> }
  | { id: number; type: 'error'; error: { name: string; code: string | null; message: string } };

/** Occurrences per chunk message. */
export const OCCURRENCE_CHUNK = 2000;
