/** No secrets in logs (PROTOCOL §8.6): request logs keep only fingerprints and `et=[redacted]`. */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAccountSub } from '../../src/core/index.js';
import { hashSecret } from '../../src/http/auth/hash.js';
import { DEFAULT_CONFIG, createApp, createLogger, redactUrl, type KairosApp } from '../../src/http/index.js';
import { createApplication, issueAccessToken } from '../../src/services/index.js';
import { createStore, type Store } from '../../src/store/index.js';
import { random } from '../helpers/fixtures.js';
import { testClock } from '../helpers/harness.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('request logs', () => {
  let store: Store;
  let sink: Sink;
  let app: KairosApp;

  beforeEach(async () => {
    store = await createStore(':memory:');
    await store.migrate();
    sink = new Sink();
    const clock = testClock();
    app = createApp({ store, clock, random, config: { ...DEFAULT_CONFIG, baseUrl: 'http://api.kairos.test' }, logger: createLogger({ destination: sink, level: 'debug' }) });
  });
  afterEach(async () => store.close());

  it('never contain API keys, access or refresh tokens, client secrets or element tokens', async () => {
    const deps = { store, clock: () => Date.parse('2026-06-01T10:00:00Z'), random };
    const { application, clientSecret } = await createApplication(deps, { name: 'Logged' });
    const sub = newAccountSub(random);
    await store.createAccount({ sub, kind: 'account', email: 'l@example.com', name: 'L', zoneinfo: 'Etc/UTC', createdAt: 0 });
    await store.upsertAuthorization({ applicationId: application.applicationId, sub, scope: 'read_write', status: 'active', createdAt: 0 });
    const tokens = await issueAccessToken(deps, { applicationId: application.applicationId, sub, scope: 'read_write', ttlSeconds: 10_800 });
    const req = (path: string, init: RequestInit = {}) => app.request(`http://api.kairos.test${path}`, init);
    const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const origin = 'https://app.example.com';

    const minted = await req('/v1/element_tokens', jsonInit('POST', { permissions: ['agenda'], subs: [sub], origin }, { authorization: `Bearer ${clientSecret}` }));
    expect(minted.status).toBe(200);
    const et = ((await minted.json()) as { element_token: { token: string } }).element_token.token;

    const secrets: Record<string, string> = { apiKey: clientSecret, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, elementToken: et };
    const calls: [string, RequestInit][] = [
      [`/v1/events?et=${et}&from=2026-06-01&to=2026-06-08`, { headers: { origin } }],
      [`/v1/events?from=2026-06-01&et=${et}`, { headers: { origin: 'https://evil.example' } }],
      [`/v1/userinfo?ET=${et}`, { headers: { origin } }],
      [`/v1/userinfo?%65t=${et}`, { headers: { origin } }],
      [`/v1/userinfo?e%74=${et}&x=1`, { headers: { origin } }],
      [`/v1/userinfo?et[]=${et}`, { headers: { origin } }],
      [`/v1/events?et%5B%5D=${et}&et[0]=${et}`, { headers: { origin } }],
      [`/v1/userinfo?et=${et}`, { headers: { origin, authorization: `Bearer ${tokens.accessToken}` } }],
      [`/v1/userinfo?et=${et}x`, { headers: { origin } }],
      [`/v1/events/pages/nope?et=${et}`, { headers: { origin } }],
      [`/v1/events?et=${et}&from=bad`, { headers: { origin } }],
      [`/v1/account?access_token=${tokens.accessToken}`, {}],
      [`/v1/account?refresh_token=${tokens.refreshToken}&client_secret=${clientSecret}`, {}],
      ['/v1/account', { headers: { authorization: `Bearer ${tokens.accessToken}` } }],
      ['/v1/account', { headers: { authorization: `Bearer ${tokens.accessToken}x` } }],
      ['/v1/element_tokens', jsonInit('POST', { permissions: ['nope'] }, { authorization: `Bearer ${clientSecret}` })],
      ['/v1/element_tokens', jsonInit('POST', {}, { authorization: `Bearer ${tokens.accessToken}` })],
      ['/oauth/token', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: application.clientId, client_secret: clientSecret })],
      ['/oauth/token', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken + 'x', client_id: application.clientId, client_secret: clientSecret })],
      [
        '/oauth/token',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: application.clientId, client_secret: clientSecret }).toString(),
        },
      ],
      ['/oauth/token', { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${application.clientId}:${clientSecret}`).toString('base64') }, body: `{"grant_type":"refresh_token","refresh_token":"${tokens.refreshToken}"` }],
      ['/v1/application_calendars', jsonInit('POST', { client_id: application.clientId, client_secret: clientSecret, application_calendar_id: 'room' })],
      ['/v1/application_calendars', jsonInit('POST', { client_id: application.clientId, client_secret: clientSecret + 'x', application_calendar_id: 'room' })],
      [`/v1/events?et=${et}`, { method: 'OPTIONS', headers: { origin } }],
      [`/v1/nothing?et=${et}&access_token=${tokens.accessToken}`, {}],
      // Credentials under names of a client's own, on routes that do not exist.
      [`/v1/bookable_events/b?bookable_event_id=b&bearer_token=${clientSecret}`, { headers: { authorization: `Bearer ${clientSecret}` } }],
      [`/v1/smart_invites?smart_invite_id=s&api_key=${clientSecret}&id_token=${tokens.accessToken}&password=${tokens.refreshToken}`, {}],
    ];
    for (const [path, init] of calls) {
      const res = await req(path, init);
      expect(res.status, path).toBeLessThan(500);
      const text = await res.text();
      // Secrets the client did not already hold are never echoed either.
      if (!path.startsWith('/oauth/token') && !path.startsWith('/v1/application_calendars')) {
        for (const [name, value] of Object.entries(secrets)) {
          if (name !== 'elementToken') expect(text, `${path} echoes ${name}`).not.toContain(value);
        }
      }
    }

    const log = sink.text;
    expect(log.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(secrets)) {
      expect(log.includes(value), `${name} appears in the log`).toBe(false);
      // Not even a long prefix of it.
      expect(log.includes(value.slice(0, 20)), `a prefix of ${name} appears in the log`).toBe(false);
    }
    expect(log).toContain('et=[redacted]');
    // Credentials are identified by a fingerprint: the first 8 hex digits of their SHA-256.
    expect(log).toContain(hashSecret(et).slice(0, 8));
    expect(log).toContain(hashSecret(tokens.accessToken).slice(0, 8));
    // Every line is JSON.
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('redactUrl', () => {
  it.each([
    ['http://x/v1/events?et=abc&from=2026-01-01', '/v1/events?et=[redacted]&from=2026-01-01'],
    ['http://x/v1/events?from=2026-01-01&et=abc', '/v1/events?from=2026-01-01&et=[redacted]'],
    ['http://x/v1/events?et=', '/v1/events?et=[redacted]'],
    ['http://x/v1/events?et', '/v1/events?et=[redacted]'],
    ['http://x/v1/events?%65t=abc', '/v1/events?et=[redacted]'],
    ['http://x/v1/events?e%74=abc', '/v1/events?et=[redacted]'],
    ['http://x/v1/events?et=a&et=b', '/v1/events?et=[redacted]&et=[redacted]'],
    ['http://x/v1/events?access_token=a&client_secret=b&refresh_token=c&code=d', '/v1/events?access_token=[redacted]&client_secret=[redacted]&refresh_token=[redacted]&code=[redacted]'],
    // Array and bracket forms of a secret's name are secrets too.
    ['http://x/v1/events?et[]=abc&from=2026-01-01', '/v1/events?et[]=[redacted]&from=2026-01-01'],
    ['http://x/v1/events?et%5B%5D=abc', '/v1/events?et[]=[redacted]'],
    ['http://x/v1/events?et%5b%5d=abc', '/v1/events?et[]=[redacted]'],
    ['http://x/v1/events?ET[0]=abc&et[x][y]=d', '/v1/events?et[0]=[redacted]&et[x][y]=[redacted]'],
    ['http://x/v1/events?%65t%5B=abc', '/v1/events?et[=[redacted]'],
    ['http://x/v1/events?et[%26x]=abc', '/v1/events?et[%26x]=[redacted]'],
    ['http://x/v1/events?client_secret[]=a&refresh_token%5B%5D=b', '/v1/events?client_secret[]=[redacted]&refresh_token[]=[redacted]'],
    // Any name that ends like a credential's: tokens, secrets, passwords and API keys.
    ['http://x/v1/bookable_events/b?bookable_event_id=b&bearer_token=s3cr3t', '/v1/bookable_events/b?bookable_event_id=b&bearer_token=[redacted]'],
    ['http://x/v1/x?token=a&ID_Token=b&api_secret=c&Password=d&api_key=e&apikey=f', '/v1/x?token=[redacted]&id_token=[redacted]&api_secret=[redacted]&password=[redacted]&api_key=[redacted]&apikey=[redacted]'],
    ['http://x/v1/x?bearer%5Ftoken%5B%5D=a&x=1', '/v1/x?bearer_token[]=[redacted]&x=1'],
    ['http://x/v1/events?etc=1&et_x=2&xet[]=3', '/v1/events?etc=1&et_x=2&xet[]=3'],
    ['http://x/v1/events?tokens=1&secretary=2&token_count=3&keys=4', '/v1/events?tokens=1&secretary=2&token_count=3&keys=4'],
    ['http://x/v1/events?tzid=Europe%2FLondon', '/v1/events?tzid=Europe%2FLondon'],
    ['http://x/v1/userinfo', '/v1/userinfo'],
    // `;` as a separator, as some clients write query strings.
    ['http://x/v1/events?from=2026-01-01&to=2026-01-02;et=abc', '/v1/events?from=2026-01-01&to=2026-01-02;et=[redacted]'],
    ['http://x/v1/events?et=abc;from=2026-01-01', '/v1/events?et=[redacted];from=2026-01-01'],
    ['http://x/v1/x?a=1;%65t=abc;b=2;client_secret=s', '/v1/x?a=1;et=[redacted];b=2;client_secret=[redacted]'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
