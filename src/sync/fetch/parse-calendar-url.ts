/** The URLs a calendar is fetched from, and how one is shown to the person who gave it. */
import { FetchError } from './fetch-error.js';

/**
 * Parses a URL to fetch a calendar from: absolute http or https, or webcal / webcals (the
 * subscription schemes calendar apps hand out), read as https. The fragment is dropped. Throws
 * FetchError `invalid_url` otherwise; the message does not repeat the URL.
 *
 * @example parseCalendarUrl('webcal://example.com/team.ics').href // 'https://example.com/team.ics'
 * @example parseCalendarUrl('ftp://example.com/team.ics') // throws: only http, https and webcal URLs are supported, not ftp: URLs
 */
export function parseCalendarUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim().replace(/^webcals?:/i, 'https:'));
  } catch {
    throw new FetchError('invalid_url', 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid_url', `only http, https and webcal URLs are supported, not ${url.protocol} URLs`);
  }
  url.hash = '';
  return url;
}

/**
 * The URL as it may be shown or logged: scheme and host, with `…` for any path or query.
 * Calendar URLs often carry their secret in the path (Google's `private-…/basic.ics`) or the
 * query, and these strings end up in terminals, cron mails and logs; user name and password
 * go too. Tell URLs apart by a fingerprint instead (see the feeds).
 *
 * @example displayUrl('https://me:secret@calendar.example.com/private-1a2b/basic.ics') // 'https://calendar.example.com/…'
 * @example displayUrl('https://calendar.example.com/') // 'https://calendar.example.com/'
 */
export function displayUrl(url: URL | string): string {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '[invalid url]';
  }
  const rest = u.pathname !== '/' || u.search !== '' ? '…' : '';
  return `${u.protocol}//${u.host}/${rest}`;
}
