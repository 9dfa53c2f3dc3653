/**
 * The feed poller of `kairos serve`: every `tickMs` it refreshes the feeds whose interval has
 * passed. Ticks never overlap, and a feed is refreshed only after claiming it with a
 * compare-and-set of its `lastFetchedAt`, so several server processes on one database fetch
 * each feed once per interval between them. Failures are the refresher's to record; nothing
 * here throws out of a tick.
 */
import type { Store } from '../../store/index.js';
import { isCurrentFeed, type FeedProfile } from './feed-profile.js';
import type { FeedLogger, FeedRefresher, FeedRefreshResult } from './feed-refresher.js';

export interface FeedPollerDeps {
  store: Store;
  clock: () => number;
  refresher: Pick<FeedRefresher, 'refresh' | 'isRefreshing'>;
  logger: FeedLogger;
  tickMs: number;
}

export interface FeedTick {
  /** Feeds whose interval had passed. */
  due: number;
  /** Of those, the ones this process claimed and refreshed. */
  refreshed: FeedRefreshResult[];
}

/** Whether the feed's interval has passed at `now` (a feed never fetched is due at once). */
export function isFeedDue(p: FeedProfile, now: number): boolean {
  const last = p.source.lastFetchedAt;
  return last === null || now - last >= p.source.intervalSeconds * 1000;
}

/**
 * @example
 *   const poller = new FeedPoller({ store, clock, refresher, logger, tickMs: 30_000 });
 *   poller.start();
 *   // … on shutdown:
 *   await poller.stop();
 */
export class FeedPoller {
  readonly #deps: FeedPollerDeps;
  #timer: NodeJS.Timeout | null = null;
  #current: Promise<FeedTick> | null = null;
  #stopped = true;

  constructor(deps: FeedPollerDeps) {
    this.#deps = deps;
  }

  /** Starts ticking: the first tick runs at once, the next `tickMs` after each one ends. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops ticking and waits for the tick in progress, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#current?.catch(() => undefined);
  }

  /** One pass: claim and refresh every due feed (the refresher bounds how many run at once). */
  async tick(): Promise<FeedTick> {
    const { store, clock, refresher, logger } = this.#deps;
    const now = clock();
    const due = (await store.listProfilesBySource('ics_feed')).filter((p): p is FeedProfile => isCurrentFeed(p) && isFeedDue(p, now));
    const claimed: FeedProfile[] = [];
    for (const p of due) {
      if (refresher.isRefreshing(p.profileId)) continue;
      // Another process may have claimed it since we listed it: then the source differs and this fails.
      if (await store.replaceProfileSourceIf(p.profileId, p.source, { ...p.source, lastFetchedAt: now })) claimed.push(p);
    }
    const results = await Promise.all(
      claimed.map((p) =>
        refresher.refresh(p.profileId).catch((err: unknown) => {
          logger.error({ profile: p.profileId, err: String(err) }, 'feed poll: refresh failed');
          return null;
        }),
      ),
    );
    return { due: due.length, refreshed: results.filter((r): r is FeedRefreshResult => r !== null) };
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#current = this.tick().catch((err: unknown) => {
        this.#deps.logger.error({ err: String(err) }, 'feed poll failed');
        return { due: 0, refreshed: [] };
      });
      void this.#current.finally(() => {
        this.#current = null;
        this.#schedule(this.#deps.tickMs);
      });
    }, delayMs);
    // The poller alone never keeps the process alive.
    this.#timer.unref();
  }
}
