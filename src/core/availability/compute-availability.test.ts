import { describe, expect, it } from 'vitest';
import { computeAvailability } from './compute-availability.js';
import { at, described, member, rule, spans, starts, timed } from './test-helpers.js';
import type { AvailabilityQuery, GroupInput, MemberInput } from './types.js';

const NOW = at('2026-01-01T00:00:00Z');
const DAY = '2026-06-01'; // a Monday

function t(hhmm: string, day = DAY): number {
  return at(`${day}T${hhmm}:00Z`);
}

function q(extra: Partial<AvailabilityQuery> & { members?: MemberInput[] }): AvailabilityQuery {
  const { members, ...rest } = extra;
  return {
    groups: [{ required: 'all', members: members ?? [member('a')] }],
    requiredDuration: 30,
    queryPeriods: [{ start: t('09:00'), end: t('11:00') }],
    now: NOW,
    ...rest,
  };
}

const busyA = member('a', { events: [timed('x', `${DAY}T09:40:00Z`, `${DAY}T10:00:00Z`)] });

describe('response formats', () => {
  it.each([
    { format: 'periods' as const, out: ['2026-06-01T09:00:00Z/2026-06-01T09:40:00Z:a', '2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:a'] },
    {
      format: 'overlapping_slots' as const,
      out: [
        '2026-06-01T09:00:00Z/2026-06-01T09:30:00Z:a',
        '2026-06-01T10:00:00Z/2026-06-01T10:30:00Z:a',
        '2026-06-01T10:15:00Z/2026-06-01T10:45:00Z:a',
        '2026-06-01T10:30:00Z/2026-06-01T11:00:00Z:a',
      ],
    },
    { format: 'slots' as const, out: ['2026-06-01T09:00:00Z/2026-06-01T09:30:00Z:a', '2026-06-01T10:00:00Z/2026-06-01T10:30:00Z:a', '2026-06-01T10:30:00Z/2026-06-01T11:00:00Z:a'] },
  ])('$format', ({ format, out }) => {
    const r = computeAvailability(q({ members: [busyA], responseFormat: format }));
    expect(r.format).toBe(format);
    expect(described(r.items)).toEqual(out);
  });

  it('defaults to periods with query periods and slots with query slots', () => {
    expect(computeAvailability(q({})).format).toBe('periods');
    expect(computeAvailability(q({ queryPeriods: undefined, querySlots: [t('09:00')] })).format).toBe('slots');
  });

  it('greedy slots restart at the first grid point at or after the taken slot’s end', () => {
    const r = computeAvailability(q({ requiredDuration: 25, responseFormat: 'slots' }));
    expect(starts(r.items)).toEqual(['2026-06-01T09:00:00Z', '2026-06-01T09:30:00Z', '2026-06-01T10:00:00Z', '2026-06-01T10:30:00Z']);
  });

  it('a period shorter than the duration is left out', () => {
    const r = computeAvailability(q({ members: [busyA], requiredDuration: 45 }));
    expect(spans(r.items)).toEqual([['2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z']]);
  });
});

describe('candidate grid', () => {
  it.each([
    { interval: undefined, from: '09:07', first: ['2026-06-01T09:15:00Z', '2026-06-01T09:30:00Z'] },
    { interval: 5, from: '09:07', first: ['2026-06-01T09:10:00Z', '2026-06-01T09:15:00Z'] },
    { interval: 10, from: '09:07', first: ['2026-06-01T09:10:00Z', '2026-06-01T09:20:00Z'] },
    { interval: 20, from: '09:07', first: ['2026-06-01T09:20:00Z', '2026-06-01T09:40:00Z'] },
    { interval: 30, from: '09:07', first: ['2026-06-01T09:30:00Z', '2026-06-01T10:00:00Z'] },
    { interval: 60, from: '09:07', first: ['2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'] },
    { interval: 20, from: '00:00', first: ['2026-06-01T00:00:00Z', '2026-06-01T00:20:00Z'] },
  ])('interval $interval from $from', ({ interval, from, first }) => {
    const r = computeAvailability(q({ startInterval: interval, queryPeriods: [{ start: t(from), end: t('13:00') }], responseFormat: 'overlapping_slots' }));
    expect(starts(r.items).slice(0, 2)).toEqual(first);
  });

  it('stays on 00:00Z for an Asia/Kolkata (+05:30) member with a 60-minute interval', () => {
    const kolkata = member('in', { zoneinfo: 'Asia/Kolkata', managedAvailability: true, rules: [rule('Asia/Kolkata', ['mon'], '09:00', '17:00')] });
    const r = computeAvailability(
      q({ members: [kolkata], requiredDuration: 60, startInterval: 60, responseFormat: 'overlapping_slots', queryPeriods: [{ start: t('00:00'), end: t('00:00', '2026-06-02') }] }),
    );
    // 09:00–17:00 IST is 03:30Z–11:30Z: slots start on the hour in UTC, at :30 local.
    expect(starts(r.items)).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00', '09:00', '10:00'].map((h) => `2026-06-01T${h}:00Z`));
  });
});

