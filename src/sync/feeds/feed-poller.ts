/**
 * The feed poller of `kairos serve`: every `tickMs` it hands the feeds that are due to the
 * refresher, without waiting for those refreshes, so a slow or hanging feed delays no tick.
 * A feed is handed over only after claiming it with a compare-and-set of its `lastFetchedAt`,
 * so several server processes on one database fetch each feed once per interval between them,
 * and never while this process is still refreshing it. A failing feed is retried less often
 * the longer it has been failing (see feedDueAt). Failures are the refresher's to record;
 * nothing here throws out of a tick.
 */
import type { Store } from '../../store/index.js';
import { isCurrentFeed, type FeedProfile } from './feed-profile.js';
import type { FeedLogger, FeedRefresher, FeedRefreshPriority, FeedRefreshResult } from './feed-refresher.js';

/** Longest wait between two attempts at a failing feed whose interval is shorter: 6 hours. */
export const MAX_FEED_BACKOFF_MS = 6 * 3_600_000;

export interface FeedPollerDeps {
  store: Store;
  clock: () => number;
  refresher: Pick<FeedRefresher, 'refresh' | 'isRefreshing'>;
  logger: FeedLogger;
  tickMs: number;
}

export interface FeedTick {
  /** Feeds that were due (including any skipped because this process is refreshing them). */
  due: number;
  /** The feeds this tick claimed and handed to the refresher, in the order handed over. */
  claimed: string[];
  /**
   * Settles once the refreshes of the claimed feeds have: their results, without the feeds
   * that were no longer current and the refreshes that threw (those are logged). Never rejects.
   */
  results: Promise<FeedRefreshResult[]>;
}

/**
 * When the feed is next due, epoch ms: its interval after the last attempt. A feed whose last
 * attempt failed waits longer once it has been failing for longer than its interval: as long as
 * it has been failing (from its last success, or from its creation if it never had one), at
 * most MAX_FEED_BACKOFF_MS, and not before the Retry-After its server gave with a 429 or 503
 * (at most a day). A feed never fetched was due from its creation. Refreshes on demand ignore
 * this.
 *
 * @example
 *   // interval 15 min, last success 10:00, failing attempts since, the last at 12:00:
 *   feedDueAt(p) // 14:00 (it has been failing for 2 h)
 */
export function feedDueAt(p: FeedProfile): number {
  const { lastFetchedAt, lastSuccessAt, lastError, intervalSeconds } = p.source;
  if (lastFetchedAt === null) return p.createdAt;
  const interval = intervalSeconds * 1000;
  if (lastError === null) return lastFetchedAt + interval;
  const failingFor = Math.max(0, lastFetchedAt - (lastSuccessAt ?? p.createdAt));
  // A server that answered 429/503 with Retry-After is not asked again before that.
  return Math.max(lastFetchedAt + Math.max(interval, Math.min(failingFor, MAX_FEED_BACKOFF_MS)), p.source.retryAfter ?? 0);
}

/** Whether the feed is due at `now` (a feed never fetched is due at once); see feedDueAt. */
export function isFeedDue(p: FeedProfile, now: number): boolean {
  return p.source.lastFetchedAt === null || now >= feedDueAt(p);
}

/**
 * The order in which due feeds are handed to the refresher: feeds whose last attempt succeeded
 * (or that were never fetched) before failing ones, so a working feed never queues behind
 * failing ones of the same tick; within each, the longest overdue first.
 */
function byPriority(a: FeedProfile, b: FeedProfile): number {
  const failing = Number(a.source.lastError !== null) - Number(b.source.lastError !== null);
  return failing !== 0 ? failing : feedDueAt(a) - feedDueAt(b);
}

/**
 * @example
 *   const poller = new FeedPoller({ store, clock, refresher, logger, tickMs: 30_000 });
 *   poller.start();
 *   // … on shutdown (the refresher's close() abandons the fetches, so this is quick):
 *   await Promise.all([poller.stop(), refresher.close()]);
 */
