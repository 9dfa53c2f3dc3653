import { describe, expect, it } from 'vitest';
import { computeAvailability } from './compute-availability.js';
import { explainAvailability } from './explain.js';
import { allDay, at, member, rule, timed } from './test-helpers.js';
import type { AvailabilityQuery, MemberInput } from './types.js';

const DAY = '2026-06-01'; // a Monday

function t(hhmm: string, day = DAY): number {
  return at(`${day}T${hhmm}:00Z`);
}

function query(members: MemberInput[], extra: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  return {
    groups: [{ required: 'all', members }],
    requiredDuration: 30,
    queryPeriods: [{ start: t('08:00'), end: t('18:00') }],
    buffer: { before: 15, after: 10 },
    now: at('2026-06-01T08:30:00Z'),
    ...extra,
  };
}

const standup = timed('evt_standup', `${DAY}T10:00:00Z`, `${DAY}T10:30:00Z`, { summary: 'Standup' });
const secret = timed('evt_secret', `${DAY}T13:00:00Z`, `${DAY}T14:00:00Z`, { summary: 'Interview', eventPrivate: true });
const freeEvent = timed('evt_free', `${DAY}T15:00:00Z`, `${DAY}T16:00:00Z`, { transparency: 'transparent' });

describe('explainAvailability', () => {
  const a = member('a', { events: [standup, secret, freeEvent] });

  it.each([
    { name: 'a free interval', range: ['11:00', '11:30'], reasons: [] },
    { name: 'a busy event, with its summary', range: ['10:15', '10:45'], reasons: [{ kind: 'busy', eventUid: 'evt_standup', summary: 'Standup', start: t('10:00'), end: t('10:30') }] },
    { name: 'a private busy event, without its summary', range: ['13:30', '14:00'], reasons: [{ kind: 'busy', eventUid: 'evt_secret', start: t('13:00'), end: t('14:00') }] },
    { name: 'the buffer required before a slot', range: ['10:30', '11:00'], reasons: [{ kind: 'buffer', side: 'before', eventUid: 'evt_standup', summary: 'Standup', start: t('10:00'), end: t('10:30') }] },
    { name: 'the buffer required after a slot', range: ['09:25', '09:55'], reasons: [{ kind: 'buffer', side: 'after', eventUid: 'evt_standup', summary: 'Standup', start: t('10:00'), end: t('10:30') }] },
    { name: 'a transparent event is no reason', range: ['15:00', '15:30'], reasons: [] },
    { name: 'before the current minute', range: ['08:00', '08:30'], reasons: [{ kind: 'before_now', now: t('08:30') }] },
    { name: 'outside the query', range: ['17:45', '18:15'], reasons: [{ kind: 'outside_query' }] },
  ])('$name', ({ range, reasons }) => {
    const why = explainAvailability(query([a]), { start: t(range[0]!), end: t(range[1]!) });
    expect(why.members).toEqual([{ sub: 'a', group: 0, free: reasons.length === 0, reasons }]);
    expect(why.available).toBe(reasons.length === 0);
    expect(why.groups).toEqual([{ required: 'all', needed: 1, free: reasons.length === 0 ? 1 : 0, satisfied: reasons.length === 0 }]);
  });

  it('names the managed window and the member’s own periods', () => {
    const m = member('m', {
      managedAvailability: true,
      rules: [rule('Europe/Berlin', ['mon'], '09:00', '17:00')],
      availablePeriods: [{ start: t('12:00'), end: t('13:00') }],
    });
    const why = explainAvailability(query([m]), { start: t('15:00'), end: t('15:30') });
    expect(why.members[0]!.reasons).toEqual([{ kind: 'outside_available_periods' }, { kind: 'outside_rules' }]);
  });

  it('reports all-day events in the account’s zone', () => {
    const m = member('m', { zoneinfo: 'America/Los_Angeles', events: [allDay('evt_offsite', '2026-06-01', '2026-06-02', { summary: 'Offsite' })] });
    const why = explainAvailability(query([m]), { start: t('09:00'), end: t('09:30') });
    expect(why.members[0]!.reasons).toEqual([{ kind: 'busy', eventUid: 'evt_offsite', summary: 'Offsite', start: t('07:00'), end: t('07:00', '2026-06-02') }]);
  });

  it('says which group fails and which members are free', () => {
    const b = member('b');
    const c = member('c', { events: [timed('evt_c', `${DAY}T11:00:00Z`, `${DAY}T12:00:00Z`)] });
    const why = explainAvailability(
      {
        ...query([]),
        groups: [
          { required: 'all', members: [b] },
          { required: 1, members: [a, c] },
        ],
      },
      { start: t('10:00'), end: t('10:30') },
    );
    expect(why.available).toBe(true);
    expect(why.members.map((m) => [m.sub, m.group, m.free])).toEqual([
      ['b', 0, true],
      ['a', 1, false],
      ['c', 1, true],
    ]);
    const later = explainAvailability({ ...query([]), groups: [{ required: 2, members: [a, c] }] }, { start: t('10:45'), end: t('11:15') });
    expect(later.available).toBe(false);
    expect(later.groups).toEqual([{ required: 2, needed: 2, free: 1, satisfied: false }]);
    expect(later.members.map((m) => m.free)).toEqual([true, false]);
  });

  it('notes a range that is no candidate', () => {
    expect(explainAvailability(query([a]), { start: t('11:05'), end: t('11:20') }).notes).toEqual([
      { kind: 'shorter_than_duration', requiredDuration: 30 },
      { kind: 'off_grid', startInterval: 15 },
    ]);
    const slots = query([a], { queryPeriods: undefined, querySlots: [t('11:00')] });
    expect(explainAvailability(slots, { start: t('11:30'), end: t('12:00') }).notes).toEqual([{ kind: 'not_a_query_slot' }]);
  });

  it('agrees with computeAvailability on every overlapping slot', () => {
    const q = query([a, member('b', { events: [timed('evt_b', `${DAY}T12:10:00Z`, `${DAY}T12:20:00Z`)] })], { responseFormat: 'overlapping_slots' });
    const offered = new Set(computeAvailability(q).items.map((i) => i.start));
    for (let s = t('08:00'); s < t('18:00'); s += 15 * 60_000) {
      expect(explainAvailability(q, { start: s, end: s + 30 * 60_000 }).available).toBe(offered.has(s));
    }
  });
});
