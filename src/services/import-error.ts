import type { Calendar } from '../core/index.js';

/** Why an import was refused before anything was written. */
export type ImportErrorCode = 'unknown_sub' | 'unknown_calendar' | 'ambiguous_calendar' | 'not_importable' | 'truncated' | 'other_source';

/** With `other_source`: the calendar a default name chose, and what its events were imported from. */
export interface ImportSourceConflict {
  calendar: Calendar;
  /** How the earlier source is shown (a path, or a URL's scheme and host). */
  importedFrom: string;
  /** Imported events the calendar holds, which the import would have replaced. */
  events: number;
}

/**
 * A refused import: the account or calendar named does not fit, the file arrived cut short, or
 * the calendar its default name chose holds events of another source (`conflict` says which).
 * Nothing has been written when this is thrown. The message names what to change.
 *
 * @example
 *   try { await importIcs(deps, req) } catch (e) { if (e instanceof ImportError && e.code === 'unknown_sub') … }
 */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly conflict: ImportSourceConflict | null = null,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
