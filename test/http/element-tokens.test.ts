/** POST /v1/element_tokens (PROTOCOL §3): validation, response shape, token form and storage. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/http/auth/hash.js';
import { bearer, body, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';

describe('POST /v1/element_tokens', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const mint = (json: unknown, apiKey = app.apiKey) => h.call('POST', '/v1/element_tokens', { headers: bearer(apiKey), json });

  it('answers exactly { element_token: { permissions, origin, token, expires_in } }', async () => {
    const res = await mint({ version: '1', permissions: ['agenda'], subs: [acc.sub], origin: 'http://localhost' });
    expect(res.status).toBe(200);
    const b = await body(res);
    expect(Object.keys(b)).toEqual(['element_token']);
    expect(Object.keys(b.element_token).sort()).toEqual(['expires_in', 'origin', 'permissions', 'token']);
    expect(b.element_token.permissions).toEqual(['agenda']);
    expect(b.element_token.origin).toBe('http://localhost');
    expect(b.element_token.expires_in).toBe(64800);
    expect(b.element_token.token).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // A host-only route: never CORS headers.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a 422 quoting huge values stays small: each description is cut at 500 characters', async () => {
    const huge = Array.from({ length: 5 }, (_, i) => `acc_${String(i).repeat(100_000)}`);
    const res = await mint({ version: '1', permissions: ['agenda'], subs: huge, origin: 'x'.repeat(200_000) });
    expect(res.status).toBe(422);
    const text = await res.clone().text();
    expect(text.length).toBeLessThan(2_000);
    const b = await body(res);
    for (const problems of Object.values(b.errors as Record<string, { description: string }[]>)) {
      for (const p of problems) expect(p.description.length).toBeLessThanOrEqual(500);
    }
    expect(b.errors.subs[0].description).toMatch(/^these subs do not authorise this application: acc_0000.*…$/);
  });

  it('normalises the origin and deduplicates permissions in first-occurrence order', async () => {
    const res = await mint({
      permissions: ['managed_availability', 'agenda', 'managed_availability', 'account_management', 'agenda', 'availability'],
      subs: [acc.sub],
      origin: 'HTTPS://App.Example.COM:443/',
    });
    const b = await body(res);
    expect(res.status).toBe(200);
    expect(b.element_token.permissions).toEqual(['managed_availability', 'agenda', 'account_management', 'availability']);
    expect(b.element_token.origin).toBe(ORIGIN);
  });

  it('deduplicates subs keeping order: the first is the primary sub', async () => {
    const other = await personAccount(h, app.applicationId);
    const third = await personAccount(h, app.applicationId);
    const res = await mint({ permissions: ['availability'], subs: [other.sub, acc.sub, other.sub, third.sub, acc.sub], origin: ORIGIN });
    const b = await body(res);
    expect(res.status).toBe(200);
    // Subs are not echoed.
    expect(b.element_token).not.toHaveProperty('subs');
    const stored = await h.store.findCredential(hashSecret(b.element_token.token));
    expect(stored?.subs).toEqual([other.sub, acc.sub, third.sub]);
    // The primary sub is the one account-scoped calls act on.
    const agenda = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [other.sub, acc.sub], origin: ORIGIN });
    const ui = await h.call('GET', `/v1/userinfo?et=${agenda}`, { headers: { origin: ORIGIN } });
    expect((await body(ui)).sub).toBe(other.sub);
  });

  it('accepts version "1", 1 and absent', async () => {
    for (const version of ['1', 1, undefined]) {
      const res = await mint({ version, permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      expect(res.status, String(version)).toBe(200);
    }
  });

  it('accepts an empty bookable_event_ids array', async () => {
    const res = await mint({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN, bookable_event_ids: [] });
    expect(res.status).toBe(200);
  });

  it('ignores unknown fields', async () => {
    const res = await mint({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN, expires_in: 5, subs_extra: 1 });
    expect(res.status).toBe(200);
    expect((await body(res)).element_token.expires_in).toBe(64800);
  });

  describe('validation: each rule and key of §3.2', () => {
    const valid = () => ({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    const table: [string, (b: Record<string, unknown>) => void, Record<string, string[]>][] = [
      ['version "2"', (b) => (b.version = '2'), { version: ['errors.not_recognized'] }],
      ['version 2', (b) => (b.version = 2), { version: ['errors.not_recognized'] }],
      ['version "1.0"', (b) => (b.version = '1.0'), { version: ['errors.not_recognized'] }],
      ['version "v1"', (b) => (b.version = 'v1'), { version: ['errors.not_recognized'] }],
      ['permissions absent', (b) => delete b.permissions, { permissions: ['errors.required'] }],
      ['permissions null', (b) => (b.permissions = null), { permissions: ['errors.required'] }],
      ['permissions []', (b) => (b.permissions = []), { permissions: ['errors.required'] }],
      ['permissions a string', (b) => (b.permissions = 'agenda'), { permissions: ['errors.invalid'] }],
      ['permissions an object', (b) => (b.permissions = { agenda: true }), { permissions: ['errors.invalid'] }],
      ['permissions with a number', (b) => (b.permissions = ['agenda', 1]), { permissions: ['errors.invalid'] }],
      ['permissions with null', (b) => (b.permissions = [null]), { permissions: ['errors.invalid'] }],
      ['an unknown permission', (b) => (b.permissions = ['agenda', 'read_events']), { permissions: ['errors.not_recognized'] }],
      ['a wrongly cased permission', (b) => (b.permissions = ['Agenda']), { permissions: ['errors.not_recognized'] }],
      ['subs absent', (b) => delete b.subs, { subs: ['errors.required'] }],
      ['subs null', (b) => (b.subs = null), { subs: ['errors.required'] }],
      ['subs []', (b) => (b.subs = []), { subs: ['errors.required'] }],
      ['subs a string', (b) => (b.subs = acc.sub), { subs: ['errors.invalid'] }],
      ['subs with a number', (b) => (b.subs = [acc.sub, 5]), { subs: ['errors.invalid'] }],
      ['subs with an object', (b) => (b.subs = [{ sub: acc.sub }]), { subs: ['errors.invalid'] }],
      ['an unknown sub', (b) => (b.subs = [acc.sub, 'acc_000000000000000000000000']), { subs: ['errors.not_recognized'] }],
      ['a malformed sub', (b) => (b.subs = ['acc_1']), { subs: ['errors.not_recognized'] }],
      ['origin absent', (b) => delete b.origin, { origin: ['errors.required'] }],
      ['origin null', (b) => (b.origin = null), { origin: ['errors.required'] }],
      ['origin empty', (b) => (b.origin = ''), { origin: ['errors.required'] }],
      ['origin a number', (b) => (b.origin = 8080), { origin: ['errors.invalid'] }],
      ['origin with a path', (b) => (b.origin = 'https://app.example.com/booking'), { origin: ['errors.invalid'] }],
      ['origin with a query', (b) => (b.origin = 'https://app.example.com?'), { origin: ['errors.invalid'] }],
      ['origin with a fragment', (b) => (b.origin = 'https://app.example.com#'), { origin: ['errors.invalid'] }],
      ['origin with user info', (b) => (b.origin = 'https://me@app.example.com'), { origin: ['errors.invalid'] }],
      ['origin "null"', (b) => (b.origin = 'null'), { origin: ['errors.invalid'] }],
      ['origin with whitespace', (b) => (b.origin = ' https://app.example.com'), { origin: ['errors.invalid'] }],
      ['origin not http(s)', (b) => (b.origin = 'chrome-extension://abcdef'), { origin: ['errors.invalid'] }],
      ['bookable_event_ids non-empty', (b) => (b.bookable_event_ids = ['evt_1']), { bookable_event_ids: ['errors.not_supported'] }],
    ];
    it.each(table)('%s', async (_name, change, expected) => {
      const b = valid();
      change(b);
      await expect422(await mint(b), expected);
    });

    it('reports every problem together in one 422', async () => {
      const res = await mint({ version: '9', permissions: ['agenda', 'calendar'], subs: [], origin: 'https://x.example/page', bookable_event_ids: ['e'] });
      await expect422(res, {
        version: ['errors.not_recognized'],
        permissions: ['errors.not_recognized'],
        subs: ['errors.required'],
        origin: ['errors.invalid'],
        bookable_event_ids: ['errors.not_supported'],
      });
    });

    it('reports unrecognised subs together with other problems', async () => {
      const res = await mint({ permissions: [], subs: ['acc_000000000000000000000000'], origin: '' });
      await expect422(res, { permissions: ['errors.required'], subs: ['errors.not_recognized'], origin: ['errors.required'] });
    });

    it('more than 100 distinct subs → too_many; 100 distinct among duplicates are counted once', async () => {
      const many = Array.from({ length: 101 }, (_, i) => 'acc_' + i.toString(16).padStart(24, '0'));
      await expect422(await mint({ ...valid(), subs: many }), { subs: ['errors.too_many'] });
      // 150 entries but only one distinct: fine.
      const res = await mint({ ...valid(), subs: Array.from({ length: 150 }, () => acc.sub) });
      expect(res.status).toBe(200);
    });

    it('a sub that authorises another application only → not_recognized', async () => {
      const other = await h.newApp('Other');
      const theirs = await personAccount(h, other.applicationId);
      await expect422(await mint({ ...valid(), subs: [theirs.sub] }), { subs: ['errors.not_recognized'] });
      // The other application can use it.
      expect((await mint({ ...valid(), subs: [theirs.sub] }, other.apiKey)).status).toBe(200);
    });

    it('a sub whose authorisation was revoked → not_recognized', async () => {
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: acc.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expect422(await mint(valid()), { subs: ['errors.not_recognized'] });
    });

    it('an application calendar sub is accepted like an account', async () => {
      const apc = await h.newAccount(app.applicationId);
      expect((await mint({ ...valid(), subs: [apc.sub, acc.sub] })).status).toBe(200);
    });

    it('a body that is not a JSON object → 422 body', async () => {
      for (const raw of ['[]', '"x"', '42', 'null', '{', 'permissions=agenda']) {
        const res = await h.call('POST', '/v1/element_tokens', { headers: { ...bearer(app.apiKey), 'content-type': 'application/json' }, body: raw });
        await expect422(res, { body: ['errors.invalid'] });
      }
    });

    it('an empty body reports each missing field', async () => {
      const res = await h.call('POST', '/v1/element_tokens', { headers: bearer(app.apiKey) });
      await expect422(res, { permissions: ['errors.required'], subs: ['errors.required'], origin: ['errors.required'] });
    });

    it('parses JSON whatever the Content-Type', async () => {
      const raw = JSON.stringify(valid());
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const res = await h.call('POST', '/v1/element_tokens', { headers: { ...bearer(app.apiKey), 'content-type': type }, body: raw });
        expect(res.status, type).toBe(200);
      }
    });
  });

  it('issues a new, distinct token on every call; earlier ones stay valid', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add(await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN }));
    expect(tokens.size).toBe(20);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      const res = await h.call('GET', `/v1/userinfo?et=${t}`, { headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
    }
  });

  it('stores only the hash: the plaintext is not a lookup key', async () => {
    const token = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    expect(await h.store.findCredential(token)).toBeNull();
    const row = await h.store.findCredential(hashSecret(token));
    expect(row).toMatchObject({ kind: 'element_token', permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    expect(row!.hash).not.toContain(token);
    expect(row!.expiresAt! - row!.issuedAt).toBe(64_800_000);
  });

  it('uses the configured lifetime', async () => {
    const h2 = await createHarness({ config: { elementTokenTtlSeconds: 300 } });
    try {
      const a = await h2.newApp();
      const p = await personAccount(h2, a.applicationId);
      const res = await h2.call('POST', '/v1/element_tokens', { headers: bearer(a.apiKey), json: { permissions: ['agenda'], subs: [p.sub], origin: ORIGIN } });
      const b = await body(res);
      expect(b.element_token.expires_in).toBe(300);
      const et = b.element_token.token as string;
      h2.clock.advance(300_000 - 1);
      expect((await h2.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } })).status).toBe(200);
      h2.clock.advance(1);
      await expectError(await h2.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } }), 401, 'token_expired');
    } finally {
      await h2.close();
    }
  });

  it('refuses access tokens and element tokens: 403 credential_not_accepted', async () => {
    const valid = { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN };
    await expectError(await mint(valid, acc.accessToken), 403, 'credential_not_accepted');
    const et = await h.mint(app.apiKey, valid);
    const res = await h.call('POST', `/v1/element_tokens?et=${et}`, { headers: { origin: ORIGIN }, json: valid });
    await expectError(res, 403, 'credential_not_accepted');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // Element tokens are never read from a header: there it is an unknown credential.
    await expectError(await mint(valid, et), 401, 'invalid_credentials');
  });

  it('refuses a missing or unknown API key with 401 and WWW-Authenticate', async () => {
    const valid = { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN };
    const none = await h.call('POST', '/v1/element_tokens', { json: valid });
    await expectError(none, 401, 'invalid_credentials');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectError(await mint(valid, app.apiKey + 'x'), 401, 'invalid_credentials');
    // The scheme name is case-insensitive.
    const lower = await h.call('POST', '/v1/element_tokens', { headers: { authorization: `bearer ${app.apiKey}` }, json: valid });
    expect(lower.status).toBe(200);
  });
});

describe('element token storage on disk', () => {
  it('no plaintext token, API key, access or refresh token is written to the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-et-'));
    const file = join(dir, 'kairos.db');
    const h = await createHarness({ storeUrl: file });
    try {
      const app = await h.newApp();
      const acc = await personAccount(h, app.applicationId);
      const apc = await h.newAccount(app.applicationId);
      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      await h.close();
      const db = new Database(file, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        let dump = '';
        for (const { name } of tables) dump += JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
        expect(dump).toContain(hashSecret(et));
        for (const secret of [et, app.apiKey, acc.accessToken, acc.refreshToken, apc.accessToken, apc.refreshToken]) {
          expect(dump).not.toContain(secret);
        }
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
