import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/services/index.js';
import { hashSecret } from '../../src/http/auth/hash.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'elements');

describe('library files and the demo page', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('serves the built library per §6.1', async () => {
    expect(existsSync(DIST), 'npm test builds dist/elements first').toBe(true);
    h = await createHarness({ elementsDir: DIST });
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
    const pinned = await h.call('GET', `/js/CronofyElements.v${version}.js`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.get('access-control-allow-origin')).toBe('*');
    expect(await pinned.text()).toContain('CronofyElements');
    const current = await h.call('GET', '/js/CronofyElements.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(current.headers.get('cache-control')).toBe('public, max-age=300');
    expect(current.headers.get('content-encoding')).toBe('gzip');
    const gz = Buffer.from(await current.arrayBuffer());
    expect(gunzipSync(gz).toString('utf8')).toContain('CronofyElements');
    expect((await h.call('GET', `/js/CronofyElements.v${version}.mjs`)).status).toBe(200);
    expect((await h.call('GET', '/js/../package.json')).status).toBe(404);
    expect((await h.call('GET', '/js/nope.js')).status).toBe(404);
  });

  it('answers a revalidation of an unchanged library file with a bodiless 304, per encoding', async () => {
    h = await createHarness({ elementsDir: DIST });
    const plain = await h.call('GET', '/js/CronofyElements.js');
    const gzipped = await h.call('GET', '/js/CronofyElements.js', { headers: { 'accept-encoding': 'gzip' } });
    const plainTag = plain.headers.get('etag');
    const gzTag = gzipped.headers.get('etag');
    expect(plainTag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(gzTag).toBe(plainTag!.slice(0, -1) + '-gz"');
    // The same file gets the same tag on another server started from the same build.
    const again = await createHarness({ elementsDir: DIST });
    expect((await again.call('GET', '/js/CronofyElements.js')).headers.get('etag')).toBe(plainTag);
    await again.close();

    const revalidated = await h.call('GET', '/js/CronofyElements.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': gzTag! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(gzTag);
    expect(revalidated.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await revalidated.text()).toBe('');
    // A weak form and a list match too; the other encoding's tag does not.
    expect((await h.call('GET', '/js/CronofyElements.js', { headers: { 'if-none-match': `"x", W/${plainTag}` } })).status).toBe(304);
    const other = await h.call('GET', '/js/CronofyElements.js', { headers: { 'if-none-match': gzTag! } });
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('CronofyElements');
  });

  it('sends gzip only to clients that accept it, honouring q-values', async () => {
    h = await createHarness({ elementsDir: DIST });
    const encoding = async (accept: string) => (await h.call('GET', '/js/CronofyElements.js', { headers: { 'accept-encoding': accept } })).headers.get('content-encoding');
    expect(await encoding('gzip')).toBe('gzip');
    expect(await encoding('br;q=1.0, gzip;q=0.5')).toBe('gzip');
    expect(await encoding('*')).toBe('gzip');
    expect(await encoding('gzip;q=0')).toBeNull();
    expect(await encoding('gzip;q=0, *')).toBeNull();
    expect(await encoding('identity')).toBeNull();
    expect(await encoding('*;q=0')).toBeNull();
  });

  it('serves the documentation page each element links its notifications to (§6.8)', async () => {
    h = await createHarness({ config: { baseUrl: 'https://kairos.example.com' }, elementsDir: DIST });
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
    const pages: [slug: string, display: string, permission: string, implemented: boolean][] = [
      ['agenda', 'Agenda View', 'agenda', true],
      ['slot-picker', 'Slot Picker', 'availability', false],
      ['availability-viewer', 'Availability Viewer', 'availability', false],
      ['date-time-picker', 'Date Time Picker', 'availability', false],
      ['availability-rules', 'Availability Rules', 'managed_availability', false],
      ['calendar-sync', 'Calendar Sync', 'account_management', false],
    ];
    for (const [slug, display, permission, implemented] of pages) {
      const res = await h.call('GET', `/docs/elements/${slug}`);
      expect(res.status, slug).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain(`<h1>${display} `);
      expect(html).toContain(`<code>${permission}</code>`);
      expect(html).toContain(`https://kairos.example.com/js/CronofyElements.v${version}.js`);
      expect(html.includes('does not implement'), slug).toBe(!implemented);
    }
    const index = await h.call('GET', '/docs/elements');
    expect(index.status).toBe(200);
    const list = await index.text();
    for (const [slug, display] of pages) expect(list).toContain(`<a href="elements/${slug}">${display}</a>`);
    expect(list.match(/not implemented in this version yet/g)).toHaveLength(5);
    const missing = await h.call('GET', '/docs/elements/toString');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('shows the demo account through a token minted for the page origin, and a demo-mode agenda', async () => {
    // The server reached on 127.0.0.1:8080, the page opened as localhost:8080 (see demo-page.test.ts).
    h = await createHarness({ config: { baseUrl: 'http://127.0.0.1:8080' }, elementsDir: DIST });
    const seed = await seedDemo({ store: h.store, clock: h.clock, random: (n) => new Uint8Array(randomBytes(n)) }, { tzid: 'Europe/Berlin' });
    const res = await h.call('GET', 'http://localhost:8080/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' 'nonce-");
    const html = await res.text();
    expect(html).toContain('CronofyElements.Agenda({ demo: true');
    const token = /"token":"([A-Za-z0-9_-]{43,})"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    const credential = await h.store.findCredential(hashSecret(token!));
    expect(credential).toMatchObject({ kind: 'element_token', origin: 'http://localhost:8080', permissions: ['agenda'], subs: [seed.sub] });
    // The token works from the page origin against the API.
    const events = await h.call('GET', `/v1/events?et=${token}&include_userinfo=true`, { headers: { origin: 'http://localhost:8080' } });
    expect(events.status).toBe(200);
    const body = (await events.json()) as { events: unknown[]; userinfo: { sub: string } };
    expect(body.userinfo.sub).toBe(seed.sub);
    expect(body.events.length).toBeGreaterThan(10);
  });

  it('explains itself when there is no demo account, and mints nothing', async () => {
    h = await createHarness({ elementsDir: DIST });
    const html = await (await h.call('GET', 'http://localhost:8080/')).text();
    expect(html).toContain('no demo account');
    expect(html).not.toMatch(/"token":"[A-Za-z0-9_-]{43,}"/);
  });
});
