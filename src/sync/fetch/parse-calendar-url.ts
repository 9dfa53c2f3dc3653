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
 * The URL without its user name and password, for showing to the person who gave it.
 *
 * @example displayUrl(new URL('https://me:secret@example.com/team.ics')) // 'https://example.com/team.ics'
 */
export function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare.href;
}
