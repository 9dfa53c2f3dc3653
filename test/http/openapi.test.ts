/**
 * docs/openapi.json against the server it describes: an OpenAPI 3.1 document whose references
 * resolve and whose schemas compile; exactly the (method, path) pairs the app registers; the
 * preflights on exactly the element routes; the credentials, scopes and permissions of every
 * route as the server enforces them; and real answers of the feed routes and of the
 * Cronofy-compatible routes validated against the documented statuses and schemas.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/index.js';
import { issueAccessToken } from '../../src/services/index.js';
import { feedIcs, startFeedServer, type FeedServer } from '../../src/sync/feeds/test-helpers.js';
import { bearer, importedEvent, personAccount, random, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const doc = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8')) as Json;
const DOC_ID = 'https://kairos.invalid/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const ALL_SCOPES: Scope[] = ['read_account', 'list_calendars', 'create_calendar', 'read_events', 'read_free_busy', 'create_event', 'delete_event'];
const ALL_PERMISSIONS = ['agenda', 'availability', 'managed_availability', 'account_management'];
const ORIGIN = 'https://host.example';

/** Every (method, path template) the document describes. */
function documented(): { method: string; path: string; op: Json }[] {
  const out: { method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS) if (item[method] !== undefined) out.push({ method, path, op: item[method] });
  }
  return out;
}

const pointerSegment = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

/** The value at a local reference `#/a/b` of the document, or undefined. */
function resolveRef(ref: string): Json {
  expect(ref.startsWith('#/'), ref).toBe(true);
  let at: Json = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** Every `$ref` string in the document, and the JSON pointer of every schema object it holds. */
function walk(): { refs: string[]; schemas: string[] } {
  const refs: string[] = [];
  const schemas: string[] = [];
  const visit = (v: Json, pointer: string, inSchema: boolean): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${pointer}/${i}`, inSchema));
    for (const [k, x] of Object.entries(v as Record<string, Json>)) {
      const p = `${pointer}/${pointerSegment(k)}`;
      if (k === '$ref' && typeof x === 'string') refs.push(x);
      // Example values are data, not document structure.
      if (!inSchema && (k === 'examples' || k === 'example')) continue;
      const isSchema = !inSchema && (k === 'schema' || pointer === '/components/schemas');
      if (isSchema) schemas.push(p);
      visit(x, p, inSchema || isSchema);
    }
  };
  visit(doc, '', false);
  return { refs, schemas };
}

// Strict, so that a misspelt keyword or a keyword on the wrong type fails to compile; but
// `required` in `if`/`then`/`not` names properties that the enclosing schema declares.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
formats.default(ajv, ['uri']);
for (const k of ['openapi', 'info', 'servers', 'tags', 'paths', 'components']) ajv.addKeyword(k);
ajv.addSchema({ ...doc, $id: DOC_ID });
const compiled = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (v === undefined) compiled.set(pointer, (v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` })));
  return v;
}

/**
 * Asserts that an answer is documented for the operation: its status is listed, its media type
 * is one of the listed ones (or the body is empty where none is), its JSON body validates
 * against the schema, and headers documented with a constant value carry it. Returns the body.
 */
async function conforms(res: Response, method: string, path: string): Promise<Json> {
  const op = doc.paths[path]?.[method];
  expect(op, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const status = String(res.status);
  const text = await res.text();
  let response = op.responses[status];
  expect(response, `${method.toUpperCase()} ${path} documents ${status} (answered ${text.slice(0, 300)})`).toBeDefined();
  let pointer = `/paths/${pointerSegment(path)}/${method}/responses/${status}`;
  if (response.$ref !== undefined) {
    pointer = response.$ref.slice(1);
    response = resolveRef(response.$ref);
  }
  for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
    const h = header.$ref !== undefined ? resolveRef(header.$ref) : header;
    const value = res.headers.get(name);
    if (h.schema?.const !== undefined && value !== null) expect(value, `${name} of ${method.toUpperCase()} ${path}`).toBe(h.schema.const);
  }
  if (response.content === undefined) {
    expect(text, `${method.toUpperCase()} ${path} ${status} has no body`).toBe('');
    return undefined;
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  expect(Object.keys(response.content), `media type of ${method.toUpperCase()} ${path} ${status}`).toContain(type);
  if (type !== 'application/json') return text;
  const body: Json = JSON.parse(text);
  const validate = validator(`${pointer}/content/${pointerSegment(type)}/schema`);
  expect(validate(body), `${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`).toBe(true);
  return body;
}

/** A concrete path for a template, with a harmless value for each parameter. */
function fill(path: string, values: Record<string, string> = {}): string {
  const samples: Record<string, string> = {
    calendar_id: 'cal_abcdefghij1234',
    page_id: 'pg_abcdefghij1234',
    availability_rule_id: 'rule-1',
    profile_id: 'pro_abcdefghij1234',
    name: 'CronofyElements.js',
    slug: 'agenda',
    ...values,
  };
  return path.replace(/\{([^}]+)\}/g, (_, n: string) => {
    expect(samples[n], `a sample value for {${n}}`).toBeDefined();
    return encodeURIComponent(samples[n]!);
  });
}

