/** GET /v1/free_busy (PROTOCOL §5.6.2): only blocking events, busy or tentative. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expect202, expect422, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const W = 'from=2026-06-01&to=2026-06-10';

describe('GET /v1/free_busy', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const read = async (query: string): Promise<Json[]> => {
    const res = await h.call('GET', `/v1/free_busy?${query}`, { headers: bearer(acc.accessToken) });
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(200);
    expect(b).not.toHaveProperty('events');
    return b.free_busy;
  };

  it('lists exactly the blocking events, with busy or tentative status', async () => {
    const rows: [string, Record<string, unknown>, string | null][] = [
      ['confirmed accepted', {}, 'busy'],
      ['needs_action', { participationStatus: 'needs_action' }, 'busy'],
      ['unknown participation', { participationStatus: 'unknown' }, 'busy'],
      ['tentative status', { status: 'tentative' }, 'tentative'],
      ['tentative participation', { participationStatus: 'tentative' }, 'tentative'],
      ['cancelled', { status: 'cancelled' }, null],
      ['transparent', { transparency: 'transparent' }, null],
      ['declined', { participationStatus: 'declined' }, null],
      ['deleted', { deleted: true }, null],
      ['unknown transparency', { transparency: 'unknown' }, 'busy'],
    ];
    for (let i = 0; i < rows.length; i++) {
      const [summary, patch] = rows[i]!;
      const hour = String(i).padStart(2, '0');
      await importedEvent(h, acc, { summary, start: `2026-06-02T${hour}:00:00Z`, end: `2026-06-02T${hour}:30:00Z`, ...patch });
    }
    const got = await read(W);
    const expected = rows
      .map(([, , status], i) => (status === null ? null : { calendar_id: acc.calendarId, start: `2026-06-02T${String(i).padStart(2, '0')}:00:00Z`, end: `2026-06-02T${String(i).padStart(2, '0')}:30:00Z`, free_busy_status: status }))
      .filter((x) => x !== null);
    expect(got).toEqual(expected);
    for (const item of got) expect(Object.keys(item).sort()).toEqual(['calendar_id', 'end', 'free_busy_status', 'start']);
  });

  it('all-day events appear with Date bounds', async () => {
    await importedEvent(h, acc, { start: '2026-06-03', end: '2026-06-05' });
    expect(await read(W)).toEqual([{ calendar_id: acc.calendarId, start: '2026-06-03', end: '2026-06-05', free_busy_status: 'busy' }]);
  });

  it('managed events only with include_managed=true, and only when they block', async () => {
    const put = (json: unknown) => h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken), json });
    await expect202(await put({ event_id: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }));
    await expect202(await put({ event_id: 'b', summary: 'B', start: '2026-06-02T11:00:00Z', end: '2026-06-02T12:00:00Z', transparency: 'transparent' }));
    await expect202(await put({ event_id: 'c', summary: 'C', start: '2026-06-02T13:00:00Z', end: '2026-06-02T14:00:00Z' }));
    await expect202(await h.call('DELETE', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken), json: { event_id: 'c' } }));
    expect(await read(W)).toEqual([]);
    expect((await read(`${W}&include_managed=true`)).map((f) => f.start)).toEqual(['2026-06-02T09:00:00Z']);
  });

  it('has the events selection rules and default window', async () => {
    await importedEvent(h, acc, { start: '2026-05-15T23:00:00Z', end: '2026-05-16T00:00:00Z' });
    await importedEvent(h, acc, { start: '2026-05-15T23:00:00Z', end: '2026-05-16T00:00:01Z' });
    await importedEvent(h, acc, { start: '2026-12-19T00:00:00Z', end: '2026-12-19T01:00:00Z' });
    expect((await read('')).map((f) => f.end)).toEqual(['2026-05-16T00:00:01Z']);
  });

  it('validates its parameters', async () => {
    const res = (q: string) => h.call('GET', `/v1/free_busy?${q}`, { headers: bearer(acc.accessToken) });
    await expect422(await res('from=2026-06-10&to=2026-06-01'), { from: ['errors.invalid'] });
    await expect422(await res('tzid=Nowhere'), { tzid: ['errors.invalid'] });
    await expect422(await res('include_managed=yes'), { include_managed: ['errors.invalid'] });
    await expect422(await res('calendar_ids[]=cal_someone_else_000'), { calendar_ids: ['errors.not_recognized'] });
    // Events-only parameters are unknown here, so ignored.
    expect((await res('only_managed=maybe&include_deleted=perhaps&last_modified=x')).status).toBe(200);
  });

  it('works with an element token holding agenda, with userinfo on request', async () => {
    await importedEvent(h, acc, { start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', summary: 'Private summary' });
    const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
    const res = await h.call('GET', `/v1/free_busy?${W}&include_userinfo=true&et=${et}`, { headers: { origin: ORIGIN } });
    const b = await body(res);
    expect(res.status).toBe(200);
    expect(b.free_busy).toEqual([{ calendar_id: acc.calendarId, start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', free_busy_status: 'busy' }]);
    expect(b.userinfo.sub).toBe(acc.sub);
    // Free/busy never leaks event details.
    expect(JSON.stringify(b)).not.toContain('Private summary');
  });
});
