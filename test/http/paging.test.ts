/** Pagination of /v1/events and /v1/free_busy (PROTOCOL §2.6, §4.5 E4). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../src/services/index.js';
import { authorizeFor, bearer, body, expectError, importedEvent, personAccount, random, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const BASE_URL = 'http://api.kairos.test';
const W = 'from=2026-06-01&to=2026-06-30';

describe('paging with a page size of 3', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let et: string;
  let uids: string[];

  beforeEach(async () => {
    h = await createHarness({ config: { pageSize: 3 } });
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    uids = [];
    for (let i = 0; i < 7; i++) {
      const day = String(2 + i).padStart(2, '0');
      uids.push(await importedEvent(h, acc, { summary: `E${i}`, start: `2026-06-${day}T09:00:00Z`, end: `2026-06-${day}T10:00:00Z` }));
    }
  });
  afterEach(async () => h.close());

  const getEt = (url: string, token = et) => h.call('GET', `${url}${url.includes('?') ? '&' : '?'}et=${token}`, { headers: { origin: ORIGIN } });

  it('walks all pages with the same element token; next_page is absolute and carries no credential', async () => {
    const first = await body(await getEt(`/v1/events?${W}&include_userinfo=true`));
    expect(first.pages.current).toBe(1);
    expect(first.pages.total).toBe(3);
    expect(first.userinfo.sub).toBe(acc.sub);
    const next = first.pages.next_page as string;
    expect(next).toMatch(new RegExp(`^${BASE_URL.replace(/\./g, '\\.')}/v1/events/pages/[A-Za-z0-9_-]{43,128}$`));
    expect(next).not.toContain(et);
    expect(next).not.toContain('?');

    const second = await body(await getEt(next));
    expect(second.pages.current).toBe(2);
    expect(second.pages.total).toBe(3);
    expect(second).not.toHaveProperty('userinfo');
    expect(Object.keys(second).sort()).toEqual(['events', 'pages']);
    const third = await body(await getEt(second.pages.next_page));
    expect(third.pages).toEqual({ current: 3, total: 3 });
    expect(third).not.toHaveProperty('userinfo');

    const all = [...first.events, ...second.events, ...third.events].map((e: Json) => e.summary);
    expect(all).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
    expect([first.events.length, second.events.length, third.events.length]).toEqual([3, 3, 1]);
  });

  it('page URLs are followed with a Content-Type header and extra parameters, which are ignored', async () => {
    const first = await body(await getEt(`/v1/events?${W}`));
    const res = await h.call('GET', `${first.pages.next_page}?from=garbage&include_managed=maybe&et=${et}`, {
      headers: { origin: ORIGIN, 'content-type': 'application/json; charset=utf-8', 'cronofy-element': 'v1, agenda' },
    });
    expect(res.status).toBe(200);
    expect((await body(res)).events.map((e: Json) => e.summary)).toEqual(['E3', 'E4', 'E5']);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('pages come from a snapshot: later changes do not move them', async () => {
    const first = await body(await getEt(`/v1/events?${W}`));
    await importedEvent(h, acc, { summary: 'NEW', start: '2026-06-01T09:00:00Z', end: '2026-06-01T10:00:00Z' });
    await h.store.putEvent({ ...(await h.store.getEvent(uids[4]!))!, summary: 'E4 renamed' });
    const second = await body(await getEt(first.pages.next_page));
    expect(second.events.map((e: Json) => e.summary)).toEqual(['E3', 'E4', 'E5']);
    expect(second.pages.total).toBe(3);
    // A new first request sees the change.
    const fresh = await body(await getEt(`/v1/events?${W}`));
    expect(fresh.events.map((e: Json) => e.summary)).toEqual(['NEW', 'E0', 'E1']);
  });

  it('page ids stay valid for at least 15 minutes, then expire → 404', async () => {
    const first = await body(await getEt(`/v1/events?${W}`));
    const next = first.pages.next_page as string;
    h.clock.advance(15 * 60_000);
    expect((await getEt(next)).status).toBe(200);
    h.clock.set(Date.parse('2026-06-01T10:00:00Z') + h.config.pageTtlMs - 1);
    expect((await getEt(next)).status).toBe(200);
    h.clock.advance(1);
    await expectError(await getEt(next), 404, 'not_found');
  });

  it('a page id is bound to the element token of the first request', async () => {
    const other = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    const first = await body(await getEt(`/v1/events?${W}`));
    await expectError(await getEt(first.pages.next_page, other), 404, 'not_found');
    await expectError(await h.call('GET', first.pages.next_page, { headers: bearer(acc.accessToken) }), 404, 'not_found');
    expect((await getEt(first.pages.next_page)).status).toBe(200);
  });

  it('with access tokens: bound to the (application, account) pair', async () => {
    const first = await body(await h.call('GET', `/v1/events?${W}`, { headers: bearer(acc.accessToken) }));
    const next = first.pages.next_page as string;
    expect(next).not.toContain(acc.accessToken);
    expect((await h.call('GET', next, { headers: bearer(acc.accessToken) })).status).toBe(200);
    // Another access token of the same (application, account) may follow it.
    const again = await issueAccessToken({ store: h.store, clock: h.clock, random }, { applicationId: app.applicationId, sub: acc.sub, scope: 'read_write', ttlSeconds: 10_800 });
    expect((await h.call('GET', next, { headers: bearer(again.accessToken) })).status).toBe(200);
    // Another account, another application, or an element token: 404.
    const stranger = await personAccount(h, app.applicationId);
    await expectError(await h.call('GET', next, { headers: bearer(stranger.accessToken) }), 404, 'not_found');
    const otherApp = await h.newApp('Other');
    const otherToken = await authorizeFor(h, otherApp.applicationId, acc.sub);
    await expectError(await h.call('GET', next, { headers: bearer(otherToken) }), 404, 'not_found');
    await expectError(await getEt(next), 404, 'not_found');
  });

  it('page URLs still need a valid credential and the permission', async () => {
    const first = await body(await getEt(`/v1/events?${W}`));
    const next = first.pages.next_page as string;
    await expectError(await h.call('GET', next), 401, 'invalid_credentials');
    await expectError(await h.call('GET', next, { headers: { origin: ORIGIN } }), 401, 'invalid_credentials');
    h.clock.advance(64_800_000);
    await expectError(await getEt(next), 401, 'token_expired');
  });

  it('free/busy pages work the same way and are a separate resource', async () => {
    const first = await body(await getEt(`/v1/free_busy?${W}&include_userinfo=true`));
    expect(first.pages.total).toBe(3);
    expect(first.userinfo.sub).toBe(acc.sub);
    const next = first.pages.next_page as string;
    expect(next).toMatch(/^http:\/\/api\.kairos\.test\/v1\/free_busy\/pages\/[A-Za-z0-9_-]{43,128}$/);
    await expectError(await getEt(next.replace('/free_busy/', '/events/')), 404, 'not_found');
    const second = await body(await getEt(next));
    expect(second).not.toHaveProperty('userinfo');
    expect(second.pages.current).toBe(2);
    expect(second.free_busy.map((f: Json) => f.start)).toEqual(['2026-06-05T09:00:00Z', '2026-06-06T09:00:00Z', '2026-06-07T09:00:00Z']);
  });

  it('exactly one full page has no next_page', async () => {
    const b = await body(await getEt('/v1/events?from=2026-06-02&to=2026-06-05'));
    expect(b.pages).toEqual({ current: 1, total: 1 });
    expect(b.events).toHaveLength(3);
  });
});
