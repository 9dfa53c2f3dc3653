import { describe, expect, it } from 'vitest';
import type { Profile, ProfileSource } from '../../core/index.js';
import type { ContractContext } from './harness.js';
import { APP_A, CAL_1, CAL_2, CAL_3, PRO_1, SUB_1, SUB_2, T0, importedEvent, makeAccount, makeCalendar, makeEvent, makeProfile, seed } from './fixtures.js';

const FEED: Extract<ProfileSource, { type: 'ics_feed' }> = {
  type: 'ics_feed',
  url: 'https://feeds.example/cal.ics',
  intervalSeconds: 900,
  etag: '"abc"',
  lastModified: 'Mon, 01 Jun 2026 09:00:00 GMT',
  lastFetchedAt: T0,
  lastSuccessAt: null,
  lastError: 'timeout',
};
const DAV: ProfileSource = {
  type: 'caldav',
  url: 'https://dav.example/cal/',
  username: 'user',
  secret: 'enc:xyz',
  lastFetchedAt: null,
  lastError: null,
};

export function profilesContract(ctx: ContractContext): void {
  describe('profiles', () => {
    it('round-trips every source type', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      const ps: Profile[] = [
        makeProfile('pro_local00000000', SUB_1),
        makeProfile('pro_feed000000000', SUB_1, { source: FEED, providerName: 'ics', connected: false, initialSyncRequired: true }),
        makeProfile('pro_dav0000000000', SUB_1, { source: DAV, revoked: true }),
      ];
      for (const p of ps) await ctx.store.createProfile(p);
      for (const p of ps) expect(await ctx.store.getProfile(p.profileId)).toEqual(p);
      expect(await ctx.store.getProfile('pro_missing000000')).toBeNull();
    });

    it('lists an account’s profiles oldest first, revoked ones only when asked', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      await ctx.store.createAccount(makeAccount(SUB_2));
      const late = makeProfile('pro_a000000000000', SUB_1, { createdAt: T0 + 2 });
      const early = makeProfile('pro_b000000000000', SUB_1, { createdAt: T0 });
      const revoked = makeProfile('pro_c000000000000', SUB_1, { createdAt: T0 + 1, revoked: true });
      for (const p of [late, early, revoked, makeProfile('pro_other00000000', SUB_2)]) await ctx.store.createProfile(p);
      expect(await ctx.store.listProfiles(SUB_1)).toEqual([early, late]);
      expect(await ctx.store.listProfiles(SUB_1, { includeRevoked: true })).toEqual([early, revoked, late]);
    });

    it('lists current profiles by source type', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      const feed = makeProfile('pro_feed000000000', SUB_1, { source: FEED });
      const dav = makeProfile('pro_dav0000000000', SUB_1, { source: DAV });
      await ctx.store.createProfile(makeProfile('pro_local00000000', SUB_1));
      await ctx.store.createProfile(feed);
      await ctx.store.createProfile(dav);
      await ctx.store.createProfile(makeProfile('pro_feedrevoked00', SUB_1, { source: FEED, revoked: true }));
      expect(await ctx.store.listProfilesBySource('ics_feed')).toEqual([feed]);
      expect(await ctx.store.listProfilesBySource('caldav')).toEqual([dav]);
    });

    it('updates only the fields given, including the source and its type', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      const p = makeProfile(PRO_1, SUB_1);
      await ctx.store.createProfile(p);
      await ctx.store.updateProfile(PRO_1, {});
      expect(await ctx.store.getProfile(PRO_1)).toEqual(p);
      await ctx.store.updateProfile(PRO_1, { profileName: 'Renamed', connected: false });
      expect(await ctx.store.getProfile(PRO_1)).toEqual({ ...p, profileName: 'Renamed', connected: false });
      await ctx.store.updateProfile(PRO_1, { initialSyncRequired: true, source: FEED });
      const updated = { ...p, profileName: 'Renamed', connected: false, initialSyncRequired: true, source: FEED };
      expect(await ctx.store.getProfile(PRO_1)).toEqual(updated);
      expect(await ctx.store.listProfilesBySource('ics_feed')).toEqual([updated]);
      await ctx.store.updateProfile(PRO_1, { revoked: true });
      expect(await ctx.store.listProfilesBySource('ics_feed')).toEqual([]);
      expect((await ctx.store.getProfile(PRO_1))?.revoked).toBe(true);
    });

    it('replaces a source only while it is unchanged, once across two connections', async () => {
      await ctx.store.createAccount(makeAccount(SUB_1));
      const p = makeProfile('pro_feed000000000', SUB_1, { source: FEED });
      await ctx.store.createProfile(p);
      const other = await ctx.harness.openAnother();
      const claimA: ProfileSource = { ...FEED, lastFetchedAt: T0 + 1000 };
      const claimB: ProfileSource = { ...FEED, lastFetchedAt: T0 + 2000 };
      // Both read the same source; only the first compare-and-set wins.
      const [a, b] = await Promise.all([ctx.store.replaceProfileSourceIf(p.profileId, FEED, claimA), other.replaceProfileSourceIf(p.profileId, FEED, claimB)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const won = a ? claimA : claimB;
      expect((await ctx.store.getProfile(p.profileId))?.source).toEqual(won);
      // The value read back compares equal to what is stored, so the next claim can use it.
      const read = (await other.getProfile(p.profileId))!.source;
      expect(await other.replaceProfileSourceIf(p.profileId, read, { ...FEED, lastError: null })).toBe(true);
      expect(await ctx.store.replaceProfileSourceIf(p.profileId, read, FEED)).toBe(false);
      await ctx.store.updateProfile(p.profileId, { revoked: true });
      const now = (await ctx.store.getProfile(p.profileId))!.source;
      expect(await ctx.store.replaceProfileSourceIf(p.profileId, now, FEED)).toBe(false);
      expect(await ctx.store.replaceProfileSourceIf('pro_missing000000', FEED, FEED)).toBe(false);
    });
  });

  describe('calendars', () => {
    it('round-trips', async () => {
      await seed(ctx.store);
      const c = makeCalendar('cal_roundtrip0000000', PRO_1, SUB_1, { readonly: true, deleted: true, primary: true, color: null });
      await ctx.store.createCalendar(c);
      expect(await ctx.store.getCalendar(c.calendarId)).toEqual(c);
      expect(await ctx.store.getCalendar('cal_missing00000000')).toBeNull();
    });

    it('lists an account’s calendars oldest first, deleted ones only when asked', async () => {
      await seed(ctx.store);
      await ctx.store.updateCalendar(CAL_1, { deleted: true });
      const list = await ctx.store.listCalendars(SUB_1);
      expect(list.map((c) => c.calendarId)).toEqual([CAL_2]);
      const all = await ctx.store.listCalendars(SUB_1, { includeDeleted: true });
      expect(all.map((c) => [c.calendarId, c.deleted])).toEqual([
        [CAL_1, true],
        [CAL_2, false],
      ]);
      expect((await ctx.store.listCalendars(SUB_2)).map((c) => c.calendarId)).toEqual([CAL_3]);
    });

    it('hides the calendars of revoked profiles', async () => {
      await seed(ctx.store);
      await ctx.store.updateProfile(PRO_1, { revoked: true });
      expect(await ctx.store.listCalendars(SUB_1, { includeDeleted: true })).toEqual([]);
      expect(await ctx.store.getCalendar(CAL_1)).toBeNull();
      expect(await ctx.store.getCalendar(CAL_3)).not.toBeNull();
      expect(await ctx.store.listCalendars(SUB_2)).toHaveLength(1);
    });

    it('updates only the fields given', async () => {
      await seed(ctx.store);
      const before = (await ctx.store.getCalendar(CAL_2))!;
      await ctx.store.updateCalendar(CAL_2, {});
      expect(await ctx.store.getCalendar(CAL_2)).toEqual(before);
      await ctx.store.updateCalendar(CAL_2, { name: 'Work', readonly: true, color: null });
      expect(await ctx.store.getCalendar(CAL_2)).toEqual({ ...before, name: 'Work', readonly: true, color: null });
      await ctx.store.updateCalendar(CAL_2, { deleted: true, color: '#000000' });
      expect(await ctx.store.getCalendar(CAL_2)).toEqual({ ...before, name: 'Work', readonly: true, deleted: true, color: '#000000' });
    });

    it('records the source of a calendar’s imported content, and counts its imported events', async () => {
      await seed(ctx.store);
      expect(await ctx.store.getCalendarImportSource(CAL_1)).toBeNull();
      expect(await ctx.store.getCalendarImportSource('cal_missing00000000')).toBeNull();
      const file = { key: 'file:/home/me/Kalender.ics', shown: '/home/me/Kalender.ics' };
      await ctx.store.setCalendarImportSource(CAL_1, file);
      expect(await ctx.store.getCalendarImportSource(CAL_1)).toEqual(file);
      expect(await ctx.store.getCalendarImportSource(CAL_2)).toBeNull();
      const url = { key: `url:${'ab'.repeat(32)}`, shown: 'https://calendar.example.com/…' };
      await ctx.store.setCalendarImportSource(CAL_1, url);
      expect(await ctx.store.getCalendarImportSource(CAL_1)).toEqual(url);
      // The calendar itself reads as before.
      expect(await ctx.store.getCalendar(CAL_1)).toEqual(makeCalendar(CAL_1, PRO_1, SUB_1, { primary: true }));
      await ctx.store.setCalendarImportSource(CAL_1, null);
      expect(await ctx.store.getCalendarImportSource(CAL_1)).toBeNull();

      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(0);
      await ctx.store.replaceImportedEvents(CAL_1, [importedEvent('a'), importedEvent('b', { deleted: true })]);
      // A managed event is not imported.
      await ctx.store.putEvent(makeEvent({ applicationId: APP_A, eventId: 'managed-1' }));
      expect(await ctx.store.countImportedEvents(CAL_1)).toBe(2);
      expect(await ctx.store.countImportedEvents(CAL_2)).toBe(0);
    });
  });
}
