/**
 * Robustness of the availability family: seeded random mutations of valid bodies never give a
 * 5xx (the engine throws on input the HTTP layer should have refused), and every answer is a
 * 200 or a well-formed 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { weekdays } from '../helpers/availability.js';
import { seededRandom } from '../helpers/seeded-random.js';

const KEYS = new Set(['errors.required', 'errors.invalid', 'errors.not_recognized', 'errors.too_long', 'errors.too_many', 'errors.out_of_range', 'errors.not_supported']);

const ODD: Json[] = [
  null, true, 0, -1, 1, 1.5, 7, 60, 1440, 1441, 1e308, 2 ** 53, '', 'x', 'all', 'periods', 'slots', '2026-06-02', '2026-06-02T09:00:30Z',
  '2026-06-02T09:00:00Z', '1899-12-31T23:59:59Z', '2199-12-31T23:59:00Z', '24:00', '00:00', [], {}, [{}], { minutes: 0 }, { hours: 24, minutes: 1 },
  { minutes: 30 }, { start: '2026-06-02T10:00:00Z', end: '2026-06-02T09:00:00Z' }, [{ start: '1900-01-01T00:00:00Z', end: '2199-12-31T00:00:00Z' }],
];

/** Every path (as key lists) inside a JSON value. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}

function mutate(body: Json, rnd: () => number): Json {
  const copy = structuredClone(body);
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
    const all = paths(copy).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const p = all[Math.floor(rnd() * all.length)]!;
    let parent = copy;
    for (const k of p.slice(0, -1)) parent = parent[k];
    const last = p[p.length - 1]!;
    if (rnd() < 0.15 && !Array.isArray(parent)) delete parent[last];
    else parent[last] = structuredClone(ODD[Math.floor(rnd() * ODD.length)]);
  }
  return copy;
}

describe('availability fuzz', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeAll(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    await h.call('POST', '/v1/availability_rules', { headers: bearer(acc.accessToken), json: { availability_rule_id: 'w', tzid: 'Europe/Berlin', weekly_periods: weekdays('09:00', '17:00') } });
  });
  afterAll(async () => h.close());

  const members = () => [{ sub: acc.sub, managed_availability: true, available_periods: [{ start: '2026-06-02T08:00:00Z', end: '2026-06-02T18:00:00Z' }], availability_rule_ids: ['w'] }, acc.sub];
  const bodies = (): [string, Json][] => [
    [
      '/v1/availability',
      {
        participants: [{ members: members(), required: 1 }],
        required_duration: { minutes: 30 },
        query_periods: [{ start: '2026-06-02T00:00:00Z', end: '2026-06-03T00:00:00Z' }],
        buffer: { before: { minutes: 15, minimum: { minutes: 5 } }, after: { hours: 1, maximum: { hours: 2 } } },
        start_interval: { minutes: 15 },
        response_format: 'overlapping_slots',
        max_results: 10,
      },
    ],
    ['/v1/availability', { participants: [{ members: members() }], required_duration: { minutes: 60 }, query_slots: [{ start: '2026-06-02T09:00:00Z' }, { start: '2026-06-02T11:00:00Z' }] }],
    [
      '/v1/sequenced_availability',
      {
        sequence: [
          { sequence_id: 1, ordinal: 2, participants: [{ members: members() }], required_duration: { minutes: 30 }, buffer: { before: { minimum: { minutes: 10 } } }, query_periods: [{ start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' }] },
          { sequence_id: 'a', ordinal: 1, participants: [{ members: [acc.sub] }], required_duration: { minutes: 30 }, start_interval: { minutes: 30 } },
        ],
        query_periods: [{ start: '2026-06-02T00:00:00Z', end: '2026-06-03T00:00:00Z' }],
      },
    ],
    ['/v1/availability/explain', { participants: [{ members: members() }], required_duration: { minutes: 30 }, query_periods: [{ start: '2026-06-02T00:00:00Z', end: '2026-06-03T00:00:00Z' }], interval: { start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:30:00Z' } }],
    ['/v1/availability_rules', { availability_rule_id: 'x', tzid: 'UTC', calendar_ids: [acc.calendarId], weekly_periods: [{ day: 'monday', start_time: '09:00', end_time: '24:00' }] }],
    ['/v1/available_periods', { available_period_id: 'p', start: { time: '2026-06-02T09:00:00Z', tzid: 'UTC' }, end: '2026-06-02T10:00:00Z' }],
  ];

  it('600 mutated bodies: never a 5xx, always 200/202 or a 422 from the closed key vocabulary', async () => {
    const rnd = seededRandom(20260602);
    const seen = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const [path, valid] = bodies()[i % 6]!;
      const json = i < 6 ? valid : mutate(valid, rnd);
      const credential = path.startsWith('/v1/availability_rules') || path.startsWith('/v1/available_periods') ? acc.accessToken : app.apiKey;
      const res = await h.call('POST', path, { headers: bearer(credential), json });
      const text = await res.text();
      seen.add(res.status);
      expect([200, 202, 422], `${path} ${JSON.stringify(json)} → ${res.status} ${text}`).toContain(res.status);
      if (i < 6) expect(res.status, `${path} ${text}`).not.toBe(422);
      if (res.status === 422) {
        const b = JSON.parse(text) as Json;
        for (const list of Object.values(b.errors) as Json[]) for (const e of list) expect(KEYS.has(e.key)).toBe(true);
      }
    }
    expect(seen.has(422)).toBe(true);
  });
});
