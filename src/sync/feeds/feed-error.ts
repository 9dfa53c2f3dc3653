/**
 * Why a feed could not be read, past its fetch (which fails with FetchError from
 * sync/fetch): the parse, or a shutdown. The message is short, human and never contains the URL.
 */
export type FeedErrorCode = 'parse' | 'aborted';

/**
 * A feed parse or refresh that failed. `message` becomes the profile's `lastError` as it is, so
 * it names the host at most, never the path, query or credentials of the URL.
 *
 * @example new FeedError('parse', 'parsing the feed took longer than 120 s')
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
