/**
 * Feed URLs: what is accepted, and how a URL is shown. Feed URLs often carry a secret (a
 * private token in the path or query, or a password), so logs, errors and API answers show
 * only the redacted form and a fingerprint, never the URL itself.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { ErrorKey } from '../../core/index.js';
import { displayUrl, isLinkLocalAddress, isLocalhostName, isNonPublicAddress } from '../fetch/index.js';
import { MAX_FEED_URL_LENGTH } from './feed-settings.js';

export type FeedUrlCheck = { ok: true; url: string } | { ok: false; key: ErrorKey; description: string };

/**
 * Checks a feed URL given by a caller and returns it normalised: `webcal:` and `webcals:`
 * (the subscription schemes calendar apps use) become `https:`, the fragment is dropped.
 * Only absolute http(s) URLs with a host are accepted. When private addresses are not
 * allowed, a host that is literally a non-public address or `localhost` is refused here;
 * names that resolve to such addresses are refused when the feed is fetched.
 *
 * @example checkFeedUrl('webcal://example.com/cal.ics', false) // { ok: true, url: 'https://example.com/cal.ics' }
 * @example checkFeedUrl('ftp://example.com/cal.ics', false).ok // false
 */
export function checkFeedUrl(raw: string, allowPrivateAddresses: boolean): FeedUrlCheck {
  const text = raw.trim();
  if (text.length > MAX_FEED_URL_LENGTH) return { ok: false, key: 'errors.too_long', description: `url must be at most ${MAX_FEED_URL_LENGTH} characters` };
  if (/[\u0000-\u001f\u007f\s]/.test(text)) return { ok: false, key: 'errors.invalid', description: 'url must not contain spaces or control characters' };
  let url: URL;
  try {
    url = new URL(text.replace(/^webcals?:/i, 'https:'));
  } catch {
    return { ok: false, key: 'errors.invalid', description: 'url must be an absolute http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, key: 'errors.invalid', description: `url must be an http, https or webcal URL (not ${url.protocol.replace(/:$/, '')})` };
  }
  if (url.hostname === '') return { ok: false, key: 'errors.invalid', description: 'url must name a host' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && isLinkLocalAddress(host)) return { ok: false, key: 'errors.invalid', description: 'url names a link-local address, which is never fetched' };
  if (!allowPrivateAddresses && (isLocalhostName(host) || (isIP(host) !== 0 && isNonPublicAddress(host)))) {
    return { ok: false, key: 'errors.invalid', description: 'url names a loopback or private address, which is fetched only with --feed-allow-private (KAIROS_FEED_ALLOW_PRIVATE=true), given to kairos serve and to kairos feed commands alike' };
  }
  url.hash = '';
  return { ok: true, url: url.href };
}

/**
 * The URL without its secrets, for logs and answers (the same form as `kairos import` shows):
 * scheme and host, then `/…` when there is a path or query (user information is always dropped).
 *
 * @example redactFeedUrl('https://user:pw@cal.example.com/private-a1b2/basic.ics?t=x') // 'https://cal.example.com/…'
 * @example redactFeedUrl('https://cal.example.com/') // 'https://cal.example.com/'
 */
export function redactFeedUrl(raw: string): string {
  return displayUrl(raw);
}

/**
 * The first 8 hex digits of the URL's SHA-256: lets an operator or a caller tell which feed is
 * which, and check a URL they hold against a feed, without the URL being shown.
 *
 * @example feedUrlFingerprint('https://cal.example.com/a.ics') // e.g. '3f9a1c07'
 */
export function feedUrlFingerprint(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 8);
}

/** The host, for naming a feed when no name is given and in error messages. */
export function feedHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'feed';
  }
}
