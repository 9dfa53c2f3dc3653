/**
 * `POST /v1/availability/explain`: why an interval is or is not available, from the same
 * inputs as `POST /v1/availability` (Kairos only; host credentials).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, expect422, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, postWith, pushEvent, putRule, query } from '../helpers/availability.js';

const T = (hhmm: string) => `2026-06-02T${hhmm}:00Z`;
const I = (start: string, end: string) => ({ start: T(start), end: T(end) });

describe('availability explain', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let standup: string;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    await pushEvent(h, acc.accessToken, acc.calendarId, { event_id: 'standup', summary: 'Standup', start: T('10:00'), end: T('10:30') });
    standup = (await h.store.getManagedEvent(app.applicationId, acc.calendarId, 'standup'))!.eventUid;
  });
  afterEach(async () => h.close());

  const explain = async (q: Record<string, unknown>, interval: unknown): Promise<Json> =>
    (await ok(await postWith(h, '/v1/availability/explain', app.apiKey, { ...q, interval }))).explanation;

  it('an available interval: every member free, every group satisfied, nothing to note', async () => {
    expect(await explain(query([acc.sub]), I('09:00', '09:30'))).toEqual({
      interval: I('09:00', '09:30'),
      available: true,
      groups: [{ required: 'all', needed: 1, free: 1, satisfied: true }],
      members: [{ sub: acc.sub, group: 0, free: true, reasons: [] }],
      notes: [],
    });
  });

  it('a blocking event: its uid, summary and times', async () => {
    const e = await explain(query([acc.sub]), I('10:15', '10:45'));
    expect(e.available).toBe(false);
    expect(e.groups).toEqual([{ required: 'all', needed: 1, free: 0, satisfied: false }]);
    expect(e.members).toEqual([{ sub: acc.sub, group: 0, free: false, reasons: [{ reason: 'busy', event_uid: standup, summary: 'Standup', start: T('10:00'), end: T('10:30') }] }]);
  });

  it('a private event is named without its summary', async () => {
    const uid = await importedEvent(h, acc, { start: T('12:00'), end: T('13:00'), summary: 'Doctor', eventPrivate: true });
    const e = await explain(query([acc.sub]), I('12:00', '12:30'));
    expect(e.members[0].reasons).toEqual([{ reason: 'busy', event_uid: uid, start: T('12:00'), end: T('13:00') }]);
  });

  it('a buffer: the side and the event whose buffer reaches the interval', async () => {
    const before = await explain(query([acc.sub], { buffer: { before: { minutes: 15 } } }), I('10:30', '11:00'));
    expect(before.members[0].reasons).toEqual([{ reason: 'buffer', side: 'before', event_uid: standup, summary: 'Standup', start: T('10:00'), end: T('10:30') }]);
    const after = await explain(query([acc.sub], { buffer: { after: { minutes: 15 } } }), I('09:30', '10:00'));
    expect(after.members[0].reasons).toEqual([{ reason: 'buffer', side: 'after', event_uid: standup, summary: 'Standup', start: T('10:00'), end: T('10:30') }]);
  });

  it('outside the query, before now, outside the member periods, outside the rules', async () => {
    expect((await explain(query([acc.sub]), I('08:00', '08:30'))).members[0].reasons).toEqual([{ reason: 'outside_query' }]);
    h.clock.set('2026-06-02T09:10:30Z');
    expect((await explain(query([acc.sub]), I('09:00', '09:30'))).members[0].reasons).toEqual([{ reason: 'before_now', now: T('09:11') }]);
    h.clock.set('2026-06-01T10:00:00Z');
    const own = query([], { participants: [{ members: [{ sub: acc.sub, available_periods: [I('13:00', '14:00')] }] }] });
    expect((await explain(own, I('14:00', '14:30'))).members[0].reasons).toEqual([{ reason: 'outside_available_periods' }]);
    await putRule(h, acc.accessToken, { availability_rule_id: 'mornings', tzid: 'UTC', weekly_periods: [{ day: 'tuesday', start_time: '09:00', end_time: '12:00' }] });
    const managed = query([], { participants: [{ members: [{ sub: acc.sub, managed_availability: true }] }] });
    expect((await explain(managed, I('13:00', '13:30'))).members[0].reasons).toEqual([{ reason: 'outside_rules' }]);
    expect((await explain(managed, I('11:00', '11:30'))).available).toBe(true);
  });

  it('group requirements: how many members are needed and how many are free', async () => {
    const b = await personAccount(h, app.applicationId);
    const q = query([], { participants: [{ members: [acc.sub, b.sub], required: 1 }, { members: [acc.sub, b.sub] }] });
    const e = await explain(q, I('10:00', '10:30'));
    expect(e.available).toBe(false);
    expect(e.groups).toEqual([
      { required: 1, needed: 1, free: 1, satisfied: true },
      { required: 'all', needed: 2, free: 1, satisfied: false },
    ]);
    expect(e.members.map((m: Json) => [m.sub, m.group, m.free])).toEqual([
      [acc.sub, 0, false],
      [b.sub, 0, true],
      [acc.sub, 1, false],
      [b.sub, 1, true],
    ]);
  });

  it('notes an interval off the grid, shorter than the duration, or not among the query slots', async () => {
    expect((await explain(query([acc.sub], { start_interval: { minutes: 30 } }), I('09:10', '09:40'))).notes).toEqual([{ note: 'off_grid', start_interval: { minutes: 30 } }]);
    expect((await explain(query([acc.sub]), I('09:00', '09:15'))).notes).toEqual([{ note: 'shorter_than_duration', required_duration: { minutes: 30 } }]);
    const slots = query([acc.sub], { query_periods: undefined, query_slots: [{ start: T('09:00') }] });
    const e = await explain(slots, I('11:00', '11:30'));
    expect(e.notes).toEqual([{ note: 'not_a_query_slot' }]);
    expect(e.members[0].reasons).toEqual([{ reason: 'outside_query' }]);
  });

  it("names another account's blocking events only to the application's API key", async () => {
    const other = await personAccount(h, app.applicationId);
    const meeting = await importedEvent(h, other, { start: T('10:00'), end: T('11:00'), summary: 'Board meeting' });
    const q = { ...query([acc.sub, other.sub]), interval: I('10:15', '10:45') };
    const reasonsBy = async (credential: string) => {
      const e = (await ok(await postWith(h, '/v1/availability/explain', credential, q))).explanation;
      return Object.fromEntries((e.members as { sub: string; reasons: unknown[] }[]).map((m) => [m.sub, m.reasons]));
    };
    const named = { [acc.sub]: [{ reason: 'busy', event_uid: standup, summary: 'Standup', start: T('10:00'), end: T('10:30') }], [other.sub]: [{ reason: 'busy', event_uid: meeting, summary: 'Board meeting', start: T('10:00'), end: T('11:00') }] };
    expect(await reasonsBy(app.apiKey)).toEqual(named);
    // An account's token sees its own events, and only when and that the other account is busy.
    expect(await reasonsBy(acc.accessToken)).toEqual({ ...named, [other.sub]: [{ reason: 'busy', start: T('10:00'), end: T('11:00') }] });
    // Without a scope that reads events, not even its own.
    const narrow = await personAccount(h, app.applicationId, { scope: 'read_free_busy' });
    const e = (await ok(await postWith(h, '/v1/availability/explain', narrow.accessToken, { ...query([narrow.sub, other.sub]), interval: I('10:15', '10:45') }))).explanation;
    expect(e.members[1].reasons).toEqual([{ reason: 'busy', start: T('10:00'), end: T('11:00') }]);
  });

  it('validates the query and the interval together', async () => {
    const post = (json: unknown) => postWith(h, '/v1/availability/explain', app.apiKey, json);
    await expect422(await post(query([acc.sub])), { interval: ['errors.required'] });
    await expect422(await post({ ...query([acc.sub]), interval: 'now' }), { interval: ['errors.invalid'] });
    await expect422(await post({ ...query([acc.sub]), interval: { start: T('10:00') } }), { interval: ['errors.required'] });
    await expect422(await post({ ...query([acc.sub]), interval: I('10:00', '09:00') }), { interval: ['errors.invalid'] });
    await expect422(await post({ ...query([acc.sub]), interval: { start: '2026-06-01T00:00:00Z', end: '2026-07-06T00:01:00Z' } }), { interval: ['errors.too_long'] });
    await expect422(await post({ ...query([acc.sub], { required_duration: undefined }), interval: { start: 'x', end: T('10:00') } }), { required_duration: ['errors.required'], interval: ['errors.invalid'] });
  });

  it('leaves the availability answer itself unchanged', async () => {
    const res = await h.call('POST', '/v1/availability', { headers: bearer(app.apiKey), json: { ...query([acc.sub]), interval: I('10:00', '10:30'), explain: true } });
    expect(await res.text()).toBe(
      JSON.stringify({
        available_periods: [
          { start: T('09:00'), end: T('10:00'), participants: [{ sub: acc.sub }] },
          { start: T('10:30'), end: T('17:00'), participants: [{ sub: acc.sub }] },
        ],
      }),
    );
  });
});
