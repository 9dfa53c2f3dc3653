/**
 * The poller with an injected clock and a recording refresher: which feeds are due, the claim
 * that keeps two processes on one database from fetching the same feed, skipping feeds being
 * refreshed, and start/stop on real timers.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import type { StoreHarness } from '../../store/contract/harness.js';
import { postgresTarget, testPostgresUrl } from '../../store/testing/postgres-target.js';
import { sqliteTarget } from '../../store/testing/sqlite-target.js';
import { createFeedProfile } from './feed-profile.js';
import { FeedPoller } from './feed-poller.js';
import type { FeedRefreshResult } from './feed-refresher.js';

const random = (n: number) => new Uint8Array(randomBytes(n));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const T0 = Date.UTC(2026, 5, 1, 10);

/** Records refreshes and stamps lastFetchedAt as the real refresher would. */
function recorder(store: Store, clock: () => number, running: Set<string> = new Set()) {
  const calls: string[] = [];
  return {
    calls,
    isRefreshing: (id: string) => running.has(id),
    async refresh(id: string): Promise<FeedRefreshResult | null> {
      calls.push(id);
      const p = await store.getProfile(id);
      if (p?.source.type === 'ics_feed') await store.updateProfile(id, { source: { ...p.source, lastFetchedAt: clock(), lastSuccessAt: clock() } });
      return { profileId: id, status: 'not_modified', error: null, stored: null, counts: null, skipped: 0, warnings: 0, at: clock() };
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

    const feed = async (intervalSeconds: number) => (await createFeedProfile({ store, clock, random }, { sub, url: `https://feeds.example/${intervalSeconds}.ics`, name: 'f', intervalSeconds })).profile.profileId;

    it('refreshes feeds never fetched at once, then each when its interval has passed', async () => {
      const short = await feed(60);
      const long = await feed(3600);
      const refresher = recorder(store, clock);
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      expect((await poller.tick()).refreshed.map((r) => r.profileId).sort()).toEqual([short, long].sort());
      expect(await poller.tick()).toEqual({ due: 0, refreshed: [] });
      now += 59_999;
      expect((await poller.tick()).due).toBe(0);
      now += 1;
      expect((await poller.tick()).refreshed.map((r) => r.profileId)).toEqual([short]);
      now += 3600_000;
      expect((await poller.tick()).refreshed.map((r) => r.profileId).sort()).toEqual([short, long].sort());
      await store.updateProfile(long, { revoked: true });
      now += 3600_000;
      expect((await poller.tick()).refreshed.map((r) => r.profileId)).toEqual([short]);
      expect(refresher.calls).toHaveLength(6);
    });

    it('skips a feed this process is refreshing already', async () => {
      const id = await feed(60);
      const refresher = recorder(store, clock, new Set([id]));
      const poller = new FeedPoller({ store, clock, refresher, logger: quiet, tickMs: 1000 });
      expect(await poller.tick()).toEqual({ due: 1, refreshed: [] });
      expect(refresher.calls).toEqual([]);
    });

    it('lets only one of two processes on the same database claim a due feed', async () => {
      const ids = await Promise.all([feed(60), feed(120), feed(180)]);
      const otherStore = await harness.openAnother();
      const a = recorder(store, clock);
      const b = recorder(otherStore, clock);
      const pa = new FeedPoller({ store, clock, refresher: a, logger: quiet, tickMs: 1000 });
      const pb = new FeedPoller({ store: otherStore, clock, refresher: b, logger: quiet, tickMs: 1000 });
      const [ta, tb] = await Promise.all([pa.tick(), pb.tick()]);
      expect(ta.due + tb.due).toBeGreaterThanOrEqual(3);
      expect([...a.calls, ...b.calls].sort()).toEqual([...ids].sort());
      now += 180_000;
      await Promise.all([pa.tick(), pb.tick()]);
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
  });
}
