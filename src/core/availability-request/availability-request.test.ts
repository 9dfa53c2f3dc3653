import { describe, expect, it } from 'vitest';
import { Problems } from '../errors.js';
import { validateAvailabilityRequest } from './availability-request.js';
import { validateSequencedRequest } from './sequenced-request.js';

const ms = (iso: string) => Date.parse(iso);

describe('validateAvailabilityRequest', () => {
  it('turns a wire query into the request: bare subs, inward rounding, buffer and gap bounds', () => {
    const problems = new Problems();
    const { request } = validateAvailabilityRequest(
      {
        participants: [{ members: ['acc_1', { sub: 'acc_2', calendar_ids: ['c', 'c'], managed_availability: true }], required: 1 }],
        required_duration: { hours: 1, minutes: 30 },
        query_periods: [{ start: '2026-06-02T09:00:10Z', end: '2026-06-02T17:00:50+01:00' }],
        buffer: { before: { minutes: 10, minimum: { minutes: 5 } }, after: { hours: 1, maximum: { hours: 2 } } },
        start_interval: { hours: 1 },
      },
      problems,
    );
    expect(problems.map).toEqual({});
    expect(request).toEqual({
      groups: [
        {
          required: 1,
          members: [
            { sub: 'acc_1', path: 'participants[0].members[0]', calendarIds: null, availablePeriods: null, managedAvailability: false, availabilityRuleIds: null },
            { sub: 'acc_2', path: 'participants[0].members[1]', calendarIds: ['c'], availablePeriods: null, managedAvailability: true, availabilityRuleIds: null },
          ],
        },
      ],
      requiredDuration: 90,
      queryPeriods: [{ start: ms('2026-06-02T09:01:00Z'), end: ms('2026-06-02T16:00:00Z') }],
      querySlots: null,
      buffer: { before: 10, after: 60, gapBefore: { minimum: 5 }, gapAfter: { maximum: 120 } },
      startInterval: 60,
      responseFormat: undefined,
      maxResults: undefined,
      window: { start: ms('2026-06-02T09:01:00Z'), end: ms('2026-06-02T16:00:00Z') },
    });
  });

  it('returns the well-formed members even when other parts are wrong', () => {
    const problems = new Problems();
    const { request, members } = validateAvailabilityRequest({ participants: [{ members: ['acc_1', 5, { sub: 'acc_2' }] }] }, problems);
    expect(request).toBeNull();
    expect(members.map((m) => [m.sub, m.path])).toEqual([
      ['acc_1', 'participants[0].members[0]'],
      ['acc_2', 'participants[0].members[2]'],
    ]);
    expect(Object.keys(problems.map).sort()).toEqual(['participants', 'query_periods', 'required_duration']);
  });

  it('query slots: the window is the last start plus the duration', () => {
    const problems = new Problems();
    const { request } = validateAvailabilityRequest(
      { participants: [{ members: ['acc_1'] }], required_duration: { minutes: 30 }, query_slots: [{ start: '2026-06-02T10:00:00Z' }, { start: '2026-06-02T09:00:00Z' }] },
      problems,
    );
    expect(request?.window).toEqual({ start: ms('2026-06-02T09:00:00Z'), end: ms('2026-06-02T10:30:00Z') });
    expect(request?.queryPeriods).toBeNull();
  });
});

describe('validateSequencedRequest', () => {
  it('defaults ordinals to positions and keeps sequence ids with their JSON type', () => {
    const problems = new Problems();
    const item = (id: unknown) => ({ sequence_id: id, participants: [{ members: ['acc_1'] }], required_duration: { minutes: 30 } });
    const { request } = validateSequencedRequest(
      { sequence: [item(7), item('second')], query_periods: [{ start: '2026-06-02T09:00:00Z', end: '2026-06-02T12:00:00Z' }] },
      problems,
    );
    expect(problems.map).toEqual({});
    expect(request?.items.map((i) => [i.sequenceId, i.ordinal])).toEqual([
      [7, 1],
      ['second', 2],
    ]);
  });
});
