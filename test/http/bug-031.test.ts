/**
 * Case BUG-031 (security-token-origin): a booking must be re-validated on the server — notice,
 * buffers, grid, working hours, duration, double booking — because a client can send any start.
 *
 * Kairos has no booking endpoint; the host books by writing an event. What it needs for the
 * re-validation is `POST /v1/availability` with `query_slots` (is exactly this start valid for
 * these rules?) and `POST /v1/availability/explain` (why not?). The case maps onto them so:
 *
 * - working hours → a managed-availability rule, Mon–Fri 09:00–17:00 in Europe/Berlin, and a
 *   member with `managed_availability: true`;
 * - buffers → `buffer.before` / `buffer.after` of 15 minutes; duration → `required_duration`;
 *   grid → `start_interval` of 30 minutes (a query slot itself may start anywhere, so the grid
 *   is checked against the slot list or by explain's `off_grid` note);
 * - **minimum notice** (120 minutes) → time before `now + 120 min` is not offered. With query
 *   periods it is the query period starting at now+120min. `query_slots` cannot be combined
 *   with query periods, so there the same bound is the member's own `available_periods`
 *   starting at now+120min. (The engine's own floor is `now`, rounded up to the minute.)
 * - "booked" → the accepted slot is pushed as an event, after which it blocks like any other.
 *
 * The clock is the case's `now`. b6 (an end that is not start + 30) has no counterpart: the
 * host derives the end from `required_duration`. b7 (b3 again) is rejected like b8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, postWith, pushEvent, putRule, slotStarts, weekdays } from '../helpers/availability.js';

// Inputs copied from the case.
const NOW = '2026-06-02T06:00:00Z';
const NOTICE_MINUTES = 120;
const EXISTING_BUSY = { start: '2026-06-02T08:00:00Z', end: '2026-06-02T09:00:00Z' };
const REQUESTS: Record<string, string> = {
  b1: '2026-06-02T07:00:00Z',
  b2: '2026-06-02T09:00:00Z',
  b3: '2026-06-02T09:30:00Z',
  b4: '2026-06-02T09:10:00Z',
  b5: '2026-06-02T16:00:00Z',
  b7: '2026-06-02T09:30:00Z',
  b8: '2026-06-02T10:00:00Z',
};
const VALID_SLOTS_BEFORE_B3 = [
  '2026-06-02T09:30:00Z',
  '2026-06-02T10:00:00Z',
  '2026-06-02T10:30:00Z',
  '2026-06-02T11:00:00Z',
  '2026-06-02T11:30:00Z',
  '2026-06-02T12:00:00Z',
  '2026-06-02T12:30:00Z',
  '2026-06-02T13:00:00Z',
  '2026-06-02T13:30:00Z',
  '2026-06-02T14:00:00Z',
  '2026-06-02T14:30:00Z',
];

const noticeEnd = new Date(Date.parse(NOW) + NOTICE_MINUTES * 60_000).toISOString().replace('.000', '');
/** The case's slot list covers the day of `now`. */
const HORIZON = '2026-06-03T00:00:00Z';
const plus30 = (t: string) => new Date(Date.parse(t) + 30 * 60_000).toISOString().replace('.000', '');

