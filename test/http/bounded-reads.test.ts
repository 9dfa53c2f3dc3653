/**
 * Reads are bounded work (§8.10): a window holding more than MAX_READ_ITEMS events is a 422,
 * and one binding keeps at most MAX_PAGES_PER_BINDING page rows, its oldest going first.
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

  it('keeps at most MAX_PAGES_PER_BINDING page rows per binding, dropping the oldest snapshot first', async () => {
    h = await createHarness({ config: { pageSize: 10 } });
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    await h.store.replaceImportedEvents(acc.calendarId, imported(acc, 100, HOUR));
    // Each read stores 9 later pages: enough reads to pass the cap by a few snapshots.
    const reads = Math.ceil(MAX_PAGES_PER_BINDING / 9) + 3;
    const nextPages: string[] = [];
    for (let i = 0; i < reads; i++) {
      const b = await body(await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(acc.accessToken) }));
      nextPages.push(b.pages.next_page);
    }
    expect((await h.call('GET', nextPages[0]!, { headers: bearer(acc.accessToken) })).status).toBe(404);
    expect((await h.call('GET', nextPages.at(-1)!, { headers: bearer(acc.accessToken) })).status).toBe(200);
    // Another binding's snapshots are not touched by this one's.
    const other = await h.newAccount(app.applicationId, 'other');
    await h.store.replaceImportedEvents(other.calendarId, imported(other, 30, HOUR).map((e) => ({ ...e, eventUid: e.eventUid + 'o' })));
    const theirs = await body(await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(other.accessToken) }));
    for (let i = 0; i < 5; i++) await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-08', { headers: bearer(acc.accessToken) });
    expect((await h.call('GET', theirs.pages.next_page, { headers: bearer(other.accessToken) })).status).toBe(200);
  });
});
