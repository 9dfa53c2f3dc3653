/**
 * importIcs and the target calendar rules against the real store: SQLite, and PostgreSQL in a
 * fresh schema when KAIROS_TEST_POSTGRES is set. Every refusal must leave the account exactly
 * as it was: no profile, no calendar, no event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Calendar, CalendarEvent, ImportSource, RandomBytes } from '../core/index.js';
import { useFreshStore } from '../store/contract/harness.js';
import type { Store } from '../store/index.js';
import { postgresTarget, testPostgresUrl } from '../store/testing/postgres-target.js';
import { failingImports, holdImports } from '../store/testing/hold-imports.js';
import { sqliteTarget } from '../store/testing/sqlite-target.js';
import { parseCalendarUrl } from '../sync/fetch/index.js';
import { IcsError } from '../sync/ics/index.js';
import { createApplication } from './applications.js';
import { ensureApplicationCalendar } from './application-calendars.js';
import type { ServiceDeps } from './credentials.js';
import { IMPORT_PROFILE_NAME, IMPORT_PROVIDER_NAME, IMPORT_PROVIDER_SERVICE } from './import-calendar.js';
import { ImportError } from './import-error.js';
import { importIcs, importSourceName } from './import-ics.js';
import { importSourceOf } from './import-source.js';
import { revokeProfile } from './profiles.js';

const NOW = Date.UTC(2026, 0, 1);
const ACC = 'acc_0123456789abcdef01234567';

function ics(lines: string[], head: string[] = []): Uint8Array {
  return new TextEncoder().encode(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', ...head, ...lines, 'END:VCALENDAR', ''].join('\r\n'));
}

const event = (uid: string, start: string, summary = uid, more: string[] = []): string[] => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  `DTSTART:${start}`,
  'DURATION:PT1H',
  `SUMMARY:${summary}`,
  ...more,
  'END:VEVENT',
];

const team = ics([...event('a', '20260105T090000Z'), ...event('b', '20260106T090000Z', 'b', ['ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com'])], ['X-WR-CALNAME:Team']);

/** A store that tells when one of its transactions lists the account's calendars (the import's lookup). */
function watchLookups(store: Store): { store: Store; looked: Promise<void> } {
  let look!: () => void;
  const looked = new Promise<void>((resolve) => (look = resolve));
  const bound = <T extends object>(target: T, override: (key: PropertyKey) => unknown): T =>
    new Proxy(target, {
      get(t, key) {
        const o = override(key);
        if (o !== undefined) return o;
        const v = Reflect.get(t, key, t) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  const watchTx = (tx: Store): Store =>
    bound(tx, (key) =>
      key === 'listCalendars'
        ? (...args: Parameters<Store['listCalendars']>) => {
            look();
            return tx.listCalendars(...args);
          }
        : undefined,
    );
  return { store: bound(store, (key) => (key === 'transaction' ? <T>(fn: (tx: Store) => Promise<T>) => store.transaction((tx) => fn(watchTx(tx))) : undefined)), looked };
}

const targets = [sqliteTarget, ...(testPostgresUrl() ? [postgresTarget(testPostgresUrl()!)] : [])];

for (const target of targets) {
  describe(`importIcs on ${target.name}`, () => {
    const ctx = useFreshStore(target);
    const deps = (random: RandomBytes = (n: number) => new Uint8Array(randomBytes(n))): ServiceDeps => ({ store: ctx.store, clock: () => NOW, random });

    async function person(): Promise<string> {
      await ctx.store.createAccount({ sub: ACC, kind: 'account', email: 'me@example.com', name: 'Me', zoneinfo: 'America/New_York', createdAt: NOW });
      return ACC;
    }

    async function room(id = 'room-1'): Promise<{ sub: string; primary: Calendar }> {
      const app = await createApplication(deps(), { name: 'App' });
      const r = await ensureApplicationCalendar(deps(), { applicationId: app.application.applicationId, applicationCalendarId: id, accessTokenTtlSeconds: 600 });
      return { sub: r.sub, primary: (await ctx.store.listCalendars(r.sub))[0]! };
    }

    async function snapshot(store: Store, sub: string): Promise<unknown> {
      const calendars = await store.listCalendars(sub, { includeDeleted: true });
      const events: CalendarEvent[] = await store.queryEvents({ sub, managed: 'include', applicationId: 'app_none', includeDeleted: true });
      return { profiles: await store.listProfiles(sub, { includeRevoked: true }), calendars, events: events.sort((x, y) => x.eventUid.localeCompare(y.eventUid)) };
    }

    it('creates a read-only calendar named by X-WR-CALNAME in the import profile, then re-uses it', async () => {
      const sub = await person();
      const r = await importIcs(deps(), { sub, bytes: team, fallbackName: 'file' });
      expect(r.created).toBe(true);
      expect(r.calendar).toMatchObject({ name: 'Team', readonly: true, primary: false, deleted: false, sub });
      expect(r.profile).toMatchObject({ providerName: IMPORT_PROVIDER_NAME, providerService: IMPORT_PROVIDER_SERVICE, profileName: IMPORT_PROFILE_NAME, source: { type: 'local' } });
      expect(r.stored).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
      const events = await ctx.store.queryEvents({ sub, managed: 'include', applicationId: 'app_none', includeDeleted: false });
      // The account's own address makes its PARTSTAT the event's status.
      expect(events.find((e) => e.sourceKey === 'b')!.participationStatus).toBe('declined');

      const again = await importIcs(deps(), { sub, bytes: team, fallbackName: 'other' });
      expect(again).toMatchObject({ created: false, calendar: { calendarId: r.calendar.calendarId }, stored: { created: 0, unchanged: 2 } });
      const other = await importIcs(deps(), { sub, bytes: ics(event('c', '20260107T090000Z')), fallbackName: 'Holidays' });
      expect(other.calendar.name).toBe('Holidays');
      expect(other.profile.profileId).toBe(r.profile.profileId);
      expect((await ctx.store.listProfiles(sub)).length).toBe(1);
    });

    it("reads floating times in the account's zone", async () => {
      const sub = await person();
      const r = await importIcs(deps(), { sub, bytes: ics(event('f', '20260105T090000')), fallbackName: 'f' });
      const [e] = await ctx.store.queryEvents({ sub, calendarIds: [r.calendar.calendarId], managed: 'include', applicationId: 'app_none', includeDeleted: false });
      expect(e!.start).toEqual({ kind: 'time', ms: Date.UTC(2026, 0, 5, 14) });
    });

    it("never picks an application calendar's primary calendar by default, only when it is named", async () => {
      const { sub, primary } = await room('team');
      // The file's name equals the primary calendar's name: a default name looks only among imported calendars.
      const byDefault = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x' });
      expect(byDefault.created).toBe(true);
      expect(byDefault.calendar.calendarId).not.toBe(primary.calendarId);
      const byName = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x', calendar: 'team' });
      expect(byName).toMatchObject({ created: false, calendar: { calendarId: primary.calendarId, readonly: false } });
      const byId = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x', calendar: primary.calendarId });
      expect(byId).toMatchObject({ created: false, calendar: { calendarId: primary.calendarId }, stored: { unchanged: 2 } });
    });

    it('prefers an imported calendar over another of the same name, and refuses an ambiguous name', async () => {
      const { sub, primary } = await room('Team');
      const imported = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x' });
      const named = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x', calendar: 'Team' });
      expect(named.calendar.calendarId).toBe(imported.calendar.calendarId);
      expect(named.calendar.calendarId).not.toBe(primary.calendarId);
      await ctx.store.createCalendar({ ...imported.calendar, calendarId: 'cal_secondteamcalendar0001', createdAt: NOW + 1 });
      const before = await snapshot(ctx.store, sub);
      await expect(importIcs(deps(), { sub, bytes: team, fallbackName: 'x', calendar: 'Team' })).rejects.toThrow(
        new ImportError('ambiguous_calendar', `2 calendars are named "Team": ${imported.calendar.calendarId}, cal_secondteamcalendar0001; give one by id`),
      );
      expect(await snapshot(ctx.store, sub)).toEqual(before);
    });

    it('refuses unknown accounts and calendars, calendars of others, deleted and feed calendars', async () => {
      const sub = await person();
      const other = await room();
      const feedProfile = { ...other.primary, profileId: 'pro_feedprofile00000001' };
      await ctx.store.createProfile({
        profileId: feedProfile.profileId,
        sub,
        providerName: 'ics',
        providerService: 'ics',
        profileName: 'Feed',
        connected: true,
        initialSyncRequired: false,
        revoked: false,
        source: { type: 'ics_feed', url: 'https://example.com/f.ics', intervalSeconds: 3600, etag: null, lastModified: null, lastFetchedAt: null, lastSuccessAt: null, lastError: null },
        createdAt: NOW,
      });
      await ctx.store.createCalendar({ calendarId: 'cal_feedcalendar00000001', profileId: feedProfile.profileId, sub, name: 'Feed', readonly: true, deleted: false, primary: false, color: null, createdAt: NOW });
      const gone = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x' });
      await ctx.store.updateCalendar(gone.calendar.calendarId, { deleted: true });
      const before = await snapshot(ctx.store, sub);
      const cases: [string | undefined, string, ImportError['code'], string][] = [
        [undefined, 'acc_ffffffffffffffffffffffff', 'unknown_sub', 'no account has sub acc_ffffffffffffffffffffffff'],
        ['cal_nosuchcalendar0000001', sub, 'unknown_calendar', `account ${sub} has no calendar cal_nosuchcalendar0000001`],
        [other.primary.calendarId, sub, 'unknown_calendar', `account ${sub} has no calendar ${other.primary.calendarId}`],
        [gone.calendar.calendarId, sub, 'not_importable', `calendar "Team" (${gone.calendar.calendarId}) is deleted`],
        ['cal_feedcalendar00000001', sub, 'not_importable', 'calendar "Feed" (cal_feedcalendar00000001) is synced from a feed; import into another calendar'],
        ['Feed', sub, 'not_importable', 'calendar "Feed" (cal_feedcalendar00000001) is synced from a feed; import into another calendar'],
      ];
      for (const [calendar, s, code, message] of cases) {
        const req = { sub: s, bytes: team, fallbackName: 'x', ...(calendar === undefined ? {} : { calendar }) };
        await expect(importIcs(deps(), req)).rejects.toThrow(new ImportError(code, message));
      }
      expect(await snapshot(ctx.store, sub)).toEqual(before);
    });

    it('refuses a file cut short, and one that is not iCalendar, without creating anything', async () => {
      const sub = await person();
      const text = new TextDecoder().decode(team);
      const cut = new TextEncoder().encode(text.slice(0, text.indexOf('UID:b') + 5));
      const before = await snapshot(ctx.store, sub);
      await expect(importIcs(deps(), { sub, bytes: cut, fallbackName: 'x' })).rejects.toMatchObject({ code: 'truncated' });
      await expect(importIcs(deps(), { sub, bytes: new TextEncoder().encode('<html></html>'), fallbackName: 'x' })).rejects.toBeInstanceOf(IcsError);
      expect(await snapshot(ctx.store, sub)).toEqual(before);
    });

    it('rolls back a new calendar and its profile when the store fails half-way', async () => {
      const sub = await person();
      const before = await snapshot(ctx.store, sub);
      // The store fails after writing the events, inside the transaction that made the calendar.
      await expect(importIcs({ ...deps(), store: failingImports(ctx.store) }, { sub, bytes: team, fallbackName: 'x' })).rejects.toThrow('store failed');
      expect(await snapshot(ctx.store, sub)).toEqual(before);
    });

    it('leaves no event behind when the import profile is revoked while an import stores', async () => {
      const sub = await person();
      const other = ics(event('c', '20260107T090000Z'), ['X-WR-CALNAME:Other']);
      // Into a calendar the profile has, then into one the import creates in that profile.
      for (const bytes of [team, other]) {
        const { profile } = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x' });
        const held = holdImports(ctx.store);
        const importing = importIcs({ ...deps(), store: held.store }, { sub, bytes, fallbackName: 'x' }).then(
          () => 'imported',
          (e: unknown) => (e instanceof ImportError ? e.code : e),
        );
        await held.reached;
        const revoked = revokeProfile(ctx.store, profile.profileId, null);
        // Given the time to pass between what the import read and what it writes, if it could.
        await new Promise((resolve) => setTimeout(resolve, 150));
        held.release();
        expect(['imported', 'unknown_calendar']).toContain(await importing);
        expect(await revoked).toBe(true);
        const left = await ctx.store.queryEvents({ sub, managed: 'include', applicationId: 'app_none', includeDeleted: true });
        expect(left, bytes === team ? 'the same calendar' : 'a new calendar').toEqual([]);
      }
    });

    it('creates one calendar and one profile when two imports choose the same default name at once', async () => {
      const sub = await person();
      const kalender = (uid: string): Uint8Array => ics(event(uid, '20260105T090000Z'), ['X-WR-CALNAME:Kalender']);
      const work = importSourceOf({ file: '/exports/work/Kalender.ics' });
      const home = importSourceOf({ file: '/exports/home/Kalender.ics' });
      const outcome = (p: Promise<unknown>): Promise<string> => p.then(
        () => 'imported',
        (e: unknown) => (e instanceof ImportError ? e.code : Promise.reject(e)),
      );

      /**
       * The first import stops inside its transaction, its calendar created and not committed;
       * the second starts then, and the first goes on once the second has looked its calendar
       * up in its transaction (at once, unless something holds it back) or after a while.
       */
      async function race(first: Uint8Array, firstSource: ImportSource, second: Uint8Array, secondSource: ImportSource): Promise<string[]> {
        const held = holdImports(ctx.store);
        const a = outcome(importIcs({ ...deps(), store: held.store }, { sub, bytes: first, fallbackName: 'Kalender', source: firstSource }));
        await held.reached;
        const watched = watchLookups(ctx.store);
        const b = outcome(importIcs({ ...deps(), store: watched.store }, { sub, bytes: second, fallbackName: 'Kalender', source: secondSource }));
        await Promise.race([watched.looked, new Promise((resolve) => setTimeout(resolve, 300))]);
        held.release();
        return [await a, await b];
      }

      // Two sources: the second sees the first's calendar and refuses to replace its events.
      expect(await race(kalender('w'), work, kalender('h'), home)).toEqual(['imported', 'other_source']);
      const calendars = await ctx.store.listCalendars(sub);
      expect(calendars.map((c) => c.name)).toEqual(['Kalender']);
      expect(await ctx.store.listProfiles(sub, { includeRevoked: true })).toHaveLength(1);
      expect(await ctx.store.getCalendarImportSource(calendars[0]!.calendarId)).toEqual(work);

      // The same source twice: both import, into one calendar.
      const again = (uid: string): Uint8Array => ics(event(uid, '20260105T090000Z'), ['X-WR-CALNAME:Again']);
      expect(await race(again('x'), home, again('y'), home)).toEqual(['imported', 'imported']);
      expect((await ctx.store.listCalendars(sub)).map((c) => c.name).sort()).toEqual(['Again', 'Kalender']);
      expect(await ctx.store.listProfiles(sub, { includeRevoked: true })).toHaveLength(1);
      expect((await importIcs(deps(), { sub, bytes: again('y'), fallbackName: 'Again', source: home })).stored).toMatchObject({ unchanged: 1 });
    });

    it('refuses, by default name, to replace the events of another source; re-imports and a named calendar replace them', async () => {
      const sub = await person();
      const kalender = (uid: string): Uint8Array => ics([...event(uid, '20260105T090000Z'), ...event(`${uid}-2`, '20260106T090000Z')], ['X-WR-CALNAME:Kalender']);
      const work = importSourceOf({ file: '/exports/work/Kalender.ics' });
      const home = importSourceOf({ file: '/exports/home/Kalender.ics' });
      const first = await importIcs(deps(), { sub, bytes: kalender('w'), fallbackName: 'Kalender', source: work });
      expect(first).toMatchObject({ created: true, stored: { created: 2 } });
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toEqual({ key: 'file:/exports/work/Kalender.ics', shown: '/exports/work/Kalender.ics' });

      const before = await snapshot(ctx.store, sub);
      const refused = await importIcs(deps(), { sub, bytes: kalender('h'), fallbackName: 'Kalender', source: home }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ImportError);
      expect(refused).toMatchObject({
        code: 'other_source',
        message: `calendar "Kalender" (${first.calendar.calendarId}) holds 2 occurrences imported from /exports/work/Kalender.ics, which this import would replace; nothing was imported`,
        conflict: { calendar: first.calendar, importedFrom: '/exports/work/Kalender.ics', events: 2 },
      });
      expect(await snapshot(ctx.store, sub)).toEqual(before);
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toEqual(work);

      // The same source again: idempotent.
      expect(await importIcs(deps(), { sub, bytes: kalender('w'), fallbackName: 'Kalender', source: work })).toMatchObject({ created: false, stored: { unchanged: 2 } });
      // Named, the calendar takes the other file, which becomes its source.
      const replaced = await importIcs(deps(), { sub, bytes: kalender('h'), fallbackName: 'Kalender', source: home, calendar: 'Kalender' });
      expect(replaced).toMatchObject({ created: false, calendar: { calendarId: first.calendar.calendarId }, stored: { created: 2, removed: 2 } });
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toEqual(home);
      await expect(importIcs(deps(), { sub, bytes: kalender('w'), fallbackName: 'Kalender', source: work })).rejects.toMatchObject({
        code: 'other_source',
        message: `calendar "Kalender" (${first.calendar.calendarId}) holds 2 occurrences imported from /exports/home/Kalender.ics, which this import would replace; nothing was imported`,
      });
      // Beside it, under another name.
      expect(await importIcs(deps(), { sub, bytes: kalender('w'), fallbackName: 'Kalender', source: work, calendar: 'Work' })).toMatchObject({ created: true, calendar: { name: 'Work' } });
    });

    it('tells two URLs of one host apart, and lets another source into an empty calendar or one of unknown source', async () => {
      const sub = await person();
      const feed = (uid: string): Uint8Array => ics(event(uid, '20260105T090000Z'), ['X-WR-CALNAME:Calendar']);
      const a = importSourceOf({ url: new URL('https://calendar.example.com/a/basic.ics') });
      const b = importSourceOf({ url: new URL('https://calendar.example.com/b/basic.ics') });
      const first = await importIcs(deps(), { sub, bytes: feed('a'), fallbackName: 'basic', source: a });
      await expect(importIcs(deps(), { sub, bytes: feed('b'), fallbackName: 'basic', source: b })).rejects.toMatchObject({
        code: 'other_source',
        message: `calendar "Calendar" (${first.calendar.calendarId}) holds an occurrence imported from another URL of https://calendar.example.com/…, which this import would replace; nothing was imported`,
        conflict: { importedFrom: 'another URL of https://calendar.example.com/…', events: 1 },
      });

      // A calendar whose source is not recorded (imported before sources were) takes the import, and records it.
      await ctx.store.setCalendarImportSource(first.calendar.calendarId, null);
      expect(await importIcs(deps(), { sub, bytes: feed('b'), fallbackName: 'basic', source: b })).toMatchObject({ created: false, stored: { created: 1, removed: 1 }, tookOverFrom: null });
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toEqual(b);

      // Nothing of the earlier source is left to lose (its events are only there as deleted):
      // an empty calendar takes another source.
      const empty = ics([], ['X-WR-CALNAME:Calendar']);
      expect(await importIcs(deps(), { sub, bytes: empty, fallbackName: 'basic', source: b })).toMatchObject({ stored: { removed: 1 }, tookOverFrom: null });
      expect(await ctx.store.countImportedEvents(first.calendar.calendarId, { includeDeleted: false })).toBe(0);
      // ... and says whose it was. Event `a`, deleted when `b` replaced it, comes back under its uid.
      expect(await importIcs(deps(), { sub, bytes: feed('a'), fallbackName: 'basic', source: a })).toMatchObject({
        created: false,
        stored: { created: 0, updated: 1, removed: 0 },
        tookOverFrom: 'another URL of https://calendar.example.com/…',
      });
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toEqual(a);
      // An import without a source leaves none recorded.
      await importIcs(deps(), { sub, bytes: feed('c'), fallbackName: 'basic' });
      expect(await ctx.store.getCalendarImportSource(first.calendar.calendarId)).toBeNull();
    });

    it('imports only inside the horizon it is given, and reports it', async () => {
      const sub = await person();
      const horizon = { fromMs: Date.UTC(2026, 0, 6), toMs: Date.UTC(2026, 0, 7) };
      const r = await importIcs(deps(), { sub, bytes: team, fallbackName: 'x', horizon });
      expect(r.horizon).toEqual(horizon);
      expect(r.horizonGiven).toBe(true);
      expect(r.counts.occurrences).toBe(1);
      expect((await importIcs(deps(), { sub, bytes: team, fallbackName: 'x' })).horizonGiven).toBe(false);
    });
  });
}

describe('importSourceName', () => {
  it.each([
    [{ file: '/tmp/Team Holidays.ics' }, 'Team Holidays'],
    [{ file: 'C:\\exports\\work.ICAL' }, 'work'],
    [{ file: 'calendar' }, 'calendar'],
    [{ file: '.ics' }, 'Imported calendar'],
    [{ url: new URL('https://example.com/feeds/basic.ics?key=1') }, 'basic'],
    [{ url: new URL('https://example.com/feeds/Caf%C3%A9%20club.ics/') }, 'Café club'],
    [{ url: new URL('https://example.com/%E0%A4') }, '%E0%A4'],
    [{ url: new URL('https://calendar.example.com/') }, 'calendar.example.com'],
  ])('%o → %s', (source, name) => {
    expect(importSourceName(source)).toBe(name);
  });
});

describe('importSourceOf', () => {
  it('takes a file by its absolute path, without following links', () => {
    expect(importSourceOf({ file: 'exports/../Kalender.ics' }, '/home/me')).toEqual({ key: 'file:/home/me/Kalender.ics', shown: '/home/me/Kalender.ics' });
    expect(importSourceOf({ file: '/home/me/Kalender.ics' }, '/elsewhere')).toEqual(importSourceOf({ file: './Kalender.ics' }, '/home/me'));
    expect(importSourceOf({ file: '/home/you/Kalender.ics' }).key).not.toBe(importSourceOf({ file: '/home/me/Kalender.ics' }).key);
  });

  it('follows a linked directory, not a linked file', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'kairos-source-')));
    try {
      const real = join(root, 'ics');
      mkdirSync(real);
      writeFileSync(join(real, 'a.ics'), '');
      symlinkSync(real, join(root, 'lnk'));
      symlinkSync(join(real, 'a.ics'), join(real, 'today.ics'));
      const lnk = join(root, 'lnk');
      const a = { key: `file:${real}/a.ics`, shown: `${real}/a.ics` };
      // In a working directory reached through the link, `a.ics` and `$PWD/a.ics` are one source.
      expect(importSourceOf({ file: 'a.ics' }, lnk)).toEqual(a);
      expect(importSourceOf({ file: join(lnk, 'a.ics') }, '/elsewhere')).toEqual(a);
      expect(importSourceOf({ file: 'lnk/a.ics' }, root)).toEqual(a);
      expect(importSourceOf({ file: 'a.ics' }, real)).toEqual(a);
      // A linked file is its own source, wherever it points today; a missing file keeps its name.
      expect(importSourceOf({ file: 'today.ics' }, lnk)).toEqual({ key: `file:${real}/today.ics`, shown: `${real}/today.ics` });
      expect(importSourceOf({ file: 'gone.ics' }, lnk).key).toBe(`file:${real}/gone.ics`);
      // A directory that does not exist is taken as written.
      expect(importSourceOf({ file: 'lnk/none/b.ics' }, root).key).toBe(`file:${lnk}/none/b.ics`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes a URL as fetched, without credentials, and keeps only its SHA-256', () => {
    const plain = importSourceOf({ url: parseCalendarUrl('https://calendar.example.com/private-s3cret/basic.ics?token=t') });
    expect(plain).toEqual({
      key: `url:${createHash('sha256').update('https://calendar.example.com/private-s3cret/basic.ics?token=t').digest('hex')}`,
      shown: 'https://calendar.example.com/…',
    });
    for (const same of [
      'webcal://calendar.example.com/private-s3cret/basic.ics?token=t',
      'https://me:pw@CALENDAR.example.com:443/private-s3cret/basic.ics?token=t#top',
    ]) {
      expect(importSourceOf({ url: parseCalendarUrl(same) }), same).toEqual(plain);
    }
    for (const other of [
      'http://calendar.example.com/private-s3cret/basic.ics?token=t',
      'https://calendar.example.com/private-s3cret/basic.ics?token=u',
      'https://calendar.example.com/private-other/basic.ics?token=t',
    ]) {
      expect(importSourceOf({ url: parseCalendarUrl(other) }).key, other).not.toBe(plain.key);
    }
  });
});
