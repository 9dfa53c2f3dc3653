/**
 * The HTTP API over PostgreSQL: the main flows and the inputs most likely to differ between
 * engines (text with odd code points, NUL, paging snapshots, transactions). Registered only when
 * KAIROS_TEST_POSTGRES is set (CI sets it); the SQLite runs of test/http cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { createHarness } from '../helpers/harness.js';

const url = testPostgresUrl();
const describeEngines = url ? [['sqlite', undefined], ['postgres', url]] as const : ([['sqlite', undefined]] as const);

for (const [engine, postgresUrl] of describeEngines) {
  describe(`HTTP flows on ${engine}`, () => {
    it('pushes, pages and reads events with an element token; refuses NUL without a 5xx', async () => {
      const h = await createHarness({ config: { pageSize: 2 }, ...(postgresUrl ? { postgresUrl } : {}) });
      try {
        const app = await h.newApp();
        const acc = await h.newAccount(app.applicationId);
        const auth = { authorization: `Bearer ${acc.accessToken}` };
        for (let i = 0; i < 5; i++) {
          const r = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
            headers: auth,
            json: { event_id: `e${i}`, summary: `Réunion ${i} — 会議 🗓️`, start: `2026-06-0${i + 2}T09:00:00Z`, end: `2026-06-0${i + 2}T10:00:00Z` },
          });
          expect(r.status).toBe(202);
        }
        const nul = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
          headers: auth,
          json: { event_id: 'n', summary: 'a\u0000b', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
        });
        expect(nul.status).toBe(422);
        expect((await h.call('GET', '/v1/calendars/cal_%00/events', { headers: auth })).status).toBe(404);
        expect((await h.call('POST', '/v1/profiles/pro_a%00b/revoke', { headers: auth })).status).toBe(404);
        expect((await h.call('GET', '/v1/events?calendar_ids[]=cal_%00', { headers: auth })).status).toBe(422);

        const origin = 'https://host.example';
        const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin });
        const summaries: string[] = [];
        let next: string | undefined = `/v1/events?et=${et}&include_managed=true&from=2026-06-01&to=2026-06-10`;
        let pages = 0;
        while (next) {
          const res = await h.call('GET', next, { headers: { origin } });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { pages: { next_page?: string }; events: { summary: string }[] };
          summaries.push(...body.events.map((e) => e.summary));
          next = body.pages.next_page ? `${body.pages.next_page}?et=${et}` : undefined;
          pages++;
        }
        expect(pages).toBe(3);
        expect(summaries).toEqual([0, 1, 2, 3, 4].map((i) => `Réunion ${i} — 会議 🗓️`));
      } finally {
        await h.close();
      }
    });
  });
}
