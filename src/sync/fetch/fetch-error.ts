/** Why an iCalendar URL could not be fetched. */
export type FetchIcsErrorCode = 'invalid_url' | 'unreachable' | 'timeout' | 'http_status' | 'too_large' | 'too_many_redirects';

/**
 * Thrown by `fetchIcsUrl`. The message is meant for people: it names the URL (without its
 * password) and what went wrong.
 *
 * @example
 *   try { await fetchIcsUrl(url) } catch (e) { if (e instanceof FetchIcsError && e.code === 'timeout') retryLater() }
 */
export class FetchIcsError extends Error {
  constructor(
    readonly code: FetchIcsErrorCode,
    message: string,
    /** The HTTP status, for `http_status`. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FetchIcsError';
  }
}
