/** POST /oauth/token, refresh_token grant (PROTOCOL §5.2.2): JSON, form and HTTP Basic; every 400. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('POST /oauth/token', () => {
  let h: Harness;
  let app: { applicationId: string; clientId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId, { scope: 'read_account read_events' });
  });
  afterEach(async () => h.close());

  const asJson = (json: unknown, headers: Record<string, string> = {}) => h.call('POST', '/oauth/token', { json, headers });
  const asForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    h.call('POST', '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
  const basic = (id: string, secret: string) => ({ authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64') });

  async function expectGranted(res: Response): Promise<string> {
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(200);
    expect(Object.keys(b).sort()).toEqual(['access_token', 'account_id', 'expires_in', 'refresh_token', 'scope', 'sub', 'token_type']);
    expect(b).toMatchObject({ token_type: 'bearer', expires_in: 10800, refresh_token: acc.refreshToken, scope: 'read_account read_events', account_id: acc.sub, sub: acc.sub });
    expect(b.access_token).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(b.access_token).not.toBe(acc.accessToken);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The new access token works, with the granted scopes only; the old one still works.
    expect((await h.call('GET', '/v1/account', { headers: bearer(b.access_token) })).status).toBe(200);
    expect((await h.call('GET', '/v1/calendars', { headers: bearer(b.access_token) })).status).toBe(403);
    expect((await h.call('GET', '/v1/account', { headers: bearer(acc.accessToken) })).status).toBe(200);
    return b.access_token;
  }

  async function expect400(res: Response, error: string): Promise<void> {
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(400);
    expect(b.error).toBe(error);
    expect(typeof b.error_description).toBe('string');
    expect(b).not.toHaveProperty('errors');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  }

  const good = () => ({ grant_type: 'refresh_token', refresh_token: acc.refreshToken, client_id: app.clientId, client_secret: app.apiKey });

  it('refreshes with a JSON body', async () => {
    await expectGranted(await asJson(good()));
  });

  it('refreshes with a form body', async () => {
    await expectGranted(await asForm(good()));
    await expectGranted(await asForm(good(), { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }));
  });

  it('refreshes with HTTP Basic client authentication', async () => {
    await expectGranted(await asForm({ grant_type: 'refresh_token', refresh_token: acc.refreshToken }, basic(app.clientId, app.apiKey)));
    await expectGranted(await asJson({ grant_type: 'refresh_token', refresh_token: acc.refreshToken }, basic(app.clientId, app.apiKey)));
  });

  it('the refresh token is not rotated and can be used again; expired access tokens are replaced', async () => {
    h.clock.advance(10_800_000);
    expect((await h.call('GET', '/v1/account', { headers: bearer(acc.accessToken) })).status).toBe(401);
    const a = await body(await asJson(good()));
    const b = await body(await asJson(good()));
    expect(a.refresh_token).toBe(acc.refreshToken);
    expect(b.refresh_token).toBe(acc.refreshToken);
    expect(a.access_token).not.toBe(b.access_token);
    expect((await h.call('GET', '/v1/account', { headers: bearer(a.access_token) })).status).toBe(200);
    h.clock.advance(10_800_000 - 1);
    expect((await h.call('GET', '/v1/account', { headers: bearer(b.access_token) })).status).toBe(200);
    h.clock.advance(1);
    expect((await h.call('GET', '/v1/account', { headers: bearer(b.access_token) })).status).toBe(401);
  });

  describe('400 errors', () => {
    const table: [string, () => Record<string, unknown>, string][] = [
      ['no grant_type', () => ({ ...good(), grant_type: undefined }), 'invalid_request'],
      ['empty grant_type', () => ({ ...good(), grant_type: '' }), 'invalid_request'],
      ['grant_type not a string', () => ({ ...good(), grant_type: 1 }), 'invalid_request'],
      ['grant_type password', () => ({ ...good(), grant_type: 'password' }), 'unsupported_grant_type'],
      ['grant_type client_credentials', () => ({ ...good(), grant_type: 'client_credentials' }), 'unsupported_grant_type'],
      ['no refresh_token', () => ({ ...good(), refresh_token: undefined }), 'invalid_request'],
      ['empty refresh_token', () => ({ ...good(), refresh_token: '' }), 'invalid_request'],
      ['unknown refresh_token', () => ({ ...good(), refresh_token: 'x'.repeat(43) }), 'invalid_grant'],
      ['an access token as refresh_token', () => ({ ...good(), refresh_token: acc.accessToken }), 'invalid_grant'],
      ['the API key as refresh_token', () => ({ ...good(), refresh_token: app.apiKey }), 'invalid_grant'],
      ['no client_id', () => ({ ...good(), client_id: undefined }), 'invalid_client'],
      ['no client_secret', () => ({ ...good(), client_secret: undefined }), 'invalid_client'],
      ['no client credentials at all', () => ({ grant_type: 'refresh_token', refresh_token: acc.refreshToken }), 'invalid_client'],
      ['wrong client_secret', () => ({ ...good(), client_secret: app.apiKey + 'x' }), 'invalid_client'],
      ['wrong client_id', () => ({ ...good(), client_id: 'kairos_nottheclient0000000' }), 'invalid_client'],
      ['client_secret not a string', () => ({ ...good(), client_secret: 12345 }), 'invalid_client'],
      ['authorization_code without a code', () => ({ ...good(), grant_type: 'authorization_code', redirect_uri: 'https://app.example.com/callback' }), 'invalid_request'],
      ['authorization_code with an unknown code', () => ({ ...good(), grant_type: 'authorization_code', code: 'abc', redirect_uri: 'https://app.example.com/callback' }), 'invalid_grant'],
    ];
    it.each(table)('%s', async (_name, make, error) => {
      await expect400(await asJson(make()), error);
    });

    it('a refresh token of another application → invalid_grant', async () => {
      const other = await h.newApp('Other');
      await expect400(await asJson({ ...good(), client_id: other.clientId, client_secret: other.apiKey }), 'invalid_grant');
    });

    it('after the account revokes the application → invalid_grant', async () => {
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: acc.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expect400(await asJson(good()), 'invalid_grant');
    });

    it('wrong Basic credentials → invalid_client', async () => {
      await expect400(await asForm({ grant_type: 'refresh_token', refresh_token: acc.refreshToken }, basic(app.clientId, 'nope')), 'invalid_client');
    });

    it('malformed bodies → 400 invalid_request, never 422 or 5xx', async () => {
      for (const raw of ['{', '[]', '"x"', '\u0000', 'null']) {
        await expect400(await h.call('POST', '/oauth/token', { headers: { 'content-type': 'application/json' }, body: raw }), 'invalid_request');
      }
      await expect400(await h.call('POST', '/oauth/token', { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 'invalid_request');
      await expect400(await h.call('POST', '/oauth/token', { body: '{"a":' + '['.repeat(40) + ']'.repeat(40) + '}' }), 'invalid_request');
      await expect400(await h.call('POST', '/oauth/token', { body: 'x'.repeat(1024 * 1024 + 1) }), 'invalid_request');
      await expect400(await h.call('POST', '/oauth/token'), 'invalid_request');
    });

    it('form bodies report the same codes', async () => {
      await expect400(await asForm({ ...good(), grant_type: 'implicit' } as Record<string, string>), 'unsupported_grant_type');
      await expect400(await asForm({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: app.clientId, client_secret: app.apiKey }), 'invalid_grant');
    });
  });

  it('GET and OPTIONS are not routes → 404', async () => {
    expect((await h.call('GET', '/oauth/token')).status).toBe(404);
    expect((await h.call('OPTIONS', '/oauth/token', { headers: { origin: 'https://x.example' } })).status).toBe(404);
  });
});
