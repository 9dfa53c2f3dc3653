import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, CAL_1, CAL_2, CAL_3, HOUR, SUB_2, T0, date, makeEvent, seed, time } from './fixtures.js';

export function eventsContract(ctx: ContractContext): void {
  describe('events', () => {
    it('round-trips timed and all-day events with every field', async () => {
      await seed(ctx.store);
      const timed = makeEvent();
      const allDay = makeEvent({
        start: date('2026-06-01'),
        end: date('2026-06-03'),
        location: null,
        url: null,
        color: null,
        reminders: [],
        attendees: [],
        organizer: null,
        categories: [],
        transparency: 'transparent',
        status: 'tentative',
        participationStatus: 'unknown',
        recurring: true,
        eventPrivate: true,
        deleted: true,
        summary: '',
        description: '',
        sourceKey: 'uid-1@example.com#2026-06-01',
      });
      const managed = makeEvent({ applicationId: APP_A, eventId: 'booking/42 ü', location: { description: 'only text' } });
      for (const e of [timed, allDay, managed]) await ctx.store.putEvent(e);
      for (const e of [timed, allDay, managed]) expect(await ctx.store.getEvent(e.eventUid)).toEqual(e);
      expect(await ctx.store.getEvent('evt_missing')).toBeNull();
    });

    it('putEvent replaces every field of the same eventUid', async () => {
      await seed(ctx.store);
      const e = makeEvent({ applicationId: APP_A, eventId: 'x' });
      await ctx.store.putEvent(e);
      const changed = { ...e, calendarId: CAL_2, summary: 'Moved', start: date('2026-07-01'), end: date('2026-07-02'), deleted: true, updated: T0 + 5 };
      await ctx.store.putEvent(changed);
      expect(await ctx.store.getEvent(e.eventUid)).toEqual(changed);
    });

    it('finds a managed event by (application, calendar, event id)', async () => {
      await seed(ctx.store);
      const a = makeEvent({ applicationId: APP_A, eventId: 'booking-1' });
      const b = makeEvent({ applicationId: APP_B, eventId: 'booking-1' });
      const otherCal = makeEvent({ applicationId: APP_A, eventId: 'booking-1', calendarId: CAL_2 });
      for (const e of [a, b, otherCal]) await ctx.store.putEvent(e);
      expect(await ctx.store.getManagedEvent(APP_A, CAL_1, 'booking-1')).toEqual(a);
      expect(await ctx.store.getManagedEvent(APP_B, CAL_1, 'booking-1')).toEqual(b);
      expect(await ctx.store.getManagedEvent(APP_A, CAL_2, 'booking-1')).toEqual(otherCal);
      expect(await ctx.store.getManagedEvent(APP_A, CAL_1, 'booking-2')).toBeNull();
      // The key is unique: a second event under it is a bug upstream.
      await expect(ctx.store.putEvent(makeEvent({ applicationId: APP_A, eventId: 'booking-1' }))).rejects.toThrow();
    });

    it('refuses an event whose start and end are of different kinds', async () => {
      await seed(ctx.store);
      const bad = makeEvent({ start: time(T0), end: date('2026-06-02') });
      await expect(ctx.store.putEvent(bad)).rejects.toThrow(/both be times or both be dates/);
      expect(await ctx.store.getEvent(bad.eventUid)).toBeNull();
    });

    it('deleteEventsOfCalendars hard-deletes managed and imported events of those calendars only', async () => {
      await seed(ctx.store);
      const gone = [
        makeEvent(),
        makeEvent({ applicationId: APP_A, eventId: 'm' }),
        makeEvent({ sourceKey: 'k' }),
        makeEvent({ calendarId: CAL_2, deleted: true }),
      ];
      const kept = makeEvent({ calendarId: CAL_3, sub: SUB_2, start: time(T0 + HOUR), end: time(T0 + 2 * HOUR) });
      for (const e of [...gone, kept]) await ctx.store.putEvent(e);
      await ctx.store.deleteEventsOfCalendars([CAL_1, CAL_2]);
      for (const e of gone) expect(await ctx.store.getEvent(e.eventUid)).toBeNull();
      expect(await ctx.store.getEvent(kept.eventUid)).toEqual(kept);
      await ctx.store.deleteEventsOfCalendars([]);
      expect(await ctx.store.getEvent(kept.eventUid)).toEqual(kept);
    });
  });
}
