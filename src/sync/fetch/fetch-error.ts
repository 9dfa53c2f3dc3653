/** Why an iCalendar URL could not be fetched. */
export type FetchErrorCode =
  | 'invalid_url'
  | 'connect_timeout'
  | 'timeout'
  | 'dns'
  | 'refused_address'
  | 'network'
  | 'tls'
  | 'http_status'
  | 'too_large'
  | 'redirects'
  | 'aborted';

/**
 * A fetch that failed. The message is short and human, and never contains the URL: it names
 * the host at most, since a calendar URL often carries a secret (a token in the path or query,
 * a password). A feed records it as its `lastError` as it is; `kairos import`, whose operator
 * gave the URL, puts the URL without its password in front.
 *
 * @example new FetchError('http_status', 'the server answered HTTP 500 (Internal Server Error)')
 */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    /** How long the server asked to be left alone (a 429 or 503 with Retry-After), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}
