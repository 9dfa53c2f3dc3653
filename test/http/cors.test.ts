/** CORS on element routes and its absence elsewhere (PROTOCOL §4.3, §4.4, §8.5, §8.8). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-allow-credentials',
  'access-control-max-age',
  'access-control-expose-headers',
  'access-control-allow-private-network',
];

function expectNoCors(res: Response): void {
  for (const name of CORS_HEADERS) expect(res.headers.get(name), name).toBeNull();
}

const ELEMENT_PATHS = [
  '/v1/userinfo',
  '/v1/events',
  '/v1/events/pages/abc',
  '/v1/free_busy',
  '/v1/free_busy/pages/abc',
  '/v1/availability',
  '/v1/sequenced_availability',
  '/v1/availability_rules/default',
  '/v1/availability_rules',
  '/v1/profiles/pro_abcdefghij/revoke',
];

describe('CORS', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let et: string;

  beforeEach(async () => {
    h = await createHarness({ config: { rateLimit: { perElementToken: { limit: 3, windowMs: 10_000 }, perApplication: null } } });
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
  });
  afterEach(async () => h.close());

  const preflight = (path: string, headers: Record<string, string> = {}) =>
    h.call('OPTIONS', path, {
      headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'cronofy-element,content-type', ...headers },
    });

  describe('preflight', () => {
    it.each(ELEMENT_PATHS)('OPTIONS %s → 204 with exactly the §4.3 headers, no auth needed', async (path) => {
      const res = await preflight(path, { origin: 'https://somewhere.example' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe('https://somewhere.example');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('Cronofy-Element, Content-Type');
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-allow-private-network')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      // Authorization is never an allowed header.
      expect(res.headers.get('access-control-allow-headers')!.toLowerCase()).not.toContain('authorization');
    });

    it('without et, the request Origin is answered verbatim', async () => {
      for (const origin of ['HTTPS://Weird.Example:443/', 'null', 'https://evil.example']) {
        const res = await preflight('/v1/events', { origin });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      }
    });

    it('with et naming a token, the token origin is answered whatever the request Origin', async () => {
      for (const origin of [ORIGIN, 'https://evil.example', 'null']) {
        const res = await preflight(`/v1/events?et=${et}&from=2026-06-01`, { origin });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      }
      // Also on page URLs, and with no Origin at all.
      const page = await preflight(`/v1/events/pages/whatever?et=${et}`);
      expect(page.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('an expired token still identifies its origin', async () => {
      h.clock.advance(64_800_000 + 1);
      const res = await preflight(`/v1/events?et=${et}`, { origin: 'https://evil.example' });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('an unknown et falls back to the request Origin', async () => {
      const res = await preflight('/v1/events?et=not-a-token', { origin: 'https://other.example' });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://other.example');
    });

    it('an international token origin is answered in its punycode form, as browsers send it', async () => {
      const idn = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: 'https://Bücher.example:443' });
      const pre = await preflight(`/v1/userinfo?et=${idn}`, { origin: 'https://xn--bcher-kva.example' });
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://xn--bcher-kva.example');
      const res = await h.call('GET', `/v1/userinfo?et=${idn}`, { headers: { origin: 'https://xn--bcher-kva.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://xn--bcher-kva.example');
    });

    it('a host credential as et does not identify a token', async () => {
      const res = await preflight(`/v1/events?et=${acc.accessToken}`, { origin: 'https://other.example' });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://other.example');
    });

    it('Access-Control-Allow-Private-Network only when asked for', async () => {
      const res = await preflight(`/v1/userinfo?et=${et}`, { origin: ORIGIN, 'access-control-request-private-network': 'true' });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    });

    it('preflights are never rate limited and never count', async () => {
      for (let i = 0; i < 20; i++) expect((await preflight(`/v1/userinfo?et=${et}`, { origin: ORIGIN })).status).toBe(204);
      for (let i = 0; i < 3; i++) expect((await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } })).status).toBe(200);
      const limited = await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } });
      await expectError(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect((await preflight(`/v1/userinfo?et=${et}`, { origin: ORIGIN })).status).toBe(204);
      h.clock.advance(10_000);
      expect((await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } })).status).toBe(200);
    });

    it.each([
      '/v1/element_tokens',
      '/v1/application_calendars',
      '/oauth/token',
      '/v1/account',
      '/v1/calendars',
      '/v1/calendars/cal_abcdefghijkl/events',
      '/v1/nothing_here',
      '/v1/events/pages',
      '/v1/userinfo/extra',
      '/',
    ])('OPTIONS %s (not an element route) → 404 JSON without CORS headers', async (path) => {
      const res = await preflight(path, { origin: ORIGIN });
      expectNoCors(res);
      await expectError(res, 404, 'not_found');
    });
  });

  describe('actual responses on element routes', () => {
    it('success with et: ACAO is the token origin, plus Vary, no-store, no-referrer; no credentials or cookies', async () => {
      // The request Origin differs in spelling but normalises to the token origin.
      const res = await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: 'https://APP.example.com:443', 'cronofy-element': 'v1.4.0, agenda' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await body(res)).not.toHaveProperty('errors');
    });

    it('events, free/busy and page responses carry the same headers', async () => {
      for (const path of ['/v1/events', '/v1/free_busy']) {
        const res = await h.call('GET', `${path}?et=${et}`, { headers: { origin: ORIGIN } });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
      const page = await h.call('GET', `/v1/events/pages/unknown?et=${et}`, { headers: { origin: ORIGIN } });
      await expectError(page, 404, 'not_found');
      expect(page.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(page.headers.get('cache-control')).toBe('no-store');
    });

    it('a Cronofy-Element header of any value is accepted, and a Content-Type on a GET too', async () => {
      for (const value of ['v1.4.0, SlotPicker', 'garbage', '', 'v999, ??? ,,,']) {
        h.clock.advance(10_000); // stay under this suite's small rate limit
        const res = await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN, 'cronofy-element': value, 'content-type': 'application/json; charset=utf-8' } });
        expect(res.status, value).toBe(200);
      }
    });

    it('errors other than origin mismatch reflect the request Origin', async () => {
      const bad = await h.call('GET', `/v1/events?et=${et}&from=nope`, { headers: { origin: ORIGIN } });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(bad.headers.get('vary')).toMatch(/\bOrigin\b/);
      const unknown = await h.call('GET', '/v1/events?et=unknown', { headers: { origin: 'https://elsewhere.example' } });
      await expectError(unknown, 401, 'invalid_token');
      expect(unknown.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
    });

    it('an origin mismatch gives the foreign page no Access-Control-Allow-Origin', async () => {
      const res = await h.call('GET', `/v1/events?et=${et}`, { headers: { origin: 'https://evil.example' } });
      await expectError(res, 403, 'origin_mismatch');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    });

    it('without an Origin header there is no Access-Control-Allow-Origin', async () => {
      const res = await h.call('GET', '/v1/userinfo', { headers: bearer(acc.accessToken) });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('host credentials with an Origin get the request origin', async () => {
      const res = await h.call('GET', '/v1/userinfo', { headers: { ...bearer(acc.accessToken), origin: 'https://backend.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://backend.example');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('host-only routes never emit CORS headers', () => {
    it.each([
      ['GET', '/v1/account'],
      ['GET', '/v1/calendars'],
      ['POST', '/v1/calendars'],
      ['POST', 'EVENTS'],
      ['DELETE', 'EVENTS'],
      ['POST', '/v1/element_tokens'],
    ])('%s %s', async (method, rawPath) => {
      const path = rawPath === 'EVENTS' ? `/v1/calendars/${acc.calendarId}/events` : rawPath;
      const json = method === 'GET' ? undefined : {};
      // Success or validation error, and an auth failure: never CORS headers.
      const withKey = await h.call(method, path, { headers: { ...bearer(path.includes('element_tokens') ? app.apiKey : acc.accessToken), origin: ORIGIN }, json });
      expect(withKey.status).toBeLessThan(500);
      expectNoCors(withKey);
      expect(withKey.headers.get('set-cookie')).toBeNull();
      const anonymous = await h.call(method, path, { headers: { origin: ORIGIN }, json });
      expect(anonymous.status).toBe(401);
      expectNoCors(anonymous);
    });

    it('token and application calendar endpoints', async () => {
      for (const path of ['/oauth/token', '/v1/application_calendars']) {
        const res = await h.call('POST', path, { headers: { origin: ORIGIN }, json: {} });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expectNoCors(res);
      }
    });

    it('unknown routes', async () => {
      const res = await h.call('GET', '/v1/bookable_events', { headers: { origin: ORIGIN } });
      expectNoCors(res);
      await expectError(res, 404, 'not_found');
    });
  });
});
