/**
 * Black-box: `kairos import` as a user runs it, with the built CLI on a fresh SQLite database
 * (and on PostgreSQL in a fresh schema when KAIROS_TEST_POSTGRES is set). What the CLI wrote
 * is read back through the store; every refusal must leave the account exactly as it was.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/index.js';
import { createStore, type Store } from '../../src/store/index.js';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { ROOT, kairos, kairosAsync, requireBuild } from '../helpers/cli.js';

const DAY_MS = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY_MS) * DAY_MS;

/** `YYYYMMDD` of the day `offset` days from today (UTC). */
function day(offset: number): string {
  return new Date(TODAY + offset * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

function ics(events: string[][], head: string[] = []): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//black box//EN', ...head, ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
}

function ev(uid: string, offset: number, summary: string, more: string[] = []): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, `DTSTART:${day(offset)}T090000Z`, 'DURATION:PT1H', `SUMMARY:${summary}`, ...more, 'END:VEVENT'];
}

/** 3 events (a daily series of 3 with one moved occurrence, and two lone events): 5 occurrences, 1 override. */
function teamV1(head: string[] = ['X-WR-CALNAME:Team']): string {
  return ics(
    [
      ev('standup', 1, 'Standup', ['RRULE:FREQ=DAILY;COUNT=3']),
      ['BEGIN:VEVENT', 'UID:standup', `RECURRENCE-ID:${day(2)}T090000Z`, `DTSTART:${day(2)}T100000Z`, 'DURATION:PT1H', 'SUMMARY:Standup (moved)', 'END:VEVENT'],
      ev('lunch', 3, 'Lunch'),
      ev('review', 4, 'Review'),
    ],
    head,
  );
}

/** v1 with Lunch renamed, Review gone and Retro new. */
function teamV2(extra: string[][] = []): string {
  return ics(
    [
      ev('standup', 1, 'Standup', ['RRULE:FREQ=DAILY;COUNT=3']),
      ['BEGIN:VEVENT', 'UID:standup', `RECURRENCE-ID:${day(2)}T090000Z`, `DTSTART:${day(2)}T100000Z`, 'DURATION:PT1H', 'SUMMARY:Standup (moved)', 'END:VEVENT'],
      ev('lunch', 3, 'Long lunch'),
      ev('retro', 5, 'Retro'),
      ...extra,
    ],
    ['X-WR-CALNAME:Team'],
  );
}

interface ImportJson {
  sub: string;
  calendar_id: string;
  calendar_name: string;
  calendar_created: boolean;
  profile_id: string;
  source: string;
  horizon: { from: string; to: string };
  counts: { events: number; components: number; overrides: number; occurrences: number; free_busy_periods: number };
  stored: { created: number; updated: number; unchanged: number; removed: number };
  skipped: { uid?: string; line?: number; reason: string }[];
  skipped_reasons: Record<string, number>;
  warnings: { reason: string }[];
  notes: string[];
}

async function withStore<T>(url: string, fn: (s: Store) => Promise<T>, schema?: string): Promise<T> {
  const store = await createStore(url, schema === undefined ? {} : { schema });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Everything an import could touch in an account. */
function snapshot(url: string, sub: string, schema?: string): Promise<unknown> {
  return withStore(
    url,
    async (s) => {
      const events: CalendarEvent[] = await s.queryEvents({ sub, managed: 'include', applicationId: 'app_none', includeDeleted: true });
      return {
        profiles: await s.listProfiles(sub, { includeRevoked: true }),
        calendars: await s.listCalendars(sub, { includeDeleted: true }),
        events: events.sort((a, b) => a.eventUid.localeCompare(b.eventUid)),
      };
    },
    schema,
  );
}

function eventsOf(url: string, sub: string, calendarId: string, schema?: string): Promise<CalendarEvent[]> {
  return withStore(
    url,
    async (s) => (await s.queryEvents({ sub, calendarIds: [calendarId], managed: 'include', applicationId: 'app_none', includeDeleted: false })).sort((a, b) => (a.sourceKey! < b.sourceKey! ? -1 : 1)),
    schema,
  );
}

const uidsByKey = (events: CalendarEvent[]): Record<string, string> => Object.fromEntries(events.map((e) => [e.sourceKey!, e.eventUid]));

function expectClean(r: { stdout: string; stderr: string }): void {
  // Never a stack trace, whatever went wrong.
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/Error:/);
}