describe('the current time', () => {
  it.each([
    { now: '2026-06-01T09:00:00Z', first: '2026-06-01T09:00:00Z', period: '2026-06-01T09:00:00Z' },
    { now: '2026-06-01T09:00:01Z', first: '2026-06-01T09:15:00Z', period: '2026-06-01T09:01:00Z' },
    { now: '2026-06-01T09:14:59Z', first: '2026-06-01T09:15:00Z', period: '2026-06-01T09:15:00Z' },
    { now: '2026-06-01T10:31:00Z', first: null, period: null },
  ])('now $now', ({ now, first, period }) => {
    const slots = computeAvailability(q({ now: at(now), responseFormat: 'overlapping_slots' })).items;
    expect(starts(slots)[0] ?? null).toBe(first);
    const periods = computeAvailability(q({ now: at(now) })).items;
    expect(starts(periods)[0] ?? null).toBe(period);
  });
});

describe('query periods', () => {
  it('merges overlapping and touching periods', () => {
    const r = computeAvailability(
      q({
        queryPeriods: [
          { start: t('10:00'), end: t('11:00') },
          { start: t('09:00'), end: t('10:00') },
          { start: t('10:30'), end: t('11:30') },
          { start: t('13:00'), end: t('14:00') },
        ],
      }),
    );
    expect(spans(r.items)).toEqual([
      ['2026-06-01T09:00:00Z', '2026-06-01T11:30:00Z'],
      ['2026-06-01T13:00:00Z', '2026-06-01T14:00:00Z'],
    ]);
  });

  it('rounds bounds with seconds inwards', () => {
    const r = computeAvailability(q({ queryPeriods: [{ start: at('2026-06-01T09:00:30Z'), end: at('2026-06-01T10:59:59Z') }] }));
    expect(spans(r.items)).toEqual([['2026-06-01T09:01:00Z', '2026-06-01T10:59:00Z']]);
  });
});

describe('member restrictions', () => {
  it('own available periods restrict the member', () => {
    const m = member('a', { availablePeriods: [{ start: t('09:30'), end: t('10:15') }] });
    expect(spans(computeAvailability(q({ members: [m] })).items)).toEqual([['2026-06-01T09:30:00Z', '2026-06-01T10:15:00Z']]);
  });

  it('a managed member with neither rules nor periods is never free', () => {
    expect(computeAvailability(q({ members: [member('a', { managedAvailability: true })] })).items).toEqual([]);
  });

  it('rules apply only when availability is managed', () => {
    const rules = [rule('Etc/UTC', ['mon'], '10:00', '10:30')];
    expect(spans(computeAvailability(q({ members: [member('a', { rules })] })).items)).toEqual([['2026-06-01T09:00:00Z', '2026-06-01T11:00:00Z']]);
    expect(spans(computeAvailability(q({ members: [member('a', { rules, managedAvailability: true })] })).items)).toEqual([
      ['2026-06-01T10:00:00Z', '2026-06-01T10:30:00Z'],
    ]);
  });

  it('managed members are free in their stored available periods too', () => {
    const m = member('a', {
      managedAvailability: true,
      rules: [rule('Etc/UTC', ['mon'], '09:00', '09:30')],
      accountAvailablePeriods: [{ start: t('10:30'), end: t('12:00') }],
    });
    expect(spans(computeAvailability(q({ members: [m] })).items)).toEqual([
      ['2026-06-01T09:00:00Z', '2026-06-01T09:30:00Z'],
      ['2026-06-01T10:30:00Z', '2026-06-01T11:00:00Z'],
    ]);
  });
});