export class FeedPoller {
  readonly #deps: FeedPollerDeps;
  #timer: NodeJS.Timeout | null = null;
  /** The tick in progress (listing and claiming), if any. */
  #current: Promise<unknown> | null = null;
  /** Refreshes this poller started that have not settled yet, by profile. */
  readonly #refreshing = new Map<string, Promise<FeedRefreshResult | null>>();
  #stopped = true;
  /** Set by stop(): a tick in progress claims nothing more. */
  #stopping = false;
  /** Bumped by start(): a tick of an earlier start() schedules no successor. */
  #generation = 0;

  constructor(deps: FeedPollerDeps) {
    this.#deps = deps;
  }

  /** Starts ticking: the first tick runs at once, the next `tickMs` after each one has claimed its feeds. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#stopping = false;
    this.#generation++;
    this.#schedule(0);
  }

  /**
   * Stops ticking, then waits for the tick in progress and for every refresh this poller
   * started. A tick in progress claims no more feeds (nor does tick() until the next start()),
   * so that feeds are not claimed only for a refresher that is closing to drop them.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#current?.catch(() => undefined);
    while (this.#refreshing.size > 0) await Promise.allSettled([...this.#refreshing.values()]);
  }

  /**
   * One pass: claims each due feed that this process is not refreshing already, most urgent
   * first, and hands it to the refresher (which bounds how many run at once). Resolves once the
   * feeds are claimed, not when their refreshes end: see FeedTick.results.
   */
  async tick(): Promise<FeedTick> {
    const { store, clock, refresher } = this.#deps;
    const now = clock();
    const due = (await store.listProfilesBySource('ics_feed')).filter((p): p is FeedProfile => isCurrentFeed(p) && isFeedDue(p, now)).sort(byPriority);
    const claimed: string[] = [];
    const started: Promise<FeedRefreshResult | null>[] = [];
    for (const p of due) {
      if (this.#stopping) break;
      if (this.#refreshing.has(p.profileId) || refresher.isRefreshing(p.profileId)) continue;
      // Another process may have claimed it since we listed it: then the source differs and this fails.
      const claim = { ...p.source, lastFetchedAt: now };
      if (!(await store.replaceProfileSourceIf(p.profileId, p.source, claim))) continue;
      if (this.#stopping) {
        // stop() came while the claim was written: give the feed back for the next start.
        await store.replaceProfileSourceIf(p.profileId, claim, p.source);
        break;
      }
      claimed.push(p.profileId);
      started.push(this.#refresh(p.profileId, p.source.lastError === null ? 'due' : 'failing'));
    }
    const results = Promise.all(started).then((rs) => rs.filter((r): r is FeedRefreshResult => r !== null));
    return { due: due.length, claimed, results };
  }

  /** Starts the refresh of a claimed feed and keeps it until it settles; never rejects. */
  #refresh(profileId: string, priority: FeedRefreshPriority): Promise<FeedRefreshResult | null> {
    // Called at once (so the refresher queues feeds in the order given); a throw becomes a rejection.
    const p = (async () => this.#deps.refresher.refresh(profileId, { priority }))().catch((err: unknown) => {
      this.#deps.logger.error({ profile: profileId, err: String(err) }, 'feed poll: refresh failed');
      return null;
    });
    this.#refreshing.set(profileId, p);
    void p.finally(() => {
      if (this.#refreshing.get(profileId) === p) this.#refreshing.delete(profileId);
    });
    return p;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    const generation = this.#generation;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const current = this.tick().catch((err: unknown) => {
        this.#deps.logger.error({ err: String(err) }, 'feed poll failed');
      });
      this.#current = current;
      void current.finally(() => {
        if (this.#current === current) this.#current = null;
        // Stopped and started again while this tick ran: the new start() has its own chain.
        if (generation === this.#generation) this.#schedule(this.#deps.tickMs);
      });
    }, delayMs);
    // The poller alone never keeps the process alive.
    this.#timer.unref();
  }
}
