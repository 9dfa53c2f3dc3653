import { describe, expect, it } from 'vitest';
import { Problems } from './errors.js';
import { MAX_ATTENDEES, applyEventPatch, blankManagedEvent, validateEventUpsert, type EventPatch } from './event-input.js';
import type { Attendee, CalendarEvent } from './types.js';

const T0 = Date.parse('2026-06-02T09:00:00Z');

function stored(attendees: Attendee[]): CalendarEvent {
  const blank = blankManagedEvent({ eventUid: 'evt_1', calendarId: 'cal_1', sub: 'acc_1', applicationId: 'app_1', eventId: 'e1', now: T0 });
  return { ...blank, summary: 'S', start: { kind: 'time', ms: T0 }, end: { kind: 'time', ms: T0 + 3_600_000 }, attendees };
}

const people = (from: number, n: number): Attendee[] =>
  Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@example.com`, displayName: null, status: 'accepted' }));
const invite = (from: number, n: number): EventPatch['invite'] => people(from, n).map((a) => ({ email: a.email, displayName: null }));

function apply(existing: CalendarEvent, patch: Omit<EventPatch, 'eventId'>): { event: CalendarEvent | null; problems: Problems } {
  const problems = new Problems();
  const event = applyEventPatch(existing, existing, { eventId: 'e1', ...patch }, problems, T0 + 1);
  return { event, problems };
}

describe('applyEventPatch attendees', () => {
  it('adds invites once, comparing e-mail addresses without case', () => {
    const { event } = apply(stored(people(0, 2)), { invite: [{ email: 'P1@Example.COM', displayName: 'x' }, { email: 'new@example.com', displayName: 'N' }, { email: 'NEW@example.com', displayName: null }] });
    expect(event!.attendees.map((a) => [a.email, a.status])).toEqual([
      ['p0@example.com', 'accepted'],
      ['p1@example.com', 'accepted'],
      ['new@example.com', 'needs_action'],
    ]);
  });

  it(`caps the total at ${MAX_ATTENDEES}: reaching it is fine, passing it is errors.too_many`, () => {
    expect(apply(stored(people(0, MAX_ATTENDEES - 1)), { invite: invite(1000, 1) }).event!.attendees).toHaveLength(MAX_ATTENDEES);
    const over = apply(stored(people(0, MAX_ATTENDEES)), { invite: invite(1000, 1) });
    expect(over.event).toBeNull();
    expect(over.problems.map.attendees?.map((p) => p.key)).toEqual(['errors.too_many']);
    // Rejects in the same upsert make room.
    const swap = apply(stored(people(0, MAX_ATTENDEES)), { invite: invite(1000, 3), reject: ['p0@example.com', 'p1@example.com', 'p2@example.com'] });
    expect(swap.problems.any()).toBe(false);
    expect(swap.event!.attendees).toHaveLength(MAX_ATTENDEES);
  });

  it('an event already over the cap can still be edited, but not grown', () => {
    const legacy = stored(people(0, MAX_ATTENDEES + 20));
    expect(apply(legacy, { summary: 'Renamed' }).event!.summary).toBe('Renamed');
    expect(apply(legacy, { invite: invite(0, 5) }).event!.attendees).toHaveLength(MAX_ATTENDEES + 20);
    expect(apply(legacy, { reject: ['p0@example.com'], invite: invite(5000, 1) }).event!.attendees).toHaveLength(MAX_ATTENDEES + 20);
    expect(apply(legacy, { invite: invite(5000, 1) }).event).toBeNull();
  });
});

describe('validateEventUpsert attendees', () => {
  it.each([
    [{ invite: 'a@example.com' }, 'errors.invalid'],
    [{ invite: invite(0, MAX_ATTENDEES + 1)!.map((a) => ({ email: a.email })) }, 'errors.too_many'],
    [{ reject: {} }, 'errors.invalid'],
    [{ reject: people(0, MAX_ATTENDEES + 1).map((a) => ({ email: a.email })) }, 'errors.too_many'],
  ])('%#', (attendees, key) => {
    const problems = new Problems();
    expect(validateEventUpsert({ event_id: 'e1', attendees }, problems)).toBeNull();
    expect(problems.map.attendees?.map((p) => p.key)).toEqual([key]);
  });
});
