import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../core/index.js';
import { DELETED_RETENTION_MS } from '../queries/replace-imported.js';
import type { EventQuery } from '../store.js';
import type { ContractContext } from './harness.js';
import { APP_A, CAL_1, CAL_2, HOUR, SUB_1, T0, date, importedEvent, makeEvent, seed, time } from './fixtures.js';

/** Every event of SUB_1, deleted ones included, sorted by uid: the whole observable state. */
const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };

function manyImported(n: number, prefix: string, over: Partial<CalendarEvent> = {}): CalendarEvent[] {
  return Array.from({ length: n }, (_, i) =>
    importedEvent(`${prefix}-${i}`, { start: time(T0 + i * HOUR), end: time(T0 + i * HOUR + HOUR / 2), ...over }),
  );
}

export function replaceImportedContract(ctx: ContractContext): void {
  const snapshot = async (): Promise<CalendarEvent[]> =>
    (await ctx.store.queryEvents(everything)).sort((a, b) => (a.eventUid < b.eventUid ? -1 : 1));

  describe('replaceImportedEvents', () => {
    it('creates, updates, keeps and removes by sourceKey, keeping eventUid and created', async () => {
      await seed(ctx.store);
      const keep = importedEvent('keep');
      const change = importedEvent('change');
      const drop = importedEvent('drop', { start: date('2026-06-01'), end: date('2026-06-02') });
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep, change, drop])).toEqual({ created: 3, updated: 0, unchanged: 0, removed: 0 });

      // The importer mints fresh uids and timestamps each run; only content changes count.
      const keep2 = importedEvent('keep', { updated: T0 + 9, created: T0 + 9 });
      const change2 = importedEvent('change', { summary: 'Moved', start: time(T0 + HOUR), end: time(T0 + 2 * HOUR), updated: T0 + 9, created: T0 + 9 });
      const added = importedEvent('added');
      const at = T0 + 20;
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep2, change2, added], { now: at })).toEqual({ created: 1, updated: 1, unchanged: 1, removed: 1 });

      // The vanished event stays, deleted, with the time it went.
      const dropped = { ...drop, deleted: true, updated: at };
      expect(await snapshot()).toEqual(
        [keep, { ...change2, eventUid: change.eventUid, created: change.created }, added, dropped].sort((a, b) => (a.eventUid < b.eventUid ? -1 : 1)),
      );
      expect(await ctx.store.getEvent(drop.eventUid)).toEqual(dropped);
      expect(await ctx.store.getEvent(change2.eventUid)).toBeNull();
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(4);
      expect(await ctx.store.countImportedEvents(CAL_1, { includeDeleted: false })).toBe(3);

      // It comes back under its uid; gone again, it is removed for good once deleted for longer than the retention.
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep2, change2, added, drop], { now: at + 1 })).toEqual({ created: 0, updated: 1, unchanged: 3, removed: 0 });
      expect(await ctx.store.getEvent(drop.eventUid)).toMatchObject({ deleted: false, updated: drop.updated });
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep2, change2, added], { now: at + 2 })).toEqual({ created: 0, updated: 0, unchanged: 3, removed: 1 });
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep2, change2, added], { now: at + 2 + DELETED_RETENTION_MS })).toEqual({ created: 0, updated: 0, unchanged: 3, removed: 0 });
      expect(await ctx.store.getEvent(drop.eventUid)).toMatchObject({ deleted: true, updated: at + 2 });
      expect(await ctx.store.replaceImportedEvents(CAL_1, [keep2, change2, added], { now: at + 3 + DELETED_RETENTION_MS })).toEqual({ created: 0, updated: 0, unchanged: 3, removed: 0 });
      expect(await ctx.store.getEvent(drop.eventUid)).toBeNull();
    });

    it('leaves managed events and other calendars alone', async () => {
      await seed(ctx.store);
      const managed = makeEvent({ applicationId: APP_A, eventId: 'booking' });
      const local = makeEvent();
      await ctx.store.putEvent(managed);
      await ctx.store.putEvent(local);
      const elsewhere = importedEvent('same-key', { calendarId: CAL_2 });
      await ctx.store.replaceImportedEvents(CAL_2, [elsewhere]);
      const mine = [importedEvent('same-key'), importedEvent('other')];
      await ctx.store.replaceImportedEvents(CAL_1, mine);
      expect(await ctx.store.replaceImportedEvents(CAL_1, [], { now: T0 + 5 })).toEqual({ created: 0, updated: 0, unchanged: 0, removed: 2 });
      const gone = mine.map((e) => ({ ...e, deleted: true, updated: T0 + 5 }));
      expect(await snapshot()).toEqual([managed, local, elsewhere, ...gone].sort((a, b) => (a.eventUid < b.eventUid ? -1 : 1)));
    });

    it('rolls everything back when a write fails half-way', async () => {
      await seed(ctx.store);
      const victim = makeEvent({ calendarId: CAL_2 });
      await ctx.store.putEvent(victim);
      await ctx.store.putEvent(makeEvent({ applicationId: APP_A, eventId: 'managed' }));
      await ctx.store.replaceImportedEvents(CAL_1, manyImported(600, 'k'));
      const before = await snapshot();

      // Every stored event changes (deleted, then re-inserted) and 400 are new; the new event at
      // position 900 reuses the uid of an event of another calendar, so an insert batch well
      // after the first ones fails on the primary key.
      const next = [...manyImported(600, 'k', { summary: 'changed' }), ...manyImported(400, 'n')];
      next[900] = { ...next[900]!, eventUid: victim.eventUid };
      await expect(ctx.store.replaceImportedEvents(CAL_1, next)).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
    });

    it('refuses inconsistent input before writing anything', async () => {
      await seed(ctx.store);
      await ctx.store.replaceImportedEvents(CAL_1, [importedEvent('a')]);
      const before = await snapshot();
      await expect(ctx.store.replaceImportedEvents(CAL_1, [importedEvent('b'), importedEvent('b')])).rejects.toThrow(/twice/);
      await expect(ctx.store.replaceImportedEvents(CAL_1, [makeEvent()])).rejects.toThrow(/no sourceKey/);
      await expect(ctx.store.replaceImportedEvents(CAL_1, [importedEvent('c', { calendarId: CAL_2 })])).rejects.toThrow(/belongs to/);
      await expect(ctx.store.replaceImportedEvents(CAL_1, [importedEvent('d', { start: time(T0), end: date('2026-06-02') })])).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
    });

    it('handles 10,000 events per calendar', async () => {
      await seed(ctx.store);
      const first = manyImported(10_000, 'big');
      expect(await ctx.store.replaceImportedEvents(CAL_1, first)).toEqual({ created: 10_000, updated: 0, unchanged: 0, removed: 0 });
      const again = manyImported(10_000, 'big');
      expect(await ctx.store.replaceImportedEvents(CAL_1, again)).toEqual({ created: 0, updated: 0, unchanged: 10_000, removed: 0 });
      const mixed = [...manyImported(9_000, 'big').map((e, i) => (i % 2 === 0 ? { ...e, summary: 'edited' } : e)), ...manyImported(500, 'fresh')];
      expect(await ctx.store.replaceImportedEvents(CAL_1, mixed)).toEqual({ created: 500, updated: 4_500, unchanged: 4_500, removed: 1_000 });
      const stored = await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_1], includeDeleted: false });
      expect(stored).toHaveLength(9_500);
      expect(await ctx.store.queryEvents({ ...everything, calendarIds: [CAL_1] })).toHaveLength(10_500);
      const byKey = new Map(stored.map((e) => [e.sourceKey, e]));
      expect(byKey.get('big-0')?.eventUid).toBe(first[0]!.eventUid);
      expect(byKey.get('big-0')?.summary).toBe('edited');
      expect(byKey.get('big-1')?.eventUid).toBe(first[1]!.eventUid);
    });
  });
}
