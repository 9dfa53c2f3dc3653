/** The demo page mints element tokens only for its own origins, and reuses them. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/http/auth/hash.js';
import { demoOriginAllowed } from '../../src/http/demo-page.js';
import { seedDemo } from '../../src/services/index.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/** The page embeds the token in its boot script, which needs the built library (npm test builds first). */
const DIST = join(import.meta.dirname, '..', '..', 'dist', 'elements');
const tokenIn = (html: string): string | null => /"token":"([A-Za-z0-9_-]{43,})"/.exec(html)?.[1] ?? null;

describe('demo page tokens', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ config: { baseUrl: 'https://calendar.example.com' }, elementsDir: DIST });
    await seedDemo({ store: h.store, clock: h.clock, random: (n) => new Uint8Array(randomBytes(n)) }, { tzid: 'Europe/Berlin' });
  });
  afterEach(async () => h.close());

  const page = async (url: string) => {
    const res = await h.call('GET', url);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('mints for the public base URL and loopback hosts only', async () => {
    for (const url of ['https://calendar.example.com/', 'http://localhost:8080/', 'http://127.0.0.1:9999/', 'http://[::1]:8080/']) {
      const token = tokenIn(await page(url));
      expect(token, url).not.toBeNull();
      const credential = await h.store.findCredential(hashSecret(token!));
      expect(credential?.origin).toBe(new URL(url).origin);
    }
    // A Host header naming another site gets the page, without a token.
    const html = await page('http://evil.example/');
    expect(tokenIn(html)).toBeNull();
    expect(html).toContain('not the server');
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

  it.each([
    ['https://calendar.example.com', true],
    ['http://calendar.example.com', false],
    ['https://calendar.example.com:8443', false],
    ['http://localhost', true],
    ['http://127.0.0.53:80', true],
    ['http://127.example.com', false],
    ['http://localhost.evil.example', false],
  ])('demoOriginAllowed(%s) = %s', (origin, allowed) => {
    expect(demoOriginAllowed(origin, 'https://calendar.example.com')).toBe(allowed);
  });
});
