/**
 * The poller with an injected clock and a recording refresher (or the real one with a fetch the
 * test releases): which feeds are due, the backoff of failing feeds, the order feeds are handed
 * over in, the claim that keeps two processes on one database from fetching the same feed,
 * ticks that do not wait for their refreshes, skipping feeds being refreshed, and start/stop on
 * real timers.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import type { StoreHarness } from '../../store/contract/harness.js';
import { postgresTarget, testPostgresUrl } from '../../store/testing/postgres-target.js';
import { sqliteTarget } from '../../store/testing/sqlite-target.js';
import { FetchError, type CalendarFetchResult, type fetchCalendarUrl } from '../fetch/index.js';
import { expandIcs } from '../ics/index.js';
import { createFeedProfile, type FeedProfile, type FeedSource } from './feed-profile.js';
import { FeedPoller, MAX_FEED_BACKOFF_MS, feedDueAt, isFeedDue } from './feed-poller.js';
import { FeedRefresher, type FeedRefreshResult } from './feed-refresher.js';
import { DEFAULT_FEED_SETTINGS } from './feed-settings.js';
import type { IcsParser } from './ics-parse-pool.js';
import { feedIcs } from './test-helpers.js';

const random = (n: number) => new Uint8Array(randomBytes(n));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const T0 = Date.UTC(2026, 5, 1, 10);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const inline: IcsParser = async (bytes, options) => expandIcs(bytes, options);
const ICS = new TextEncoder().encode(feedIcs([{ uid: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }]));
const ok = (): CalendarFetchResult => ({ status: 'ok', body: ICS.slice(), etag: null, lastModified: null, contentType: 'text/calendar' });

/** One tick, waiting for its refreshes too. */
async function run(poller: FeedPoller): Promise<{ due: number; claimed: string[]; refreshed: string[] }> {
  const t = await poller.tick();
  return { due: t.due, claimed: t.claimed, refreshed: (await t.results).map((r) => r.profileId) };
}

/** `promise`, or a rejection when it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** A fetch whose calls wait until the test releases them; a stopped refresher's signal aborts them. */
function gatedFetch() {
  const calls: { url: string; release: () => void }[] = [];
  const fetch: typeof fetchCalendarUrl = (url, _validators, options) =>
    new Promise<CalendarFetchResult>((resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(new FetchError('aborted', 'the fetch was stopped')));
      calls.push({ url, release: () => resolve(ok()) });
    });
  return { fetch, calls };
}

/**
 * Records refreshes and stamps the outcome as the real refresher would: a success, or, with
 * `repeat`, the same outcome as the feed's last attempt (a failure stays a failure).
 */
function recorder(store: Store, clock: () => number, running: Set<string> = new Set(), outcome: 'success' | 'repeat' = 'success') {
  const calls: string[] = [];
  return {
    calls,
    isRefreshing: (id: string) => running.has(id),
    async refresh(id: string): Promise<FeedRefreshResult | null> {
      calls.push(id);
      const p = await store.getProfile(id);
      const fails = outcome === 'repeat' && p?.source.type === 'ics_feed' && p.source.lastError !== null;
      if (p?.source.type === 'ics_feed') await store.updateProfile(id, { source: { ...p.source, lastFetchedAt: clock(), ...(fails ? {} : { lastSuccessAt: clock(), lastError: null }) } });
      return { profileId: id, status: fails ? 'failed' : 'not_modified', error: fails ? 'boom' : null, stored: null, counts: null, skipped: 0, warnings: 0, at: clock() };
    },
  };
}

const targets = [sqliteTarget, ...(testPostgresUrl() ? [postgresTarget(testPostgresUrl()!)] : [])];