describe('buffers', () => {
  const m = member('a', { events: [timed('x', `${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`)] });
  it.each([
    { buffer: {}, out: ['08:00', '08:15', '08:30', '08:45', '09:00', '11:00', '11:15', '11:30', '11:45', '12:00'] },
    { buffer: { before: 15 }, out: ['08:00', '08:15', '08:30', '08:45', '09:00', '11:15', '11:30', '11:45', '12:00'] },
    { buffer: { after: 30 }, out: ['08:00', '08:15', '08:30', '11:00', '11:15', '11:30', '11:45', '12:00'] },
    { buffer: { before: 15, after: 30 }, out: ['08:00', '08:15', '08:30', '11:15', '11:30', '11:45', '12:00'] },
  ])('$buffer widen only the busy block, not the query edges', ({ buffer, out }) => {
    const r = computeAvailability(
      q({ members: [m], buffer, requiredDuration: 60, responseFormat: 'overlapping_slots', queryPeriods: [{ start: t('08:00'), end: t('13:00') }] }),
    );
    expect(starts(r.items)).toEqual(out.map((h) => `${DAY}T${h}:00Z`));
  });
});

describe('groups', () => {
  const a = member('a', { availablePeriods: [{ start: t('09:00'), end: t('11:00') }] });
  const b = member('b', { availablePeriods: [{ start: t('10:00'), end: t('12:00') }] });
  const c = member('c', { availablePeriods: [{ start: t('11:00'), end: t('13:00') }] });
  const day = [{ start: t('08:00'), end: t('14:00') }];

  it.each<{ name: string; groups: GroupInput[]; format: AvailabilityQuery['responseFormat']; out: string[] }>([
    {
      name: '1 of 2: periods overlap when different members are free',
      groups: [{ required: 1, members: [a, b] }],
      format: 'periods',
      out: ['2026-06-01T09:00:00Z/2026-06-01T11:00:00Z:a', '2026-06-01T10:00:00Z/2026-06-01T12:00:00Z:b'],
    },
    {
      name: '1 of 2: slots list every free member',
      groups: [{ required: 1, members: [a, b] }],
      format: 'slots',
      out: ['2026-06-01T09:00:00Z/2026-06-01T10:00:00Z:a', '2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:a,b', '2026-06-01T11:00:00Z/2026-06-01T12:00:00Z:b'],
    },
    {
      name: '2 of 3: only maximal periods with a fixed pair',
      groups: [{ required: 2, members: [a, b, c] }],
      format: 'periods',
      out: ['2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:a,b', '2026-06-01T11:00:00Z/2026-06-01T12:00:00Z:b,c'],
    },
    {
      name: 'all of 3: no common time',
      groups: [{ required: 'all', members: [a, b, c] }],
      format: 'periods',
      out: [],
    },
    {
      name: 'two groups: all of [b] and 1 of [a, c]; participants in order of first appearance',
      groups: [
        { required: 'all', members: [b] },
        { required: 1, members: [a, c] },
      ],
      format: 'overlapping_slots',
      out: ['2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:b,a', '2026-06-01T11:00:00Z/2026-06-01T12:00:00Z:b,c'],
    },
    {
      name: 'a sub in two groups is listed once, in order of first appearance',
      groups: [
        { required: 1, members: [b, a] },
        { required: 'all', members: [a] },
      ],
      format: 'overlapping_slots',
      out: ['2026-06-01T09:00:00Z/2026-06-01T10:00:00Z:a', '2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:b,a'],
    },
    {
      name: 'members outside a required group still appear when free',
      groups: [
        { required: 'all', members: [a] },
        { required: 1, members: [b, c] },
      ],
      format: 'periods',
      out: ['2026-06-01T10:00:00Z/2026-06-01T11:00:00Z:a,b'],
    },
  ])('$name', ({ groups, format, out }) => {
    const r = computeAvailability({ groups, requiredDuration: 60, startInterval: 60, queryPeriods: day, responseFormat: format, now: NOW });
    expect(described(r.items)).toEqual(out);
  });

  it('1 of 2 with periods at the same start sorts by end', () => {
    const x = member('x', { availablePeriods: [{ start: t('09:00'), end: t('10:00') }, { start: t('10:30'), end: t('12:00') }] });
    const y = member('y', { availablePeriods: [{ start: t('09:00'), end: t('11:00') }] });
    const r = computeAvailability({ groups: [{ required: 1, members: [x, y] }], requiredDuration: 30, queryPeriods: day, now: NOW });
    expect(described(r.items)).toEqual(['2026-06-01T09:00:00Z/2026-06-01T11:00:00Z:y', '2026-06-01T10:30:00Z/2026-06-01T12:00:00Z:x']);
  });
});

