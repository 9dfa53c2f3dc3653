/**
 * Front door of subscribed ICS feeds: checking and creating feed profiles, parsing in worker
 * threads, refreshing, and polling. Fetching (bounded, conditional, with the address policy)
 * is sync/fetch's. See docs/decisions/0010-ics-feeds.md.
 *
 * @example
 *   import { FeedRefresher, FeedPoller, createFeedProfile, checkNewFeed, DEFAULT_FEED_SETTINGS } from '../sync/feeds/index.js';
 */
export { DEFAULT_FEED_SETTINGS, MAX_FEEDS_PER_ACCOUNT, MAX_FEED_INTERVAL_SECONDS, MAX_FEED_URL_LENGTH, MIN_FEED_INTERVAL_SECONDS, type FeedSettings } from './feed-settings.js';
export { FeedError, type FeedErrorCode } from './feed-error.js';
export { checkFeedUrl, feedHost, feedUrlFingerprint, redactFeedUrl, type FeedUrlCheck } from './feed-url.js';
export { IcsParsePool, type IcsParsePoolOptions, type IcsParser } from './ics-parse-pool.js';
export { resolveParseWorkerEntry, type WorkerEntry } from './parse-worker-entry.js';
export { checkNewFeed, type NewFeedFields } from './check-new-feed.js';
export { DuplicateFeedError, FEED_PROVIDER, TooManyFeedsError, createFeedProfile, feedCalendar, findFeedByUrl, isCurrentFeed, listFeeds, type FeedProfile, type FeedSource, type NewFeed } from './feed-profile.js';
export { FeedRefresher, type FeedLogger, type FeedRefreshPriority, type FeedRefreshResult, type FeedRefresherDeps } from './feed-refresher.js';
export { FeedPoller, isFeedDue, type FeedPollerDeps, type FeedTick } from './feed-poller.js';
export { refreshToJson } from './refresh-json.js';
