/** What the HTTP layer is built from. Everything is passed in; nothing is global. */
import type { RandomBytes } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { FeedRefresher } from '../sync/feeds/index.js';
import type { Logger } from './logger.js';

export interface RateLimitConfig {
  /** Per element token: at most `limit` requests in any `windowMs`. null = off. */
  perElementToken: { limit: number; windowMs: number } | null;
  /** Per application, across credential kinds. null = off (the self-hosted default). */
  perApplication: { perSecond: number; perMinute: number } | null;
}

export interface ServerConfig {
  /** Public base URL, `scheme://host[:port]`, used for absolute links such as `next_page`. */
  baseUrl: string;
  /** Element token lifetime in seconds (300–86400, default 64800). */
  elementTokenTtlSeconds: number;
  /** Access token lifetime in seconds (10800). */
  accessTokenTtlSeconds: number;
  /** Items per page for paged lists (1–1000, default 100). */
  pageSize: number;
  /** How long page ids stay valid, in ms (≥ 15 minutes). */
  pageTtlMs: number;
  rateLimit: RateLimitConfig;
}

export const DEFAULT_CONFIG: ServerConfig = {
  baseUrl: 'http://127.0.0.1:8080',
  elementTokenTtlSeconds: 64_800,
  accessTokenTtlSeconds: 10_800,
  pageSize: 100,
  pageTtlMs: 30 * 60_000,
  rateLimit: {
    perElementToken: { limit: 100, windowMs: 10_000 },
    perApplication: null,
  },
};

export interface AppDeps {
  store: Store;
  /** Current time, epoch ms. */
  clock: () => number;
  random: RandomBytes;
  config: ServerConfig;
  logger: Logger;
  /** Directory of the built browser library (dist/elements), served under /js/. */
  elementsDir?: string | null;
  /** Refreshes subscribed feeds; shared with the poller. Default: one with DEFAULT_FEED_SETTINGS. */
  feeds?: FeedRefresher;
}
