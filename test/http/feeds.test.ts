/**
 * Subscribed ICS feeds over HTTP, against a feed server on 127.0.0.1 that the test controls:
 * creation and validation, first fetch, conditional refresh, changes, failures that keep the
 * last good data, recovery, timeouts, revoke, isolation between accounts and credential kinds.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/index.js';
import { issueAccessToken } from '../../src/services/index.js';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { DuplicateFeedError, createFeedProfile } from '../../src/sync/feeds/index.js';
import { feedIcs, startFeedServer, type FeedServer } from '../../src/sync/feeds/test-helpers.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const SECRET = 'private-9f8e7d6c5b4a';
const V1 = feedIcs([
  { uid: 'standup', summary: 'Standup', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' },
  { uid: 'review', summary: 'Review', start: '2026-06-03T14:00:00Z', end: '2026-06-03T15:00:00Z' },
]);
const V2 = feedIcs([
  { uid: 'standup', summary: 'Standup (moved room)', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' },
  { uid: 'retro', summary: 'Retro', start: '2026-06-04T16:00:00Z', end: '2026-06-04T17:00:00Z' },
]);
const random = (n: number) => new Uint8Array(randomBytes(n));
const FEED_SETTINGS = { allowPrivateAddresses: true, timeoutMs: 1000, connectTimeoutMs: 500 };

interface FeedJson {
  profile_id: string;
  calendar_id: string;
  provider_name: string;
  profile_name: string;
  profile_connected: boolean;
  profile_initial_sync_required: boolean;
  profile_relink_url?: string;
  profile_calendars: { calendar_id: string; calendar_name: string; calendar_readonly: boolean }[];
  feed_url: string;
  feed_url_fingerprint: string;
  feed_interval_seconds: number;
  feed_etag: string | null;
  feed_last_modified: string | null;
  feed_last_fetched_at: string | null;
  feed_last_success_at: string | null;
  feed_last_error: string | null;
}
interface RefreshJson {
  status: string;
  error: string | null;
  events: { created: number; updated: number; unchanged: number; removed: number } | null;
}
type EventJson = { event_uid: string; summary: string; start: string; updated: string; calendar_id: string; deleted: boolean };

const engines = testPostgresUrl() ? ([['sqlite', undefined], ['postgres', testPostgresUrl()!]] as const) : ([['sqlite', undefined]] as const);

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function setup(h: Harness) {
  const app = await h.newApp();
  const acc = await h.newAccount(app.applicationId);
  const auth = { authorization: `Bearer ${acc.accessToken}` };
  const body = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  };
  const events = async (): Promise<EventJson[]> =>
    (await body<{ events: EventJson[] }>(await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC', { headers: auth }), 200)).events.sort((a, b) => a.start.localeCompare(b.start));
  const refresh = async (id: string) => body<{ feed: FeedJson; refresh: RefreshJson }>(await h.call('POST', `/v1/feeds/${id}/refresh`, { headers: auth, json: { wait: true } }), 200);
  const profileIn = async (id: string) => {
    const info = await body<{ 'cronofy.data': { profiles: Record<string, unknown>[] } }>(await h.call('GET', '/v1/userinfo', { headers: auth }), 200);
    return info['cronofy.data'].profiles.find((p) => p.profile_id === id);
  };
  return { app, acc, auth, body, events, refresh, profileIn };
}

for (const [engine, postgresUrl] of engines) {
  describe(`feeds on ${engine}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness({ feeds: FEED_SETTINGS, ...(postgresUrl ? { postgresUrl } : {}) });
    });
    afterEach(async () => h.close());

    it('subscribes, refreshes conditionally, follows changes, keeps the last good data through failures, recovers', async () => {
      const { auth, body, events, refresh, profileIn } = await setup(h);
      const path = `/${engine}/${SECRET}/basic.ics`;
      server.set(path, { kind: 'ics', body: V1, etag: '"v1"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
      const url = server.url(path) + '?key=' + SECRET;

      // Create: the first fetch happens before the answer.
      const created = await body<{ feed: FeedJson; refresh: RefreshJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url, name: 'Team rota', interval_seconds: 600 } }), 200);
      const feed = created.feed;
      expect(created.refresh).toMatchObject({ status: 'updated', error: null, events: { created: 2, updated: 0, unchanged: 0, removed: 0 } });
      expect(feed).toMatchObject({
        provider_name: 'ics',
        profile_name: 'Team rota',
        profile_connected: true,
        profile_initial_sync_required: false,
        feed_url: `${server.origin}/…`,
        feed_interval_seconds: 600,
        feed_etag: '"v1"',
        feed_last_modified: 'Mon, 01 Jun 2026 08:00:00 GMT',
        feed_last_fetched_at: '2026-06-01T10:00:00Z',
        feed_last_success_at: '2026-06-01T10:00:00Z',
        feed_last_error: null,
      });
      expect(feed.feed_url_fingerprint).toMatch(/^[0-9a-f]{8}$/);
      expect(feed.profile_calendars).toEqual([expect.objectContaining({ calendar_id: feed.calendar_id, calendar_name: 'Team rota', calendar_readonly: true })]);
      expect(feed).not.toHaveProperty('profile_relink_url');
      expect(JSON.stringify(created)).not.toContain(SECRET);
      const first = await events();
      expect(first.map((e) => [e.summary, e.start, e.calendar_id])).toEqual([
        ['Standup', '2026-06-02T09:00:00Z', feed.calendar_id],
        ['Review', '2026-06-03T14:00:00Z', feed.calendar_id],
      ]);
      expect(first[0]!.event_uid).toMatch(/^evt_external_/);
      expect(await profileIn(feed.profile_id)).toMatchObject({ provider_name: 'ics', profile_connected: true, profile_initial_sync_required: false });
      // The feed's calendar takes no pushed events.
      const push = await h.call('POST', `/v1/calendars/${feed.calendar_id}/events`, { headers: auth, json: { event_id: 'x', summary: 'x', start: '2026-06-02T12:00:00Z', end: '2026-06-02T13:00:00Z' } });
      expect(push.status).toBe(422);

      // Unchanged: a conditional request, answered 304, nothing rewritten.
      h.clock.advance(60_000);
      const seen = server.requests.length;
      const same = await refresh(feed.profile_id);
      expect(same.refresh).toMatchObject({ status: 'not_modified', events: null });
      const conditional = server.requests.slice(seen);
      expect(conditional).toHaveLength(1);
      expect(conditional[0]!.headers['if-none-match']).toBe('"v1"');
      expect(conditional[0]!.headers['if-modified-since']).toBe('Mon, 01 Jun 2026 08:00:00 GMT');
      expect(conditional[0]!.status).toBe(304);
      expect(same.feed).toMatchObject({ feed_last_fetched_at: '2026-06-01T10:01:00Z', feed_last_success_at: '2026-06-01T10:01:00Z', profile_connected: true });
      expect(await events()).toEqual(first);

      // Changed: one event updated (same uid, same event_uid), one removed, one added.
      h.clock.advance(60_000);
      server.set(path, { kind: 'ics', body: V2, etag: '"v2"' });
      const changed = await refresh(feed.profile_id);
      expect(changed.refresh).toMatchObject({ status: 'updated', events: { created: 1, updated: 1, unchanged: 0, removed: 1 } });
      expect(changed.feed).toMatchObject({ feed_etag: '"v2"', feed_last_modified: null });
      const second = await events();
      expect(second.map((e) => e.summary)).toEqual(['Standup (moved room)', 'Retro']);
      expect(second[0]!.event_uid).toBe(first[0]!.event_uid);
      expect(second[0]!.updated).toBe('2026-06-01T10:02:00Z');
      // The removed one reads as deleted, as of this refresh, for readers of deleted or changed events (§5.6.1).
      const sinceChange = await body<{ events: EventJson[] }>(
        await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC&include_deleted=true&last_modified=2026-06-01T10:02:00Z', { headers: auth }),
        200,
      );
      expect(sinceChange.events.map((e) => [e.summary, e.deleted, e.updated]).sort()).toEqual([
        ['Retro', false, '2026-06-01T10:02:00Z'],
        ['Review', true, '2026-06-01T10:02:00Z'],
        ['Standup (moved room)', false, '2026-06-01T10:02:00Z'],
      ]);
      expect(sinceChange.events.find((e) => e.summary === 'Review')!.event_uid).toBe(first[1]!.event_uid);

      // Failing: HTTP 500, then a body that is not a calendar. The profile shows disconnected
      // with the reason, and the last good events stay readable and keep blocking.
      h.clock.advance(60_000);
      server.set(path, { kind: 'status', status: 500, body: '<h1>down</h1>' });
      const failed = await refresh(feed.profile_id);
      expect(failed.refresh).toEqual(expect.objectContaining({ status: 'failed', error: 'the server answered HTTP 500 (Internal Server Error)' }));
      expect(failed.feed).toMatchObject({
        profile_connected: false,
        feed_last_error: 'the server answered HTTP 500 (Internal Server Error)',
        feed_last_fetched_at: '2026-06-01T10:03:00Z',
        feed_last_success_at: '2026-06-01T10:02:00Z',
        feed_etag: '"v2"',
      });
      const disconnected = await profileIn(feed.profile_id);
      expect(disconnected).toMatchObject({ profile_connected: false, profile_relink_url: `http://api.kairos.test/profiles/${feed.profile_id}/relink` });
      expect(await events()).toEqual(second);
      const fb = await body<{ free_busy: { start: string; free_busy_status: string }[] }>(await h.call('GET', '/v1/free_busy?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC', { headers: auth }), 200);
      expect(fb.free_busy.map((b) => [b.start, b.free_busy_status]).sort()).toEqual([
        ['2026-06-02T09:00:00Z', 'busy'],
        ['2026-06-04T16:00:00Z', 'busy'],
      ]);
      server.set(path, { kind: 'ics', body: '<!doctype html><html><body>Sign in</body></html>', contentType: 'text/html' });
      const notIcs = await refresh(feed.profile_id);
      // Told by its type, never by quoting the body.
      expect(notIcs.refresh.error).toBe('not an iCalendar file: the server answered with an HTML page (often a sign-in or error page)');
      expect(await events()).toEqual(second);
      const page = await h.call('GET', `/profiles/${feed.profile_id}/relink`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('Calendar subscription not updating');
      expect(html).not.toContain(SECRET);
      expect(html).not.toContain('127.0.0.1');

      // Recovery: connected again, the error cleared, no relink URL.
      h.clock.advance(60_000);
      server.set(path, { kind: 'ics', body: V1, etag: '"v3"' });
      const back = await refresh(feed.profile_id);
      // Review comes back under its event_uid (deleted meanwhile, now updated), Retro goes.
      expect(back.refresh).toMatchObject({ status: 'updated', events: { created: 0, updated: 2, removed: 1 } });
      expect(back.feed).toMatchObject({ profile_connected: true, feed_last_error: null, feed_last_success_at: '2026-06-01T10:04:00Z' });
      expect(await profileIn(feed.profile_id)).not.toHaveProperty('profile_relink_url');
      expect((await events()).map((e) => e.summary)).toEqual(['Standup', 'Review']);
      const list = await body<{ feeds: FeedJson[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200);
      expect(list.feeds.map((f) => f.profile_id)).toEqual([feed.profile_id]);

      // Removal is the profile revoke: the feed, its calendar and its events are gone.
      expect((await h.call('POST', `/v1/profiles/${feed.profile_id}/revoke`, { headers: auth })).status).toBe(202);
      expect((await h.call('GET', `/v1/feeds/${feed.profile_id}`, { headers: auth })).status).toBe(404);
      expect((await h.call('POST', `/v1/feeds/${feed.profile_id}/refresh`, { headers: auth })).status).toBe(404);
      expect(await events()).toEqual([]);
      expect((await body<{ feeds: FeedJson[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200)).feeds).toEqual([]);
      expect((await h.call('GET', `/profiles/${feed.profile_id}/relink`)).status).toBe(404);
    });

    it('refuses a URL the account already subscribes to, compared as stored, but not a removed feed or another account', async () => {
      const { app, auth, body } = await setup(h);
      type Errors = { errors: Record<string, { key: string; description: string }[]> };
      const post = (headers: Record<string, string>, json: unknown) => h.call('POST', '/v1/feeds', { headers, json });
      const feedsOf = async (headers: Record<string, string>) => (await body<{ feeds: FeedJson[] }>(await h.call('GET', '/v1/feeds', { headers }), 200)).feeds;
      const path = `/${engine}/dup/team.ics`;
      server.set(path, { kind: 'ics', body: V1 });
      const url = server.url(path) + '?key=' + SECRET;
      const { feed } = await body<{ feed: FeedJson }>(await post(auth, { url, name: 'Team rota' }), 200);
      const duplicate = { url: [{ key: 'errors.invalid', description: `the account already subscribes to this URL as feed ${feed.profile_id} ("Team rota")` }] };
      const seen = server.requests.length;
      expect((await body<Errors>(await post(auth, { url, name: 'Team rota' }), 422)).errors).toEqual(duplicate);
      // The same URL once normalised: the host's case and a fragment make no difference.
      expect((await body<Errors>(await post(auth, { url: url.replace('http://127.0.0.1', 'HTTP://127.0.0.1') + '#week', name: 'Other name', wait: false }), 422)).errors).toEqual(duplicate);
      // Reported with the other problems of the request.
      expect((await body<Errors>(await post(auth, { url, name: ' ', interval_seconds: 1 }), 422)).errors).toEqual({
        ...duplicate,
        name: [{ key: 'errors.required', description: "name must not be empty or blank when given (leave it out to name the feed after the URL's host)" }],
        interval_seconds: [{ key: 'errors.out_of_range', description: 'interval_seconds must be between 60 and 604800' }],
      });
      expect(server.requests.length).toBe(seen);
      // Another query string is another feed.
      const other = await body<{ feed: FeedJson }>(await post(auth, { url: url + '&view=week', wait: false }), 200);

      // webcal:// is stored as https://, so the two spellings are one feed.
      const webcal = await body<{ feed: FeedJson }>(await post(auth, { url: 'webcal://calendar.example.invalid/team.ics', name: 'Webcal', wait: false }), 200);
      expect((await body<Errors>(await post(auth, { url: 'https://calendar.example.invalid/team.ics', wait: false }), 422)).errors).toEqual({
        url: [{ key: 'errors.invalid', description: `the account already subscribes to this URL as feed ${webcal.feed.profile_id} ("Webcal")` }],
      });
      expect((await body<Errors>(await post(auth, { url: 'WEBCALS://Calendar.Example.Invalid/team.ics', wait: false }), 422)).errors.url![0]!.key).toBe('errors.invalid');
      // User information is part of the stored URL (it is sent as the feed's credentials).
      const jane = await body<{ feed: FeedJson }>(await post(auth, { url: 'https://jane:pw@calendar.example.invalid/team.ics', wait: false }), 200);
      const ids = async (headers: Record<string, string>) => (await feedsOf(headers)).map((f) => f.profile_id).sort();
      expect(await ids(auth)).toEqual([feed.profile_id, other.feed.profile_id, webcal.feed.profile_id, jane.feed.profile_id].sort());

      // Another account may subscribe to the same URL.
      const second = await h.newAccount(app.applicationId);
      const secondAuth = { authorization: `Bearer ${second.accessToken}` };
      const theirs = await body<{ feed: FeedJson; refresh: RefreshJson }>(await post(secondAuth, { url, name: 'Team rota' }), 200);
      expect(theirs.refresh.status).toBe('updated');

      // A removed feed does not count: the URL can be subscribed to again.
      expect((await h.call('POST', `/v1/profiles/${feed.profile_id}/revoke`, { headers: auth })).status).toBe(202);
      const again = await body<{ feed: FeedJson; refresh: RefreshJson }>(await post(auth, { url, name: 'Team rota' }), 200);
      expect(again.feed.profile_id).not.toBe(feed.profile_id);
      expect(again.refresh.status).toBe('updated');
      expect(await ids(auth)).toEqual([other.feed.profile_id, webcal.feed.profile_id, jane.feed.profile_id, again.feed.profile_id].sort());
      expect(await ids(secondAuth)).toEqual([theirs.feed.profile_id]);
    });

    it('lets exactly one of several simultaneous subscriptions to the same URL through', async () => {
      const { acc, auth, body } = await setup(h);
      const url = 'https://calendar.example.invalid/race.ics';
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => h.call('POST', '/v1/feeds', { headers: auth, json: { url, name: `Race ${i}`, wait: false } })));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      const winner = await body<{ feed: FeedJson }>(answers[statuses.indexOf(200)]!, 200);
      for (const r of answers.filter((x) => x.status === 422)) {
        expect(((await r.json()) as { errors: unknown }).errors).toEqual({
          url: [{ key: 'errors.invalid', description: `the account already subscribes to this URL as feed ${winner.feed.profile_id} ("${winner.feed.profile_name}")` }],
        });
      }
      // Straight on the store, past the route's early check: the transaction is what holds.
      const url2 = 'https://calendar.example.invalid/race-2.ics';
      const direct = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createFeedProfile({ ...h, random }, { sub: acc.sub, url: url2, name: `Direct ${i}`, intervalSeconds: 900 })));
      const made = direct.filter((r) => r.status === 'fulfilled');
      expect(made).toHaveLength(1);
      for (const r of direct.filter((x) => x.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(DuplicateFeedError);
        expect((r.reason as DuplicateFeedError).existing.profileId).toBe(made[0]!.value.profile.profileId);
      }
      const feeds = (await body<{ feeds: FeedJson[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200)).feeds;
      expect(feeds.map((f) => f.profile_id).sort()).toEqual([winner.feed.profile_id, made[0]!.value.profile.profileId].sort());
    });

    it('keeps a feed whose first fetch fails, disconnected, with an initial sync still required', async () => {
      const { auth, body, events, refresh } = await setup(h);
      const created = await body<{ feed: FeedJson; refresh: RefreshJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url(`/${engine}/missing.ics`) } }), 200);
      expect(created.refresh).toMatchObject({ status: 'failed', error: 'the server answered HTTP 404 (Not Found)' });
      expect(created.feed).toMatchObject({ profile_name: '127.0.0.1', profile_connected: false, profile_initial_sync_required: true, feed_last_success_at: null, feed_interval_seconds: 900 });
      expect(created.feed.profile_relink_url).toBe(`http://api.kairos.test/profiles/${created.feed.profile_id}/relink`);
      server.set(`/${engine}/missing.ics`, { kind: 'ics', body: V1 });
      const ok = await refresh(created.feed.profile_id);
      // Added without a name, it takes the first copy's X-WR-CALNAME.
      expect(ok.feed).toMatchObject({ profile_connected: true, profile_initial_sync_required: false, profile_name: 'Team rota' });
      expect(ok.feed.profile_calendars[0]!.calendar_name).toBe('Team rota');
      expect((await events()).length).toBe(2);
    });
  });
}

describe('feeds: bad input, limits and access', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ feeds: FEED_SETTINGS });
  });
  afterEach(async () => h.close());

  it('reports every invalid field with the protocol’s keys', async () => {
    const { auth, body } = await setup(h);
    const errors = async (json: unknown) => (await body<{ errors: Record<string, { key: string; description: string }[]> }>(await h.call('POST', '/v1/feeds', { headers: auth, json }), 422)).errors;
    expect(await errors({})).toEqual({ url: [{ key: 'errors.required', description: 'url is required' }] });
    const many = await errors({ url: 'ftp://example.com/a.ics', name: 'x'.repeat(256), interval_seconds: 59, wait: 'yes' });
    expect(Object.fromEntries(Object.entries(many).map(([k, v]) => [k, v.map((e) => e.key)]))).toEqual({
      url: ['errors.invalid'],
      name: ['errors.too_long'],
      interval_seconds: ['errors.out_of_range'],
      wait: ['errors.invalid'],
    });
    expect(many.url![0]!.description).toBe('url must be an http, https or webcal URL (not ftp)');
    expect((await errors({ url: 'not a url' })).url![0]!.key).toBe('errors.invalid');
    expect((await errors({ url: 42 })).url![0]!.description).toBe('url must be a string');
    expect((await errors({ url: 'https://example.com/' + 'a'.repeat(2048) })).url![0]!.key).toBe('errors.too_long');
    expect((await errors({ url: 'https://example.com/a.ics', interval_seconds: '900' })).interval_seconds![0]!.key).toBe('errors.invalid');
    expect((await errors({ url: 'https://example.com/a.ics', interval_seconds: 604_801 })).interval_seconds![0]!.key).toBe('errors.out_of_range');
    expect((await errors({ url: 'https://example.com/a.ics', interval_seconds: 900.5 })).interval_seconds![0]!.key).toBe('errors.invalid');
    expect((await errors({ url: 'https://example.com/a.ics', name: 'a\u0007b' })).name![0]!.key).toBe('errors.invalid');
    const notJson = await h.call('POST', '/v1/feeds', { headers: { ...auth, 'content-type': 'application/json' }, body: '{"url":' });
    expect(notJson.status).toBe(422);
    expect(((await notJson.json()) as { errors: Record<string, unknown> }).errors).toHaveProperty('body');
    const refreshBody = await h.call('POST', '/v1/feeds/pro_abcdefghij1234/refresh', { headers: auth, json: { wait: 1 } });
    expect(refreshBody.status).toBe(422);
    // Nothing was created by any of these.
    expect((await body<{ feeds: unknown[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200)).feeds).toEqual([]);
  });

  it('refuses an empty or blank name given explicitly; without one the feed is named after the URL’s host', async () => {
    const { auth, body } = await setup(h);
    const errors = async (json: unknown) => (await body<{ errors: Record<string, { key: string; description: string }[]> }>(await h.call('POST', '/v1/feeds', { headers: auth, json }), 422)).errors;
    const blank = { name: [{ key: 'errors.required', description: "name must not be empty or blank when given (leave it out to name the feed after the URL's host)" }] };
    for (const name of ['', ' ', '\u00a0\u2003', '\u3000']) expect(await errors({ url: 'https://example.com/a.ics', name, wait: false }), JSON.stringify(name)).toEqual(blank);
    expect(await errors({ url: '', name: '' })).toEqual({ url: [{ key: 'errors.required', description: 'url is required' }], ...blank });
    expect((await body<{ feeds: unknown[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200)).feeds).toEqual([]);
    const add = async (json: Record<string, unknown>) => (await body<{ feed: FeedJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { wait: false, ...json } }), 200)).feed;
    expect((await add({ url: 'https://a.example.invalid/x.ics' })).profile_name).toBe('a.example.invalid');
    expect((await add({ url: 'https://b.example.invalid/x.ics', name: null })).profile_name).toBe('b.example.invalid');
    const trimmed = await add({ url: 'https://c.example.invalid/x.ics', name: '  Team rota  ' });
    expect([trimmed.profile_name, trimmed.profile_calendars[0]!.calendar_name]).toEqual(['Team rota', 'Team rota']);
  });

  it('accepts webcal:// as https://', async () => {
    const { auth, body } = await setup(h);
    const r = await body<{ feed: FeedJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: 'webcal://calendar.example.invalid/x.ics', wait: false } }), 200);
    expect(r.feed.feed_url).toBe('https://calendar.example.invalid/…');
    expect(r.feed.profile_initial_sync_required).toBe(true);
  });

  it('refuses loopback and private feed URLs unless the server allows them', async () => {
    const strict = await createHarness();
    try {
      const { auth, body } = await setup(strict);
      for (const url of [server.url('/a.ics'), 'http://localhost:8080/a.ics', 'http://[::1]/a.ics', 'http://10.0.0.8/a.ics']) {
        const e = await body<{ errors: { url: { key: string; description: string }[] } }>(await strict.call('POST', '/v1/feeds', { headers: auth, json: { url } }), 422);
        expect(e.errors.url[0]).toEqual({
          key: 'errors.invalid',
          description: 'url names a loopback or private address, which is fetched only with --feed-allow-private (KAIROS_FEED_ALLOW_PRIVATE=true), given to kairos serve and to kairos feed commands alike',
        });
      }
    } finally {
      await strict.close();
    }
  });

  it('refuses link-local feed URLs (cloud metadata) even where private addresses are allowed', async () => {
    const { auth, body } = await setup(h);
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/a.ics', 'http://[::ffff:169.254.169.254]/a.ics', 'http://[64:ff9b::a9fe:a9fe]/a.ics']) {
      const e = await body<{ errors: { url: { key: string; description: string }[] } }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url } }), 422);
      expect(e.errors.url[0], url).toEqual({ key: 'errors.invalid', description: 'url names a link-local address, which is never fetched' });
    }
    expect((await body<{ feeds: unknown[] }>(await h.call('GET', '/v1/feeds', { headers: auth }), 200)).feeds).toEqual([]);
  });

  it('limits the feeds of one account', async () => {
    const { acc, auth, body } = await setup(h);
    for (let i = 0; i < 50; i++) await createFeedProfile({ ...h, random }, { sub: acc.sub, url: `https://example.invalid/${i}.ics`, name: `f${i}`, intervalSeconds: 900 });
    const e = await body<{ errors: { url: { key: string }[] } }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: 'https://example.invalid/51.ics' } }), 422);
    expect(e.errors.url[0]!.key).toBe('errors.too_many');
  });

  it('times out a stalled feed with a clear reason, keeps the old events, and keeps answering meanwhile', async () => {
    const { auth, body, events, refresh } = await setup(h);
    server.set('/stall-test.ics', { kind: 'ics', body: V1 });
    const { feed } = await body<{ feed: FeedJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/stall-test.ics') } }), 200);
    server.set('/stall-test.ics', { kind: 'stall' });
    let settled = false;
    const pending = refresh(feed.profile_id).finally(() => (settled = true));
    // Other requests are answered while the fetch waits.
    expect((await h.call('GET', '/v1/userinfo', { headers: auth })).status).toBe(200);
    expect(settled).toBe(false);
    const r = await pending;
    expect(r.refresh).toMatchObject({ status: 'failed', error: 'timed out: the calendar did not arrive within 1 s' });
    expect(r.feed.profile_connected).toBe(false);
    expect((await events()).map((e) => e.summary)).toEqual(['Standup', 'Review']);
  });

  it('refuses a copy cut short (no END:VCALENDAR) and keeps the last complete one', async () => {
    const h = await createHarness({ feeds: FEED_SETTINGS });
    try {
      const { auth, body, events, refresh } = await setup(h);
      const three = feedIcs([
        { uid: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
        { uid: 'b', summary: 'B', start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' },
        { uid: 'c', summary: 'C', start: '2026-06-04T09:00:00Z', end: '2026-06-04T10:00:00Z' },
      ]);
      server.set('/cut.ics', { kind: 'ics', body: three });
      const created = await body<{ feed: FeedJson; refresh: RefreshJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/cut.ics') } }), 200);
      expect(created.refresh.events?.created).toBe(3);
      // The same calendar, cut before its last event (as a connection closed early leaves it).
      server.set('/cut.ics', { kind: 'ics', body: three.slice(0, three.lastIndexOf('BEGIN:VEVENT')) });
      const r = await refresh(created.feed.profile_id);
      expect(r.refresh).toMatchObject({ status: 'failed', events: null });
      expect(r.refresh.error).toMatch(/cut short/);
      expect(r.feed).toMatchObject({ profile_connected: false, feed_last_error: r.refresh.error });
      expect((await events()).map((e) => e.summary)).toEqual(['A', 'B', 'C']);
    } finally {
      await h.close();
    }
  });

  it('expands a feed over the configured horizon', async () => {
    // The harness clock is 2026-06-01T10:00:00Z; 2 days back and 10 ahead.
    const h = await createHarness({ feeds: { ...FEED_SETTINGS, horizonDays: { back: 2, ahead: 10 } } });
    try {
      const { auth, body } = await setup(h);
      const daily = feedIcs([{ uid: 'daily', summary: 'Daily', start: '2026-01-05T08:00:00Z', end: '2026-01-05T08:30:00Z' }]).replace('SUMMARY:Daily', 'SUMMARY:Daily\r\nRRULE:FREQ=DAILY');
      server.set('/daily.ics', { kind: 'ics', body: daily });
      const created = await body<{ feed: FeedJson; refresh: RefreshJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/daily.ics') } }), 200);
      // Occurrences overlapping 2026-05-30T10:00Z .. 2026-06-11T10:00Z: May 31 to June 11 at 08:00.
      expect(created.refresh.events?.created).toBe(12);
    } finally {
      await h.close();
    }
  });

  it('never half-imports a feed that is too large', async () => {
    const tight = await createHarness({ feeds: { ...FEED_SETTINGS, maxBytes: 256 * 1024, timeoutMs: 10_000 } });
    try {
      const { auth, body, events, refresh } = await setup(tight);
      server.set('/grow.ics', { kind: 'ics', body: V1 });
      const { feed } = await body<{ feed: FeedJson }>(await tight.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/grow.ics') } }), 200);
      server.set('/grow.ics', { kind: 'huge', bytes: 10 * 1024 * 1024 });
      const r = await refresh(feed.profile_id);
      expect(r.refresh.error).toBe('the calendar is larger than the import limit of 256.0 KiB');
      expect((await events()).map((e) => e.summary)).toEqual(['Standup', 'Review']);
    } finally {
      await tight.close();
    }
  });

  it('answers 202 for a refresh that runs on, and joins a refresh already running', async () => {
    const { auth, body, events } = await setup(h);
    server.set('/bg.ics', { kind: 'ics', body: V1, etag: '"bg1"' });
    const created = await body<{ feed: FeedJson; refresh?: unknown }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/bg.ics'), wait: false } }), 200);
    expect(created).not.toHaveProperty('refresh');
    expect(created.feed.profile_initial_sync_required).toBe(true);
    // The refresh started by the creation is the one this joins.
    const joined = await h.feeds.refresh(created.feed.profile_id);
    expect(joined?.status).toBe('updated');
    expect(server.requests.filter((r) => r.path === '/bg.ics')).toHaveLength(1);
    server.set('/bg.ics', { kind: 'ics', body: V2, etag: '"bg2"' });
    const res = await h.call('POST', `/v1/feeds/${created.feed.profile_id}/refresh`, { headers: auth });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(h.feeds.isRefreshing(created.feed.profile_id)).toBe(true);
    await h.feeds.refresh(created.feed.profile_id);
    expect((await events()).map((e) => e.summary)).toEqual(['Standup (moved room)', 'Retro']);
    expect(server.requests.filter((r) => r.path === '/bg.ics')).toHaveLength(2);
  });

  it('hides other accounts’ feeds and refuses API keys, element tokens and narrow scopes', async () => {
    const { app, acc, auth, body } = await setup(h);
    server.set('/mine.ics', { kind: 'ics', body: V1 });
    const { feed } = await body<{ feed: FeedJson }>(await h.call('POST', '/v1/feeds', { headers: auth, json: { url: server.url('/mine.ics') } }), 200);
    const other = await h.newAccount(app.applicationId);
    const otherAuth = { authorization: `Bearer ${other.accessToken}` };
    for (const [method, path] of [
      ['GET', `/v1/feeds/${feed.profile_id}`],
      ['POST', `/v1/feeds/${feed.profile_id}/refresh`],
      ['POST', `/v1/profiles/${feed.profile_id}/revoke`],
    ] as const) {
      const res = await h.call(method, path, { headers: otherAuth, ...(method === 'POST' ? { json: { wait: true } } : {}) });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe('not_found');
    }
    expect((await body<{ feeds: unknown[] }>(await h.call('GET', '/v1/feeds', { headers: otherAuth }), 200)).feeds).toEqual([]);
    // The other account's own profile is not a feed: also 404.
    expect((await h.call('GET', `/v1/feeds/${other.profileId}`, { headers: otherAuth })).status).toBe(404);

    const origin = 'https://host.example';
    const et = await h.mint(app.apiKey, { permissions: ['account_management', 'agenda'], subs: [acc.sub], origin });
    for (const [method, path] of [
      ['GET', '/v1/feeds'],
      ['POST', '/v1/feeds'],
      ['GET', `/v1/feeds/${feed.profile_id}`],
      ['POST', `/v1/feeds/${feed.profile_id}/refresh`],
    ] as const) {
      const json = method === 'POST' ? { json: { url: server.url('/mine.ics') } } : {};
      const withEt = await h.call(method, `${path}?et=${et}`, { headers: { origin }, ...json });
      expect(withEt.status, path).toBe(403);
      expect(((await withEt.json()) as { error: string }).error).toBe('credential_not_accepted');
      const withKey = await h.call(method, path, { headers: { authorization: `Bearer ${app.apiKey}` }, ...json });
      expect(withKey.status, path).toBe(403);
    }
    const narrow = await issueAccessToken({ ...h, random }, { applicationId: app.applicationId, sub: acc.sub, scope: 'read_events', ttlSeconds: 3600 });
    const narrowAuth = { authorization: `Bearer ${narrow.accessToken}` };
    const denied = await h.call('POST', '/v1/feeds', { headers: narrowAuth, json: { url: server.url('/mine.ics') } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toBe('insufficient_scope');
    expect((await h.call('GET', '/v1/feeds', { headers: narrowAuth })).status).toBe(403);
    const reader = await issueAccessToken({ ...h, random }, { applicationId: app.applicationId, sub: acc.sub, scope: 'list_calendars', ttlSeconds: 3600 });
    const readerAuth = { authorization: `Bearer ${reader.accessToken}` };
    expect((await h.call('GET', `/v1/feeds/${feed.profile_id}`, { headers: readerAuth })).status).toBe(200);
    expect((await h.call('POST', `/v1/feeds/${feed.profile_id}/refresh`, { headers: readerAuth })).status).toBe(403);
  });

  it('logs feeds by redacted URL and fingerprint only', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const loud = await createHarness({ feeds: FEED_SETTINGS, logger: createLogger({ level: 'info', destination: sink }) });
    try {
      const { auth, body, refresh } = await setup(loud);
      const path = `/${SECRET}/log.ics`;
      server.set(path, { kind: 'ics', body: V1 });
      const url = server.url(path).replace('http://', `http://jane:${SECRET}pw@`) + `?token=${SECRET}`;
      const { feed } = await body<{ feed: FeedJson }>(await loud.call('POST', '/v1/feeds', { headers: auth, json: { url } }), 200);
      server.set(path, { kind: 'status', status: 503 });
      await refresh(feed.profile_id);
      expect(logged).toContain('"msg":"feed refreshed"');
      expect(logged).toContain('"msg":"feed refresh failed"');
      expect(logged).toContain(`"feed":"${server.origin}/…"`);
      expect(logged).toContain(`"feed_fp":"${feed.feed_url_fingerprint}"`);
      expect(logged).not.toContain(SECRET);
    } finally {
      await loud.close();
    }
  });
});
