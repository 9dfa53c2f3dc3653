import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('element token round trip', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  it('mints a token and reads events with it from the bound origin only', async () => {
    const app = await h.newApp();
    const acc = await h.newAccount(app.applicationId);
    const put = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
      headers: { authorization: `Bearer ${acc.accessToken}` },
      json: { event_id: 'e1', summary: 'Hello', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
    });
    expect(put.status).toBe(202);
    const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: 'http://localhost:5555' });
    const ok = await h.call('GET', `/v1/events?et=${et}&include_managed=true&from=2026-06-01&to=2026-06-05`, { headers: { origin: 'http://localhost:5555' } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { events: { summary: string; start: string }[] };
    expect(body.events.map((e) => [e.summary, e.start])).toEqual([['Hello', '2026-06-02T09:00:00Z']]);
    const bad = await h.call('GET', `/v1/events?et=${et}`, { headers: { origin: 'http://evil.example' } });
    expect(bad.status).toBe(403);
  });
});
