import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('POST /v1/profiles/{id}/revoke', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  async function setup() {
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    const auth = { authorization: `Bearer ${acc.accessToken}` };
    const put = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
      headers: auth,
      json: { event_id: 'e1', summary: 'Busy', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
    });
    expect(put.status).toBe(202);
    return { app, acc, auth };
  }

  it('removes the profile, its calendars and their events, once', async () => {
    const { acc, auth } = await setup();
    const res = await h.call('POST', `/v1/profiles/${acc.profileId}/revoke`, { headers: auth });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const cals = (await (await h.call('GET', '/v1/calendars', { headers: auth })).json()) as { calendars: unknown[] };
    expect(cals.calendars).toEqual([]);
    const events = (await (await h.call('GET', '/v1/events?include_managed=true&from=2026-06-01&to=2026-06-05', { headers: auth })).json()) as { events: unknown[] };
    expect(events.events).toEqual([]);
    const info = (await (await h.call('GET', '/v1/userinfo', { headers: auth })).json()) as { 'cronofy.data': { profiles: unknown[] } };
    expect(info['cronofy.data'].profiles).toEqual([]);
    // The account and its token stay valid; a second revoke is 404.
    const again = await h.call('POST', `/v1/profiles/${acc.profileId}/revoke`, { headers: auth });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: string }).error).toBe('not_found');
  });

  it('drops the stored later pages of the account\'s earlier reads, which listed the profile\'s events; other accounts\' pages stay', async () => {
    await h.close();
    h = await createHarness({ config: { pageSize: 1 } });
    const { app, acc, auth } = await setup();
    for (const id of ['e2', 'e3']) {
      const put = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: auth, json: { event_id: id, summary: 'Busy', start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' } });
      expect(put.status).toBe(202);
    }
    const other = await h.newAccount(app.applicationId);
    const otherAuth = { authorization: `Bearer ${other.accessToken}` };
    for (const id of ['o1', 'o2']) {
      await h.call('POST', `/v1/calendars/${other.calendarId}/events`, { headers: otherAuth, json: { event_id: id, summary: 'Theirs', start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' } });
    }
    const origin = 'https://host.example';
    const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin });
    const read = '/v1/events?include_managed=true&from=2026-06-01&to=2026-06-05';
    const nextPage = async (res: Response) => ((await res.json()) as { pages: { next_page: string } }).pages.next_page;
    const byToken = await nextPage(await h.call('GET', read, { headers: auth }));
    const byElement = await nextPage(await h.call('GET', `${read}&et=${et}`, { headers: { origin } }));
    const theirs = await nextPage(await h.call('GET', read, { headers: otherAuth }));
    expect((await h.call('GET', byToken, { headers: auth })).status).toBe(200);

    expect((await h.call('POST', `/v1/profiles/${acc.profileId}/revoke`, { headers: auth })).status).toBe(202);
    expect((await h.call('GET', byToken, { headers: auth })).status).toBe(404);
    expect((await h.call('GET', `${byElement}?et=${et}`, { headers: { origin } })).status).toBe(404);
    expect((await h.call('GET', theirs, { headers: otherAuth })).status).toBe(200);
    // Page 1 again shows the account without the profile's events.
    expect(((await (await h.call('GET', read, { headers: auth })).json()) as { events: unknown[] }).events).toEqual([]);
  });

  it('a read whose snapshot is stored after a revoke committed stores no later pages (they would list the profile\'s events)', async () => {
    await h.close();
    h = await createHarness({ config: { pageSize: 1 } });
    const { acc, auth } = await setup();
    await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: auth, json: { event_id: 'e2', summary: 'Busy', start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' } });
    // The revoke lands after the read has selected its events and before it stores its pages.
    const save = h.store.savePages.bind(h.store);
    let revoked = 0;
    h.store.savePages = async (pages, opts) => {
      if (revoked++ === 0) expect((await h.call('POST', `/v1/profiles/${acc.profileId}/revoke`, { headers: auth })).status).toBe(202);
      return save(pages, opts);
    };
    const res = await h.call('GET', '/v1/events?include_managed=true&from=2026-06-01&to=2026-06-05', { headers: auth });
    expect(res.status).toBe(200);
    const first = (await res.json()) as { pages: { total: number; next_page: string } };
    expect(first.pages.total).toBe(2);
    expect((await h.call('GET', first.pages.next_page, { headers: auth })).status).toBe(404);
  });

  it('accepts an account_management element token with an empty JSON body, on the primary sub only', async () => {
    const { app, acc } = await setup();
    const other = await h.newAccount(app.applicationId);
    const origin = 'https://host.example';
    const et = await h.mint(app.apiKey, { permissions: ['account_management'], subs: [acc.sub, other.sub], origin });
    const headers = { origin, 'content-type': 'application/json; charset=utf-8' };
    // A profile of the second sub is not the primary sub's: 404.
    const foreign = await h.call('POST', `/v1/profiles/${other.profileId}/revoke?et=${et}`, { headers });
    expect(foreign.status).toBe(404);
    const ok = await h.call('POST', `/v1/profiles/${acc.profileId}/revoke?et=${et}`, { headers });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    const agenda = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [other.sub], origin });
    const denied = await h.call('POST', `/v1/profiles/${other.profileId}/revoke?et=${agenda}`, { headers });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toBe('insufficient_permission');
  });

  it('is 404 for an unknown profile and for another account\'s profile', async () => {
    const { app, auth } = await setup();
    const other = await h.newAccount(app.applicationId);
    expect((await h.call('POST', '/v1/profiles/pro_doesnotexist000/revoke', { headers: auth })).status).toBe(404);
    expect((await h.call('POST', `/v1/profiles/${other.profileId}/revoke`, { headers: auth })).status).toBe(404);
  });
});
