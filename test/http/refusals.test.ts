/**
 * Every refusal of PROTOCOL §2.4, §2.5, §4.1 and §5.1: exact status and `error` code, JSON
 * bodies without a top-level `errors` key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expect422, expectError, importedEvent, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const EVENT = { event_id: 'e1', summary: 'S', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' };

describe('refusals', () => {
  let h: Harness;
  let app: { applicationId: string; clientId: string; apiKey: string };
  let acc: PersonAccount;
  let et: string;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
  });
  afterEach(async () => h.close());

  const get = (path: string, headers: Record<string, string> = {}) => h.call('GET', path, { headers });
  const withEt = (path: string, token = et) => `${path}${path.includes('?') ? '&' : '?'}et=${token}`;

  describe('host credentials', () => {
    it('no Authorization → 401 invalid_credentials with WWW-Authenticate: Bearer', async () => {
      for (const path of ['/v1/account', '/v1/calendars', '/v1/userinfo', '/v1/events']) {
        const res = await get(path);
        await expectError(res, 401, 'invalid_credentials');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      // Routes an element may call say that et is the other way in (a next_page link fetched
      // by an element without its token, say).
      const described = async (path: string) => ((await (await get(path)).json()) as { error_description: string }).error_description;
      expect(await described('/v1/events/pages/pg_nothere')).toBe(
        'No credentials were sent: use an Authorization: Bearer header, or the et parameter with an element token (add it to next_page links too).',
      );
      expect(await described('/v1/calendars')).toBe('No credentials were sent: use an Authorization: Bearer header.');
    });

    it('unknown bearer values and malformed headers → 401', async () => {
      const table = [
        `Bearer ${app.apiKey}x`,
        `Bearer ${acc.accessToken.slice(0, -1)}`,
        'Bearer ',
        'Bearer',
        `Basic ${Buffer.from(`${app.clientId}:${app.apiKey}`).toString('base64')}`,
        `Token ${acc.accessToken}`,
        `Bearer ${acc.accessToken} extra`,
        '',
      ];
      for (const authorization of table) {
        await expectError(await get('/v1/account', { authorization }), 401, 'invalid_credentials');
      }
    });

    it('the Bearer scheme name is matched case-insensitively', async () => {
      for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
        expect((await get('/v1/account', { authorization: `${scheme} ${acc.accessToken}` })).status).toBe(200);
      }
    });

    it('an API key where an access token is needed → 403 credential_not_accepted', async () => {
      for (const [method, path] of [
        ['GET', '/v1/account'],
        ['GET', '/v1/userinfo'],
        ['GET', '/v1/calendars'],
        ['POST', '/v1/calendars'],
        ['GET', '/v1/events'],
        ['GET', '/v1/free_busy'],
        ['POST', `/v1/calendars/${acc.calendarId}/events`],
        ['DELETE', `/v1/calendars/${acc.calendarId}/events`],
      ] as const) {
        const res = await h.call(method, path, { headers: bearer(app.apiKey), json: method === 'GET' ? undefined : {} });
        await expectError(res, 403, 'credential_not_accepted');
      }
    });

    it('an access token where an API key is needed → 403 credential_not_accepted', async () => {
      const res = await h.call('POST', '/v1/element_tokens', { headers: bearer(acc.accessToken), json: { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN } });
      await expectError(res, 403, 'credential_not_accepted');
    });

    it('a refresh token used as a bearer → 401', async () => {
      await expectError(await get('/v1/account', bearer(acc.refreshToken)), 401, 'invalid_credentials');
      await expectError(await get('/v1/events', bearer(acc.refreshToken)), 401, 'invalid_credentials');
    });

    it('an element token in the Authorization header is not a credential → 401', async () => {
      await expectError(await get('/v1/userinfo', { ...bearer(et), origin: ORIGIN }), 401, 'invalid_credentials');
    });

    it('host credentials in the query string are ignored → 401', async () => {
      await expectError(await get(`/v1/account?access_token=${acc.accessToken}`), 401, 'invalid_credentials');
      await expectError(await get(`/v1/account?bearer=${acc.accessToken}`), 401, 'invalid_credentials');
      // An access token passed as `et` is not an element token.
      await expectError(await get(`/v1/userinfo?et=${acc.accessToken}`, { origin: ORIGIN }), 401, 'invalid_token');
      await expectError(await get(`/v1/userinfo?et=${app.apiKey}`, { origin: ORIGIN }), 401, 'invalid_token');
    });

    it('an expired access token → 401 token_expired; one ms before expiry is fine', async () => {
      h.clock.advance(10_800_000 - 1);
      expect((await get('/v1/account', bearer(acc.accessToken))).status).toBe(200);
      h.clock.advance(1);
      await expectError(await get('/v1/account', bearer(acc.accessToken)), 401, 'token_expired');
    });

    it('access tokens of a revoked authorisation → 401', async () => {
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: acc.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expectError(await get('/v1/account', bearer(acc.accessToken)), 401, 'invalid_credentials');
    });

    it('an element token on a host-only route → 403 credential_not_accepted, without CORS headers', async () => {
      for (const [method, path] of [
        ['GET', '/v1/account'],
        ['GET', '/v1/calendars'],
        ['POST', '/v1/calendars'],
        ['POST', `/v1/calendars/${acc.calendarId}/events`],
        ['DELETE', `/v1/calendars/${acc.calendarId}/events`],
        ['POST', '/v1/element_tokens'],
      ] as const) {
        const res = await h.call(method, withEt(path), { headers: { origin: ORIGIN }, json: method === 'GET' ? undefined : {} });
        await expectError(res, 403, 'credential_not_accepted');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('element tokens on every route outside §4.5 (§2.4, §3.5)', () => {
    /** Every non-element API route of the app, with a body that would otherwise succeed or fail for another reason. */
    const hostRoutes = (): [string, string, Record<string, string>, string?][] => {
      const json = { 'content-type': 'application/json' };
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const clientJson = (extra: Record<string, string>) => JSON.stringify({ client_id: app.clientId, client_secret: app.apiKey, ...extra });
      return [
        ['POST', '/v1/element_tokens', json, JSON.stringify({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN })],
        ['POST', '/v1/application_calendars', json, clientJson({ application_calendar_id: 'room-1' })],
        ['POST', '/v1/application_calendars', form, `client_id=${app.clientId}&client_secret=${app.apiKey}&application_calendar_id=room-2`],
        ['GET', '/v1/account', {}],
        ['GET', '/v1/calendars', {}],
        ['POST', '/v1/calendars', json, JSON.stringify({ profile_id: acc.profileId, name: 'New' })],
        ['POST', `/v1/calendars/${acc.calendarId}/events`, json, JSON.stringify(EVENT)],
        ['DELETE', `/v1/calendars/${acc.calendarId}/events`, json, JSON.stringify({ event_id: 'e1' })],
        ['POST', '/v1/availability/explain', json, '{}'],
        ['GET', '/v1/availability_rules', {}],
        ['DELETE', '/v1/availability_rules/r1', {}],
        ['POST', '/v1/available_periods', json, '{}'],
        ['GET', '/v1/available_periods', {}],
        ['GET', '/v1/available_periods/pages/p1', {}],
        ['DELETE', '/v1/available_periods', json, '{"delete_all":true}'],
        ['POST', '/v1/feeds', json, '{"url":"https://feeds.example/a.ics"}'],
        ['GET', '/v1/feeds', {}],
        ['GET', `/v1/feeds/${acc.profileId}`, {}],
        ['POST', `/v1/feeds/${acc.profileId}/refresh`, json, '{}'],
      ];
    };
    const send = (method: string, path: string, headers: Record<string, string>, raw: string | undefined, token: string) =>
      h.call(method, withEt(path, token), { headers: { origin: ORIGIN, ...headers }, body: raw });

    it('a valid element token → 403 credential_not_accepted with a JSON body and no CORS headers; nothing is done', async () => {
      const every = await h.mint(app.apiKey, { permissions: ['agenda', 'availability', 'managed_availability', 'account_management'], subs: [acc.sub], origin: ORIGIN });
      for (const [method, path, headers, raw] of hostRoutes()) {
        const res = await send(method, path, headers, raw, every);
        await expectError(res, 403, 'credential_not_accepted');
        expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      }
      expect(await h.store.listCalendars(acc.sub)).toHaveLength(1);
      expect(await h.store.findApplicationCalendar(app.applicationId, 'room-1')).toBeNull();
      expect(await h.store.findApplicationCalendar(app.applicationId, 'room-2')).toBeNull();
    });

    it('the token endpoint answers any et with 400 invalid_request, its RFC 6749 error body (§5.2.2, §9.29)', async () => {
      const valid = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      const bodies: [Record<string, string>, string][] = [
        [{ 'content-type': 'application/json' }, JSON.stringify({ client_id: app.clientId, client_secret: app.apiKey, grant_type: 'refresh_token', refresh_token: acc.refreshToken })],
        [{ 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=refresh_token&refresh_token=${acc.refreshToken}&client_id=${app.clientId}&client_secret=${app.apiKey}`],
      ];
      for (const token of [valid, 'x'.repeat(43), '']) {
        for (const [headers, raw] of bodies) {
          const res = await send('POST', '/oauth/token', headers, raw, token);
          expect(res.status).toBe(400);
          expect(await res.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('not an element token') });
          expect(res.headers.get('access-control-allow-origin')).toBeNull();
        }
      }
    });

    it('an unknown, expired or ambiguous element token → 401', async () => {
      for (const [method, path, headers, raw] of hostRoutes()) {
        await expectError(await send(method, path, headers, raw, 'x'.repeat(43)), 401, 'invalid_token');
        await expectError(await send(method, path, headers, raw, ''), 401, 'invalid_token');
        await expectError(await send(method, path, { ...headers, ...bearer(acc.accessToken) }, raw, et), 401, 'ambiguous_credentials');
      }
      h.clock.advance(64_800_000);
      for (const [method, path, headers, raw] of hostRoutes()) await expectError(await send(method, path, headers, raw, et), 401, 'token_expired');
    });
  });

  describe('scopes (§5.1)', () => {
    const routes: [string, string, string, unknown?][] = [
      ['GET', '/v1/userinfo', 'read_account'],
      ['GET', '/v1/account', 'read_account'],
      ['GET', '/v1/calendars', 'list_calendars'],
      ['POST', '/v1/calendars', 'create_calendar', { name: 'New' }],
      ['GET', '/v1/events', 'read_events'],
      ['GET', '/v1/free_busy', 'read_events'],
      ['GET', '/v1/free_busy', 'read_free_busy'],
      ['POST', 'EVENTS', 'create_event', EVENT],
      ['DELETE', 'EVENTS', 'delete_event', { event_id: 'e1' }],
    ];
    const ALL = ['read_account', 'list_calendars', 'create_calendar', 'read_events', 'read_free_busy', 'create_event', 'delete_event'];

    it.each(routes)('%s %s needs %s', async (method, rawPath, scope, json) => {
      const granted = await personAccount(h, app.applicationId, { scope });
      const others = await personAccount(h, app.applicationId, { scope: ALL.filter((s) => s !== scope && !(rawPath === '/v1/free_busy' && (s === 'read_events' || s === 'read_free_busy'))).join(' ') });
      const path = (a: PersonAccount) => (rawPath === 'EVENTS' ? `/v1/calendars/${a.calendarId}/events` : rawPath);
      const send = (a: PersonAccount) => {
        const j = json && typeof json === 'object' && 'name' in json ? { ...json, profile_id: a.profileId } : json;
        return h.call(method, path(a), { headers: bearer(a.accessToken), json: j });
      };
      const ok = await send(granted);
      expect(ok.status, await ok.clone().text()).toBeLessThan(300);
      await expectError(await send(others), 403, 'insufficient_scope');
    });

    it('read_free_busy does not grant events', async () => {
      const a = await personAccount(h, app.applicationId, { scope: 'read_free_busy' });
      await expectError(await get('/v1/events', bearer(a.accessToken)), 403, 'insufficient_scope');
    });

    it('read_write grants everything', async () => {
      for (const path of ['/v1/userinfo', '/v1/account', '/v1/calendars', '/v1/events', '/v1/free_busy']) {
        expect((await get(path, bearer(acc.accessToken))).status, path).toBe(200);
      }
    });
  });

  describe('element tokens (§4.1)', () => {
    it('et together with Authorization → 401 ambiguous_credentials', async () => {
      await expectError(await get(withEt('/v1/userinfo'), { ...bearer(acc.accessToken), origin: ORIGIN }), 401, 'ambiguous_credentials');
      // Even an empty or unknown et, and even a blank Authorization header.
      await expectError(await get('/v1/userinfo?et=', { ...bearer(acc.accessToken), origin: ORIGIN }), 401, 'ambiguous_credentials');
      await expectError(await get(withEt('/v1/userinfo'), { authorization: 'Bearer x', origin: ORIGIN }), 401, 'ambiguous_credentials');
    });

    it('empty et → 401 invalid_token', async () => {
      for (const path of ['/v1/userinfo?et=', '/v1/userinfo?et', '/v1/events?from=2026-06-01&et=&to=2026-06-02']) {
        await expectError(await get(path, { origin: ORIGIN }), 401, 'invalid_token');
      }
    });

    it('unknown or tampered token → 401 invalid_token', async () => {
      const last = et.at(-1)!;
      const tampered = et.slice(0, -1) + (last === 'A' ? 'B' : 'A');
      const first = (et[0] === 'a' ? 'b' : 'a') + et.slice(1);
      for (const t of [tampered, first, et + 'A', et.slice(0, -1), 'x'.repeat(43), et.toUpperCase() === et ? et.toLowerCase() : et.toUpperCase()]) {
        await expectError(await get(`/v1/userinfo?et=${t}`, { origin: ORIGIN }), 401, 'invalid_token');
      }
    });

    it('expiry: one ms before is fine, exactly at expiry → 401 token_expired', async () => {
      h.clock.advance(64_800_000 - 1);
      expect((await get(withEt('/v1/userinfo'), { origin: ORIGIN })).status).toBe(200);
      h.clock.advance(1);
      await expectError(await get(withEt('/v1/userinfo'), { origin: ORIGIN }), 401, 'token_expired');
      // Expiry is decided before the origin check.
      await expectError(await get(withEt('/v1/userinfo'), { origin: 'https://evil.example' }), 401, 'token_expired');
    });

    it('wrong origin → 403 origin_mismatch', async () => {
      for (const origin of ['https://evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'https://sub.app.example.com', 'https://app.example.co']) {
        await expectError(await get(withEt('/v1/userinfo'), { origin }), 403, 'origin_mismatch');
      }
    });

    it('the Origin header is normalised before comparison', async () => {
      for (const origin of ['https://APP.example.com', 'https://app.example.com:443', 'https://app.example.com/']) {
        expect((await get(withEt('/v1/userinfo'), { origin })).status, origin).toBe(200);
      }
    });

    it('Origin: null → 403 origin_mismatch', async () => {
      await expectError(await get(withEt('/v1/userinfo'), { origin: 'null' }), 403, 'origin_mismatch');
    });

    it('missing Origin → 403 origin_mismatch, even with Sec-Fetch-Site: same-origin when the token is for another origin', async () => {
      await expectError(await get(withEt('/v1/userinfo')), 403, 'origin_mismatch');
      await expectError(await get(withEt('/v1/userinfo'), { 'sec-fetch-site': 'same-origin' }), 403, 'origin_mismatch');
    });

    it('same-origin exception: no Origin, Sec-Fetch-Site: same-origin and a token for the base URL origin', async () => {
      const own = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: 'HTTP://API.kairos.test/' });
      expect((await get(withEt('/v1/userinfo', own), { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await get(withEt('/v1/events', own), { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      for (const site of ['same-site', 'cross-site', 'none', 'SAME-ORIGIN', '']) {
        await expectError(await get(withEt('/v1/userinfo', own), { 'sec-fetch-site': site }), 403, 'origin_mismatch');
      }
      await expectError(await get(withEt('/v1/userinfo', own)), 403, 'origin_mismatch');
      // With an Origin header present, the Origin must match: the exception does not apply.
      await expectError(await get(withEt('/v1/userinfo', own), { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), 403, 'origin_mismatch');
    });

    it('a token without a permission for the route → 403 insufficient_permission', async () => {
      const tokenFor = (permissions: string[]) => h.mint(app.apiKey, { permissions, subs: [acc.sub], origin: ORIGIN });
      const availability = await tokenFor(['availability']);
      for (const path of ['/v1/events', '/v1/free_busy', '/v1/userinfo']) {
        await expectError(await get(withEt(path, availability), { origin: ORIGIN }), 403, 'insufficient_permission');
      }
      const managed = await tokenFor(['managed_availability']);
      const sync = await tokenFor(['account_management']);
      for (const t of [managed, sync]) {
        expect((await get(withEt('/v1/userinfo', t), { origin: ORIGIN })).status).toBe(200);
        await expectError(await get(withEt('/v1/events', t), { origin: ORIGIN }), 403, 'insufficient_permission');
        await expectError(await get(withEt('/v1/free_busy', t), { origin: ORIGIN }), 403, 'insufficient_permission');
      }
      // Permissions add up.
      const both = await tokenFor(['availability', 'agenda']);
      expect((await get(withEt('/v1/events', both), { origin: ORIGIN })).status).toBe(200);
    });

    it('the origin check comes before the permission check', async () => {
      const availability = await h.mint(app.apiKey, { permissions: ['availability'], subs: [acc.sub], origin: ORIGIN });
      await expectError(await get(withEt('/v1/events', availability), { origin: 'https://evil.example' }), 403, 'origin_mismatch');
    });

    it('a revoked authorisation invalidates element tokens at once → 401 invalid_token', async () => {
      const other = await personAccount(h, app.applicationId);
      const multi = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub, other.sub], origin: ORIGIN });
      expect((await get(withEt('/v1/userinfo'), { origin: ORIGIN })).status).toBe(200);
      // Revoking the second sub invalidates the multi-sub token, not the single-sub one.
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: other.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expectError(await get(withEt('/v1/userinfo', multi), { origin: ORIGIN }), 401, 'invalid_token');
      expect((await get(withEt('/v1/userinfo'), { origin: ORIGIN })).status).toBe(200);
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: acc.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expectError(await get(withEt('/v1/userinfo'), { origin: ORIGIN }), 401, 'invalid_token');
      await expectError(await get(withEt('/v1/events'), { origin: ORIGIN }), 401, 'invalid_token');
    });

    it('refusals on element routes carry CORS headers so the page can read the status', async () => {
      const res = await get('/v1/userinfo?et=unknown-token-value', { origin: ORIGIN });
      await expectError(res, 401, 'invalid_token');
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toMatch(/Origin/);
    });
  });

  describe('ownership', () => {
    it("another account's calendar → 404 not_found on upsert and delete", async () => {
      const other = await personAccount(h, app.applicationId);
      await expectError(await h.call('POST', `/v1/calendars/${other.calendarId}/events`, { headers: bearer(acc.accessToken), json: EVENT }), 404, 'not_found');
      await expectError(await h.call('DELETE', `/v1/calendars/${other.calendarId}/events`, { headers: bearer(acc.accessToken), json: { event_id: 'e1' } }), 404, 'not_found');
      await expectError(await h.call('POST', '/v1/calendars/cal_doesnotexist000000/events', { headers: bearer(acc.accessToken), json: EVENT }), 404, 'not_found');
      // The other account's calendar is untouched.
      const list = await get('/v1/events?include_managed=true&from=2026-06-01&to=2026-06-05', bearer(other.accessToken));
      expect((await body(list)).events).toEqual([]);
    });

    it("another application's sub in a token request → 422 subs not_recognized", async () => {
      const other = await h.newApp('Other');
      const theirs = await personAccount(h, other.applicationId);
      const res = await h.call('POST', '/v1/element_tokens', { headers: bearer(app.apiKey), json: { permissions: ['agenda'], subs: [theirs.sub], origin: ORIGIN } });
      await expect422(res, { subs: ['errors.not_recognized'] });
    });

    it("an element token never reads another account's events", async () => {
      const other = await personAccount(h, app.applicationId);
      await importedEvent(h, other, { start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', summary: 'Secret' });
      await importedEvent(h, acc, { start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', summary: 'Mine' });
      const res = await get(withEt('/v1/events?from=2026-06-01&to=2026-06-05'), { origin: ORIGIN });
      expect((await body(res)).events.map((e: { summary: string }) => e.summary)).toEqual(['Mine']);
    });
  });

  describe('page URLs are bound to the credential of the first request (§2.6)', () => {
    it('same token → 200; another token, even for the same account → 404; access token → 404', async () => {
      const h3 = await createHarness({ config: { pageSize: 1 } });
      try {
        const a = await h3.newApp();
        const p = await personAccount(h3, a.applicationId);
        for (let i = 0; i < 3; i++) await importedEvent(h3, p, { start: `2026-06-0${i + 2}T09:00:00Z`, end: `2026-06-0${i + 2}T10:00:00Z` });
        const t1 = await h3.mint(a.apiKey, { permissions: ['agenda'], subs: [p.sub], origin: ORIGIN });
        const t2 = await h3.mint(a.apiKey, { permissions: ['agenda'], subs: [p.sub], origin: ORIGIN });
        const first = await body(await h3.call('GET', `/v1/events?from=2026-06-01&to=2026-06-10&et=${t1}`, { headers: { origin: ORIGIN } }));
        const next = first.pages.next_page as string;
        expect(next).toMatch(/^http:\/\/api\.kairos\.test\/v1\/events\/pages\/[A-Za-z0-9_-]+$/);
        await expectError(await h3.call('GET', `${next}?et=${t2}`, { headers: { origin: ORIGIN } }), 404, 'not_found');
        await expectError(await h3.call('GET', next, { headers: bearer(p.accessToken) }), 404, 'not_found');
        // Free/busy pages are a different resource.
        await expectError(await h3.call('GET', next.replace('/events/', '/free_busy/') + `?et=${t1}`, { headers: { origin: ORIGIN } }), 404, 'not_found');
        const ok = await h3.call('GET', `${next}?et=${t1}`, { headers: { origin: ORIGIN } });
        expect(ok.status).toBe(200);
        expect((await body(ok)).pages.current).toBe(2);
        // The page URL still checks origin and permission.
        await expectError(await h3.call('GET', `${next}?et=${t1}`, { headers: { origin: 'https://evil.example' } }), 403, 'origin_mismatch');
        // Unknown page ids → 404.
        await expectError(await h3.call('GET', `/v1/events/pages/nope?et=${t1}`, { headers: { origin: ORIGIN } }), 404, 'not_found');
      } finally {
        await h3.close();
      }
    });
  });
});