for (const target of targets) {
  describe(`FeedPoller on ${target.engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    let now = T0;
    const clock = () => now;
    const sub = 'acc_0123456789abcdef01234567';
    beforeEach(async () => {
      now = T0;
      harness = await target.open();
      store = harness.store;
      await store.createAccount({ sub, kind: 'account', email: null, name: null, zoneinfo: 'Etc/UTC', createdAt: T0 });
    });
    afterEach(async () => harness.dispose());

    let n = 0;
    const feed = async (intervalSeconds: number) =>
      (await createFeedProfile({ store, clock, random }, { sub, url: `https://feeds.example/${intervalSeconds}-${n++}.ics`, name: 'f', intervalSeconds })).profile.profileId;
    /** Sets fields of the feed's source, as earlier refreshes would have left them. */
    const history = async (id: string, fields: Partial<FeedSource>) => {
      const p = await store.getProfile(id);
      if (p?.source.type !== 'ics_feed') throw new Error('not a feed');
      await store.updateProfile(id, { source: { ...p.source, ...fields } });
    };
    const sourceOf = async (id: string) => (await store.getProfile(id))!.source as FeedSource;

    it('refreshes feeds never fetched at once, then each when its interval has passed', async () => {
      const short = await feed(60);
      const long = await feed(3600);
      const refresher = recorder(store, clock);
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      expect((await run(poller)).refreshed.sort()).toEqual([short, long].sort());
      expect(await run(poller)).toEqual({ due: 0, claimed: [], refreshed: [] });
      now += 59_999;
      expect((await run(poller)).due).toBe(0);
      now += 1;
      expect(await run(poller)).toEqual({ due: 1, claimed: [short], refreshed: [short] });
      now += 3600_000;
      expect((await run(poller)).refreshed.sort()).toEqual([short, long].sort());
      await store.updateProfile(long, { revoked: true });
      now += 3600_000;
      expect(await run(poller)).toEqual({ due: 1, claimed: [short], refreshed: [short] });
      expect(refresher.calls).toHaveLength(6);
    });

    it('skips a feed this process is refreshing already', async () => {
      const id = await feed(60);
      const refresher = recorder(store, clock, new Set([id]));
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      expect(await run(poller)).toEqual({ due: 1, claimed: [], refreshed: [] });
      expect(refresher.calls).toEqual([]);
    });

    it('lets only one of two processes on the same database claim a due feed', async () => {
      const ids = await Promise.all([feed(60), feed(120), feed(180)]);
      const otherStore = await harness.openAnother();
      const a = recorder(store, clock);
      const b = recorder(otherStore, clock);
      const pa = new FeedPoller({ store, clock, refresher: a, logger: quiet, tickMs: 1000 });
      const pb = new FeedPoller({ store: otherStore, clock, refresher: b, logger: quiet, tickMs: 1000 });
      const [ta, tb] = await Promise.all([run(pa), run(pb)]);
      expect(ta.due + tb.due).toBeGreaterThanOrEqual(3);
      expect([...ta.claimed, ...tb.claimed].sort()).toEqual([...ids].sort());
      expect([...a.calls, ...b.calls].sort()).toEqual([...ids].sort());
      now += 180_000;
      await Promise.all([run(pa), run(pb)]);
      expect(a.calls.length + b.calls.length).toBe(6);
    });

    it('ticks on its timer until stopped, and survives a refresher that throws', async () => {
      await feed(60);
      let calls = 0;
      const refresher = {
        isRefreshing: () => false,
        async refresh(): Promise<FeedRefreshResult | null> {
          calls++;
          now += 60_000; // every tick finds the feed due again
          throw new Error('boom');
        },
      };
      const errors: string[] = [];
      const logger = { ...quiet, error: (_o: object, msg: string) => void errors.push(msg) };
      const poller = new FeedPoller({ store, clock, refresher, logger, tickMs: 10 });
      poller.start();
      for (let i = 0; i < 200 && calls < 3; i++) await new Promise((r) => setTimeout(r, 10));
      await poller.stop();
      const after = calls;
      expect(after).toBeGreaterThanOrEqual(3);
      expect(errors[0]).toBe('feed poll: refresh failed');
      await new Promise((r) => setTimeout(r, 60));
      expect(calls).toBe(after);
    });

    it('returns from a tick while its refreshes run, and leaves those feeds to them in later ticks', async () => {
      const a = await feed(60);
      const b = await feed(60);
      const gate = gatedFetch();
      const refresher = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: gate.fetch, parse: inline });
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      const first = await within(poller.tick(), 2000);
      expect(first.due).toBe(2);
      expect([...first.claimed].sort()).toEqual([a, b].sort());
      let settled = false;
      void first.results.then(() => (settled = true));
      await until(() => gate.calls.length === 2);
      const urlOf = async (id: string) => (await sourceOf(id)).url;
      // Both run at once, each reading the store before it fetches, so in either order.
      expect(gate.calls.map((c) => c.url).sort()).toEqual([await urlOf(a), await urlOf(b)].sort());
      const aUrl = await urlOf(a);
      const bUrl = await urlOf(b);
      // b's refresh ends; a's goes on past its interval.
      gate.calls.find((c) => c.url === bUrl)!.release();
      await until(() => !refresher.isRefreshing(b));
      expect((await sourceOf(b)).lastSuccessAt).toBe(T0);
      now += 60_000;
      const second = await within(poller.tick(), 2000);
      expect(second).toMatchObject({ due: 2, claimed: [b] });
      now += 60_000;
      expect(await within(poller.tick(), 2000)).toMatchObject({ due: 2, claimed: [] });
      await until(() => gate.calls.length === 3);
      expect(settled).toBe(false);
      expect((await sourceOf(a)).lastSuccessAt).toBeNull();
      for (const c of [gate.calls.find((c) => c.url === aUrl)!, gate.calls[2]!]) c.release();
      expect((await first.results).map((r) => [r.profileId, r.status]).sort()).toEqual(
        [
          [a, 'updated'],
          [b, 'updated'],
        ].sort(),
      );
      expect((await second.results).map((r) => [r.profileId, r.status])).toEqual([[b, 'updated']]);
      expect(gate.calls).toHaveLength(3);
      await refresher.close();
    });

    it('does not hand a feed over again while the refresh it started runs, whatever the refresher reports', async () => {
      const id = await feed(60);
      const pending: (() => void)[] = [];
      const calls: string[] = [];
      const refresher = {
        isRefreshing: () => false,
        refresh: (profileId: string) =>
          new Promise<FeedRefreshResult | null>((resolve) => {
            calls.push(profileId);
            pending.push(() => resolve(null));
          }),
      };
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      expect((await within(poller.tick(), 2000)).claimed).toEqual([id]);
      now += 120_000;
      expect(await within(poller.tick(), 2000)).toMatchObject({ due: 1, claimed: [] });
      pending[0]!();
      await new Promise((r) => setTimeout(r, 10));
      expect((await within(poller.tick(), 2000)).claimed).toEqual([id]);
      expect(calls).toEqual([id, id]);
      pending[1]!();
      await poller.stop();
    });

    it('hands working feeds over before failing ones, each the longest overdue first', async () => {
      const fa = await feed(900);
      const fb = await feed(900);
      const fc = await feed(900);
      const h1 = await feed(900);
      const h2 = await feed(900); // never fetched: due since it was created
      now = T0 + 3 * HOUR;
      // Failing for one interval each, so due one interval after their last attempt.
      await history(fa, { lastFetchedAt: now - 20 * MIN, lastSuccessAt: now - 35 * MIN, lastError: 'boom' }); // overdue 5 min
      await history(fb, { lastFetchedAt: now - 50 * MIN, lastSuccessAt: now - 65 * MIN, lastError: 'boom' }); // 35 min
      await history(fc, { lastFetchedAt: now - 30 * MIN, lastSuccessAt: now - 45 * MIN, lastError: 'boom' }); // 15 min
      await history(h1, { lastFetchedAt: now - 16 * MIN, lastSuccessAt: now - 16 * MIN }); // 1 min
      const refresher = recorder(store, clock);
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      const t = await poller.tick();
      expect(t.claimed).toEqual([h2, h1, fb, fc, fa]);
      expect(refresher.calls).toEqual([h2, h1, fb, fc, fa]);
      await t.results;
    });

    it('hands a working feed over first even when many failing feeds are due with it, on the real refresher', async () => {
      const failing = [];
      for (let i = 0; i < 6; i++) failing.push(await feed(900));
      const healthy = await feed(900);
      now = T0 + DAY;
      // Due since 6 min ago (failing[0]) to 1 min ago (failing[5]); the working feed, just now.
      for (const [i, id] of failing.entries()) await history(id, { lastFetchedAt: now - (66 - i) * MIN, lastSuccessAt: now - (126 - i) * MIN, lastError: 'timed out' });
      await history(healthy, { lastFetchedAt: now - 15 * MIN, lastSuccessAt: now - 15 * MIN });
      const gate = gatedFetch();
      const refresher = new FeedRefresher({ store, clock, random, logger: quiet, settings: { ...DEFAULT_FEED_SETTINGS, concurrency: 1 }, fetch: gate.fetch, parse: inline });
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      const t = await poller.tick();
      expect(t.claimed).toEqual([healthy, ...failing]);
      await until(() => gate.calls.length === 1);
      expect(gate.calls[0]!.url).toBe((await sourceOf(healthy)).url);
      for (let i = 0; i < 7; i++) {
        await until(() => gate.calls.length === i + 1);
        gate.calls[i]!.release();
      }
      expect((await t.results).map((r) => r.status)).toEqual(Array(7).fill('updated'));
      await refresher.close();
    });

    it('retries a failing feed after as long as it has been failing, at most 6 hours, and a working one on its interval', async () => {
      const L = T0 + 4 * DAY;
      const twoHours = await feed(900);
      const threeDays = await feed(900);
      const sinceCreation = await feed(900); // never succeeded: failing since it was created (4 days)
      const briefly = await feed(900); // failing for less than its interval
      const healthy = await feed(900);
      await history(twoHours, { lastFetchedAt: L, lastSuccessAt: L - 2 * HOUR, lastError: 'boom' });
      await history(threeDays, { lastFetchedAt: L, lastSuccessAt: L - 3 * DAY, lastError: 'boom' });
      await history(sinceCreation, { lastFetchedAt: L, lastSuccessAt: null, lastError: 'boom' });
      await history(briefly, { lastFetchedAt: L, lastSuccessAt: L - 5 * MIN, lastError: 'boom' });
      await history(healthy, { lastFetchedAt: L, lastSuccessAt: L, lastError: null });
      // Each feed's next attempt has the outcome of its last one.
      const refresher = recorder(store, clock, new Set(), 'repeat');
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      const at = async (t: number) => {
        now = t;
        return (await run(poller)).claimed;
      };
      expect(await at(L + 15 * MIN - 1)).toEqual([]);
      expect(await at(L + 15 * MIN)).toEqual([healthy, briefly]);
      expect(await at(L + 20 * MIN)).toEqual([]);
      // briefly, failing since L - 5 min, was last tried at L + 15 min: it waits 20 min now.
      expect(await at(L + 35 * MIN - 1)).toEqual([healthy]);
      expect(await at(L + 35 * MIN)).toEqual([briefly]);
      expect(await at(L + 2 * HOUR - 1)).toEqual([healthy, briefly]);
      expect(await at(L + 2 * HOUR)).toEqual([twoHours]);
      // Failing for 4 hours at its last attempt (L + 2 h), it waits 4 hours; the others wait the 6-hour cap.
      expect(await at(L + 6 * HOUR - 1)).toEqual([healthy, briefly]);
      expect(MAX_FEED_BACKOFF_MS).toBe(6 * HOUR);
      expect((await at(L + 6 * HOUR)).sort()).toEqual([twoHours, threeDays, sinceCreation].sort());
      expect(await at(L + 12 * HOUR - 1)).toEqual([healthy, briefly]);
      expect((await at(L + 12 * HOUR)).sort()).toEqual([twoHours, threeDays, sinceCreation].sort());
      // A success ends the backoff: the next attempt is one interval later.
      await history(threeDays, { lastFetchedAt: L + 12 * HOUR, lastSuccessAt: L + 12 * HOUR, lastError: null });
      expect(await at(L + 12 * HOUR + 15 * MIN)).toEqual([healthy, threeDays]);
    });

    it('does not poll a feed whose server asked to be left alone (Retry-After) before that time', async () => {
      const id = await feed(60);
      // The real refresher, against a server answering 429 with Retry-After: 1 h.
      const busy: typeof fetchCalendarUrl = async () => {
        throw new FetchError('http_status', 'the server answered HTTP 429 (Too Many Requests); it asked to be left alone for 3600 s', 3_600_000);
      };
      const refresher = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: busy, parse: inline });
      try {
        expect(await refresher.refresh(id)).toMatchObject({ status: 'failed' });
        expect(await sourceOf(id)).toMatchObject({ lastFetchedAt: T0, retryAfter: T0 + 3_600_000 });
        const p = (await store.getProfile(id)) as FeedProfile;
        // Failing for no time yet, so the backoff alone would say one interval (60 s).
        expect(feedDueAt(p)).toBe(T0 + 3_600_000);
        expect(isFeedDue(p, T0 + 60_000)).toBe(false);
        expect(isFeedDue(p, T0 + 3_600_000)).toBe(true);
        // A success clears it.
        const fine = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: async () => ok(), parse: inline });
        expect(await fine.refresh(id)).toMatchObject({ status: 'updated' });
        expect(await sourceOf(id)).toMatchObject({ retryAfter: null, lastError: null });
        await fine.close();
      } finally {
        await refresher.close();
      }
    });

    it('waits in stop() for the refreshes it started, and with the refresher closed as serve does, for nothing more', async () => {
      const id = await feed(60);
      const gate = gatedFetch();
      const refresher = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: gate.fetch, parse: inline });
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 10 });
      poller.start();
      await until(() => gate.calls.length === 1);
      let stopped = false;
      const stopping = poller.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(stopped).toBe(false);
      now += 5_000;
      gate.calls[0]!.release();
      await within(stopping, 2000);
      // Recorded before stop() resolved.
      expect(await sourceOf(id)).toMatchObject({ lastFetchedAt: T0 + 5_000, lastSuccessAt: T0 + 5_000, lastError: null });

      now += 60_000;
      poller.start();
      await until(() => gate.calls.length === 2);
      // As on SIGTERM: the refresher abandons the fetch, so both end without the feed's server answering.
      await within(Promise.all([poller.stop(), refresher.close()]), 2000);
      expect(await sourceOf(id)).toMatchObject({ lastFetchedAt: T0 + 65_000, lastSuccessAt: T0 + 5_000, lastError: null });
      await new Promise((r) => setTimeout(r, 50));
      expect(gate.calls).toHaveLength(2);
    });

    it('claims no more feeds once stop() is called during a tick', async () => {
      const ids = [await feed(60), await feed(60), await feed(60)];
      const refresher = recorder(store, clock);
      let stopping: Promise<void> | null = null;
      // A store whose first claim is followed by stop(), as SIGTERM might arrive mid-tick.
      const claimThenStop = new Proxy(store, {
        get(target, key) {
          if (key === 'replaceProfileSourceIf') {
            return async (...args: Parameters<Store['replaceProfileSourceIf']>) => {
              const won = await target.replaceProfileSourceIf(...args);
              stopping ??= poller.stop();
              return won;
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const poller: FeedPoller = new FeedPoller({ store: claimThenStop, clock, refresher, logger: quiet, tickMs: 1000 });
      const t = await poller.tick();
      expect(t.due).toBe(3);
      // The claim written while stop() came is given back, and nothing is handed over.
      expect(t.claimed).toEqual([]);
      expect(refresher.calls).toEqual([]);
      await t.results;
      await stopping;
      for (const id of ids) expect((await sourceOf(id)).lastFetchedAt).toBeNull();
    });

    it('keeps one timer chain when started again while a stop waits for its tick', async () => {
      await feed(60);
      const refresher = recorder(store, clock);
      let lists = 0;
      const slowList = new Proxy(store, {
        get(target, key) {
          if (key === 'listProfilesBySource') {
            return async (...args: Parameters<Store['listProfilesBySource']>) => {
              lists++;
              await new Promise((r) => setTimeout(r, 30));
              return target.listProfilesBySource(...args);
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const poller = new FeedPoller({ store: slowList, clock, refresher, logger: quiet, tickMs: 40 });
      poller.start();
      await until(() => lists === 1);
      const stopping = poller.stop();
      poller.start();
      await stopping;
      // One chain ticks at most every 40 + 30 ms: at most 6 in 420 ms (two chains would tick
      // about twice as often).
      const before = lists;
      await new Promise((r) => setTimeout(r, 420));
      expect(lists - before).toBeLessThanOrEqual(7);
      expect(lists - before).toBeGreaterThanOrEqual(1);
      await poller.stop();
      const after = lists;
      await new Promise((r) => setTimeout(r, 200));
      expect(lists).toBe(after);
    });
  });
}
