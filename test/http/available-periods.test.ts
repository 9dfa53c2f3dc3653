/** Available periods (PROTOCOL §5.10): upsert, paged read, delete, validation and the limit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expect202, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok } from '../helpers/availability.js';

const P = (id: string, start: unknown, end: unknown) => ({ available_period_id: id, start, end });

describe('available periods', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness({ config: { pageSize: 2 } });
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const call = (method: string, path: string, json?: unknown) => h.call(method, path, { headers: bearer(acc.accessToken), json });
  const put = async (p: unknown) => expect202(await call('POST', '/v1/available_periods', p));

  it('upsert is 202; reads are sorted by start, then id, and paged', async () => {
    await put(P('late', '2026-06-03T09:00:00Z', '2026-06-03T12:00:00Z'));
    await put(P('b', { time: '2026-06-02T11:00:00+02:00', tzid: 'Europe/Berlin' }, { time: '2026-06-02T12:00:00Z', tzid: 'Europe/Berlin' }));
    await put(P('a', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
    const first = await ok(await call('GET', '/v1/available_periods'));
    expect(first.available_periods).toEqual([
      { available_period_id: 'a', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
      { available_period_id: 'b', start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' },
    ]);
    expect(first.pages.current).toBe(1);
    expect(first.pages.total).toBe(2);
    expect(first.pages.next_page).toMatch(/^http:\/\/api\.kairos\.test\/v1\/available_periods\/pages\/[A-Za-z0-9_-]+$/);
    const second = await ok(await call('GET', first.pages.next_page));
    expect(second).toEqual({ pages: { current: 2, total: 2 }, available_periods: [{ available_period_id: 'late', start: '2026-06-03T09:00:00Z', end: '2026-06-03T12:00:00Z' }] });
    // Pages answer only to the same (application, account).
    const other = await personAccount(h, app.applicationId);
    await expectError(await h.call('GET', first.pages.next_page, { headers: bearer(other.accessToken) }), 404, 'not_found');
  });

  it('upsert replaces a period by id', async () => {
    await put(P('a', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
    await put(P('a', '2026-06-04T09:00:00Z', '2026-06-04T10:00:00Z'));
    expect((await ok(await call('GET', '/v1/available_periods'))).available_periods).toEqual([{ available_period_id: 'a', start: '2026-06-04T09:00:00Z', end: '2026-06-04T10:00:00Z' }]);
  });

  it('from/to are local Dates in tzid and select periods with start < to and end > from', async () => {
    await put(P('before', '2026-06-01T20:00:00Z', '2026-06-01T22:00:00Z'));
    await put(P('edge', '2026-06-01T21:00:00Z', '2026-06-01T22:30:00Z'));
    await put(P('inside', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
    await put(P('after', '2026-06-02T22:00:00Z', '2026-06-02T23:00:00Z'));
    // 2026-06-02 in Berlin is 2026-06-01T22:00Z to 2026-06-02T22:00Z.
    const res = await ok(await call('GET', '/v1/available_periods?from=2026-06-02&to=2026-06-03&tzid=Europe/Berlin&localized_times=true'));
    expect(res.available_periods.map((p: { available_period_id: string }) => p.available_period_id)).toEqual(['edge', 'inside']);
    const open = await ok(await call('GET', '/v1/available_periods?from=2026-06-02&tzid=Europe/Berlin'));
    expect(open.pages.total).toBe(2);
  });

  it('read validation: tzid required with from or to; Dates and tzid checked', async () => {
    await expect422(await call('GET', '/v1/available_periods?from=2026-06-02'), { tzid: ['errors.required'] });
    await expect422(await call('GET', '/v1/available_periods?to=2026-06-02'), { tzid: ['errors.required'] });
    await expect422(await call('GET', '/v1/available_periods?from=2026-06-32&to=tomorrow&tzid=Nowhere'), { from: ['errors.invalid'], to: ['errors.invalid'], tzid: ['errors.invalid'] });
    await expect422(await call('GET', '/v1/available_periods?from=2026-06-03&to=2026-06-02&tzid=UTC'), { from: ['errors.invalid'] });
    expect((await call('GET', '/v1/available_periods?tzid=UTC')).status).toBe(200);
  });

  const cases: [string, unknown, Record<string, string[]>][] = [
    ['everything absent', {}, { available_period_id: ['errors.required'], start: ['errors.required'], end: ['errors.required'] }],
    ['id with a question mark', P('a?', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'), { available_period_id: ['errors.invalid'] }],
    ['id of 65 characters', P('x'.repeat(65), '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'), { available_period_id: ['errors.too_long'] }],
    ['a Date start', P('a', '2026-06-02', '2026-06-02T10:00:00Z'), { start: ['errors.invalid'] }],
    ['an unknown zone', P('a', { time: '2026-06-02T09:00:00Z', tzid: 'Nowhere' }, '2026-06-02T10:00:00Z'), { start: ['errors.invalid'] }],
    ['end before start', P('a', '2026-06-02T10:00:00Z', '2026-06-02T09:00:00Z'), { end: ['errors.invalid'] }],
    ['end equal to start', P('a', '2026-06-02T10:00:00Z', '2026-06-02T10:00:00Z'), { end: ['errors.invalid'] }],
  ];

  it.each(cases)('upsert with %s → 422', async (_name, json, expected) => {
    await expect422(await call('POST', '/v1/available_periods', json), expected);
  });

  it('delete one or all: 202 with an empty body, also when nothing matched', async () => {
    await put(P('a', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
    await put(P('b', '2026-06-02T11:00:00Z', '2026-06-02T12:00:00Z'));
    await expect202(await call('DELETE', '/v1/available_periods', { available_period_id: 'a' }));
    await expect202(await call('DELETE', '/v1/available_periods', { available_period_id: 'a' }));
    expect((await ok(await call('GET', '/v1/available_periods'))).available_periods.map((p: { available_period_id: string }) => p.available_period_id)).toEqual(['b']);
    await expect202(await call('DELETE', '/v1/available_periods', { delete_all: true }));
    expect(await body(await call('GET', '/v1/available_periods'))).toEqual({ pages: { current: 1, total: 1 }, available_periods: [] });
  });

  it('delete validation: exactly one of available_period_id and delete_all: true', async () => {
    await expect422(await call('DELETE', '/v1/available_periods', {}), { available_period_id: ['errors.required'] });
    await expect422(await call('DELETE', '/v1/available_periods', { delete_all: false }), { available_period_id: ['errors.required'] });
    await expect422(await call('DELETE', '/v1/available_periods', { available_period_id: 'a', delete_all: true }), { delete_all: ['errors.invalid'] });
    await expect422(await call('DELETE', '/v1/available_periods', { delete_all: 'yes' }), { delete_all: ['errors.invalid'] });
    await expect422(await call('DELETE', '/v1/available_periods', { available_period_id: 5 }), { available_period_id: ['errors.invalid'] });
  });

  it('at least 1000 per account and application: the 1001st new one is refused, replacing is allowed', async () => {
    for (let i = 0; i < 1000; i++) {
      await h.store.upsertAvailablePeriod({ applicationId: app.applicationId, sub: acc.sub, availablePeriodId: `p${i}`, start: Date.UTC(2026, 5, 2, 9) + i * 60_000, end: Date.UTC(2026, 5, 2, 9) + (i + 1) * 60_000, tzid: null });
    }
    await expect422(await call('POST', '/v1/available_periods', P('p1000', '2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z')), { available_period_id: ['errors.too_many'] });
    await put(P('p999', '2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'));
    const other = await personAccount(h, app.applicationId);
    await expect202(await h.call('POST', '/v1/available_periods', { headers: bearer(other.accessToken), json: P('p1000', '2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z') }));
  });
});
