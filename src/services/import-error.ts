/** Why an import was refused before anything was written. */
export type ImportErrorCode = 'unknown_sub' | 'unknown_calendar' | 'ambiguous_calendar' | 'not_importable' | 'truncated';

/**
 * A refused import: the account or calendar named does not fit, or the file arrived cut short.
 * Nothing has been written when this is thrown. The message names what to change.
 *
 * @example
 *   try { await importIcs(deps, req) } catch (e) { if (e instanceof ImportError && e.code === 'unknown_sub') … }
 */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