describe('BUG-031: server-side re-validation of a chosen slot, through query_slots and explain', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let host: PersonAccount;

  const common = () => ({
    required_duration: { minutes: 30 },
    buffer: { before: { minutes: 15 }, after: { minutes: 15 } },
    start_interval: { minutes: 30 },
  });
  const managedMember = (extra: Record<string, unknown> = {}) => ({ participants: [{ members: [{ sub: host.sub, managed_availability: true, ...extra }] }] });
  /** The valid slot set: the query period starts at now + notice. */
  const validSlots = async (): Promise<string[]> =>
    slotStarts(await postWith(h, '/v1/availability', app.apiKey, { ...managedMember(), ...common(), query_periods: [{ start: noticeEnd, end: HORIZON }], response_format: 'overlapping_slots' }));
  /** Re-validates one requested start: the notice is the member's own available period. */
  const accepts = async (start: string): Promise<boolean> => {
    const body = { ...managedMember({ available_periods: [{ start: noticeEnd, end: HORIZON }] }), ...common(), query_slots: [{ start }] };
    const slots = await slotStarts(await postWith(h, '/v1/availability', app.apiKey, body));
    expect(slots.length).toBeLessThanOrEqual(1);
    return slots.length === 1 && slots[0] === start;
  };
  const explain = async (start: string): Promise<Json> => {
    const body = { ...managedMember(), ...common(), query_periods: [{ start: noticeEnd, end: HORIZON }], interval: { start, end: plus30(start) } };
    return (await ok(await postWith(h, '/v1/availability/explain', app.apiKey, body))).explanation;
  };
  const reasons = (e: Json): string[] => e.members[0].reasons.map((r: Json) => (r.reason === 'buffer' ? `buffer:${r.side}` : r.reason));

  beforeAll(async () => {
    h = await createHarness({ start: NOW });
    app = await h.newApp();
    host = await personAccount(h, app.applicationId, { zoneinfo: 'Europe/Berlin' });
    await putRule(h, host.accessToken, { availability_rule_id: 'working-hours', tzid: 'Europe/Berlin', weekly_periods: weekdays('09:00', '17:00') });
    await pushEvent(h, host.accessToken, host.calendarId, { event_id: 'existing', summary: 'Existing', ...EXISTING_BUSY });
  });
  afterAll(async () => h.close());

  it('before b3, the valid slots are exactly the case’s', async () => {
    expect(await validSlots()).toEqual(VALID_SLOTS_BEFORE_B3);
  });

  it('b1: inside the minimum notice → rejected', async () => {
    expect(await accepts(REQUESTS.b1!)).toBe(false);
    const e = await explain(REQUESTS.b1!);
    expect(e.available).toBe(false);
    // Outside the query period that starts at now + notice; 09:00 local is also before working hours.
    expect(reasons(e)).toEqual(expect.arrayContaining(['outside_query']));
  });

  it('b2: inside the after-meeting buffer (busy until 09:15Z) → rejected', async () => {
    expect(await accepts(REQUESTS.b2!)).toBe(false);
    expect(reasons(await explain(REQUESTS.b2!))).toEqual(['buffer:before']);
  });

  it('b4: not on the 30-minute grid → rejected', async () => {
    expect(await accepts(REQUESTS.b4!)).toBe(false);
    expect(await validSlots()).not.toContain(REQUESTS.b4);
    const e = await explain(REQUESTS.b4!);
    expect(e.notes).toEqual([{ note: 'off_grid', start_interval: { minutes: 30 } }]);
  });

  it('b5: 18:00 local is outside working hours → rejected', async () => {
    expect(await accepts(REQUESTS.b5!)).toBe(false);
    expect(reasons(await explain(REQUESTS.b5!))).toEqual(['outside_rules']);
  });

  it('b3 is accepted and booked; afterwards b7 (the same slot) and b8 (inside its buffer) are rejected', async () => {
    expect(await accepts(REQUESTS.b3!)).toBe(true);
    expect((await explain(REQUESTS.b3!)).available).toBe(true);
    // Booked 09:30Z–10:00Z.
    await pushEvent(h, host.accessToken, host.calendarId, { event_id: 'b3', summary: 'Booking', start: REQUESTS.b3, end: plus30(REQUESTS.b3!) });

    expect(await accepts(REQUESTS.b7!)).toBe(false);
    expect(reasons(await explain(REQUESTS.b7!))).toEqual(['busy']);
    expect(await accepts(REQUESTS.b8!)).toBe(false);
    const e8 = await explain(REQUESTS.b8!);
    expect(e8.members[0].reasons).toEqual([
      expect.objectContaining({ reason: 'buffer', side: 'before', summary: 'Booking', start: '2026-06-02T09:30:00Z', end: '2026-06-02T10:00:00Z' }),
    ]);
    // The buffer around the booking blocks 09:15–10:15Z: the next valid slot is 10:30Z.
    expect(await validSlots()).toEqual(VALID_SLOTS_BEFORE_B3.filter((s) => s >= '2026-06-02T10:30:00Z'));
  });
});
