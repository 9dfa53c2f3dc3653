/**
 * Reads are bounded work (§8.10): a window holding more than MAX_READ_ITEMS events is a 422,
 * and one binding keeps at most MAX_PAGES_PER_BINDING page rows, its oldest going first, but never
 * one younger than 15 minutes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/index.js';
import { MAX_PAGES_PER_BINDING } from '../../src/http/paging.js';
import { MAX_READ_ITEMS, MAX_READ_TEXT_CHARS } from '../../src/http/routes/read-events.js';
import { bearer, body, expect422, importedEventRecord } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 5, 1);

function imported(acc: { sub: string; calendarId: string }, n: number, stepMs: number): CalendarEvent[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: n }, (_, i) =>
    importedEventRecord(acc, { uid: `evt_external_bulk${String(i).padStart(8, '0')}`, summary: `Bulk ${i}`, start: iso(DAY0 + i * stepMs), end: iso(DAY0 + i * stepMs + stepMs / 2) }),
  );
}

describe('bounded reads', () => {
  let h: Harness;
  afterEach(async () => h.close());

  describe('a window with too many events', () => {
    let token: string;
    beforeEach(async () => {
      h = await createHarness();
      const app = await h.newApp();
      const acc = await h.newAccount(app.applicationId);
      token = acc.accessToken;
      // MAX + 1 events, 10 minutes apart from 2026-06-01: about 70 days.
      await h.store.replaceImportedEvents(acc.calendarId, imported(acc, MAX_READ_ITEMS + 1, 10 * 60_000));
    });

    it('is a 422 on events and free/busy, naming the way out', async () => {
      for (const path of ['/v1/events', '/v1/free_busy']) {
        const b = await expect422(await h.call('GET', `${path}?from=2026-06-01&to=2026-09-01`, { headers: bearer(token) }), { to: ['errors.too_many'] });
        expect(b.errors.to[0].description).toMatch(/more than 10,000 events: ask for a shorter one/);
      }
    });

    it('a shorter window is read and paged as usual', async () => {
      const res = await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(token) });
      expect(res.status).toBe(200);
      const b = await body(res);
      // Seven days of events every 10 minutes: 1008, in pages of 100.
      expect(b.pages).toMatchObject({ current: 1, total: 11 });
      expect(b.events).toHaveLength(100);
    });
  });

  it('refuses a window whose events carry more text than a read may serve', async () => {
    h = await createHarness();
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    // Fewer events than MAX_READ_ITEMS, each with a full 4096-character description.
    const n = Math.ceil(MAX_READ_TEXT_CHARS / 4096) + 10;
    expect(n).toBeLessThan(MAX_READ_ITEMS);
    await h.store.replaceImportedEvents(acc.calendarId, imported(acc, n, 10 * 60_000).map((e) => ({ ...e, description: 'd'.repeat(4096) })));
    const b = await expect422(await h.call('GET', '/v1/events?from=2026-06-01&to=2026-09-01', { headers: bearer(acc.accessToken) }), { to: ['errors.too_many'] });
    expect(b.errors.to[0].description).toMatch(/more than 32 Mi characters of text/);
    // A day of them is served.
    expect((await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-02', { headers: bearer(acc.accessToken) })).status).toBe(200);
  });

  it('keeps at most MAX_PAGES_PER_BINDING page rows per binding, never dropping a page younger than 15 minutes: such a read is a 429 until one comes of age', async () => {
    h = await createHarness({ config: { pageSize: 10 } });
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    await h.store.replaceImportedEvents(acc.calendarId, imported(acc, 100, HOUR));
    const read = () => h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(acc.accessToken) });
    // Each read stores 9 later pages: this many fit under the cap.
    const fits = Math.floor(MAX_PAGES_PER_BINDING / 9);
    const nextPages: string[] = [];
    for (let i = 0; i < fits; i++) {
      const res = await read();
      expect(res.status).toBe(200);
      nextPages.push((await body(res)).pages.next_page);
    }
    // One more would have to drop pages stored less than 15 minutes ago.
    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    const why = await body(refused);
    expect(why.error).toBe('rate_limited');
    expect(why.error_description).toMatch(/as many result pages from the last 15 minutes as it may \(500\).*try again in 900 s/);
    for (const url of [nextPages[0]!, nextPages.at(-1)!]) expect((await h.call('GET', url, { headers: bearer(acc.accessToken) })).status).toBe(200);
    // Still refused a millisecond before the first snapshot turns 15 minutes old, with the wait counted down.
    h.clock.advance(15 * 60_000 - 1000);
    const later = await read();
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe('1');
    // Then the read is served, and only pages older than 15 minutes make room for it.
    h.clock.advance(1000);
    const served = await read();
    expect(served.status).toBe(200);
    expect((await h.call('GET', (await body(served)).pages.next_page, { headers: bearer(acc.accessToken) })).status).toBe(200);
    for (const url of nextPages.slice(1)) expect((await h.call('GET', url, { headers: bearer(acc.accessToken) })).status).toBe(200);
    // Another binding's snapshots are not touched by this one's, nor refused for its reads.
    const other = await h.newAccount(app.applicationId, 'other');
    await h.store.replaceImportedEvents(other.calendarId, imported(other, 30, HOUR).map((e) => ({ ...e, eventUid: e.eventUid + 'o' })));
    const theirs = await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(other.accessToken) });
    expect(theirs.status).toBe(200);
    for (let i = 0; i < 5; i++) await read();
    expect((await h.call('GET', (await body(theirs)).pages.next_page, { headers: bearer(other.accessToken) })).status).toBe(200);
  });
});