describe('kairos import (SQLite)', () => {
  let dir: string;
  let db: string;
  let sub: string;
  let accSub: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const run = (...args: string[]) => kairos(['import', '--database', db, ...args]);
  const runJson = (...args: string[]): ImportJson => {
    const r = run('--json', ...args);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as ImportJson;
  };

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'kairos-import-'));
    db = join(dir, 'kairos.db');
    const app = kairos(['app', 'create', '--name', 'Import test', '--json', '--database', db]);
    expect(app.status, app.stderr).toBe(0);
    const clientId = (JSON.parse(app.stdout) as { client_id: string }).client_id;
    const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-1', '--tzid', 'Europe/Berlin', '--json', '--database', db]);
    expect(acc.status, acc.stderr).toBe(0);
    sub = (JSON.parse(acc.stdout) as { sub: string }).sub;
    // A person's account (acc_…): the CLI has no command for these, so the test writes one.
    accSub = 'acc_00112233445566778899aabb';
    await withStore(db, (s) => s.createAccount({ sub: accSub, kind: 'account', email: 'me@example.com', name: 'Me', zoneinfo: 'America/New_York', createdAt: Date.now() }));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file into a new read-only calendar named by X-WR-CALNAME and prints one summary line', async () => {
    const r = run('--sub', sub, file('team.ics', teamV1()));
    expect(r.status, r.stderr).toBe(0);
    // Not a terminal: no progress bar, nothing on stderr.
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([expect.stringMatching(/^Imported into "Team" \(cal_[A-Za-z0-9]+, new\): 3 events, 5 occurrences, 1 override; 5 created, 0 updated, 0 unchanged, 0 removed; 0 skipped$/), '']);
    const calendarId = /\((cal_[A-Za-z0-9]+), new\)/.exec(r.stdout)![1]!;
    const calendars = await withStore(db, (s) => s.listCalendars(sub));
    const calendar = calendars.find((c) => c.calendarId === calendarId)!;
    expect(calendar).toMatchObject({ name: 'Team', readonly: true, primary: false });
    const profile = await withStore(db, (s) => s.getProfile(calendar.profileId));
    expect(profile).toMatchObject({ providerName: 'ics', providerService: 'ics_import', profileName: 'Imported calendars' });
    const events = await eventsOf(db, sub, calendarId);
    expect(events.map((e) => [e.sourceKey, e.summary])).toEqual([
      ['lunch', 'Lunch'],
      ['review', 'Review'],
      [`standup#${day(1)}T090000Z`, 'Standup'],
      [`standup#${day(2)}T090000Z`, 'Standup (moved)'],
      [`standup#${day(3)}T090000Z`, 'Standup'],
    ]);
  });

  it('prints a JSON result with --json, listing every skipped item with its reason', () => {
    const broken = ics(
      [
        ev('ok', 1, 'Fine'),
        ['BEGIN:VEVENT', 'UID:nostart', 'SUMMARY:No start', 'END:VEVENT'],
        ev('twice', 2, 'First'),
        ev('twice', 2, 'Second'),
      ],
      ['X-WR-CALNAME:Broken'],
    );
    const path = file('broken.ics', broken);
    const j = runJson('--sub', sub, path);
    expect(j).toMatchObject({
      sub,
      calendar_name: 'Broken',
      calendar_created: true,
      source: path,
      counts: { events: 2, components: 4, overrides: 0, occurrences: 2, free_busy_periods: 0 },
      stored: { created: 2, updated: 0, unchanged: 0, removed: 0 },
    });
    expect(j.calendar_id).toMatch(/^cal_/);
    expect(j.profile_id).toMatch(/^pro_/);
    expect(Date.parse(j.horizon.to) - Date.parse(j.horizon.from)).toBe((365 + 731) * DAY_MS);
    expect(j.skipped).toEqual([
      { uid: 'nostart', line: 11, reason: 'no DTSTART' },
      { uid: 'twice', line: 15, reason: 'duplicate UID; the VEVENT with the higher SEQUENCE was kept' },
    ]);
    expect(j.skipped_reasons).toEqual({ 'no DTSTART': 1, 'duplicate UID; the VEVENT with the higher SEQUENCE was kept': 1 });
    const line = run('--sub', sub, path);
    expect(line.stdout.trim()).toBe(
      `Imported into "Broken" (${j.calendar_id}): 2 events, 2 occurrences, 0 overrides; 0 created, 0 updated, 2 unchanged, 0 removed; 2 skipped (1 × "no DTSTART", 1 × "duplicate UID; the VEVENT with the higher SEQUENCE was kept")`,
    );
  });

  it('re-imports idempotently: same ids, changed events updated in place, vanished ones removed', async () => {
    const v1 = file('idem.ics', teamV1(['X-WR-CALNAME:Idempotent']));
    const first = runJson('--sub', sub, v1);
    expect(first.stored).toEqual({ created: 5, updated: 0, unchanged: 0, removed: 0 });
    const before = uidsByKey(await eventsOf(db, sub, first.calendar_id));
    for (const uid of Object.values(before)) expect(uid).toMatch(/^evt_external_[A-Za-z0-9]{24}$/);

    const again = runJson('--sub', sub, v1);
    expect(again).toMatchObject({ calendar_id: first.calendar_id, calendar_created: false, counts: first.counts, stored: { created: 0, updated: 0, unchanged: 5, removed: 0 } });
    expect(uidsByKey(await eventsOf(db, sub, first.calendar_id))).toEqual(before);

    const v2 = file('idem.ics', teamV2().replace('X-WR-CALNAME:Team', 'X-WR-CALNAME:Idempotent'));
    const changed = runJson('--sub', sub, v2);
    expect(changed.stored).toEqual({ created: 1, updated: 1, unchanged: 3, removed: 1 });
    const after = await eventsOf(db, sub, first.calendar_id);
    const afterUids = uidsByKey(after);
    expect(Object.keys(afterUids)).not.toContain('review');
    expect(afterUids.retro).toMatch(/^evt_external_/);
    for (const key of ['lunch', `standup#${day(1)}T090000Z`, `standup#${day(2)}T090000Z`, `standup#${day(3)}T090000Z`]) expect(afterUids[key]).toBe(before[key]);
    expect(after.find((e) => e.sourceKey === 'lunch')!.summary).toBe('Long lunch');
    expect(runJson('--sub', sub, v2).stored).toEqual({ created: 0, updated: 0, unchanged: 5, removed: 0 });
  });

  it('takes --calendar by name (created when missing) and by id; a default name never picks the primary calendar', async () => {
    const path = file('room-1.ics', teamV1([]));
    const named = runJson('--sub', sub, '--calendar', 'Room plan', path);
    expect(named).toMatchObject({ calendar_name: 'Room plan', calendar_created: true, stored: { created: 5 } });
    const byId = runJson('--sub', sub, '--calendar', named.calendar_id, path);
    expect(byId).toMatchObject({ calendar_id: named.calendar_id, calendar_created: false, stored: { unchanged: 5 } });
    const byName = runJson('--sub', sub, '--calendar', 'Room plan', path);
    expect(byName.calendar_id).toBe(named.calendar_id);

    // The file is named like the application calendar's primary calendar ("room-1"), but without
    // --calendar the import goes to an imported calendar of that name, never the primary one.
    const primary = (await withStore(db, (s) => s.listCalendars(sub))).find((c) => c.primary)!;
    expect(primary.name).toBe('room-1');
    const byDefault = runJson('--sub', sub, path);
    expect(byDefault).toMatchObject({ calendar_name: 'room-1', calendar_created: true });
    expect(byDefault.calendar_id).not.toBe(primary.calendarId);
    // Named explicitly (by id), the primary calendar takes the import.
    const intoPrimary = runJson('--sub', sub, '--calendar', primary.calendarId, path);
    expect(intoPrimary).toMatchObject({ calendar_id: primary.calendarId, calendar_created: false, stored: { created: 5 } });
    expect((await withStore(db, (s) => s.getCalendar(primary.calendarId)))!.readonly).toBe(false);
  });

  it("imports into a person's account (acc_…), reading floating times in its zone and its own PARTSTAT", async () => {
    const floating = ics([['BEGIN:VEVENT', 'UID:f', `DTSTART:${day(1)}T090000`, 'DURATION:PT1H', 'SUMMARY:Floating', 'ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com', 'END:VEVENT']]);
    const j = runJson('--sub', accSub, file('mine.ics', floating));
    expect(j).toMatchObject({ sub: accSub, calendar_name: 'mine', calendar_created: true });
    const [e] = await eventsOf(db, accSub, j.calendar_id);
    const d = day(1);
    const nineInNewYork = Temporal.PlainDateTime.from(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T09:00`).toZonedDateTime('America/New_York').epochMilliseconds;
    expect(e!.start).toEqual({ kind: 'time', ms: nineInNewYork });
    expect(e!.participationStatus).toBe('declined');
  });

  it('refuses, without --calendar, to replace the events of another file of the same X-WR-CALNAME', async () => {
    mkdirSync(join(dir, 'work'));
    mkdirSync(join(dir, 'home'));
    const work = join(dir, 'work', 'export.ics');
    const home = join(dir, 'home', 'export.ics');
    writeFileSync(work, teamV1(['X-WR-CALNAME:Kalender']));
    writeFileSync(home, ics([ev('dentist', 2, 'Dentist')], ['X-WR-CALNAME:Kalender']));
    const first = runJson('--sub', sub, work);
    expect(first).toMatchObject({ calendar_name: 'Kalender', calendar_created: true, stored: { created: 5 } });

    const before = await snapshot(db, sub);
    const refused = run('--sub', sub, home);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `kairos: cannot import ${home}: calendar "Kalender" (${first.calendar_id}) holds 5 occurrences imported from ${work}, which this import would replace; nothing was imported. ` +
        'To replace them, pass --calendar "Kalender"; to import beside them, into a calendar of its own, pass --calendar NEW_NAME\n',
    );
    expect(refused.stdout).toBe('');
    expectClean(refused);
    expect(await snapshot(db, sub)).toEqual(before);

    // The same file, by a path relative to the working directory: the same source.
    expect(runJson('--sub', sub, relative(ROOT, work))).toMatchObject({ calendar_id: first.calendar_id, stored: { created: 0, updated: 0, unchanged: 5, removed: 0 } });
    // Named, the calendar takes the other file, which is then its source.
    expect(runJson('--sub', sub, '--calendar', 'Kalender', home)).toMatchObject({ calendar_id: first.calendar_id, stored: { created: 1, updated: 0, unchanged: 0, removed: 5 } });
    expect(runJson('--sub', sub, home)).toMatchObject({ calendar_id: first.calendar_id, stored: { created: 0, updated: 0, unchanged: 1, removed: 0 } });
    const back = run('--sub', sub, work);
    expect(back.status).toBe(1);
    expect(back.stderr).toContain(`holds an occurrence imported from ${home}, which this import would replace`);
    // Beside it, under another name.
    expect(runJson('--sub', sub, '--calendar', 'Kalender (work)', work)).toMatchObject({ calendar_name: 'Kalender (work)', calendar_created: true, stored: { created: 5 } });
  });

  it('notes when nothing of the file falls inside the window, free/busy blocks included, and where its content lies', () => {
    const publish = ics(
      [['BEGIN:VFREEBUSY', 'ORGANIZER:mailto:yvr-2a@example.com', 'DTSTART:20140415T235436Z', 'DTEND:20140717T235436Z', 'FREEBUSY;FBTYPE=BUSY:20140416T151500Z/20140416T190000Z', 'FREEBUSY;FBTYPE=BUSY:20140505T210000Z/20140505T213000Z', 'END:VFREEBUSY']],
      ['METHOD:PUBLISH'],
    );
    const j = runJson('--sub', sub, file('busy-2014.ics', publish));
    expect(j).toMatchObject({ calendar_name: 'busy-2014', counts: { events: 0, occurrences: 0, free_busy_periods: 0 }, stored: { created: 0 } });
    expect(j.notes).toEqual([
      `none of the file's 2 free/busy blocks falls inside the import window (${j.horizon.from.slice(0, 10)} to ${j.horizon.to.slice(0, 10)}); they lie between 2014-04-16 and 2014-05-05: pass --from and --to to import another window`,
    ]);

    // A window asked for: no advice to ask for one.
    const one = run('--sub', sub, '--from', '2020-01-01', '--to', '2020-02-01', file('one.ics', ics([ev('x', 1, 'Tomorrow')])));
    expect(one.status, one.stderr).toBe(0);
    const d = day(1);
    expect(one.stdout).toMatch(
      new RegExp(
        `^Imported into "one" \\(cal_\\w+, new\\): 1 event, 0 occurrences, 0 overrides; 0 created, 0 updated, 0 unchanged, 0 removed; 0 skipped; ` +
          `note: the file's one event falls outside the window asked for \\(2020-01-01 to 2020-02-01\\); it falls on ${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}\n$`,
      ),
    );
  });

  it('imports only inside --from/--to', () => {
    const j = runJson('--sub', sub, '--calendar', 'Horizon', '--from', new Date(TODAY + 2 * DAY_MS).toISOString().slice(0, 10), '--to', `${new Date(TODAY + 4 * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`, file('h.ics', teamV1()));
    // Standup on days 2 (moved) and 3, and Lunch on day 3.
    expect(j.counts.occurrences).toBe(3);
    expect(j.horizon).toEqual({ from: new Date(TODAY + 2 * DAY_MS).toISOString().replace('.000Z', 'Z'), to: new Date(TODAY + 4 * DAY_MS).toISOString().replace('.000Z', 'Z') });
  });

  describe('refusals: a clear message, a non-zero status, nothing written', () => {
    it('refuses bad files and bad command lines', async () => {
      const team = file('team.ics', teamV1());
      const whole = teamV1();
      const cases: [string, string[], number, RegExp][] = [
        ['an HTML page', [file('page.ics', '<!DOCTYPE html><html><body>Sign in</body></html>')], 1, /^kairos: cannot import .*page\.ics: not an iCalendar file: expected BEGIN:VCALENDAR, found "<!DOCTYPE html>/],
        ['a truncated file', [file('cut.ics', whole.slice(0, whole.indexOf('UID:review') + 7))], 1, /^kairos: cannot import .*cut\.ics: the file is cut short \(it does not end with END:VCALENDAR\)/],
        ['a binary blob', [file('blob.ics', new Uint8Array(Array.from({ length: 65_536 }, (_, i) => (i * 7919) % 256)))], 1, /^kairos: cannot import .*blob\.ics: not an iCalendar file/],
        ['a missing file', [join(dir, 'nope.ics')], 1, /^kairos: cannot import .*nope\.ics: no such file$/],
        ['a directory', [dir], 1, /^kairos: cannot import .*: it is a directory$/],
        ['an unknown sub', ['--sub', 'apc_ffffffffffffffffffffffff', team], 2, /^kairos: no account has sub apc_ffffffffffffffffffffffff$/],
        ['a malformed sub', ['--sub', 'room-1', team], 2, /^kairos: --sub must be an account sub: acc_ or apc_ and 24 hex digits, as account create and the API print it \(got "room-1"\)$/],
        ['no --sub', [team], 2, /^kairos: --sub is required/],
        ['an unknown flag', ['--bogus', team], 2, /^kairos: Unknown option '--bogus'/],
        ['no file', [], 2, /^kairos: a FILE or URL to import is required/],
        ['two files', [team, team], 2, /^kairos: unexpected argument: /],
        ['an unknown calendar id', ['--calendar', 'cal_nosuchcalendar0000001', team], 2, /^kairos: account apc_\w+ has no calendar cal_nosuchcalendar0000001$/],
        ['a calendar name with a control character', ['--calendar', 'a\u0007b', team], 2, /^kairos: --calendar must be a calendar id or a name/],
        ['a bad --timeout', ['--timeout', 'soon', 'http://127.0.0.1:9/x.ics'], 2, /^kairos: --timeout must be a number of seconds from 0.1 to 3600 \(got "soon"\)$/],
        ['--timeout with a file', ['--timeout', '5', team], 2, /^kairos: --timeout applies to URLs only$/],
        ['a bad --from', ['--from', 'yesterday', team], 2, /^kairos: --from must be a date such as 2026-01-01/],
        ['a --from before 1900', ['--from', '1800-01-01', team], 2, /^kairos: --from must be a date in the years 1900–2199 \(got "1800-01-01"\)$/],
        ['a --to that is no day', ['--to', '2026-02-30', team], 2, /^kairos: --to is not a day of the calendar \(2026-02-30\)$/],
        ['--from after --to', ['--from', '2027-01-01', '--to', '2026-01-01', team], 2, /^kairos: --from must be before --to$/],
        ['an ftp URL', ['ftp://files.example/cal.ics'], 2, /^kairos: only http, https and webcal URLs are supported, not ftp: URLs$/],
        ['a file URL', ['file:///etc/hosts'], 2, /^kairos: only http, https and webcal URLs are supported, not file: URLs$/],
      ];
      const before = await snapshot(db, sub);
      for (const [name, args, status, message] of cases) {
        const withSub = args.includes('--sub') || name === 'no --sub' ? args : ['--sub', sub, ...args];
        const r = run(...withSub);
        expect({ name, status: r.status }).toEqual({ name, status });
        expect(r.stderr.trimEnd(), name).toMatch(message);
        expect(r.stdout, name).toBe('');
        expectClean(r);
      }
      expect(await snapshot(db, sub)).toEqual(before);
    });

    it('refuses a 50 MB file at once', async () => {
      const big = file('big.ics', 'BEGIN:VCALENDAR\r\n');
      truncateSync(big, 50 * 1000 * 1000);
      const before = await snapshot(db, sub);
      const r = run('--sub', sub, big);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^kairos: cannot import .*big\.ics: it is 47\.7 MiB, more than the import limit of 32\.0 MiB\n$/);
      // One byte over reads in bytes, not as "32.0 MiB, more than … 32.0 MiB".
      truncateSync(big, 32 * 1024 * 1024 + 1);
      expect(run('--sub', sub, big).stderr).toMatch(/^kairos: cannot import .*big\.ics: it is 33,554,433 bytes, more than the import limit of 33,554,432 bytes \(32\.0 MiB\)\n$/);
      expect(await snapshot(db, sub)).toEqual(before);
    });

    it('answers in JSON on stderr with --json', () => {
      const usage = run('--json', '--sub', 'apc_ffffffffffffffffffffffff', file('t.ics', teamV1()));
      expect(usage.status).toBe(2);
      expect(JSON.parse(usage.stderr)).toEqual({ error: 'usage', message: 'no account has sub apc_ffffffffffffffffffffffff' });
      const failed = run('--json', '--sub', sub, join(dir, 'nope.ics'));
      expect(failed.status).toBe(1);
      expect(JSON.parse(failed.stderr)).toEqual({ error: 'failed', message: `cannot import ${join(dir, 'nope.ics')}: no such file` });
    });

    it('leaves the calendar exactly as it was when the store fails half-way, and creates no calendar', async () => {
      const path = file('fail.ics', teamV1(['X-WR-CALNAME:Fragile']));
      const first = runJson('--sub', sub, path);
      // A trigger makes the insert of one event's content fail. The import deletes the rows it
      // replaces first, so the failure comes half-way through the transaction.
      const sqlite = new Database(db);
      sqlite.exec(`CREATE TRIGGER force_failure BEFORE INSERT ON imported_contents WHEN NEW.summary = 'Boom' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
      sqlite.close();
      try {
        const before = await snapshot(db, sub);
        writeFileSync(path, teamV2([ev('boom', 6, 'Boom')]).replace('X-WR-CALNAME:Team', 'X-WR-CALNAME:Fragile'));
        const r = run('--sub', sub, path);
        expect(r.status).toBe(1);
        expect(r.stderr).toBe(`kairos: the import of ${path} failed and nothing was changed: forced failure\n`);
        expectClean(r);
        const fresh = run('--sub', sub, '--calendar', 'Never created', path);
        expect(fresh.status).toBe(1);
        expect(await snapshot(db, sub)).toEqual(before);
      } finally {
        const s = new Database(db);
        s.exec('DROP TRIGGER force_failure');
        s.close();
      }
      // Without the trigger the same file goes in, into the same calendar.
      expect(runJson('--sub', sub, path)).toMatchObject({ calendar_id: first.calendar_id, stored: { created: 2, updated: 1, unchanged: 3, removed: 1 } });
    });
  });

  describe('from a URL', () => {
    let server: Server;
    let base: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        const path = req.url ?? '/';
        if (path === '/feeds/team.ics') res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(teamV1());
        else if (path === '/feeds/unnamed.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(teamV1([]));
        else if (path === '/feeds/shared-a.ics' || path === '/feeds/shared-b.ics?token=s3cret') res.writeHead(200, { 'content-type': 'text/calendar' }).end(teamV1(['X-WR-CALNAME:Shared']));
        else if (path === '/moved') res.writeHead(302, { location: '/feeds/team.ics' }).end();
        else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
        else if (path === '/login') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in</body></html>');
        else if (path === '/huge') res.writeHead(200, { 'content-length': String(40 * 1024 * 1024) }).write('BEGIN:VCALENDAR\r\n');
        else if (path === '/stall') {
          // Accepts the request and never answers.
        } else if (path === '/cut') res.writeHead(200, { 'content-type': 'text/calendar' }).end(teamV1().slice(0, 300));
        else res.writeHead(404, 'Not Found').end('no such feed');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('imports a URL, following a redirect, and names the calendar by X-WR-CALNAME or the path', async () => {
      const r = await kairosAsync(['import', '--database', db, '--sub', sub, '--calendar', 'From URL', '--json', `${base}/moved`]);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as ImportJson;
      expect(j).toMatchObject({ calendar_name: 'From URL', source: `${base}/…`, counts: { events: 3, occurrences: 5, overrides: 1 }, stored: { created: 5 } });
      const again = await kairosAsync(['import', '--database', db, '--sub', sub, '--calendar', 'From URL', `${base}/moved`]);
      expect(again.stdout).toBe(`Imported into "From URL" (${j.calendar_id}): 3 events, 5 occurrences, 1 override; 0 created, 0 updated, 5 unchanged, 0 removed; 0 skipped\n`);
      const unnamed = await kairosAsync(['import', '--database', db, '--sub', sub, '--json', `${base}/feeds/unnamed.ics`]);
      expect((JSON.parse(unnamed.stdout) as ImportJson).calendar_name).toBe('unnamed');
    });

    it('refuses, without --calendar, to replace the events of another URL of the same X-WR-CALNAME', async () => {
      const a = `${base}/feeds/shared-a.ics`;
      const first = await kairosAsync(['import', '--database', db, '--sub', sub, '--json', a]);
      expect(first.status, first.stderr).toBe(0);
      const j = JSON.parse(first.stdout) as ImportJson;
      expect(j).toMatchObject({ calendar_name: 'Shared', calendar_created: true, stored: { created: 5 } });
      // The same URL with a password (not part of the source) and a fragment (never sent).
      const again = await kairosAsync(['import', '--database', db, '--sub', sub, `${a.replace('http://', 'http://me:s3cret@')}#x`]);
      expect(again.stdout).toBe(`Imported into "Shared" (${j.calendar_id}): 3 events, 5 occurrences, 1 override; 0 created, 0 updated, 5 unchanged, 0 removed; 0 skipped\n`);

      const before = await snapshot(db, sub);
      const other = await kairosAsync(['import', '--database', db, '--sub', sub, `${base}/feeds/shared-b.ics?token=s3cret`]);
      expect(other.status).toBe(1);
      expect(other.stderr).toBe(
        `kairos: cannot import ${base}/…: calendar "Shared" (${j.calendar_id}) holds 5 occurrences imported from another URL of ${base}/…, which this import would replace; nothing was imported. ` +
          'To replace them, pass --calendar "Shared"; to import beside them, into a calendar of its own, pass --calendar NEW_NAME\n',
      );
      // A file of that name is another source too.
      const file = join(dir, 'shared.ics');
      writeFileSync(file, teamV1(['X-WR-CALNAME:Shared']));
      const fromFile = await kairosAsync(['import', '--database', db, '--sub', sub, file]);
      expect(fromFile.status).toBe(1);
      expect(fromFile.stderr).toContain(`holds 5 occurrences imported from ${base}/…, which this import would replace`);
      expect(await snapshot(db, sub)).toEqual(before);
    });

    it('refuses unreachable, slow, non-200, non-ICS, oversized and cut-short answers, with nothing written', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const cases: [string, string[], RegExp][] = [
        ['a 404', [`${base}/nothing.ics`], new RegExp(`^kairos: cannot import ${base}/…: the server answered HTTP 404 \\(Not Found\\)\\n$`)],
        // The password is sent, never printed; nor is the path or query, which often hold a secret.
        ['a 404 with a secret in the path', [`${base}/private-s3cret/basic.ics?token=s3cret`], new RegExp(`^kairos: cannot import ${base}/…: the server answered HTTP 404 \\(Not Found\\)\\n$`)],
        ['a 404 with a password', [`${base}/nothing.ics`.replace('http://', 'http://me:s3cret@')], new RegExp(`^kairos: cannot import ${base}/…: the server answered HTTP 404 \\(Not Found\\)\\n$`)],
        ['a stall', ['--timeout', '0.5', `${base}/stall`], new RegExp(`^kairos: cannot import ${base}/…: timed out: the calendar did not arrive within 0\\.5 s\\n$`)],
        ['a closed port', [`http://127.0.0.1:${closedPort}/cal.ics`], new RegExp(`^kairos: cannot import http://127\\.0\\.0\\.1:${closedPort}/…: 127\\.0\\.0\\.1 refused the connection \\(ECONNREFUSED\\)\\n$`)],
        // webcal:// is read as https://.
        ['a webcal URL to a closed port', [`webcal://127.0.0.1:${closedPort}/cal.ics`], new RegExp(`^kairos: cannot import https://127\\.0\\.0\\.1:${closedPort}/…: 127\\.0\\.0\\.1 refused the connection \\(ECONNREFUSED\\)\\n$`)],
        // webcal:// to a server that speaks plain HTTP only: the handshake fails, and http:// is suggested.
        [
          'a webcal URL to a plain-HTTP server',
          [`${base.replace('http://', 'webcal://')}/nope.ics`],
          new RegExp(`^kairos: cannot import ${base.replace('http://', 'https://')}/…: the secure connection \\(TLS\\) to 127\\.0\\.0\\.1 failed: the server did not answer in TLS; it may speak plain HTTP only \\(ERR_SSL_WRONG_VERSION_NUMBER\\); a webcal:// URL is fetched over https: for a server that speaks plain HTTP only, import ${base}/… instead\\n$`),
        ],
        ['an https URL to a plain-HTTP server', [`${base.replace('http://', 'https://')}/nope.ics`], new RegExp(`^kairos: cannot import ${base.replace('http://', 'https://')}/…: the secure connection \\(TLS\\) to 127\\.0\\.0\\.1 failed: the server did not answer in TLS; it may speak plain HTTP only \\(ERR_SSL_WRONG_VERSION_NUMBER\\)\\n$`)],
        // One slash short is still a URL (not a file name to print back, password and all).
        ['a URL with one slash and a password', [`http:/me:s3cret@127.0.0.1:${closedPort}/cal.ics`], new RegExp(`^kairos: cannot import http://127\\.0\\.0\\.1:${closedPort}/…: 127\\.0\\.0\\.1 refused the connection \\(ECONNREFUSED\\)\\n$`)],
        ['an HTML page', [`${base}/login`], new RegExp(`^kairos: cannot import ${base}/… \\(served as text/html; charset=utf-8\\): not an iCalendar file`)],
        ['an oversized body', [`${base}/huge`], new RegExp(`^kairos: cannot import ${base}/…: the calendar is 40\\.0 MiB, more than the import limit of 32\\.0 MiB\\n$`)],
        ['a redirect loop', [`${base}/loop`], new RegExp(`^kairos: cannot import ${base}/…: too many redirects \\(more than 5\\)\\n$`)],
        ['a cut-short file', [`${base}/cut`], new RegExp(`^kairos: cannot import ${base}/…: the file is cut short`)],
      ];
      const before = await snapshot(db, sub);
      for (const [name, args, message] of cases) {
        const r = await kairosAsync(['import', '--database', db, '--sub', sub, ...args]);
        expect({ name, status: r.status }).toEqual({ name, status: 1 });
        expect(r.stderr, name).toMatch(message);
        expect(r.stdout, name).toBe('');
        expectClean(r);
        // A hang guard: the stall ends at the 0.5 s deadline (plus the process start), not at a socket default.
        if (name === 'a stall') expect(r.endedAt - r.startedAt).toBeLessThan(10_000);
      }
      expect(await snapshot(db, sub)).toEqual(before);
    });
  });

  it('is listed in kairos --help and has its own --help', () => {
    const help = kairos(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\s+import\s+import an \.ics file or URL into a calendar of an account$/m);
    const own = kairos(['import', '--help']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('kairos import --sub SUB [--calendar NAME_OR_ID] [options] FILE_OR_URL');
  });
});

