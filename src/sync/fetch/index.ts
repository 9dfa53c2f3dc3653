/**
 * Front door of fetching calendars by URL: one bounded, conditional GET with the address
 * policy, used by subscribed feeds and `kairos import`.
 *
 * @example
 *   import { fetchCalendarUrl, parseCalendarUrl, FetchError } from '../sync/fetch/index.js';
 */
export {
  fetchCalendarUrl,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type CalendarFetchResult,
  type CalendarValidators,
  type FetchCalendarUrlOptions,
} from './fetch-calendar-url.js';
export { FetchError, type FetchErrorCode } from './fetch-error.js';
export { parseCalendarUrl, displayUrl } from './parse-calendar-url.js';
export { isLinkLocalAddress, isLocalhostName, isNonPublicAddress } from './address-policy.js';
