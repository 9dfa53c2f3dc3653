/**
 * The refresher over a real store (SQLite, and PostgreSQL when KAIROS_TEST_POSTGRES is set),
 * with a scripted fetch: one refresh per profile at a time, a bounded number at once, a
 * revoke during the fetch, a failing store, and shutdown.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeProfile } from '../../services/profiles.js';
import type { Store } from '../../store/index.js';
import type { StoreHarness } from '../../store/contract/harness.js';
import { postgresTarget, testPostgresUrl } from '../../store/testing/postgres-target.js';
import { holdImports } from '../../store/testing/hold-imports.js';
import { sqliteTarget } from '../../store/testing/sqlite-target.js';
import { FetchError, type CalendarFetchResult, type fetchCalendarUrl } from '../fetch/index.js';
import { expandIcs } from '../ics/index.js';
import { createFeedProfile } from './feed-profile.js';
import { FeedRefresher, mayConfirmCopy } from './feed-refresher.js';
import { DEFAULT_FEED_SETTINGS } from './feed-settings.js';
import type { IcsParser } from './ics-parse-pool.js';
import { bigFeedIcs, feedIcs, loopResponsiveness, startFeedServer } from './test-helpers.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const random = (n: number) => new Uint8Array(randomBytes(n));
const clock = () => Date.UTC(2026, 5, 1, 10);
const inline: IcsParser = async (bytes, options) => expandIcs(bytes, options);
const WEEKLY = new TextEncoder().encode(
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', 'BEGIN:VEVENT', 'UID:weekly', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260105T090000Z', 'DTEND:20260105T100000Z', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Weekly', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
);
const ICS = new TextEncoder().encode(feedIcs([{ uid: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }]));

/** A fetch whose calls wait until the test releases them. */
function gatedFetch() {
  const calls: { url: string; release: (r: CalendarFetchResult | Error) => void }[] = [];
  let active = 0;
  let most = 0;
  const fetch: typeof fetchCalendarUrl = (url) =>
    new Promise<CalendarFetchResult>((resolve, reject) => {
      active++;
      most = Math.max(most, active);
      calls.push({
        url,
        release: (r) => {
          active--;
          if (r instanceof Error) reject(r);
          else resolve(r);
        },
      });
    });
  return { fetch, calls, most: () => most };
}

const ok = (): CalendarFetchResult => ({ status: 'ok', body: ICS.slice(), etag: '"e"', lastModified: null, contentType: 'text/calendar' });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const targets = [sqliteTarget, ...(testPostgresUrl() ? [postgresTarget(testPostgresUrl()!)] : [])];

