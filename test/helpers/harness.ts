/**
 * In-process test harness: a real store (SQLite temp file), an injectable clock, the real app,
 * and helpers to create applications, accounts and element tokens through the public API.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DEFAULT_CONFIG, silentLogger, type KairosApp, type Logger, type ServerConfig } from '../../src/http/index.js';
import { DEFAULT_FEED_SETTINGS, FeedRefresher, type FeedSettings } from '../../src/sync/feeds/index.js';
import { createApplication, ensureApplicationCalendar } from '../../src/services/index.js';
import { createStore, type Store } from '../../src/store/index.js';
import { postgresTarget } from '../../src/store/testing/postgres-target.js';

export interface TestClock {
  now: number;
  (): number;
  set(iso: string | number): void;
  advance(ms: number): void;
}

export function testClock(start: string | number = '2026-06-01T10:00:00Z'): TestClock {
  const c = (() => c.now) as TestClock;
  c.now = typeof start === 'number' ? start : Date.parse(start);
  c.set = (v) => {
    c.now = typeof v === 'number' ? v : Date.parse(v);
  };
  c.advance = (ms) => {
    c.now += ms;
  };
  return c;
}

export interface Harness {
  app: KairosApp;
  store: Store;
  clock: TestClock;
  config: ServerConfig;
  /** The app's feed refresher (closed with the harness). */
  feeds: FeedRefresher;
  /** Creates an application; returns its ids and API key. */
  newApp(name?: string): Promise<{ applicationId: string; clientId: string; apiKey: string }>;
  /** Creates an application calendar account for an application. */
  newAccount(applicationId: string, id?: string): Promise<{ sub: string; accessToken: string; refreshToken: string; calendarId: string; profileId: string }>;
  /** Mints an element token through POST /v1/element_tokens. */
  mint(apiKey: string, body: Record<string, unknown>): Promise<string>;
  /** Fetch against the app; `json` sets a JSON body. */
  call(method: string, path: string, opts?: { headers?: Record<string, string>; json?: unknown; body?: BodyInit }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A harness over SQLite (a temp file), or over PostgreSQL in a fresh schema (dropped on close)
 * when `postgresUrl` is given. `storeUrl` names the SQLite file instead of a temp one.
 */
export async function createHarness(
  opts: { config?: Partial<ServerConfig>; start?: string; postgresUrl?: string; storeUrl?: string; elementsDir?: string; feeds?: Partial<FeedSettings>; logger?: Logger } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-test-'));
  let disposePostgres: (() => Promise<void>) | null = null;
  let store: Store;
  if (opts.postgresUrl) {
    const pg = await postgresTarget(opts.postgresUrl).open();
    store = pg.store;
    disposePostgres = pg.dispose;
  } else {
    store = await createStore(opts.storeUrl ?? join(dir, 'test.db'));
    await store.migrate();
  }
  const clock = testClock(opts.start);
  const config: ServerConfig = { ...DEFAULT_CONFIG, baseUrl: 'http://api.kairos.test', ...opts.config };
  const random = (n: number) => new Uint8Array(randomBytes(n));
  const logger = opts.logger ?? silentLogger();
  const feeds = new FeedRefresher({ store, clock, random, logger, settings: { ...DEFAULT_FEED_SETTINGS, ...opts.feeds } });
  const app = createApp({ store, clock, random, config, logger, elementsDir: opts.elementsDir ?? null, feeds });
  const deps = { store, clock, random };

  const call: Harness['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    let body = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    return app.request(path.startsWith('http') ? path : `http://api.kairos.test${path}`, { method, headers, body: body ?? null });
  };

  return {
    app,
    store,
    clock,
    config,
    feeds,
    async newApp(name = 'Test app') {
      const r = await createApplication(deps, { name, redirectUris: ['https://app.example.com/callback'] });
      return { applicationId: r.application.applicationId, clientId: r.application.clientId, apiKey: r.clientSecret };
    },
    async newAccount(applicationId, id = 'cal-' + randomBytes(4).toString('hex')) {
      const r = await ensureApplicationCalendar(deps, { applicationId, applicationCalendarId: id, accessTokenTtlSeconds: 10_800 });
      const calendars = await store.listCalendars(r.sub);
      return { sub: r.sub, accessToken: r.accessToken, refreshToken: r.refreshToken, calendarId: calendars[0]!.calendarId, profileId: r.profile.profileId };
    },
    async mint(apiKey, body) {
      const res = await call('POST', '/v1/element_tokens', { headers: { authorization: `Bearer ${apiKey}` }, json: body });
      if (res.status !== 200) throw new Error(`mint failed: ${res.status} ${await res.text()}`);
      const j = (await res.json()) as { element_token: { token: string } };
      return j.element_token.token;
    },
    call,
    async close() {
      await feeds.close();
      if (disposePostgres) await disposePostgres();
      else await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
