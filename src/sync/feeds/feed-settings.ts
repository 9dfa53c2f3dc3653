/** How the server fetches subscribed feeds: intervals, timeouts, size and address limits. */
import { DEFAULT_HORIZON_DAYS, DEFAULT_MAX_INPUT_CHARS } from '../ics/index.js';

/** Shortest polling interval a feed may have, in seconds. */
export const MIN_FEED_INTERVAL_SECONDS = 60;
/** Longest polling interval a feed may have, in seconds (one week). */
export const MAX_FEED_INTERVAL_SECONDS = 7 * 86_400;
/** Most current feeds one account may subscribe to. */
export const MAX_FEEDS_PER_ACCOUNT = 50;
/** Longest accepted feed URL, in characters. */
export const MAX_FEED_URL_LENGTH = 2048;

export interface FeedSettings {
  /** Interval given to a new feed that names none, in seconds. */
  defaultIntervalSeconds: number;
  /** Whether `kairos serve` polls feeds on their interval (refreshes on demand work either way). */
  poll: boolean;
  /** How often the poller looks for feeds that are due, in ms. */
  pollTickMs: number;
  /** Time allowed to resolve the host and open the connection (TLS included), in ms. */
  connectTimeoutMs: number;
  /** Time allowed for the whole fetch, redirects and body included, in ms. */
  timeoutMs: number;
  /** Time allowed to parse one feed in the worker thread, in ms. */
  parseTimeoutMs: number;
  /** Largest accepted body after decompression, in bytes (the importer's input limit). */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Whether feed URLs may name loopback, private and other non-public addresses (link-local
   * ones are refused whatever this says).
   * Off by default: a feed URL is chosen by whoever holds an access token, and the server
   * would otherwise fetch from inside the operator's network on their behalf (SSRF).
   */
  allowPrivateAddresses: boolean;
  /** Feeds refreshed at the same time, at most (poller and on-demand refreshes together). */
  concurrency: number;
  userAgent: string;
  /** Days back and ahead of each refresh that a feed's series are expanded over. */
  horizonDays: { back: number; ahead: number };
  /**
   * Occurrences one feed may store; past it the rest are skipped and reported. Lower than the
   * 200,000 of `kairos import`: a feed is refreshed unattended every few minutes, its URL is
   * chosen by an API caller, and on SQLite every other write waits while it is stored.
   */
  maxOccurrences: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  defaultIntervalSeconds: 900,
  poll: true,
  pollTickMs: 30_000,
  connectTimeoutMs: 10_000,
  timeoutMs: 60_000,
  parseTimeoutMs: 120_000,
  maxBytes: DEFAULT_MAX_INPUT_CHARS,
  maxRedirects: 5,
  allowPrivateAddresses: false,
  concurrency: 3,
  userAgent: 'Kairos calendar feed reader',
  horizonDays: DEFAULT_HORIZON_DAYS,
  maxOccurrences: 50_000,
};