describe('maxResults', () => {
  const members = [member('a')];
  it.each([
    { format: 'overlapping_slots' as const, max: 3, out: ['09:00', '09:15', '09:30'] },
    { format: 'slots' as const, max: 2, out: ['09:00', '09:30'] },
    { format: 'periods' as const, max: 1, out: ['09:00'] },
  ])('$format cut at $max', ({ format, max, out }) => {
    const r = computeAvailability(
      q({ members, responseFormat: format, maxResults: max, queryPeriods: [{ start: t('09:00'), end: t('11:00') }, { start: t('12:00'), end: t('13:00') }] }),
    );
    expect(starts(r.items)).toEqual(out.map((h) => `${DAY}T${h}:00Z`));
  });
});

describe('query slots', () => {
  const m = member('a', { events: [timed('x', `${DAY}T10:00:00Z`, `${DAY}T10:30:00Z`)] });
  const slots = [t('10:45'), t('09:00'), t('09:15'), t('09:00'), t('10:15'), t('11:00')];

  it('slots: sorted, distinct, greedy over the given starts', () => {
    const r = computeAvailability(q({ members: [m], queryPeriods: undefined, querySlots: slots }));
    expect(starts(r.items)).toEqual(['2026-06-01T09:00:00Z', '2026-06-01T10:45:00Z']);
  });

  it('overlapping_slots: every valid given start, and nothing off the list', () => {
    const r = computeAvailability(q({ members: [m], queryPeriods: undefined, querySlots: slots, responseFormat: 'overlapping_slots' }));
    expect(starts(r.items)).toEqual(['2026-06-01T09:00:00Z', '2026-06-01T09:15:00Z', '2026-06-01T10:45:00Z', '2026-06-01T11:00:00Z']);
  });

  it('slots before the current minute are not offered', () => {
    const r = computeAvailability(q({ members: [m], queryPeriods: undefined, querySlots: slots, now: at('2026-06-01T09:00:01Z') }));
    expect(starts(r.items)).toEqual(['2026-06-01T09:15:00Z', '2026-06-01T10:45:00Z']);
  });
});

describe('DST through the whole engine', () => {
  it.each([
    { tz: 'Australia/Sydney', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-10-03T00:00:00Z', out: ['2026-10-03T15:00:00Z', '2026-10-03T16:00:00Z'] },
    { tz: 'Australia/Sydney', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-04-04T00:00:00Z', out: ['2026-04-04T14:00:00Z', '2026-04-04T15:00:00Z', '2026-04-04T16:00:00Z', '2026-04-04T17:00:00Z'] },
    { tz: 'Europe/Berlin', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-03-28T12:00:00Z', out: ['2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z'] },
    { tz: 'Europe/Berlin', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-10-24T12:00:00Z', out: ['2026-10-24T23:00:00Z', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z'] },
    { tz: 'America/New_York', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-03-08T00:00:00Z', out: ['2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z'] },
    { tz: 'America/New_York', day: 'sun', hours: ['01:00', '04:00'] as const, from: '2026-11-01T00:00:00Z', out: ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z'] },
  ])('$tz $hours from $from', ({ tz, day, hours, from, out }) => {
    const m = member('a', { zoneinfo: tz, managedAvailability: true, rules: [rule(tz, [day], hours[0], hours[1])] });
    const start = at(from);
    const r = computeAvailability(
      q({ members: [m], requiredDuration: 60, startInterval: 60, responseFormat: 'slots', queryPeriods: [{ start, end: start + 36 * 3_600_000 }] }),
    );
    expect(starts(r.items)).toEqual(out);
  });
});

describe('broken invariants throw', () => {
  it.each<{ name: string; query: AvailabilityQuery }>([
    { name: 'required 0', query: q({ groups: [{ required: 0, members: [member('a')] }] }) },
    { name: 'required above the member count', query: q({ groups: [{ required: 2, members: [member('a')] }] }) },
    { name: 'an empty group', query: q({ groups: [{ required: 'all', members: [] }] }) },
    { name: 'both query kinds', query: q({ querySlots: [t('09:00')] }) },
    { name: 'neither query kind', query: q({ queryPeriods: undefined }) },
    { name: 'periods with query slots', query: q({ queryPeriods: undefined, querySlots: [t('09:00')], responseFormat: 'periods' }) },
    { name: 'a zero duration', query: q({ requiredDuration: 0 }) },
    { name: 'a fractional interval', query: q({ startInterval: 7.5 }) },
    { name: 'a slot start with seconds', query: q({ queryPeriods: undefined, querySlots: [t('09:00') + 1000] }) },
  ])('$name', ({ query }) => {
    expect(() => computeAvailability(query)).toThrow(RangeError);
  });
});
