import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('rate limits (§2.8)', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('allows 100 element-token requests in any 10 s, then answers 429 with Retry-After; preflights never count', async () => {
    h = await createHarness();
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    const origin = 'https://host.example';
    const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin });
    const get = () => h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin } });
    for (let i = 0; i < 100; i++) {
      const r = await get();
      expect(r.status).toBe(200);
      h.clock.advance(10); // 100 requests within one second
    }
    // Preflights are free and never 429.
    for (let i = 0; i < 5; i++) {
      const pre = await h.call('OPTIONS', `/v1/userinfo?et=${et}`, { headers: { origin, 'access-control-request-method': 'GET' } });
      expect(pre.status).toBe(204);
    }
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toBe('rate_limited');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(10);
    expect(limited.headers.get('access-control-allow-origin')).toBe(origin);
    // Another token of the same application has its own budget.
    const et2 = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin });
    expect((await h.call('GET', `/v1/userinfo?et=${et2}`, { headers: { origin } })).status).toBe(200);
    // Once the oldest request leaves the 10 s window, one more is allowed.
    h.clock.advance(retry * 1000);
    expect((await get()).status).toBe(200);
  });

  it('applies a per-application limit across credential kinds only when configured', async () => {
    h = await createHarness({ config: { rateLimit: { perElementToken: null, perApplication: { perSecond: 5, perMinute: 8 } } } });
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    const auth = { authorization: `Bearer ${acc.accessToken}` };
    for (let i = 0; i < 5; i++) expect((await h.call('GET', '/v1/userinfo', { headers: auth })).status).toBe(200);
    const perSecond = await h.call('GET', '/v1/userinfo', { headers: auth });
    expect(perSecond.status).toBe(429);
    expect(perSecond.headers.get('retry-after')).toBe('1');
    h.clock.advance(1000);
    // The API key of the same application shares the budget: 3 more fit in the minute.
    for (let i = 0; i < 3; i++) {
      const r = await h.call('POST', '/v1/element_tokens', { headers: { authorization: `Bearer ${app.apiKey}` }, json: { permissions: ['agenda'], subs: [acc.sub], origin: 'https://a.example' } });
      expect(r.status).toBe(200);
    }
    const perMinute = await h.call('GET', '/v1/userinfo', { headers: auth });
    expect(perMinute.status).toBe(429);
    expect(Number(perMinute.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  it('can be switched off', async () => {
    h = await createHarness({ config: { rateLimit: { perElementToken: null, perApplication: null } } });
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    const origin = 'https://host.example';
    const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin });
    for (let i = 0; i < 150; i++) expect((await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin } })).status).toBe(200);
  });
});
