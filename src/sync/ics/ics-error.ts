/** The input cannot be read as iCalendar at all (as opposed to single bad components). */
export type IcsErrorCode = 'not_ics' | 'too_large';

/**
 * Thrown by `parseIcs` when nothing can be imported: the text is not iCalendar (HTML, JSON,
 * a binary file) or is larger than allowed. Bad components inside a real calendar never throw;
 * they are reported in `skipped`.
 *
 * @example
 *   try { parseIcs('<html>', opts) } catch (e) { if (e instanceof IcsError) console.log(e.code) } // not_ics
 */
export class IcsError extends Error {
  constructor(
    readonly code: IcsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IcsError';
  }
}
