/**
 * End-to-end correctness of `POST /v1/availability` through HTTP (PROTOCOL §5.7.2–§5.7.4):
 * events pushed or imported, all-day events, buffers, counted calendars, managed availability
 * across a DST change, N-of-M groups, formats, caps, query slots and the current time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendar, authorizeFor, bearer, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, periods, postWith, pushEvent, putRule, query, slotStarts } from '../helpers/availability.js';

const T = (hhmm: string, day = '2026-06-02') => `${day}T${hhmm}:00Z`;
const span = (from: string, to: string, day = '2026-06-02'): [string, string] => [T(from, day), T(to, day)];
const EVERY_DAY = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

describe('availability results', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const post = (json: unknown) => postWith(h, '/v1/availability', app.apiKey, json);
  const push = (e: Record<string, unknown>, who = acc) => pushEvent(h, who.accessToken, who.calendarId, { summary: 'Busy', ...e });

  it('with no events, a member is free throughout each query period; times end in :00Z', async () => {
    const res = await post(query([acc.sub], { query_periods: [{ start: T('09:00'), end: T('12:00') }, { start: T('11:30'), end: T('13:00') }, { start: T('15:00'), end: T('16:00') }] }));
    const b = await ok(res);
    expect(b).toEqual({
      available_periods: [
        { start: T('09:00'), end: T('13:00'), participants: [{ sub: acc.sub }] },
        { start: T('15:00'), end: T('16:00'), participants: [{ sub: acc.sub }] },
      ],
    });
    for (const p of b.available_periods) expect(p.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  });

  it('pushed and tentative events block; deleted, cancelled, transparent and declined ones do not', async () => {
    await push({ event_id: 'blocks', start: T('10:00'), end: T('11:00') });
    await push({ event_id: 'deleted', start: T('12:00'), end: T('13:00') });
    const del = await h.call('DELETE', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken), json: { event_id: 'deleted' } });
    expect(del.status).toBe(202);
    await push({ event_id: 'free', start: T('13:00'), end: T('14:00'), transparency: 'transparent' });
    await importedEvent(h, acc, { start: T('14:00'), end: T('15:00'), status: 'cancelled' });
    await importedEvent(h, acc, { start: T('15:00'), end: T('15:30'), participationStatus: 'declined' });
    await importedEvent(h, acc, { start: T('16:00'), end: T('16:30'), status: 'tentative' });
    expect(await periods(await post(query([acc.sub])))).toEqual([span('09:00', '10:00'), span('11:00', '16:00'), span('16:30', '17:00')]);
  });

  it("managed events of another application block too", async () => {
    const other = await h.newApp('Other');
    const token = await authorizeFor(h, other.applicationId, acc.sub);
    await pushEvent(h, token, acc.calendarId, { event_id: 'x', summary: 'Theirs', start: T('12:00'), end: T('13:00') });
    expect(await periods(await post(query([acc.sub])))).toEqual([span('09:00', '12:00'), span('13:00', '17:00')]);
  });

  it("an all-day event blocks the account's local day", async () => {
    const la = await personAccount(h, app.applicationId, { zoneinfo: 'America/Los_Angeles' });
    await push({ event_id: 'holiday', start: '2026-06-03', end: '2026-06-04' }, la);
    const res = await post(query([la.sub], { query_periods: [{ start: T('00:00', '2026-06-03'), end: T('12:00', '2026-06-04') }] }));
    // 2026-06-03 in Los Angeles (PDT, −07:00) is 07:00Z to 07:00Z.
    expect(await periods(res)).toEqual([
      [T('00:00', '2026-06-03'), T('07:00', '2026-06-03')],
      [T('07:00', '2026-06-04'), T('12:00', '2026-06-04')],
    ]);
  });

  it('buffers widen busy blocks to [start − after, end + before]; minimum and maximum have no effect here', async () => {
    await push({ event_id: 'meeting', start: T('12:00'), end: T('13:00') });
    const expected = [span('09:00', '11:30'), span('13:15', '17:00')];
    expect(await periods(await post(query([acc.sub], { buffer: { before: { minutes: 15 }, after: { minutes: 30 } } })))).toEqual(expected);
    const withBounds = { before: { minutes: 15, minimum: { hours: 2 }, maximum: { hours: 3 } }, after: { hours: 0, minutes: 30, maximum: { minutes: 45 } } };
    expect(await periods(await post(query([acc.sub], { buffer: withBounds })))).toEqual(expected);
  });

  it("counts the member's calendar_ids when given, else every calendar that is not deleted", async () => {
    const second = await addCalendar(h, acc, { name: 'Second' });
    const gone = await addCalendar(h, acc, { name: 'Gone', deleted: true });
    await importedEvent(h, { sub: acc.sub, calendarId: second }, { start: T('10:00'), end: T('11:00') });
    await importedEvent(h, { sub: acc.sub, calendarId: gone }, { start: T('14:00'), end: T('15:00') });
    expect(await periods(await post(query([acc.sub])))).toEqual([span('09:00', '10:00'), span('11:00', '17:00')]);
    const onlyPrimary = query([], { participants: [{ members: [{ sub: acc.sub, calendar_ids: [acc.calendarId] }] }] });
    expect(await periods(await post(onlyPrimary))).toEqual([span('09:00', '17:00')]);
  });

  it('member available_periods restrict that member only', async () => {
    const b = await personAccount(h, app.applicationId);
    const json = query([], {
      participants: [{ members: [{ sub: acc.sub, available_periods: [{ start: T('10:00'), end: T('12:00') }, { start: T('14:00:30').slice(0, 19) + 'Z', end: T('15:00') }] }, b.sub], required: 1 }],
    });
    const res = await ok(await post(json));
    expect(res.available_periods.map((p: Json) => [p.start, p.end, p.participants.map((x: Json) => x.sub)])).toEqual([[T('09:00'), T('17:00'), [b.sub]]]);
    const all = await periods(await post({ ...json, participants: [{ members: (json.participants as Json)[0].members }] }));
    expect(all).toEqual([span('10:00', '12:00'), span('14:01', '15:00')]);
  });

  describe('managed availability', () => {
    beforeEach(() => h.clock.set('2026-03-01T00:00:00Z'));

    it('expands rules in their zone across the 2026-03-29 change to summer time in Europe/Berlin', async () => {
      await putRule(h, acc.accessToken, {
        availability_rule_id: 'office',
        tzid: 'Europe/Berlin',
        weekly_periods: EVERY_DAY.map((day) => ({ day, start_time: '09:00', end_time: '17:00' })),
      });
      const res = await post(query([], {
        participants: [{ members: [{ sub: acc.sub, managed_availability: true }] }],
        query_periods: [{ start: '2026-03-27T00:00:00Z', end: '2026-03-31T00:00:00Z' }],
      }));
      expect(await periods(res)).toEqual([
        ['2026-03-27T08:00:00Z', '2026-03-27T16:00:00Z'],
        ['2026-03-28T08:00:00Z', '2026-03-28T16:00:00Z'],
        ['2026-03-29T07:00:00Z', '2026-03-29T15:00:00Z'],
        ['2026-03-30T07:00:00Z', '2026-03-30T15:00:00Z'],
      ]);
    });

    it('is the union of the applicable rules and all stored available periods; events still block', async () => {
      h.clock.set('2026-06-01T00:00:00Z');
      await putRule(h, acc.accessToken, { availability_rule_id: 'a', tzid: 'Europe/Berlin', weekly_periods: [{ day: 'tuesday', start_time: '09:00', end_time: '10:00' }] });
      await putRule(h, acc.accessToken, { availability_rule_id: 'b', tzid: 'Europe/Berlin', weekly_periods: [{ day: 'tuesday', start_time: '12:00', end_time: '13:00' }] });
      const stored = await h.call('POST', '/v1/available_periods', { headers: bearer(acc.accessToken), json: { available_period_id: 'p', start: T('14:00'), end: T('16:00') } });
      expect(stored.status).toBe(202);
      await push({ event_id: 'm', start: T('14:30'), end: T('14:45') });
      const day = [{ start: T('00:00'), end: T('00:00', '2026-06-03') }];
      const managed = (extra: Record<string, unknown> = {}) => query([], { participants: [{ members: [{ sub: acc.sub, managed_availability: true, ...extra }] }], query_periods: day });
      expect(await periods(await post(managed()))).toEqual([span('07:00', '08:00'), span('10:00', '11:00'), span('14:00', '14:30'), span('14:45', '16:00')]);
      expect(await periods(await post(managed({ availability_rule_ids: null })))).toHaveLength(4);
      expect(await periods(await post(managed({ availability_rule_ids: ['a', 'unknown'] })))).toEqual([span('07:00', '08:00'), span('14:00', '14:30'), span('14:45', '16:00')]);
      expect(await periods(await post(managed({ availability_rule_ids: [] })))).toEqual([span('14:00', '14:30'), span('14:45', '16:00')]);
      // Not managed: the rules do not apply.
      expect(await periods(await post(query([acc.sub], { query_periods: day })))).toEqual([[T('00:00'), T('14:30')], [T('14:45'), T('00:00', '2026-06-03')]]);
    });

    it('with no rules and no available periods, a managed member is never free', async () => {
      const res = await post(query([], { participants: [{ members: [{ sub: acc.sub, managed_availability: true }] }] }));
      expect(await periods(res)).toEqual([]);
    });

    it("rule calendar_ids choose the counted calendars when the member gives none", async () => {
      h.clock.set('2026-06-01T00:00:00Z');
      const side = await addCalendar(h, acc, { name: 'Side' });
      await putRule(h, acc.accessToken, { availability_rule_id: 'r', tzid: 'UTC', calendar_ids: [side], weekly_periods: [{ day: 'tuesday', start_time: '09:00', end_time: '12:00' }] });
      await push({ event_id: 'on-primary', start: T('09:00'), end: T('10:00') });
      await importedEvent(h, { sub: acc.sub, calendarId: side }, { start: T('11:00'), end: T('11:30') });
      const managed = query([], { participants: [{ members: [{ sub: acc.sub, managed_availability: true }] }] });
      expect(await periods(await post(managed))).toEqual([span('09:00', '11:00'), span('11:30', '12:00')]);
      const explicit = query([], { participants: [{ members: [{ sub: acc.sub, managed_availability: true, calendar_ids: [acc.calendarId] }] }] });
      expect(await periods(await post(explicit))).toEqual([span('10:00', '12:00')]);
    });
  });

  it('N of M: periods where a fixed set of at least N members is free, each with every free member', async () => {
    const b = await personAccount(h, app.applicationId);
    const c = await personAccount(h, app.applicationId);
    await push({ event_id: 'a', start: T('09:00'), end: T('10:00') });
    await push({ event_id: 'b', start: T('10:00'), end: T('11:00') }, b);
    await push({ event_id: 'c', start: T('11:00'), end: T('12:00') }, c);
    const res = await ok(await post(query([], { participants: [{ members: [acc.sub, b.sub, c.sub], required: 2 }], query_periods: [{ start: T('09:00'), end: T('13:00') }] })));
    expect(res.available_periods.map((p: Json) => [p.start, p.end, p.participants.map((x: Json) => x.sub)])).toEqual([
      [T('09:00'), T('10:00'), [b.sub, c.sub]],
      [T('10:00'), T('11:00'), [acc.sub, c.sub]],
      [T('11:00'), T('13:00'), [acc.sub, b.sub]],
    ]);
    const slots = await ok(await post(query([], { participants: [{ members: [acc.sub, b.sub, c.sub], required: 3 }], query_periods: [{ start: T('09:00'), end: T('13:00') }], response_format: 'slots' })));
    expect(slots.available_slots.map((s: Json) => s.start)).toEqual([T('12:00'), T('12:30')]);
  });

  it('several groups: each must meet its requirement; a sub in two groups is listed once, in order of first appearance', async () => {
    const b = await personAccount(h, app.applicationId);
    const c = await personAccount(h, app.applicationId);
    await push({ event_id: 'c', start: T('12:00'), end: T('17:00') }, c);
    const groups = [{ members: [b.sub, acc.sub], required: 1 }, { members: [acc.sub, c.sub] }];
    const res = await ok(await post(query([], { participants: groups })));
    expect(res.available_periods).toEqual([{ start: T('09:00'), end: T('12:00'), participants: [{ sub: b.sub }, { sub: acc.sub }, { sub: c.sub }] }]);
    // Group 1 is met by either member: the period is as long as group 2 allows.
    const relaxed = await ok(await post(query([], { participants: [groups[0], { members: [acc.sub, c.sub], required: 1 }] })));
    expect(relaxed.available_periods).toEqual([{ start: T('09:00'), end: T('17:00'), participants: [{ sub: b.sub }, { sub: acc.sub }] }]);
  });

  it('slots: a greedy scan over the grid from 00:00Z (15 minutes by default); overlapping_slots: every valid start', async () => {
    await push({ event_id: 'm', start: T('10:00'), end: T('10:40') });
    const p = { query_periods: [{ start: T('09:10'), end: T('11:30') }] };
    expect(await slotStarts(await post(query([acc.sub], { ...p, response_format: 'slots' })))).toEqual([T('09:15'), T('10:45')]);
    expect(await slotStarts(await post(query([acc.sub], { ...p, response_format: 'overlapping_slots' })))).toEqual([T('09:15'), T('09:30'), T('10:45'), T('11:00')]);
    expect(await slotStarts(await post(query([acc.sub], { ...p, response_format: 'overlapping_slots', start_interval: { minutes: 60 } })))).toEqual([T('11:00')]);
    const slot = (await ok(await post(query([acc.sub], { ...p, response_format: 'slots' })))).available_slots[0];
    expect(slot).toEqual({ start: T('09:15'), end: T('09:45'), participants: [{ sub: acc.sub }] });
  });

  it('query_slots: only the given starts, answered as slots by default', async () => {
    await push({ event_id: 'm', start: T('10:30'), end: T('11:00') });
    const slots = [T('11:00'), T('09:30'), T('10:00'), T('09:00')].map((start) => ({ start }));
    const q = query([acc.sub], { query_periods: undefined, query_slots: slots, required_duration: { minutes: 60 } });
    expect(await slotStarts(await post(q))).toEqual([T('09:00'), T('11:00')]);
    expect(await slotStarts(await post({ ...q, response_format: 'overlapping_slots' }))).toEqual([T('09:00'), T('09:30'), T('11:00')]);
    // A start off any grid is still a candidate.
    expect(await slotStarts(await post({ ...q, query_slots: [{ start: T('11:07') }] }))).toEqual([T('11:07')]);
  });

  it('max_results caps the items returned, after sorting', async () => {
    const days = ['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'].map((d) => ({ start: T('09:00', d), end: T('10:00', d) }));
    expect(await periods(await post(query([acc.sub], { query_periods: days, max_results: 2 })))).toEqual([span('09:00', '10:00'), span('09:00', '10:00', '2026-06-03')]);
    expect(await slotStarts(await post(query([acc.sub], { query_periods: days, max_results: 3, response_format: 'slots' })))).toEqual([T('09:00'), T('09:30'), T('09:00', '2026-06-03')]);
  });

  it('past time is never available: free time starts at the current time rounded up to the minute', async () => {
    h.clock.set('2026-06-02T09:20:30Z');
    expect(await periods(await post(query([acc.sub], { query_periods: [{ start: T('09:00'), end: T('12:00') }] })))).toEqual([span('09:21', '12:00')]);
    h.clock.set('2026-06-02T12:00:00Z');
    expect(await periods(await post(query([acc.sub], { query_periods: [{ start: T('09:00'), end: T('12:00') }] })))).toEqual([]);
  });

  it('query bounds with seconds are rounded inwards; offsets are converted to UTC', async () => {
    const res = await post(query([acc.sub], { query_periods: [{ start: '2026-06-02T11:00:30+02:00', end: '2026-06-02T10:00:30.000Z' }] }));
    expect(await periods(res)).toEqual([span('09:01', '10:00')]);
  });

  it('periods shorter than the duration are left out; a bare sub string is a member', async () => {
    await push({ event_id: 'm', start: T('09:20'), end: T('10:00') });
    expect(await periods(await post({ participants: [{ members: [acc.sub] }], required_duration: { minutes: 30 }, query_periods: [{ start: T('09:00'), end: T('10:20') }] }))).toEqual([]);
  });

  it('works for application calendar accounts, with the available_periods alias', async () => {
    const room = await h.newAccount(app.applicationId, 'room-1');
    await pushEvent(h, room.accessToken, room.calendarId, { event_id: 'x', summary: 'Booked', start: T('13:00'), end: T('14:00') });
    const res = await post(query([room.sub], { query_periods: undefined, available_periods: [{ start: T('12:00'), end: T('15:00') }] }));
    expect(await periods(res)).toEqual([span('12:00', '13:00'), span('14:00', '15:00')]);
  });
});