const schemesOf = (op: Json): Set<string> => new Set(((op.security ?? []) as Record<string, string[]>[]).flatMap((r) => Object.keys(r)));
const namesFor = (op: Json, scheme: string): string[] => ((op.security ?? []) as Record<string, string[]>[]).flatMap((r) => r[scheme] ?? []);
const BEARER_SCHEMES = ['apiKey', 'accessToken', 'elementToken'];
/** The routes that take no bearer credential or element token. */
const NO_BEARER = ['POST /v1/application_calendars', 'POST /oauth/token', 'GET /profiles/{profile_id}/relink', 'GET /js/{name}', 'GET /docs/elements', 'GET /docs/elements/{slug}', 'GET /'];

describe('docs/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose references resolve and whose schemas compile', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info?.title).toBe('string');
    expect(typeof doc.info?.version).toBe('string');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    const { refs, schemas } = walk();
    for (const ref of refs) expect(resolveRef(ref), ref).toBeDefined();
    expect(schemas.length).toBeGreaterThan(50);
    for (const p of schemas) expect(() => validator(p), p).not.toThrow();

    const schemes = Object.keys(doc.components.securitySchemes);
    expect(schemes.sort()).toEqual(['accessToken', 'apiKey', 'clientBasic', 'elementToken']);
    expect(doc.components.securitySchemes.elementToken).toMatchObject({ type: 'apiKey', in: 'query', name: 'et' });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.accessToken).toMatchObject({ type: 'http', scheme: 'bearer' });

    const ids = new Set<string>();
    for (const { method, path, op } of documented()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(typeof op.operationId, where).toBe('string');
      expect(ids.has(op.operationId), `${where}: operationId ${op.operationId} is unique`).toBe(false);
      ids.add(op.operationId);
      expect(Array.isArray(op.security), `${where} states its credentials`).toBe(true);
      for (const req of op.security as Record<string, string[]>[]) for (const s of Object.keys(req)) expect(schemes, where).toContain(s);
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      for (const status of Object.keys(op.responses)) expect(status, where).toMatch(/^[1-5]\d\d$/);
      // Every template parameter is declared as a required path parameter, and no other.
      const params = [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => (p.$ref !== undefined ? resolveRef(p.$ref) : p));
      const inPath = params.filter((p: Json) => p.in === 'path');
      expect(inPath.map((p: Json) => p.name).sort(), where).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
      for (const p of inPath) expect(p.required, `${where} {${p.name}}`).toBe(true);
    }
  });

  describe('against the app', () => {
    let h: Harness;
    let app: { applicationId: string; clientId: string; apiKey: string };
    let acc: PersonAccount;
    beforeEach(async () => {
      h = await createHarness();
      app = await h.newApp();
      acc = await personAccount(h, app.applicationId);
    });
    afterEach(async () => h.close());

    it('describes exactly the (method, path) pairs the app registers', () => {
      const routes = h.app.hono.routes.map((r) => ({ method: r.method, path: r.path }));
      // The two wildcard entries: the request logger (middleware on every request) and the
      // preflight handler, which answers on the element routes only: those are the paths with
      // an `options` operation, checked by the next test.
      const wildcard = routes.filter((r) => r.path === '/*');
      expect(wildcard.map((r) => r.method).sort()).toEqual(['ALL', 'OPTIONS']);
      const registered = new Set(routes.filter((r) => r.path !== '/*').map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
      const described = new Set(documented().filter((d) => d.method !== 'options').map((d) => `${d.method.toUpperCase()} ${d.path}`));
      expect([...described].sort()).toEqual([...registered].sort());
    });

    it('has an options operation exactly on the element routes, answered as described', async () => {
      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      let preflighted = 0;
      for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
        const url = fill(path);
        const res = await h.call('OPTIONS', url, { headers: { origin: 'https://other.example', 'access-control-request-private-network': 'true' } });
        if (item.options === undefined) {
          expect(res.status, `OPTIONS ${path}`).toBe(404);
          expect(((await res.json()) as Json).error).toBe('not_found');
          continue;
        }
        preflighted++;
        await conforms(res, 'options', path);
        expect(res.status, `OPTIONS ${path}`).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe('https://other.example');
        expect(res.headers.get('access-control-allow-private-network')).toBe('true');
        for (const name of ['access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age', 'vary']) expect(res.headers.get(name), name).not.toBeNull();
        // With the token in the URL, the token's origin.
        const withEt = await h.call('OPTIONS', `${url}?et=${et}`, { headers: { origin: 'https://other.example' } });
        await conforms(withEt, 'options', path);
        expect(withEt.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      }
      expect(preflighted).toBe(10);
    });

    it('names the credentials, scopes and permissions each route takes', async () => {
      const tokenWith = async (scope: string) => (await issueAccessToken({ store: h.store, clock: h.clock, random }, { applicationId: app.applicationId, sub: acc.sub, scope, ttlSeconds: 3600 })).accessToken;
      const etWith = async (permissions: string[]) => h.mint(app.apiKey, { permissions, subs: [acc.sub], origin: ORIGIN });
      const allPermissions = await etWith(ALL_PERMISSIONS);
      let checked = 0;
      for (const { method, path, op } of documented()) {
        const schemes = schemesOf(op);
        const where = `${method.toUpperCase()} ${path}`;
        if (method === 'options') {
          expect(op.security, `${where} is never authenticated`).toEqual([]);
          continue;
        }
        if (![...schemes].some((s) => BEARER_SCHEMES.includes(s))) {
          // Client credentials in the body (checked by the route's own calls below), or a public page.
          expect(NO_BEARER).toContain(where);
          continue;
        }
        checked++;
        const url = fill(path);
        const body = op.requestBody !== undefined ? { json: {} } : {};
        const send = async (credential: { bearer: string } | { et: string } | null): Promise<Response> => {
          const headers: Record<string, string> = credential !== null && 'bearer' in credential ? bearer(credential.bearer) : {};
          if (credential !== null && 'et' in credential) headers.origin = ORIGIN;
          const target = credential !== null && 'et' in credential ? `${url}?et=${credential.et}` : url;
          const res = await h.call(method.toUpperCase(), target, { headers, ...body });
          const copy = res.clone();
          await conforms(res, method, path);
          return copy;
        };
        const errorOf = async (res: Response): Promise<string | undefined> => (res.status === 401 || res.status === 403 ? ((await res.json()) as Json).error : undefined);

        expect((await send(null)).status, `${where} without credentials`).toBe(401);
        const kinds: [string, { bearer: string } | { et: string }][] = [
          ['apiKey', { bearer: app.apiKey }],
          ['accessToken', { bearer: acc.accessToken }],
          ['elementToken', { et: allPermissions }],
        ];
        for (const [scheme, credential] of kinds) {
          const res = await send(credential);
          if (schemes.has(scheme)) expect([401, 403], `${where} takes ${scheme} (answered ${res.status} ${await res.clone().text()})`).not.toContain(res.status);
          else expect(await errorOf(res), `${where} refuses ${scheme}`).toBe('credential_not_accepted');
        }
        if (schemes.has('accessToken')) {
          const scopes = namesFor(op, 'accessToken');
          for (const scope of scopes.length > 0 ? scopes : ['read_free_busy']) {
            expect(await errorOf(await send({ bearer: await tokenWith(scope) })), `${where} with only ${scope}`).toBeUndefined();
          }
          const other = ALL_SCOPES.find((s) => !scopes.includes(s));
          if (scopes.length > 0) expect(await errorOf(await send({ bearer: await tokenWith(other!) })), `${where} with only ${other}`).toBe('insufficient_scope');
        }
        if (schemes.has('elementToken')) {
          const permissions = namesFor(op, 'elementToken');
          expect(permissions.length, `${where} names the permissions`).toBeGreaterThan(0);
          for (const p of permissions) expect(await errorOf(await send({ et: await etWith([p]) })), `${where} with only ${p}`).toBeUndefined();
          const other = ALL_PERMISSIONS.find((p) => !permissions.includes(p));
          if (other !== undefined) expect(await errorOf(await send({ et: await etWith([other]) })), `${where} with only ${other}`).toBe('insufficient_permission');
        }
      }
      expect(checked).toBe(27);
    });
  });

  describe('answers conform to the documented responses', () => {
    let server: FeedServer;
    let assets: string;
    beforeAll(async () => {
      server = await startFeedServer();
      assets = mkdtempSync(join(tmpdir(), 'kairos-openapi-assets-'));
      writeFileSync(join(assets, 'CronofyElements.v0.1.0.js'), 'window.CronofyElements = {};\n');
      writeFileSync(join(assets, 'CronofyElements.js'), 'window.CronofyElements = {};\n');
    });
    afterAll(async () => {
      await server.close();
      rmSync(assets, { recursive: true, force: true });
    });

    let h: Harness;
    let app: { applicationId: string; clientId: string; apiKey: string };
    let acc: PersonAccount;
    let auth: Record<string, string>;
    beforeEach(async () => {
      h = await createHarness({ config: { pageSize: 2 }, elementsDir: assets, feeds: { allowPrivateAddresses: true, timeoutMs: 1000, connectTimeoutMs: 500 } });
      app = await h.newApp();
      acc = await personAccount(h, app.applicationId, { zoneinfo: 'Etc/UTC' });
      auth = bearer(acc.accessToken);
    });
    afterEach(async () => h.close());

    /** Calls the route and returns its conforming body, after checking the status. */
    const expectCall = async (status: number, method: string, path: string, values: Record<string, string>, opts: { headers?: Record<string, string>; json?: unknown; body?: BodyInit; query?: string } = {}): Promise<Json> => {
      const url = fill(path, values) + (opts.query ?? '');
      const res = await h.call(method.toUpperCase(), url, { headers: opts.headers ?? auth, ...(opts.json !== undefined ? { json: opts.json } : {}), ...(opts.body !== undefined ? { body: opts.body } : {}) });
      const copy = res.clone();
      const body = await conforms(res, method, path);
      expect(copy.status, `${method.toUpperCase()} ${url}: ${await copy.text()}`).toBe(status);
      if (status < 300 && (opts.json !== undefined || typeof opts.body === 'string')) {
        // A body the server accepted is one the document allows.
        const form = opts.json === undefined;
        const sent = form ? Object.fromEntries(new URLSearchParams(opts.body as string)) : opts.json;
        const type = form ? 'application/x-www-form-urlencoded' : 'application/json';
        const media = doc.paths[path][method].requestBody?.content?.[type];
        if (opts.body === '' && media === undefined) return body;
        expect(media, `${method.toUpperCase()} ${path} documents a ${type} body`).toBeDefined();
        const validate = validator(`/paths/${pointerSegment(path)}/${method}/requestBody/content/${pointerSegment(type)}/schema`);
        expect(validate(sent), `request body of ${method.toUpperCase()} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
      return body;
    };

    it('feeds: create (waiting, not waiting, failing), list, read, refresh (202, not_modified, failed), refusals, revoke', async () => {
      const ics = feedIcs([
        { uid: 'standup', summary: 'Standup', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' },
        { uid: 'review', summary: 'Review', start: '2026-06-03T14:00:00Z', end: '2026-06-03T15:00:00Z' },
      ]);
      server.set('/openapi/rota.ics', { kind: 'ics', body: ics, etag: '"r1"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });

      const created = await expectCall(200, 'post', '/v1/feeds', {}, { json: { url: server.url('/openapi/rota.ics') + '?key=secret', name: 'Team rota', interval_seconds: 600 } });
      expect(created.refresh).toMatchObject({ status: 'updated', error: null, events: { created: 2, updated: 0, unchanged: 0, removed: 0 }, occurrences: 2 });
      expect(created.feed).toMatchObject({ profile_name: 'Team rota', profile_connected: true, feed_url: `${server.origin}/…`, feed_interval_seconds: 600, feed_etag: '"r1"' });
      const id = created.feed.profile_id as string;

      const quiet = await expectCall(200, 'post', '/v1/feeds', {}, { json: { url: 'webcal://calendar.example.invalid/a.ics', wait: false } });
      expect(quiet).not.toHaveProperty('refresh');
      expect(quiet.feed).toMatchObject({ feed_url: 'https://calendar.example.invalid/…', profile_initial_sync_required: true, feed_last_fetched_at: null });

      const failing = await expectCall(200, 'post', '/v1/feeds', {}, { json: { url: server.url('/openapi/missing.ics') } });
      expect(failing.refresh).toMatchObject({ status: 'failed', error: 'the server answered HTTP 404 (Not Found)', events: null, occurrences: null });
      expect(failing.feed).toMatchObject({ profile_connected: false, profile_relink_url: `http://api.kairos.test/profiles/${failing.feed.profile_id}/relink`, feed_last_error: 'the server answered HTTP 404 (Not Found)' });

      const list = await expectCall(200, 'get', '/v1/feeds', {});
      expect(list.feeds.map((f: Json) => f.profile_id).sort()).toEqual([id, quiet.feed.profile_id, failing.feed.profile_id].sort());
      expect((await expectCall(200, 'get', '/v1/feeds/{profile_id}', { profile_id: id })).feed).toEqual(created.feed);

      h.clock.advance(60_000);
      const same = await expectCall(200, 'post', '/v1/feeds/{profile_id}/refresh', { profile_id: id }, { json: { wait: true } });
      expect(same.refresh).toMatchObject({ status: 'not_modified', error: null, events: null, occurrences: null, at: '2026-06-01T10:01:00Z' });
      expect(await expectCall(202, 'post', '/v1/feeds/{profile_id}/refresh', { profile_id: id }, { body: '' })).toBeUndefined();
      await h.feeds.refresh(id);
      h.clock.advance(60_000);
      server.set('/openapi/rota.ics', { kind: 'status', status: 500 });
      const failed = await expectCall(200, 'post', '/v1/feeds/{profile_id}/refresh', { profile_id: id }, { json: { wait: true } });
      expect(failed.refresh).toMatchObject({ status: 'failed', error: 'the server answered HTTP 500 (Internal Server Error)' });
      expect(failed.feed).toMatchObject({ profile_connected: false, feed_last_success_at: '2026-06-01T10:01:00Z', feed_last_fetched_at: '2026-06-01T10:02:00Z' });
      // The disconnected feed's profile, as userinfo shows it.
      const info = await expectCall(200, 'get', '/v1/userinfo', {});
      expect(info['cronofy.data'].profiles.find((p: Json) => p.profile_id === id)).toMatchObject({ provider_name: 'ics', profile_connected: false });
      expect((await expectCall(200, 'get', '/profiles/{profile_id}/relink', { profile_id: id }, { headers: {} })) as string).toContain('Calendar subscription not updating');

      const errors = (await expectCall(422, 'post', '/v1/feeds', {}, { json: { url: 'ftp://example.com/a.ics', interval_seconds: 59, wait: 'yes' } })).errors;
      expect(Object.keys(errors).sort()).toEqual(['interval_seconds', 'url', 'wait']);
      expect((await expectCall(422, 'post', '/v1/feeds/{profile_id}/refresh', { profile_id: id }, { json: { wait: 1 } })).errors.wait[0].key).toBe('errors.invalid');
      expect((await expectCall(404, 'get', '/v1/feeds/{profile_id}', { profile_id: acc.profileId })).error).toBe('not_found');
      expect((await expectCall(404, 'post', '/v1/feeds/{profile_id}/refresh', { profile_id: 'pro_nosuchfeed1234' }, { json: { wait: true } })).error).toBe('not_found');
      expect((await expectCall(403, 'get', '/v1/feeds', {}, { headers: bearer(app.apiKey) })).error).toBe('credential_not_accepted');
      expect((await expectCall(401, 'get', '/v1/feeds', {}, { headers: {} })).error).toBe('invalid_credentials');

      expect(await expectCall(202, 'post', '/v1/profiles/{profile_id}/revoke', { profile_id: id })).toBeUndefined();
      expect((await expectCall(404, 'get', '/v1/feeds/{profile_id}', { profile_id: id })).error).toBe('not_found');
      expect(await expectCall(404, 'get', '/profiles/{profile_id}/relink', { profile_id: id }, { headers: {} })).toContain('No such calendar connection');
    });

    it('element tokens, identity, calendars, application calendars and the token endpoint', async () => {
      const minted = await expectCall(200, 'post', '/v1/element_tokens', {}, { headers: bearer(app.apiKey), json: { version: '1', permissions: ['agenda', 'agenda'], subs: [acc.sub], origin: 'HTTPS://Host.Example:443' } });
      expect(minted.element_token).toMatchObject({ permissions: ['agenda'], origin: ORIGIN, expires_in: 64_800 });
      const bad = await expectCall(422, 'post', '/v1/element_tokens', {}, { headers: bearer(app.apiKey), json: { version: 2, permissions: ['nope'], subs: [], origin: 'https://x.example/page' } });
      expect(Object.keys(bad.errors).sort()).toEqual(['origin', 'permissions', 'subs', 'version']);
      await expectCall(403, 'post', '/v1/element_tokens', {}, { json: { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN } });

      const et = minted.element_token.token as string;
      const viaEt = await expectCall(200, 'get', '/v1/userinfo', {}, { headers: { origin: ORIGIN }, query: `?et=${et}` });
      expect(viaEt).toMatchObject({ sub: acc.sub, 'cronofy.type': 'account' });
      await expectCall(403, 'get', '/v1/userinfo', {}, { headers: { origin: 'https://evil.example' }, query: `?et=${et}` });
      await expectCall(401, 'get', '/v1/userinfo', {}, { headers: { origin: ORIGIN }, query: '?et=' });

      expect((await expectCall(200, 'get', '/v1/account', {})).account).toMatchObject({ account_id: acc.sub, default_tzid: 'Etc/UTC' });
      const apc = await expectCall(200, 'post', '/v1/application_calendars', {}, { headers: {}, json: { client_id: app.clientId, client_secret: app.apiKey, application_calendar_id: 'room-42' } });
      expect(apc).toMatchObject({ scope: 'read_write', application_calendar_id: 'room-42', linking_profile: { provider_name: 'cronofy', profile_name: 'room-42' } });
      expect((await expectCall(200, 'get', '/v1/account', {}, { headers: bearer(apc.access_token) })).account).toMatchObject({ email: null, name: null });
      const form = new URLSearchParams({ client_id: app.clientId, client_secret: 'wrong', application_calendar_id: 'room-42' }).toString();
      await expectCall(401, 'post', '/v1/application_calendars', {}, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      await expectCall(422, 'post', '/v1/application_calendars', {}, { headers: {}, json: { client_id: app.clientId, client_secret: app.apiKey } });

      const refreshed = await expectCall(200, 'post', '/oauth/token', {}, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.apiKey, refresh_token: apc.refresh_token }).toString(),
      });
      expect(refreshed).toMatchObject({ refresh_token: apc.refresh_token, sub: apc.sub });
      expect((await expectCall(400, 'post', '/oauth/token', {}, { headers: {}, json: { grant_type: 'password' } })).error).toBe('unsupported_grant_type');
      const basic = `Basic ${Buffer.from(`${app.clientId}:${app.apiKey}`).toString('base64')}`;
      expect((await expectCall(400, 'post', '/oauth/token', {}, { headers: { authorization: basic }, json: { grant_type: 'refresh_token', refresh_token: 'x' } })).error).toBe('invalid_grant');

      const calendars = await expectCall(200, 'get', '/v1/calendars', {});
      expect(calendars.calendars.map((c: Json) => c.calendar_id)).toEqual([acc.calendarId]);
      const made = await expectCall(200, 'post', '/v1/calendars', {}, { json: { profile_id: acc.profileId, name: 'Side', color: '#112233' } });
      expect(made.calendar).toMatchObject({ calendar_name: 'Side', calendar_color: '#112233', profile_id: acc.profileId });
      await expectCall(422, 'post', '/v1/calendars', {}, { json: { profile_id: 'pro_nosuchprofile1', name: '' } });
    });

    it('events and free/busy: writes, first pages with userinfo, later pages, unknown pages', async () => {
      await importedEvent(h, acc, { start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', summary: 'Planning', location: { description: 'Room 1', lat: 51.5, long: -0.12 }, attendees: [{ email: 'a@example.com', displayName: null, status: 'accepted' }] });
      await importedEvent(h, acc, { start: '2026-06-03', end: '2026-06-04', summary: 'Offsite', status: 'tentative' });
      const event = { event_id: 'booking-1', summary: 'Intro call', start: { time: '2026-06-04T09:00:00Z', tzid: 'Europe/Berlin' }, end: { time: '2026-06-04T09:30:00Z', tzid: 'Europe/Berlin' } };
      expect(await expectCall(202, 'post', '/v1/calendars/{calendar_id}/events', { calendar_id: acc.calendarId }, { json: event })).toBeUndefined();
      await expectCall(202, 'post', '/v1/calendars/{calendar_id}/events', { calendar_id: acc.calendarId }, { json: { event_id: 'booking-2', summary: 'Gone', start: '2026-06-05', end: '2026-06-06' } });
      expect(await expectCall(202, 'delete', '/v1/calendars/{calendar_id}/events', { calendar_id: acc.calendarId }, { json: { event_id: 'booking-2' } })).toBeUndefined();
      await expectCall(404, 'post', '/v1/calendars/{calendar_id}/events', { calendar_id: 'cal_nosuchcalendar1' }, { json: event });
      await expectCall(422, 'post', '/v1/calendars/{calendar_id}/events', { calendar_id: acc.calendarId }, { json: { event_id: 'booking-3', start: '2026-06-05', end: '2026-06-05T10:00:00Z' } });
      await expectCall(422, 'delete', '/v1/calendars/{calendar_id}/events', { calendar_id: acc.calendarId }, { json: {} });

      const q = '?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC&include_managed=true&include_deleted=true&include_geo=true&include_userinfo=true';
      const first = await expectCall(200, 'get', '/v1/events', {}, { query: q });
      expect(first.pages).toMatchObject({ current: 1, total: 2 });
      expect(first.userinfo.sub).toBe(acc.sub);
      expect(first.events[0]).toMatchObject({ summary: 'Planning', location: { description: 'Room 1', lat: '51.5', long: '-0.12' } });
      const pageId = (first.pages.next_page as string).split('/').pop()!;
      const second = await expectCall(200, 'get', '/v1/events/pages/{page_id}', { page_id: pageId });
      expect(second.pages).toEqual({ current: 2, total: 2 });
      expect(second).not.toHaveProperty('userinfo');
      expect(second.events.map((e: Json) => [e.event_id, e.deleted])).toEqual([['booking-1', false], ['booking-2', true]]);
      await expectCall(404, 'get', '/v1/events/pages/{page_id}', { page_id: 'pg_nosuchpage' });
      await expectCall(422, 'get', '/v1/events', {}, { query: '?from=2026-06-08&to=2026-06-01' });

      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      const fb = await expectCall(200, 'get', '/v1/free_busy', {}, { headers: { origin: ORIGIN }, query: `?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC&include_managed=true&et=${et}` });
      expect(fb.free_busy.map((b: Json) => b.free_busy_status)).toEqual(['busy', 'tentative']);
      const fbNext = (fb.pages.next_page as string).split('/').pop()!;
      expect((await expectCall(200, 'get', '/v1/free_busy/pages/{page_id}', { page_id: fbNext }, { headers: { origin: ORIGIN }, query: `?et=${et}` })).free_busy).toHaveLength(1);
      // A page is bound to the credential of the first request.
      await expectCall(404, 'get', '/v1/free_busy/pages/{page_id}', { page_id: fbNext });
    });

    it('availability, sequenced availability and explanations', async () => {
      await importedEvent(h, acc, { start: '2026-06-02T10:00:00Z', end: '2026-06-02T10:30:00Z', summary: 'Standup' });
      const base = { participants: [{ members: [acc.sub], required: 'all' }], required_duration: { minutes: 30 }, query_periods: [{ start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' }] };
      const periods = await expectCall(200, 'post', '/v1/availability', {}, { headers: bearer(app.apiKey), json: base });
      expect(periods.available_periods.map((p: Json) => [p.start, p.end])).toEqual([
        ['2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'],
        ['2026-06-02T10:30:00Z', '2026-06-02T12:00:00Z'],
      ]);
      const et = await h.mint(app.apiKey, { permissions: ['availability'], subs: [acc.sub], origin: ORIGIN });
      const slots = await expectCall(200, 'post', '/v1/availability', {}, { headers: { origin: ORIGIN }, query: `?et=${et}`, json: { ...base, response_format: 'slots', start_interval: { minutes: 30 } } });
      expect(slots.available_slots[0]).toEqual({ start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:30:00Z', participants: [{ sub: acc.sub }] });
      await expectCall(422, 'post', '/v1/availability', {}, { headers: bearer(app.apiKey), json: { participants: [], required_duration: { minutes: 0 } } });
      const foreign = await personAccount(h, app.applicationId);
      expect((await expectCall(403, 'post', '/v1/availability', {}, { headers: { origin: ORIGIN }, query: `?et=${et}`, json: { ...base, participants: [{ members: [foreign.sub] }] } })).error).toBe('sub_not_permitted');

      const seq = await expectCall(200, 'post', '/v1/sequenced_availability', {}, {
        json: {
          sequence: [
            { sequence_id: 1, participants: base.participants, required_duration: { minutes: 30 } },
            { sequence_id: 'second', participants: base.participants, required_duration: { minutes: 30 }, buffer: { before: { minimum: { minutes: 0 } } } },
          ],
          query_periods: base.query_periods,
          max_results: 1,
        },
      });
      expect(seq.sequences[0].sequence.map((s: Json) => s.sequence_id)).toEqual([1, 'second']);
      await expectCall(422, 'post', '/v1/sequenced_availability', {}, { json: { sequence: [] } });

      const busy = await expectCall(200, 'post', '/v1/availability/explain', {}, { headers: bearer(app.apiKey), json: { ...base, start_interval: { minutes: 60 }, interval: { start: '2026-06-02T10:15:00Z', end: '2026-06-02T10:45:00Z' } } });
      expect(busy.explanation.members[0].reasons.map((r: Json) => r.reason)).toEqual(['busy']);
      expect(busy.explanation.notes.map((n: Json) => n.note)).toEqual(['off_grid']);
      const more = await expectCall(200, 'post', '/v1/availability/explain', {}, {
        json: {
          ...base,
          participants: [{ members: [{ sub: acc.sub, available_periods: [{ start: '2026-06-02T11:00:00Z', end: '2026-06-02T12:00:00Z' }] }] }],
          buffer: { before: { minutes: 15 } },
          interval: { start: '2026-06-02T10:30:00Z', end: '2026-06-02T10:45:00Z' },
        },
      });
      expect(more.explanation.members[0].reasons.map((r: Json) => r.reason).sort()).toEqual(['buffer', 'outside_available_periods']);
      expect(more.explanation.notes.map((n: Json) => n.note)).toEqual(['shorter_than_duration']);
      const past = await expectCall(200, 'post', '/v1/availability/explain', {}, { json: { ...base, interval: { start: '2026-06-01T08:00:00Z', end: '2026-06-01T08:30:00Z' } } });
      expect(past.explanation.members[0].reasons.map((r: Json) => r.reason).sort()).toEqual(['before_now', 'outside_query']);
      expect((await expectCall(422, 'post', '/v1/availability/explain', {}, { json: base })).errors.interval[0].key).toBe('errors.required');
    });

    it('availability rules and available periods', async () => {
      const rule = { availability_rule_id: 'working-hours', tzid: 'Europe/Berlin', weekly_periods: [{ day: 'monday', start_time: '09:00', end_time: '17:00' }] };
      expect((await expectCall(200, 'post', '/v1/availability_rules', {}, { json: rule })).availability_rule).toEqual({ ...rule, calendar_ids: [] });
      const et = await h.mint(app.apiKey, { permissions: ['managed_availability'], subs: [acc.sub], origin: ORIGIN });
      expect((await expectCall(200, 'get', '/v1/availability_rules/{availability_rule_id}', { availability_rule_id: 'working-hours' }, { headers: { origin: ORIGIN }, query: `?et=${et}` })).availability_rule.tzid).toBe('Europe/Berlin');
      await expectCall(404, 'get', '/v1/availability_rules/{availability_rule_id}', { availability_rule_id: 'nope' }, { headers: { origin: ORIGIN }, query: `?et=${et}` });
      expect((await expectCall(200, 'get', '/v1/availability_rules', {})).availability_rules).toHaveLength(1);
      await expectCall(422, 'post', '/v1/availability_rules', {}, { json: { availability_rule_id: 'a/b', weekly_periods: [{ day: 'someday' }] } });
      await expectCall(202, 'delete', '/v1/availability_rules/{availability_rule_id}', { availability_rule_id: 'working-hours' });

      for (const [i, day] of ['02', '03', '04'].entries()) {
        await expectCall(202, 'post', '/v1/available_periods', {}, { json: { available_period_id: `p${i}`, start: `2026-06-${day}T09:00:00Z`, end: { time: `2026-06-${day}T12:00:00Z`, tzid: 'Europe/Berlin' } } });
      }
      await expectCall(422, 'post', '/v1/available_periods', {}, { json: { available_period_id: 'p9', start: '2026-06-02', end: '2026-06-01T09:00:00Z' } });
      const first = await expectCall(200, 'get', '/v1/available_periods', {}, { query: '?from=2026-06-01&to=2026-06-08&tzid=Etc/UTC' });
      expect(first.available_periods).toEqual([
        { available_period_id: 'p0', start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' },
        { available_period_id: 'p1', start: '2026-06-03T09:00:00Z', end: '2026-06-03T12:00:00Z' },
      ]);
      const next = (first.pages.next_page as string).split('/').pop()!;
      expect((await expectCall(200, 'get', '/v1/available_periods/pages/{page_id}', { page_id: next })).available_periods).toHaveLength(1);
      await expectCall(404, 'get', '/v1/available_periods/pages/{page_id}', { page_id: 'pg_nosuchpage' });
      expect((await expectCall(422, 'get', '/v1/available_periods', {}, { query: '?from=2026-06-01' })).errors.tzid[0].key).toBe('errors.required');
      await expectCall(202, 'delete', '/v1/available_periods', {}, { json: { available_period_id: 'p0' } });
      await expectCall(202, 'delete', '/v1/available_periods', {}, { json: { delete_all: true } });
      await expectCall(422, 'delete', '/v1/available_periods', {}, { json: { available_period_id: 'p1', delete_all: true } });
    });

    it('the library, the element pages and the demo page', async () => {
      const js = await h.call('GET', '/js/CronofyElements.v0.1.0.js');
      const tag = js.headers.get('etag')!;
      expect(await conforms(js, 'get', '/js/{name}')).toContain('CronofyElements');
      const again = await h.call('GET', '/js/CronofyElements.v0.1.0.js', { headers: { 'if-none-match': tag } });
      expect(again.status).toBe(304);
      expect(await conforms(again, 'get', '/js/{name}')).toBeUndefined();
      expect((await expectCall(404, 'get', '/js/{name}', { name: 'nope.js' }, { headers: {} })).error).toBe('not_found');
      expect(await expectCall(200, 'get', '/docs/elements', {}, { headers: {} })).toContain('Kairos Elements');
      for (const slug of doc.paths['/docs/elements/{slug}'].get.parameters[0].schema.enum as string[]) {
        expect(await expectCall(200, 'get', '/docs/elements/{slug}', { slug }, { headers: {} })).toContain('CronofyElements.');
      }
      await expectCall(404, 'get', '/docs/elements/{slug}', { slug: 'nope' }, { headers: {} });
      expect(await expectCall(200, 'get', '/', {}, { headers: {} })).toContain('<!doctype html>');
    });
  });
});
