/**
 * Validation of availability queries (PROTOCOL §5.7.1, §2.2, §2.7): every rule and error key,
 * all problems in one 422 keyed by the top-level parameter, descriptions naming the location.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect422, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, periods, postWith, query } from '../helpers/availability.js';

const P = (start: string, end: string) => ({ start, end });
const DAY = '2026-06-02';
const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('availability query validation', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let other: PersonAccount;

  beforeAll(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    other = await personAccount(h, app.applicationId);
  });
  afterAll(async () => h.close());

  const post = (json: unknown) => postWith(h, '/v1/availability', app.apiKey, json);
  const member = (patch: Record<string, unknown>) => ({ participants: [{ members: [{ sub: acc.sub, ...patch }] }] });

  // Each case: a patch applied to a valid query, and the exact errors map expected.
  const cases: [string, (sub: string) => Record<string, unknown>, Record<string, string[]>][] = [
    ['participants absent', () => ({ participants: undefined }), { participants: ['errors.required'] }],
    ['participants null', () => ({ participants: null }), { participants: ['errors.required'] }],
    ['participants []', () => ({ participants: [] }), { participants: ['errors.required'] }],
    ['participants an object', () => ({ participants: {} }), { participants: ['errors.invalid'] }],
    ['11 groups', (s) => ({ participants: many(11, () => ({ members: [s] })) }), { participants: ['errors.too_many'] }],
    ['a group that is not an object', () => ({ participants: ['x'] }), { participants: ['errors.invalid'] }],
    ['members absent', () => ({ participants: [{ required: 'all' }] }), { participants: ['errors.required'] }],
    ['members []', () => ({ participants: [{ members: [] }] }), { participants: ['errors.required'] }],
    ['members a string', (s) => ({ participants: [{ members: s }] }), { participants: ['errors.invalid'] }],
    ['51 members', (s) => ({ participants: [{ members: many(51, () => s) }] }), { participants: ['errors.too_many'] }],
    ['a member that is a number', () => ({ participants: [{ members: [42] }] }), { participants: ['errors.invalid'] }],
    ['a member that is an empty string', () => ({ participants: [{ members: [''] }] }), { participants: ['errors.required'] }],
    ['a member without sub', () => ({ participants: [{ members: [{}] }] }), { participants: ['errors.required'] }],
    ['a sub that is not a string', () => ({ participants: [{ members: [{ sub: 5 }] }] }), { participants: ['errors.invalid'] }],
    ['calendar_ids []', () => member({ calendar_ids: [] }), { participants: ['errors.required'] }],
    ['calendar_ids a string', () => member({ calendar_ids: 'cal_x' }), { participants: ['errors.invalid'] }],
    ['calendar_ids with a number', () => member({ calendar_ids: [5] }), { participants: ['errors.invalid'] }],
    ['member available_periods []', () => member({ available_periods: [] }), { participants: ['errors.required'] }],
    ['member available_periods with a bad time', () => member({ available_periods: [P('2026-06-02 09:00', '2026-06-02T10:00:00Z')] }), { participants: ['errors.invalid'] }],
    ['member available_periods with end before start', () => member({ available_periods: [P('2026-06-02T10:00:00Z', '2026-06-02T09:00:00Z')] }), { participants: ['errors.invalid'] }],
    ['51 member available_periods', () => member({ available_periods: many(51, () => P('2026-06-02T10:00:00Z', '2026-06-02T11:00:00Z')) }), { participants: ['errors.too_many'] }],
    ['managed_availability a string', () => member({ managed_availability: 'yes' }), { participants: ['errors.invalid'] }],
    ['availability_rule_ids a string', () => member({ availability_rule_ids: 'work' }), { participants: ['errors.invalid'] }],
    ['availability_constraints in a member', () => member({ availability_constraints: [{ limit: 2 }] }), { participants: ['errors.not_supported'] }],
    ['required 0', (s) => ({ participants: [{ members: [s], required: 0 }] }), { participants: ['errors.invalid'] }],
    ['required above the member count', (s) => ({ participants: [{ members: [s], required: 2 }] }), { participants: ['errors.invalid'] }],
    ['required 1.5', (s) => ({ participants: [{ members: [s, s], required: 1.5 }] }), { participants: ['errors.invalid'] }],
    ['required "1"', (s) => ({ participants: [{ members: [s], required: '1' }] }), { participants: ['errors.invalid'] }],
    ['required "some"', (s) => ({ participants: [{ members: [s], required: 'some' }] }), { participants: ['errors.invalid'] }],
    ['required_duration absent', () => ({ required_duration: undefined }), { required_duration: ['errors.required'] }],
    ['required_duration 0', () => ({ required_duration: { minutes: 0 } }), { required_duration: ['errors.out_of_range'] }],
    ['required_duration 1441', () => ({ required_duration: { minutes: 1441 } }), { required_duration: ['errors.out_of_range'] }],
    ['required_duration 24h 1m', () => ({ required_duration: { hours: 24, minutes: 1 } }), { required_duration: ['errors.out_of_range'] }],
    ['required_duration minutes 60 with hours', () => ({ required_duration: { hours: 1, minutes: 60 } }), { required_duration: ['errors.invalid'] }],
    ['required_duration a string', () => ({ required_duration: '30' }), { required_duration: ['errors.invalid'] }],
    ['required_duration minutes a string', () => ({ required_duration: { minutes: '30' } }), { required_duration: ['errors.invalid'] }],
    ['required_duration {}', () => ({ required_duration: {} }), { required_duration: ['errors.invalid'] }],
    ['required_duration negative', () => ({ required_duration: { minutes: -5 } }), { required_duration: ['errors.invalid'] }],
    ['required_duration huge', () => ({ required_duration: { minutes: 1e300 } }), { required_duration: ['errors.invalid'] }],
    ['no periods and no slots', () => ({ query_periods: undefined }), { query_periods: ['errors.required'] }],
    ['query_periods null', () => ({ query_periods: null }), { query_periods: ['errors.required'] }],
    ['query_periods and available_periods', () => ({ available_periods: [P('2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z')] }), { available_periods: ['errors.invalid'] }],
    ['query_slots and query_periods', () => ({ query_slots: [{ start: '2026-06-02T09:00:00Z' }] }), { query_slots: ['errors.invalid'] }],
    ['query_slots and available_periods', () => ({ query_periods: undefined, available_periods: [P('2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z')], query_slots: [{ start: '2026-06-02T09:00:00Z' }] }), { query_slots: ['errors.invalid'] }],
    ['query_periods []', () => ({ query_periods: [] }), { query_periods: ['errors.required'] }],
    ['query_periods an object', () => ({ query_periods: {} }), { query_periods: ['errors.invalid'] }],
    ['51 query_periods', () => ({ query_periods: many(51, (i) => P(`2026-06-${String(2 + (i % 20)).padStart(2, '0')}T09:00:00Z`, `2026-06-${String(2 + (i % 20)).padStart(2, '0')}T10:00:00Z`)) }), { query_periods: ['errors.too_many'] }],
    ['a query period that is not an object', () => ({ query_periods: ['2026-06-02'] }), { query_periods: ['errors.invalid'] }],
    ['a query period without start', () => ({ query_periods: [{ end: '2026-06-02T10:00:00Z' }] }), { query_periods: ['errors.required'] }],
    ['a query period with a Date', () => ({ query_periods: [P(DAY, '2026-06-03')] }), { query_periods: ['errors.invalid'] }],
    ['a query period with milliseconds', () => ({ query_periods: [P('2026-06-02T09:00:00.500Z', '2026-06-02T10:00:00Z')] }), { query_periods: ['errors.invalid'] }],
    ['a query period with end = start', () => ({ query_periods: [P('2026-06-02T09:00:00Z', '2026-06-02T09:00:00Z')] }), { query_periods: ['errors.invalid'] }],
    ['a query period in an absurd year', () => ({ query_periods: [P('9999-06-02T09:00:00Z', '9999-06-02T10:00:00Z')] }), { query_periods: ['errors.invalid'] }],
    ['a bad available_periods alias', () => ({ query_periods: undefined, available_periods: [P('x', 'y')] }), { available_periods: ['errors.invalid'] }],
    ['35 days and a minute', () => ({ query_periods: [P('2026-06-02T00:00:00Z', '2026-07-07T00:01:00Z')] }), { query_periods: ['errors.too_long'] }],
    ['35 days and a minute across periods', () => ({ query_periods: [P('2026-06-02T00:00:00Z', '2026-06-02T01:00:00Z'), P('2026-07-06T23:00:00Z', '2026-07-07T00:01:00Z')] }), { query_periods: ['errors.too_long'] }],
    ['35 days and a minute via the alias', () => ({ query_periods: undefined, available_periods: [P('2026-06-02T00:00:00Z', '2026-07-07T00:01:00Z')] }), { available_periods: ['errors.too_long'] }],
    ['query_slots []', () => ({ query_periods: undefined, query_slots: [] }), { query_slots: ['errors.required'] }],
    ['513 query_slots', () => ({ query_periods: undefined, query_slots: many(513, (i) => ({ start: new Date(Date.UTC(2026, 5, 2) + i * 60_000).toISOString().replace('.000', '') })) }), { query_slots: ['errors.too_many'] }],
    ['a query slot with seconds', () => ({ query_periods: undefined, query_slots: [{ start: '2026-06-02T09:00:30Z' }] }), { query_slots: ['errors.invalid'] }],
    ['a query slot without start', () => ({ query_periods: undefined, query_slots: [{}] }), { query_slots: ['errors.required'] }],
    ['a query slot that is a string', () => ({ query_periods: undefined, query_slots: ['2026-06-02T09:00:00Z'] }), { query_slots: ['errors.invalid'] }],
    ['query slots spanning 35 days and a minute with the duration', () => ({ query_periods: undefined, query_slots: [{ start: '2026-06-02T00:00:00Z' }, { start: '2026-07-06T23:31:00Z' }] }), { query_slots: ['errors.too_long'] }],
    ['buffer a number', () => ({ buffer: 15 }), { buffer: ['errors.invalid'] }],
    ['buffer.before {}', () => ({ buffer: { before: {} } }), { buffer: ['errors.invalid'] }],
    ['buffer.before 1441 minutes', () => ({ buffer: { before: { minutes: 1441 } } }), { buffer: ['errors.out_of_range'] }],
    ['buffer.after hours 25', () => ({ buffer: { after: { hours: 25 } } }), { buffer: ['errors.out_of_range'] }],
    ['buffer.after minutes 60 with hours', () => ({ buffer: { after: { hours: 1, minutes: 60 } } }), { buffer: ['errors.invalid'] }],
    ['buffer.before.minimum out of range', () => ({ buffer: { before: { minimum: { minutes: 2000 } } } }), { buffer: ['errors.out_of_range'] }],
    ['buffer.after.maximum not a Duration', () => ({ buffer: { after: { maximum: 30 } } }), { buffer: ['errors.invalid'] }],
    ['buffer minimum above maximum', () => ({ buffer: { after: { minimum: { minutes: 30 }, maximum: { minutes: 10 } } } }), { buffer: ['errors.invalid'] }],
    ['start_interval 7 minutes', () => ({ start_interval: { minutes: 7 } }), { start_interval: ['errors.not_recognized'] }],
    ['start_interval 2 hours', () => ({ start_interval: { hours: 2 } }), { start_interval: ['errors.not_recognized'] }],
    ['start_interval a number', () => ({ start_interval: 15 }), { start_interval: ['errors.invalid'] }],
    ['response_format weekly', () => ({ response_format: 'weekly' }), { response_format: ['errors.not_recognized'] }],
    ['response_format a number', () => ({ response_format: 1 }), { response_format: ['errors.invalid'] }],
    ['response_format periods with query_slots', () => ({ query_periods: undefined, query_slots: [{ start: '2026-06-02T09:00:00Z' }], response_format: 'periods' }), { response_format: ['errors.invalid'] }],
    ['max_results 0', () => ({ max_results: 0 }), { max_results: ['errors.out_of_range'] }],
    ['max_results 513', () => ({ max_results: 513 }), { max_results: ['errors.out_of_range'] }],
    ['max_results a string', () => ({ max_results: '5' }), { max_results: ['errors.invalid'] }],
    ['max_results 1.5', () => ({ max_results: 1.5 }), { max_results: ['errors.invalid'] }],
    ['bookable_events', () => ({ bookable_events: [{ event_id: 'x' }] }), { bookable_events: ['errors.not_supported'] }],
  ];

  it.each(cases)('%s → 422', async (_name, patch, expected) => {
    await expect422(await post(query([acc.sub], patch(acc.sub))), expected);
  });

  it('more than 100 distinct subs → participants errors.too_many (with the unknown subs not recognised)', async () => {
    const sub = (i: number) => 'acc_' + i.toString(16).padStart(24, '0');
    const participants = many(3, (g) => ({ members: many(34, (m) => sub(g * 34 + m)) }));
    await expect422(await post(query([], { participants })), { participants: ['errors.too_many', 'errors.not_recognized'] });
  });

  it('reports every problem in one 422, naming each exact location', async () => {
    const res = await post({
      participants: [{ members: [acc.sub, { sub: other.sub }, { calendar_ids: [] }, { sub: acc.sub, managed_availability: 1 }], required: 9 }],
      required_duration: { minutes: 0 },
      query_periods: [P('2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'), P('2026-06-02T11:00:00Z', 'soon')],
      buffer: { before: { minutes: 5000 } },
      start_interval: { minutes: 7 },
      response_format: 'grid',
      max_results: 1000,
      bookable_events: [],
    });
    const b: Json = await expect422(res, {
      participants: ['errors.required', 'errors.invalid'],
      required_duration: ['errors.out_of_range'],
      query_periods: ['errors.invalid'],
      buffer: ['errors.out_of_range'],
      start_interval: ['errors.not_recognized'],
      response_format: ['errors.not_recognized'],
      max_results: ['errors.out_of_range'],
      bookable_events: ['errors.not_supported'],
    });
    const text = (param: string) => b.errors[param].map((e: Json) => e.description).join(' | ');
    expect(text('participants')).toContain('participants[0].members[2].sub');
    expect(text('participants')).toContain('participants[0].members[2].calendar_ids');
    expect(text('participants')).toContain('participants[0].members[3].managed_availability');
    expect(text('participants')).toContain('participants[0].required');
    expect(text('query_periods')).toContain('query_periods[1].end');
    expect(text('buffer')).toContain('buffer.before');
  });

  it('names the member of an unknown sub and of a foreign calendar', async () => {
    const res = await post({
      ...query([]),
      participants: [{ members: [acc.sub, 'acc_000000000000000000000000'] }, { members: [{ sub: other.sub, calendar_ids: [acc.calendarId] }] }],
    });
    const b: Json = await expect422(res, { participants: ['errors.not_recognized'] });
    const text = b.errors.participants.map((e: Json) => e.description).join(' | ');
    expect(text).toContain('participants[0].members[1].sub');
    expect(text).toContain('participants[1].members[0].calendar_ids[0]');
  });

  it('quotes a long unknown sub or calendar id cut short, never splitting a surrogate pair', async () => {
    const emoji = 'x' + '😀'.repeat(40);
    const res = await post({ ...query([]), participants: [{ members: [emoji, { sub: acc.sub, calendar_ids: [emoji] }] }] });
    const b: Json = await expect422(res, { participants: ['errors.not_recognized', 'errors.not_recognized'] });
    for (const e of b.errors.participants as Json[]) {
      expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(e.description), e.description).toBe(false);
      expect(e.description).toContain('x😀😀');
      expect(e.description).toContain('…');
    }
  });

  it('accepts exactly 35 days, and rounds bounds with seconds inwards before measuring', async () => {
    const exact = await periods(await post(query([acc.sub], { query_periods: [P('2026-06-02T00:00:00Z', '2026-07-07T00:00:00Z')] })));
    expect(exact).toEqual([['2026-06-02T00:00:00Z', '2026-07-07T00:00:00Z']]);
    // 35 days and 30 seconds as given, exactly 35 days once rounded inwards (00:00:30 → 00:01).
    const rounded = await periods(await post(query([acc.sub], { query_periods: [P('2026-06-02T00:00:30Z', '2026-07-07T00:01:00Z')] })));
    expect(rounded).toEqual([['2026-06-02T00:01:00Z', '2026-07-07T00:01:00Z']]);
  });

  it('accepts the limits themselves: 10 groups, 50 members, 50 periods, 512 slots, 1440 minutes, 512 results', async () => {
    const tenGroups = query([], { participants: many(10, () => ({ members: many(50, () => acc.sub) })) });
    expect((await ok(await post(tenGroups))).available_periods).toHaveLength(1);
    const fifty = many(50, (i) => P(`2026-06-02T${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z`, `2026-06-02T${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15 + 10).padStart(2, '0')}:00Z`));
    await ok(await post(query([acc.sub], { query_periods: fifty, required_duration: { minutes: 5 } })));
    const slots = many(512, (i) => ({ start: new Date(Date.UTC(2026, 5, 2) + i * 60_000).toISOString().replace('.000', '') }));
    await ok(await post(query([acc.sub], { query_periods: undefined, query_slots: slots })));
    await ok(await post(query([acc.sub], { required_duration: { hours: 24 }, max_results: 512, buffer: { before: { hours: 24 }, after: { minutes: 1440, minimum: { minutes: 0 }, maximum: { hours: 24 } } } })));
  });

  it('ignores unknown fields, and accepts null for optional ones', async () => {
    const res = await post(
      query([acc.sub], {
        flavour: 'vanilla',
        start_interval: null,
        buffer: null,
        max_results: null,
        response_format: null,
        bookable_events: null,
        participants: [{ members: [{ sub: acc.sub, colour: 'red', calendar_ids: null, availability_rule_ids: null, availability_constraints: null }], required: null, label: 'x' }],
      }),
    );
    expect(await periods(res)).toEqual([['2026-06-02T09:00:00Z', '2026-06-02T17:00:00Z']]);
  });

  it('parses the body as JSON whatever its Content-Type, and refuses a body that is not an object', async () => {
    const asText = await h.call('POST', '/v1/availability', {
      headers: { authorization: `Bearer ${app.apiKey}`, 'content-type': 'text/plain' },
      body: JSON.stringify(query([acc.sub])),
    });
    expect(asText.status).toBe(200);
    await expect422(await post([query([acc.sub])]), { body: ['errors.invalid'] });
    await expect422(await h.call('POST', '/v1/availability', { headers: { authorization: `Bearer ${app.apiKey}` }, body: '{"participants":' }), { body: ['errors.invalid'] });
  });
});