const pgUrl = testPostgresUrl();
if (pgUrl !== null) {
  describe('kairos import (PostgreSQL, fresh schema)', () => {
    const schema = `kairos_import_${process.pid}_${Date.now().toString(36)}`;
    // The CLI takes only a URL: libpq's `options` sets the schema for every connection.
    const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    let dir: string;
    let sub: string;

    const admin = async (sql: string): Promise<void> => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      requireBuild();
      dir = mkdtempSync(join(tmpdir(), 'kairos-import-pg-'));
      mkdirSync(dir, { recursive: true });
      await admin(`create schema "${schema}"`);
      const app = kairos(['app', 'create', '--name', 'Import test', '--json', '--database', url]);
      expect(app.status, app.stderr).toBe(0);
      const clientId = (JSON.parse(app.stdout) as { client_id: string }).client_id;
      const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-1', '--json', '--database', url]);
      expect(acc.status, acc.stderr).toBe(0);
      sub = (JSON.parse(acc.stdout) as { sub: string }).sub;
    });

    afterAll(async () => {
      await admin(`drop schema if exists "${schema}" cascade`);
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports, re-imports idempotently, and rolls back a failed import', async () => {
      const path = join(dir, 'team.ics');
      writeFileSync(path, teamV1());
      const importJson = (...args: string[]): ImportJson => {
        const r = kairos(['import', '--database', url, '--json', '--sub', sub, ...args, path]);
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as ImportJson;
      };
      const first = importJson();
      expect(first).toMatchObject({ calendar_name: 'Team', calendar_created: true, counts: { events: 3, occurrences: 5, overrides: 1 }, stored: { created: 5, updated: 0, unchanged: 0, removed: 0 } });
      const before = uidsByKey(await eventsOf(pgUrl, sub, first.calendar_id, schema));
      expect(importJson().stored).toEqual({ created: 0, updated: 0, unchanged: 5, removed: 0 });
      expect(uidsByKey(await eventsOf(pgUrl, sub, first.calendar_id, schema))).toEqual(before);

      await admin(`create function "${schema}".force_failure() returns trigger language plpgsql as $$ begin
        if new.summary = 'Boom' then raise exception 'forced failure'; end if; return new; end $$`);
      await admin(`create trigger force_failure before insert on "${schema}".imported_contents for each row execute function "${schema}".force_failure()`);
      const unchanged = await snapshot(pgUrl, sub, schema);
      writeFileSync(path, teamV2([ev('boom', 6, 'Boom')]));
      const failed = kairos(['import', '--database', url, '--sub', sub, path]);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toBe(`kairos: the import of ${path} failed and nothing was changed: forced failure\n`);
      expect(await snapshot(pgUrl, sub, schema)).toEqual(unchanged);
      await admin(`drop trigger force_failure on "${schema}".imported_contents`);

      const changed = importJson();
      expect(changed.stored).toEqual({ created: 2, updated: 1, unchanged: 3, removed: 1 });
      const after = uidsByKey(await eventsOf(pgUrl, sub, first.calendar_id, schema));
      expect(Object.keys(after)).not.toContain('review');
      expect(after.lunch).toBe(before.lunch);
    });
  });
}
