/** `POST /v1/sequenced_availability` (PROTOCOL §5.8, §9.22): validation and results through HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect422, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, postWith, pushEvent } from '../helpers/availability.js';

const T = (hhmm: string) => `2026-06-02T${hhmm}:00Z`;
const PERIOD = [{ start: T('09:00'), end: T('12:00') }];

describe('sequenced availability', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let a: PersonAccount;
  let b: PersonAccount;

  beforeAll(async () => {
    h = await createHarness();
    app = await h.newApp();
    a = await personAccount(h, app.applicationId);
    b = await personAccount(h, app.applicationId);
    await pushEvent(h, b.accessToken, b.calendarId, { event_id: 'busy', summary: 'Busy', start: T('10:00'), end: T('10:30') });
  });
  afterAll(async () => h.close());

  const post = (json: unknown) => postWith(h, '/v1/sequenced_availability', app.apiKey, json);
  const interview = (patch: Record<string, unknown> = {}) => ({
    sequence_id: 'interview',
    ordinal: 1,
    participants: [{ members: [{ sub: a.sub }], required: 'all' }],
    required_duration: { minutes: 60 },
    start_interval: { minutes: 60 },
    buffer: { after: { minimum: { minutes: 15 }, maximum: { minutes: 60 } } },
    ...patch,
  });
  const debrief = (patch: Record<string, unknown> = {}) => ({
    sequence_id: 7,
    ordinal: 2,
    participants: [{ members: [b.sub] }],
    required_duration: { minutes: 30 },
    ...patch,
  });
  const starts = (b: Json) => b.sequences.map((s: Json) => s.sequence.map((x: Json) => [x.sequence_id, x.start, x.end]));

  it('one sequence per feasible first slot, completed as early as the gap bounds allow', async () => {
    const res = await ok(await post({ sequence: [interview(), debrief()], query_periods: PERIOD }));
    expect(starts(res)).toEqual([
      [['interview', T('09:00'), T('10:00')], [7, T('10:30'), T('11:00')]],
      [['interview', T('10:00'), T('11:00')], [7, T('11:15'), T('11:45')]],
    ]);
    expect(res.sequences[0].sequence[0]).toEqual({ sequence_id: 'interview', start: T('09:00'), end: T('10:00'), participants: [{ sub: a.sub }] });
    expect(Object.keys(res)).toEqual(['sequences']);
  });

  it('lists items in ordinal order, keeps sequence_id JSON types, ignores unknown fields and caps with max_results', async () => {
    const body = {
      sequence: [debrief({ sequence_title: 'Debrief', event: { summary: 'x' } }), interview()],
      available_periods: PERIOD,
      response_format: 'slots',
      max_results: 1,
    };
    const res = await ok(await post(body));
    expect(starts(res)).toEqual([[['interview', T('09:00'), T('10:00')], [7, T('10:30'), T('11:00')]]]);
    expect(typeof res.sequences[0].sequence[1].sequence_id).toBe('number');
  });

  it('gapMin is the larger minimum, gapMax the smaller maximum; buffer minutes still widen busy blocks', async () => {
    // The debrief's own minimum (45) beats the interview's (15).
    const wider = await ok(await post({ sequence: [interview(), debrief({ buffer: { before: { minimum: { minutes: 45 } } } })], query_periods: PERIOD }));
    // After the 10:00 interview the debrief would start at 11:45 and end past the query period.
    expect(starts(wider)).toEqual([[['interview', T('09:00'), T('10:00')], [7, T('10:45'), T('11:15')]]]);
    // A maximum of 20 leaves no room for the 10:30 debrief after a 10:00 end.
    const tight = await ok(await post({ sequence: [interview(), debrief({ buffer: { before: { maximum: { minutes: 20 } } } })], query_periods: PERIOD }));
    expect(starts(tight)).toEqual([[['interview', T('10:00'), T('11:00')], [7, T('11:15'), T('11:45')]]]);
    // 30 minutes of buffer after b's meeting moves the first debrief to 11:00.
    const buffered = await ok(await post({ sequence: [interview(), debrief({ buffer: { before: { minutes: 30 } } })], query_periods: PERIOD }));
    expect(starts(buffered)[0]).toEqual([['interview', T('09:00'), T('10:00')], [7, T('11:00'), T('11:30')]]);
  });

  it('item-level query periods further restrict that item', async () => {
    const res = await ok(await post({ sequence: [interview(), debrief({ query_periods: [{ start: T('11:00'), end: T('12:00') }] })], query_periods: PERIOD }));
    expect(starts(res)).toEqual([
      [['interview', T('09:00'), T('10:00')], [7, T('11:00'), T('11:30')]],
      [['interview', T('10:00'), T('11:00')], [7, T('11:15'), T('11:45')]],
    ]);
  });

  it('an empty result is an empty array', async () => {
    const res = await ok(await post({ sequence: [interview({ required_duration: { hours: 3 } }), debrief()], query_periods: PERIOD }));
    expect(res).toEqual({ sequences: [] });
  });

  const cases: [string, () => Record<string, unknown>, Record<string, string[]>][] = [
    ['sequence absent', () => ({ sequence: undefined }), { sequence: ['errors.required'] }],
    ['sequence []', () => ({ sequence: [] }), { sequence: ['errors.required'] }],
    ['sequence an object', () => ({ sequence: {} }), { sequence: ['errors.invalid'] }],
    ['11 items', () => ({ sequence: Array.from({ length: 11 }, (_, i) => debrief({ ordinal: i + 1 })) }), { sequence: ['errors.too_many'] }],
    ['an item that is not an object', () => ({ sequence: ['x'] }), { sequence: ['errors.invalid'] }],
    ['duplicate ordinals', () => ({ sequence: [interview({ ordinal: 2 }), debrief()] }), { sequence: ['errors.invalid'] }],
    ['an explicit ordinal equal to a default one', () => ({ sequence: [interview({ ordinal: undefined }), debrief({ ordinal: 1 })] }), { sequence: ['errors.invalid'] }],
    ['ordinal 0', () => ({ sequence: [interview({ ordinal: 0 })] }), { sequence: ['errors.invalid'] }],
    ['ordinal "1"', () => ({ sequence: [interview({ ordinal: '1' })] }), { sequence: ['errors.invalid'] }],
    ['sequence_id absent', () => ({ sequence: [interview({ sequence_id: undefined })] }), { sequence: ['errors.required'] }],
    ['sequence_id 1.5', () => ({ sequence: [interview({ sequence_id: 1.5 })] }), { sequence: ['errors.invalid'] }],
    ['sequence_id of 256 characters', () => ({ sequence: [interview({ sequence_id: 'x'.repeat(256) })] }), { sequence: ['errors.too_long'] }],
    ['item participants absent', () => ({ sequence: [interview({ participants: undefined })] }), { sequence: ['errors.required'] }],
    ['item availability_constraints', () => ({ sequence: [debrief({ participants: [{ members: [{ sub: b.sub, availability_constraints: {} }] }] })] }), { sequence: ['errors.not_supported'] }],
    ['item required_duration 0', () => ({ sequence: [interview({ required_duration: { minutes: 0 } })] }), { sequence: ['errors.out_of_range'] }],
    ['item start_interval 7', () => ({ sequence: [interview({ start_interval: { minutes: 7 } })] }), { sequence: ['errors.not_recognized'] }],
    ['item buffer minimum above maximum', () => ({ sequence: [interview({ buffer: { after: { minimum: { minutes: 61 }, maximum: { minutes: 60 } } } })] }), { sequence: ['errors.invalid'] }],
    ['item query_periods and available_periods', () => ({ sequence: [debrief({ query_periods: PERIOD, available_periods: PERIOD })] }), { sequence: ['errors.invalid'] }],
    ['item query_periods []', () => ({ sequence: [debrief({ query_periods: [] })] }), { sequence: ['errors.required'] }],
    ['top-level periods absent', () => ({ query_periods: undefined }), { query_periods: ['errors.required'] }],
    ['top-level query_periods and available_periods', () => ({ available_periods: PERIOD }), { available_periods: ['errors.invalid'] }],
    ['top-level window of 35 days and a minute', () => ({ query_periods: [{ start: '2026-06-02T00:00:00Z', end: '2026-07-07T00:01:00Z' }] }), { query_periods: ['errors.too_long'] }],
    ['max_results 0', () => ({ max_results: 0 }), { max_results: ['errors.out_of_range'] }],
  ];

  it.each(cases)('%s → 422', async (_name, patch, expected) => {
    await expect422(await post({ sequence: [interview(), debrief()], query_periods: PERIOD, ...patch() }), expected);
  });

  it('names the exact location of an item problem', async () => {
    const res = await post({ sequence: [interview(), debrief({ participants: [{ members: [{ sub: '' }] }] })], query_periods: PERIOD });
    const b: Json = await expect422(res, { sequence: ['errors.required'] });
    expect(b.errors.sequence[0].description).toContain('sequence[1].participants[0].members[0].sub');
  });
});
