/**
 * Case BUG-028 (security-token-origin): an element token is bound at mint time to one origin,
 * its subs, its permissions and its expiry, and every browser call — preflight included — must
 * satisfy all of them. A client-supplied `origin` in the body or query is never trusted.
 *
 * Inputs and expected statuses are copied from the case. Differences from the case's literal
 * text, each following PROTOCOL.md:
 * - The case mints with origin `https://App.Example.com:443/booking`. PROTOCOL §3.2 and §9.5
 *   reject an origin with a path (422 `origin` `errors.invalid`), which this test asserts; the
 *   token is then minted from `https://App.Example.com:443/`, which normalises to the case's
 *   expected stored origin `https://app.example.com`.
 * - `acc_1` / `acc_2` stand for two real accounts that both authorise the application.
 * - r2p: PROTOCOL §4.3 answers a preflight naming a known token with the token's origin, so the
 *   header is present but is never the foreign origin; that is what makes the browser fail the
 *   preflight.
 * - r1 and r6: the case abbreviates the availability body; `required_duration` and a
 *   `query_periods` inside the token's lifetime are added so that the query is valid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/http/auth/hash.js';
import { bearer, body, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const GOOD = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

describe('BUG-028: element token bound to one origin, its subs, permission and expiry', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc1: PersonAccount;
  let acc2: PersonAccount;
  let T: string;

  beforeEach(async () => {
    h = await createHarness({ start: '2026-06-01T10:00:00Z' });
    app = await h.newApp();
    acc1 = await personAccount(h, app.applicationId);
    acc2 = await personAccount(h, app.applicationId);
    // mint: the case's origin carries a path, which the protocol refuses.
    const literal = await h.call('POST', '/v1/element_tokens', {
      headers: bearer(app.apiKey),
      json: { version: '1', permissions: ['availability'], subs: [acc1.sub], origin: 'https://App.Example.com:443/booking' },
    });
    await expect422(literal, { origin: ['errors.invalid'] });
    const res = await h.call('POST', '/v1/element_tokens', {
      headers: bearer(app.apiKey),
      json: { version: '1', permissions: ['availability'], subs: [acc1.sub], origin: 'https://App.Example.com:443/' },
    });
    const b = await body(res);
    expect(res.status).toBe(200);
    expect(b.element_token.expires_in).toBe(64800);
    expect(b.element_token.origin).toBe(GOOD);
    T = b.element_token.token;
    // expected.stored_token_origin
    expect((await h.store.findCredential(hashSecret(T)))?.origin).toBe(GOOD);
  });
  afterEach(async () => h.close());

  const abbreviated = (sub: string) => ({ participants: [{ members: [{ sub }], required: 'all' }] });
  /** The case's body made valid: a duration and a query period inside the token's lifetime. */
  const complete = (sub: string) => ({
    ...abbreviated(sub),
    required_duration: { minutes: 30 },
    query_periods: [{ start: '2026-06-01T12:00:00Z', end: '2026-06-01T18:00:00Z' }],
  });
  const post = (path: string, headers: Record<string, string>, json: unknown) => h.call('POST', path, { headers, json });

  it('r0: the preflight from the bound origin answers it', async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    const res = await h.call('OPTIONS', `/v1/availability?et=${T}`, {
      headers: { Origin: GOOD, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'cronofy-element,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(GOOD);
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    const methods = res.headers.get('access-control-allow-methods')!.split(/,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST']));
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/).map((x) => x.toLowerCase());
    expect(allowed).toEqual(expect.arrayContaining(['cronofy-element', 'content-type']));
  });

  it('r2p: the preflight from a foreign origin never answers the foreign origin', async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    const res = await h.call('OPTIONS', `/v1/availability?et=${T}`, {
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'cronofy-element,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).not.toBe(EVIL);
    expect(res.headers.get('access-control-allow-origin')).toBe(GOOD);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  /**
   * r2–r5 are refused by the checks every element route shares (§4.1 steps 1–3), before any
   * handler runs. They are asserted on POST /v1/availability and on GET /v1/userinfo, an element
   * route that runs the same checks.
   */
  const targets = () => [
    { path: '/v1/availability', method: 'POST' as const },
    { path: '/v1/userinfo', method: 'GET' as const },
  ];
  const send = (t: { path: string; method: 'GET' | 'POST' }, query: string, headers: Record<string, string>, json: unknown) =>
    h.call(t.method, `${t.path}?et=${T}${query}`, { headers, json: t.method === 'POST' ? json : undefined });

  it('r2: a foreign Origin → 403, with no Access-Control-Allow-Origin', async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    for (const t of targets()) {
      const res = await send(t, '', { Origin: EVIL, 'Cronofy-Element': 'v1, SlotPicker' }, abbreviated(acc1.sub));
      await expectError(res, 403, 'origin_mismatch');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it("r3: a client-supplied 'origin' in the body or query is ignored → 403", async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    for (const t of targets()) {
      const res = await send(t, '&origin=https://app.example.com', { Origin: EVIL, 'Cronofy-Element': 'v1, SlotPicker' }, { origin: GOOD, ...abbreviated(acc1.sub) });
      await expectError(res, 403, 'origin_mismatch');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('r4: no Origin header → 403 (element tokens are browser-only)', async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    for (const t of targets()) {
      const res = await send(t, '', { 'Cronofy-Element': 'v1, SlotPicker' }, abbreviated(acc1.sub));
      await expectError(res, 403, 'origin_mismatch');
    }
  });

  it('r5: expired (10:00Z + 64800 s = 2026-06-02T04:00:00Z) → 401', async () => {
    h.clock.set('2026-06-02T04:00:01Z');
    for (const t of targets()) {
      const res = await send(t, '', { Origin: GOOD, 'Cronofy-Element': 'v1, SlotPicker' }, abbreviated(acc1.sub));
      await expectError(res, 401, 'token_expired');
    }
    // Exactly at the expiry instant the token is already expired.
    h.clock.set('2026-06-02T04:00:00Z');
    await expectError(await send({ path: '/v1/userinfo', method: 'GET' }, '', { Origin: GOOD }, null), 401, 'token_expired');
  });

  it("r7: the 'availability' permission does not unlock /v1/events → 403", async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    const res = await h.call('GET', `/v1/events?et=${T}&from=2026-06-01&to=2026-06-08`, { headers: { Origin: GOOD, 'Cronofy-Element': 'v1, agenda' } });
    await expectError(res, 403, 'insufficient_permission');
  });

  it('r1: the bound origin, its own sub → 200 with the token origin', async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    const res = await post(`/v1/availability?et=${T}`, { Origin: GOOD, 'Cronofy-Element': 'v1, SlotPicker' }, complete(acc1.sub));
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(GOOD);
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(b).not.toHaveProperty('errors');
    expect(b.available_periods).toEqual([{ start: '2026-06-01T12:00:00Z', end: '2026-06-01T18:00:00Z', participants: [{ sub: acc1.sub }] }]);
  });

  it("r6: a sub outside the token's subs → 403", async () => {
    h.clock.set('2026-06-01T10:05:00Z');
    const res = await post(`/v1/availability?et=${T}`, { Origin: GOOD, 'Cronofy-Element': 'v1, SlotPicker' }, complete(acc2.sub));
    await expectError(res, 403, 'sub_not_permitted');
    expect(res.headers.get('access-control-allow-origin')).toBe(GOOD);
  });
});
