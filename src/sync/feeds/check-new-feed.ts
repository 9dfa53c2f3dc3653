/** Checks the fields of a new feed (HTTP body or command line) and reports every problem by field. */
import { Problems, checkString } from '../../core/index.js';
import { checkFeedUrl, feedHost } from './feed-url.js';
import { MAX_FEED_INTERVAL_SECONDS, MIN_FEED_INTERVAL_SECONDS, type FeedSettings } from './feed-settings.js';

export interface NewFeedFields {
  url: unknown;
  name?: unknown;
  interval_seconds?: unknown;
}

/**
 * The checked values, or the problems keyed `url`, `name` and `interval_seconds` (PROTOCOL
 * §2.5). `url` is the normalised URL whenever the URL itself is valid, even when another field
 * is not, so that a caller can look it up and report what it finds with the other problems.
 * The name, trimmed, defaults to the URL's host when absent or null (`nameFromFeed`: until the
 * first copy's X-WR-CALNAME names it); an empty or blank name is refused. The interval defaults
 * to the server's default.
 *
 * @example
 *   const { value, problems } = checkNewFeed({ url: 'webcal://example.com/a.ics' }, settings);
 *   problems.throwIfAny(); // value: { url: 'https://example.com/a.ics', name: 'example.com', nameFromFeed: true, intervalSeconds: 900 }
 */
export function checkNewFeed(
  fields: NewFeedFields,
  settings: Pick<FeedSettings, 'allowPrivateAddresses' | 'defaultIntervalSeconds'>,
): { value: { url: string; name: string; nameFromFeed: boolean; intervalSeconds: number } | null; url: string | null; problems: Problems } {
  const problems = new Problems();
  let url: string | null = null;
  if (fields.url === undefined || fields.url === null || fields.url === '') problems.add('url', 'errors.required', 'url is required');
  else if (typeof fields.url !== 'string') problems.add('url', 'errors.invalid', 'url must be a string');
  else {
    const checked = checkFeedUrl(fields.url, settings.allowPrivateAddresses);
    if (checked.ok) url = checked.url;
    else problems.add('url', checked.key, checked.description);
  }
  // Absent (or null): the default. Given, it must say something: an empty or blank name is
  // refused rather than quietly replaced by the host.
  let name = checkString(problems, 'name', fields.name, { max: 255 });
  if (name !== undefined && /[\u0000-\u001f\u007f]/.test(name)) {
    problems.add('name', 'errors.invalid', 'name must not contain control characters');
    name = undefined;
  }
  if (name !== undefined && name.trim() === '') {
    problems.add('name', 'errors.required', "name must not be empty or blank when given (leave it out to name the feed after the URL's host)");
    name = undefined;
  }
  let intervalSeconds = settings.defaultIntervalSeconds;
  const iv = fields.interval_seconds;
  if (iv !== undefined && iv !== null) {
    if (typeof iv !== 'number' || !Number.isInteger(iv)) problems.add('interval_seconds', 'errors.invalid', 'interval_seconds must be a whole number of seconds');
    else if (iv < MIN_FEED_INTERVAL_SECONDS || iv > MAX_FEED_INTERVAL_SECONDS) {
      problems.add('interval_seconds', 'errors.out_of_range', `interval_seconds must be between ${MIN_FEED_INTERVAL_SECONDS} and ${MAX_FEED_INTERVAL_SECONDS}`);
    } else intervalSeconds = iv;
  }
  if (problems.any() || url === null) return { value: null, url, problems };
  return { value: { url, name: name?.trim() ?? feedHost(url), nameFromFeed: name === undefined, intervalSeconds }, url, problems };
}