for (const target of targets) {
  describe(`FeedRefresher on ${target.engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const sub = 'acc_0123456789abcdef01234567';
    beforeEach(async () => {
      harness = await target.open();
      store = harness.store;
      await store.createAccount({ sub, kind: 'account', email: 'jane@example.com', name: 'Jane', zoneinfo: 'Europe/Berlin', createdAt: clock() });
    });
    afterEach(async () => harness.dispose());

    const newFeed = (i: number) => createFeedProfile({ store, clock, random }, { sub, url: `https://feeds.example/${i}.ics`, name: `Feed ${i}`, intervalSeconds: 900 });

    it('runs one refresh per profile at a time and at most `concurrency` at once', async () => {
      const gate = gatedFetch();
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: { ...DEFAULT_FEED_SETTINGS, concurrency: 2 }, fetch: gate.fetch, parse: inline });
      const created = await Promise.all([0, 1, 2, 3].map(newFeed));
      const ids = created.map((c) => c.profile.profileId);
      const first = feeds.refresh(ids[0]!);
      expect(feeds.refresh(ids[0]!)).toBe(first);
      const rest = ids.slice(1).map((id) => feeds.refresh(id));
      await until(() => gate.calls.length === 2);
      // Two run; the other two wait for a free place.
      await new Promise((r) => setTimeout(r, 30));
      expect(gate.calls).toHaveLength(2);
      for (let released = 0; released < 4; released++) {
        await until(() => gate.calls.length > released);
        gate.calls[released]!.release(ok());
      }
      const results = await Promise.all([first, ...rest]);
      expect(results.map((r) => r?.status)).toEqual(['updated', 'updated', 'updated', 'updated']);
      expect(gate.most()).toBe(2);
      expect(gate.calls).toHaveLength(4);
      for (const c of created) expect((await store.queryEvents({ sub, calendarIds: [c.calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: false })).length).toBe(1);
      await feeds.close();
    });

    it('gives a free place to refreshes asked for first, then polls of working feeds, then of failing ones', async () => {
      const gate = gatedFetch();
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: { ...DEFAULT_FEED_SETTINGS, concurrency: 1 }, fetch: gate.fetch, parse: inline });
      const created = await Promise.all([0, 1, 2, 3, 4, 5].map(newFeed));
      const [busy, failing, due, demand, late, moved] = created.map((c) => c.profile.profileId) as [string, string, string, string, string, string];
      const all = [feeds.refresh(busy)];
      await until(() => gate.calls.length === 1);
      // Queued while the one place is taken, in this order.
      all.push(feeds.refresh(failing, { priority: 'failing' }));
      all.push(feeds.refresh(moved, { priority: 'failing' }));
      all.push(feeds.refresh(due, { priority: 'due' }));
      all.push(feeds.refresh(demand));
      all.push(feeds.refresh(late, { priority: 'due' }));
      // Asking again for a queued feed on demand moves it to the back of the demand line, and
      // joins the same refresh.
      expect(feeds.refresh(moved)).toBe(all[2]);
      for (let released = 0; released < 6; released++) {
        await until(() => gate.calls.length > released);
        // Only one runs at a time, including when a place is handed over.
        await new Promise((r) => setTimeout(r, 10));
        expect(gate.calls).toHaveLength(released + 1);
        gate.calls[released]!.release(ok());
      }
      await Promise.all(all);
      const order = gate.calls.map((c) => created.find((x) => (x.profile.source as { url: string }).url === c.url)!.profile.profileId);
      expect(order).toEqual([busy, demand, moved, due, late, failing]);
      expect(gate.most()).toBe(1);
      await feeds.close();
    });

    it('says why an answer is not a calendar by its Content-Type, never quoting the body', async () => {
      const { profile } = await newFeed(1);
      const body = new TextEncoder().encode('{"AccessKeyId":"AKIAEXAMPLE","SecretAccessKey":"s3cr3t"}');
      for (const [contentType, reason] of [
        ['text/html; charset=utf-8', 'not an iCalendar file: the server answered with an HTML page (often a sign-in or error page)'],
        ['application/json', 'not an iCalendar file: the server answered with application/json content that does not start with BEGIN:VCALENDAR'],
        [null, 'not an iCalendar file: the answer does not start with BEGIN:VCALENDAR'],
        ['<script>', 'not an iCalendar file: the answer does not start with BEGIN:VCALENDAR'],
      ] as const) {
        const fetch: typeof fetchCalendarUrl = async () => ({ status: 'ok', body: body.slice(), etag: null, lastModified: null, contentType });
        const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch, parse: inline });
        try {
          expect(await feeds.refresh(profile.profileId)).toMatchObject({ status: 'failed', error: reason });
          const source = (await store.getProfile(profile.profileId))!.source as { lastError: string | null };
          expect(source.lastError).toBe(reason);
          expect(source.lastError).not.toContain('AKIA');
        } finally {
          await feeds.close();
        }
      }
    });

    it('records a failed TLS handshake as such: an https feed whose server speaks plain HTTP only', async () => {
      const server = await startFeedServer();
      try {
        server.set('/cal.ics', { kind: 'ics', body: new TextDecoder().decode(ICS) });
        const url = server.url('/cal.ics').replace('http://', 'https://');
        const { profile } = await createFeedProfile({ store, clock, random }, { sub, url, name: 'Plain', intervalSeconds: 900 });
        const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: { ...DEFAULT_FEED_SETTINGS, allowPrivateAddresses: true }, parse: inline });
        const reason = `the secure connection (TLS) to ${new URL(url).hostname} failed: the server did not answer in TLS; it may speak plain HTTP only (ERR_SSL_WRONG_VERSION_NUMBER)`;
        try {
          expect(await feeds.refresh(profile.profileId)).toMatchObject({ status: 'failed', error: reason });
          expect((await store.getProfile(profile.profileId))!.source).toMatchObject({ lastError: reason });
        } finally {
          await feeds.close();
        }
      } finally {
        await server.close();
      }
    });

    it('drops the result of a feed revoked while it was fetched, and answers null for what is not a feed', async () => {
      const gate = gatedFetch();
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: gate.fetch, parse: inline });
      const { profile, calendar } = await newFeed(1);
      const pending = feeds.refresh(profile.profileId);
      await until(() => gate.calls.length === 1);
      await store.updateProfile(profile.profileId, { revoked: true, connected: false });
      gate.calls[0]!.release(ok());
      expect(await pending).toBeNull();
      expect(await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: true })).toEqual([]);
      expect(await feeds.refresh('pro_doesnotexist0000')).toBeNull();
      const local = 'pro_local0000000000';
      await store.createProfile({ profileId: local, sub, providerName: 'cronofy', providerService: 'cronofy', profileName: 'x', connected: true, initialSyncRequired: false, revoked: false, source: { type: 'local' }, createdAt: clock() });
      expect(await feeds.refresh(local)).toBeNull();
      await feeds.close();
    });

    it('leaves no event behind when the feed is removed while its refresh is storing', async () => {
      const { profile, calendar } = await newFeed(1);
      const held = holdImports(store);
      const feeds = new FeedRefresher({ store: held.store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: async () => ok(), parse: inline });
      const pending = feeds.refresh(profile.profileId);
      await held.reached;
      // The revoke starts while the refresh's transaction has read the profile (still current)
      // and not yet written: it must wait for that transaction and then delete what it wrote.
      const revoked = revokeProfile(store, profile.profileId, null);
      await new Promise((resolve) => setTimeout(resolve, 150));
      held.release();
      await pending;
      expect(await revoked).toBe(true);
      expect(await store.getProfile(profile.profileId)).toMatchObject({ revoked: true });
      expect(await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: true })).toEqual([]);
      await feeds.close();
    });

    it('stores at most maxOccurrences of one feed and reports the rest as skipped', async () => {
      const { profile, calendar } = await newFeed(1);
      // Daily for the whole horizon: 731 + 365 days' worth, far more than the cap of 300.
      const daily = new TextEncoder().encode(
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', 'BEGIN:VEVENT', 'UID:daily', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260105T090000Z', 'DTEND:20260105T100000Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Daily', 'END:VEVENT',
          'BEGIN:VEVENT', 'UID:daily2', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260105T110000Z', 'DTEND:20260105T120000Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Daily 2', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
      );
      const fetch: typeof fetchCalendarUrl = async () => ({ status: 'ok', body: daily.slice(), etag: null, lastModified: null, contentType: 'text/calendar' });
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: { ...DEFAULT_FEED_SETTINGS, maxOccurrences: 300 }, fetch, parse: inline });
      try {
        const r = await feeds.refresh(profile.profileId);
        expect(r).toMatchObject({ status: 'updated', counts: { occurrences: 300 } });
        expect(r!.skipped).toBeGreaterThan(0);
        const stored = await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: false });
        expect(stored).toHaveLength(300);
      } finally {
        await feeds.close();
      }
    });

    it("names a feed added without a name after its first copy's X-WR-CALNAME, once", async () => {
      let body = ICS;
      const fetch: typeof fetchCalendarUrl = async () => ({ status: 'ok', body: body.slice(), etag: null, lastModified: null, contentType: 'text/calendar' });
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch, parse: inline });
      const names = async (profileId: string, calendarId: string) => [(await store.getProfile(profileId))!.profileName, (await store.getCalendar(calendarId))!.name];
      const event = [{ uid: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }];
      try {
        // Unnamed: the host until the first copy, then the copy's name (control characters and blanks taken out).
        const unnamed = await createFeedProfile({ store, clock, random }, { sub, url: 'https://feeds.example/unnamed.ics', name: 'feeds.example', nameFromFeed: true, intervalSeconds: 900 });
        body = new TextEncoder().encode(feedIcs(event, '  Holidays:\u0007 Germany '));
        expect(await feeds.refresh(unnamed.profile.profileId)).toMatchObject({ status: 'updated' });
        expect(await names(unnamed.profile.profileId, unnamed.calendar.calendarId)).toEqual(['Holidays: Germany', 'Holidays: Germany']);
        // Once: a later copy with another name, or someone's rename, stays.
        body = new TextEncoder().encode(feedIcs(event, 'Renamed upstream'));
        expect(await feeds.refresh(unnamed.profile.profileId)).toMatchObject({ status: 'updated' });
        expect(await names(unnamed.profile.profileId, unnamed.calendar.calendarId)).toEqual(['Holidays: Germany', 'Holidays: Germany']);
        expect((await store.getProfile(unnamed.profile.profileId))!.source).not.toHaveProperty('nameFromFeed');

        // Named by whoever added it: never renamed.
        const named = await createFeedProfile({ store, clock, random }, { sub, url: 'https://feeds.example/named.ics', name: 'Team rota', intervalSeconds: 900 });
        expect(await feeds.refresh(named.profile.profileId)).toMatchObject({ status: 'updated' });
        expect(await names(named.profile.profileId, named.calendar.calendarId)).toEqual(['Team rota', 'Team rota']);

        // A first copy without a name (or a blank one) leaves the host, for good.
        const blank = await createFeedProfile({ store, clock, random }, { sub, url: 'https://feeds.example/blank.ics', name: 'feeds.example', nameFromFeed: true, intervalSeconds: 900 });
        body = new TextEncoder().encode(feedIcs(event, ' '));
        expect(await feeds.refresh(blank.profile.profileId)).toMatchObject({ status: 'updated' });
        body = new TextEncoder().encode(feedIcs(event, 'Later name'));
        expect(await feeds.refresh(blank.profile.profileId)).toMatchObject({ status: 'updated' });
        expect(await names(blank.profile.profileId, blank.calendar.calendarId)).toEqual(['feeds.example', 'feeds.example']);
      } finally {
        await feeds.close();
      }
    });

    it('lists the skipped items and warnings it counts, and notes a feed whose events all lie outside the window', async () => {
      const { profile } = await newFeed(1);
      const lines = (...events: string[][]) =>
        new TextEncoder().encode(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n'));
      let body = lines(
        ['UID:no-start', 'DTSTAMP:20260101T000000Z', 'SUMMARY:No start'],
        ['UID:odd-zone', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=Nowhere/Special:20260602T090000', 'DURATION:PT1H', 'SUMMARY:Odd zone'],
      );
      const fetch: typeof fetchCalendarUrl = async () => ({ status: 'ok', body: body.slice(), etag: null, lastModified: null, contentType: 'text/calendar' });
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch, parse: inline });
      try {
        const r = await feeds.refresh(profile.profileId);
        expect(r).toMatchObject({ status: 'updated', counts: { occurrences: 1 }, skipped: 1, warnings: 1, note: null });
        expect(r!.skippedItems).toEqual([expect.objectContaining({ uid: 'no-start', reason: expect.stringContaining('DTSTART') })]);
        expect(r!.warningItems).toEqual([expect.objectContaining({ reason: 'unknown TZID "Nowhere/Special": read in Europe/Berlin' })]);

        // Last year's holidays: nothing in the window, and the refresh says where they lie.
        body = lines(['UID:old', 'DTSTAMP:20200101T000000Z', 'DTSTART;VALUE=DATE:20200101', 'SUMMARY:Old'], ['UID:older', 'DTSTAMP:20200101T000000Z', 'DTSTART;VALUE=DATE:20191225', 'SUMMARY:Older']);
        const empty = await feeds.refresh(profile.profileId);
        expect(empty).toMatchObject({ status: 'updated', counts: { occurrences: 0 }, stored: { removed: 1 } });
        expect(empty!.note).toBe(
          "none of the file's 2 events falls inside the feeds' window (2025-06-01 to 2028-06-01); they lie between 2019-12-25 and 2020-01-01: a feed is imported over the server's --feed-horizon around each refresh",
        );
      } finally {
        await feeds.close();
      }
    });

    it('expands an unchanged feed again once a day, so that its series follow the moving horizon', async () => {
      const { profile, calendar } = await newFeed(1);
      let now = Date.UTC(2026, 5, 1, 10);
      const sent: (string | null)[] = [];
      // A server that answers 304 whenever it is asked conditionally.
      const fetch: typeof fetchCalendarUrl = async (_url, validators) => {
        sent.push(validators.etag);
        if (validators.etag === '"w"') return { status: 'not_modified' };
        return { status: 'ok', body: WEEKLY.slice(), etag: '"w"', lastModified: null, contentType: 'text/calendar' };
      };
      const settings = { ...DEFAULT_FEED_SETTINGS, horizonDays: { back: 1, ahead: 14 } };
      const feeds = new FeedRefresher({ store, clock: () => now, random, logger: quiet, settings, fetch, parse: inline });
      const weeklyStarts = async (fromMs: number, toMs: number) =>
        (await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: false }))
          .map((e) => (e.start.kind === 'time' ? e.start.ms : 0))
          .filter((ms) => ms >= fromMs && ms < toMs);
      try {
        expect(await feeds.refresh(profile.profileId)).toMatchObject({ status: 'updated' });
        // Within the day, the copy is confirmed by a 304.
        now += 3_600_000;
        expect(await feeds.refresh(profile.profileId)).toMatchObject({ status: 'not_modified' });
        // A month on, the first import's horizon (14 days ahead) is long past: without a new
        // expansion the weekly series would have no occurrence left from here on.
        now = Date.UTC(2026, 6, 1, 10);
        expect(await feeds.refresh(profile.profileId)).toMatchObject({ status: 'updated' });
        expect(sent).toEqual([null, '"w"', null]);
        expect(await weeklyStarts(now, now + 14 * 86_400_000)).toEqual([Date.UTC(2026, 6, 6, 9), Date.UTC(2026, 6, 13, 9)]);
        expect((await store.getProfile(profile.profileId))?.source).toMatchObject({ etag: '"w"', importedAt: now, lastSuccessAt: now });
      } finally {
        await feeds.close();
      }
    });

    it('records a failure of the store as an internal error and keeps the old events', async () => {
      const { profile, calendar } = await newFeed(1);
      const good = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: async () => ok(), parse: inline });
      expect((await good.refresh(profile.profileId))?.status).toBe('updated');
      // A parser that yields an occurrence twice: the store refuses the whole set.
      const dup: IcsParser = async (bytes, options) => {
        const r = expandIcs(bytes, options);
        return { ...r, occurrences: [...r.occurrences, ...r.occurrences] };
      };
      const bad = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: async () => ok(), parse: dup });
      const r = await bad.refresh(profile.profileId);
      expect(r).toMatchObject({ status: 'failed', error: 'the feed could not be stored (an internal error; see the server log)' });
      const p = await store.getProfile(profile.profileId);
      expect(p?.connected).toBe(false);
      expect(p?.source).toMatchObject({ lastError: 'the feed could not be stored (an internal error; see the server log)', etag: '"e"' });
      expect((await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: false })).map((e) => e.summary)).toEqual(['A']);
      await good.close();
      await bad.close();
    });

    it('imports a large feed through the worker without holding the event loop, and re-imports it unchanged', async () => {
      const { profile, calendar } = await newFeed(1);
      const body = new TextEncoder().encode(bigFeedIcs(20_000));
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch: async () => ({ ...ok(), body: body.slice() }) });
      try {
        for (const expected of [{ created: 20_000, unchanged: 0 }, { created: 0, unchanged: 20_000 }]) {
          const started = performance.now();
          let result: Awaited<ReturnType<FeedRefresher['refresh']>> = null;
          const loop = await loopResponsiveness(async () => (result = await feeds.refresh(profile.profileId)));
          const took = performance.now() - started;
          expect(result).toMatchObject({ status: 'updated', stored: { ...expected, updated: 0, removed: 0 } });
          // Parsing, preparing and storing run in short tasks: the longest stretch without a
          // timer tick is a small part of the whole (held throughout, it would be most of it).
          expect(loop.gapMs).toBeLessThan(took / 4);
        }
        const stored = await store.queryEvents({ sub, calendarIds: [calendar.calendarId], managed: 'include', applicationId: 'app_x', includeDeleted: false });
        expect(stored).toHaveLength(20_000);
      } finally {
        await feeds.close();
      }
    }, 60_000);

    it('on close, abandons running refreshes without recording them', async () => {
      const { profile } = await newFeed(1);
      let calls = 0;
      const fetch: typeof fetchCalendarUrl = (_url, _v, opts) =>
        new Promise((_resolve, reject) => {
          calls++;
          const stop = () => reject(new FetchError('aborted', 'the fetch was stopped'));
          if (opts.signal?.aborted) stop();
          opts.signal?.addEventListener('abort', stop);
        });
      const feeds = new FeedRefresher({ store, clock, random, logger: quiet, settings: DEFAULT_FEED_SETTINGS, fetch, parse: inline });
      const pending = feeds.refresh(profile.profileId);
      expect(feeds.isRefreshing(profile.profileId)).toBe(true);
      await until(() => calls > 0);
      await feeds.close();
      expect(await pending).toMatchObject({ status: 'failed', error: 'the fetch was stopped' });
      const p = await store.getProfile(profile.profileId);
      expect(p).toMatchObject({ connected: true, initialSyncRequired: true });
      expect(p?.source).toMatchObject({ lastFetchedAt: null, lastError: null });
    });
  });
}

describe('mayConfirmCopy', () => {
  const day = 86_400_000;
  it('lets a 304 confirm a copy expanded less than a day ago (half the days ahead when fewer than two)', () => {
    expect(mayConfirmCopy({ importedAt: 0 }, day - 1, 731)).toBe(true);
    expect(mayConfirmCopy({ importedAt: 0 }, day, 731)).toBe(false);
    expect(mayConfirmCopy({ importedAt: 0 }, day / 2 - 1, 1)).toBe(true);
    expect(mayConfirmCopy({ importedAt: 0 }, day / 2, 1)).toBe(false);
    // Never imported, or stored before the time of the import was kept.
    expect(mayConfirmCopy({ importedAt: null }, 0, 731)).toBe(false);
    expect(mayConfirmCopy({}, 0, 731)).toBe(false);
  });
});
