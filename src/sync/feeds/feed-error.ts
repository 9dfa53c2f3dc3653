/** Why a feed could not be read. The message is short, human and never contains the URL. */
export type FeedErrorCode =
  | 'connect_timeout'
  | 'timeout'
  | 'dns'
  | 'refused_address'
  | 'network'
  | 'tls'
  | 'http_status'
  | 'too_large'
  | 'redirects'
  | 'not_ics'
  | 'parse'
  | 'aborted';

/**
 * A feed fetch or parse that failed. `message` becomes the profile's `lastError` as it is, so
 * it names the host at most, never the path, query or credentials of the URL.
 *
 * @example new FeedError('http_status', "the feed's server answered HTTP 500 (Internal Server Error)")
 */
export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}
