/** The demo page mints element tokens only for its own origins, and reuses them. */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/http/auth/hash.js';
import { demoOriginAllowed, demoOrigins } from '../../src/http/demo-page.js';
import { seedDemo } from '../../src/services/index.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/** The page embeds the token in its boot script, which needs the built library (npm test builds first). */
const DIST = join(import.meta.dirname, '..', '..', 'dist', 'elements');
const tokenIn = (html: string): string | null => /"token":"([A-Za-z0-9_-]{43,})"/.exec(html)?.[1] ?? null;
const seed = (h: Harness) => seedDemo({ store: h.store, clock: h.clock, random: (n) => new Uint8Array(randomBytes(n)) }, { tzid: 'Europe/Berlin' });

/** In development the server is reached on a loopback address and a port; so is the page. */
const DEV_BASE = 'http://127.0.0.1:8080';

describe('demo page tokens', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ config: { baseUrl: DEV_BASE }, elementsDir: DIST });
    await seed(h);
  });
  afterEach(async () => h.close());

  const page = async (url: string) => {
    const res = await h.call('GET', url);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("mints for the public base URL and the loopback names of its port only", async () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost:8080/', 'http://[::1]:8080/']) {
      const token = tokenIn(await page(url));
      expect(token, url).not.toBeNull();
      const credential = await h.store.findCredential(hashSecret(token!));
      expect(credential?.origin).toBe(new URL(url).origin);
    }
    // Other loopback addresses and ports, and other sites, get the page without a token.
    for (const url of ['http://127.0.0.2:8080/', 'http://127.1.2.3:8080/', 'http://localhost:9999/', 'http://127.0.0.1:8081/', 'http://[::1]:80/', 'http://evil.example/']) {
      const html = await page(url);
      expect(tokenIn(html), url).toBeNull();
      expect(html).toContain('not the server');
    }
  });

  it('reuses the token of an origin while half its life is left, then mints a new one', async () => {
    const first = tokenIn(await page('http://localhost:8080/'));
    for (let i = 0; i < 20; i++) expect(tokenIn(await page('http://localhost:8080/'))).toBe(first);
    h.clock.advance(31 * 60_000);
    const second = tokenIn(await page('http://localhost:8080/'));
    expect(second).not.toBe(first);
    // The first one is still valid until it expires.
    const res = await h.call('GET', `/v1/events?et=${first}`, { headers: { origin: 'http://localhost:8080' } });
    expect(res.status).toBe(200);
  });
});

describe('demo page under a flood of Host headers', () => {
  it('mints at most four tokens, whatever the Host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-demo-'));
    const file = join(dir, 'kairos.db');
    // A base URL that is not itself a loopback name: four allowed origins.
    const h = await createHarness({ config: { baseUrl: 'http://kairos.test:8080' }, elementsDir: DIST, storeUrl: file });
    const tokens = new Set<string>();
    try {
      await seed(h);
      const hosts: string[] = [];
      for (let i = 0; i < 400; i++) {
        hosts.push(`127.${i % 7}.${i % 11}.${(i % 250) + 1}:${8000 + (i % 97)}`, `localhost:${1024 + i}`, `[::1]:${2000 + i}`, `kairos.test:${9000 + i}`, `h${i}.kairos.test:8080`);
      }
      // The four allowed origins, again and again, among them.
      for (let i = 0; i < 50; i++) hosts.push('kairos.test:8080', '127.0.0.1:8080', 'localhost:8080', '[::1]:8080');
      for (const host of hosts) {
        // In-process, the request URL carries the Host (node-server builds it from the header).
        const res = await h.app.request(`http://${host}/`);
        expect(res.status).toBe(200);
        const token = tokenIn(await res.text());
        if (token) tokens.add(token);
      }
    } finally {
      await h.close();
    }
    expect(tokens.size).toBe(4);
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT origin FROM credentials WHERE kind = 'element_token' ORDER BY origin").all() as { origin: string }[];
      expect(rows.map((r) => r.origin)).toEqual(['http://127.0.0.1:8080', 'http://[::1]:8080', 'http://kairos.test:8080', 'http://localhost:8080']);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demoOrigins', () => {
  it.each([
    ['http://127.0.0.1:8080', ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']],
    ['http://localhost:3000', ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']],
    ['https://calendar.example.com', ['https://calendar.example.com', 'http://localhost:443', 'http://127.0.0.1:443', 'http://[::1]:443']],
    ['https://calendar.example.com:8443', ['https://calendar.example.com:8443', 'http://localhost:8443', 'http://127.0.0.1:8443', 'http://[::1]:8443']],
    ['http://kairos.test', ['http://kairos.test', 'http://localhost', 'http://127.0.0.1', 'http://[::1]']],
  ])('%s → %j', (base, origins) => {
    expect(demoOrigins(base)).toEqual(origins);
    expect(demoOrigins(base).length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['https://calendar.example.com', true],
    ['http://calendar.example.com', false],
    ['https://calendar.example.com:8443', false],
    ['http://localhost:443', true],
    ['http://localhost', false],
    ['http://127.0.0.53:443', false],
    ['http://127.0.0.1:443', true],
    ['http://127.example.com', false],
    ['http://localhost.evil.example', false],
  ])('demoOriginAllowed(%s) = %s', (origin, allowed) => {
    expect(demoOriginAllowed(origin, 'https://calendar.example.com')).toBe(allowed);
  });
});
