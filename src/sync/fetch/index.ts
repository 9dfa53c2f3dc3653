/**
 * Front door of remote calendar fetching.
 *
 * @example
 *   import { fetchIcsUrl, FetchIcsError } from '../sync/fetch/index.js';
 */
export { fetchIcsUrl, parseHttpUrl, displayUrl, DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, type FetchIcsOptions, type FetchedIcs } from './fetch-ics-url.js';
export { FetchIcsError, type FetchIcsErrorCode } from './fetch-error.js';
