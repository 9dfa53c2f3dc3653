/**
 * The iCalendar corpus: 24 real exports (Google, Exchange/O365, iCloud, Zimbra, Nextcloud,
 * Thunderbird, DAVx5) must import without error, with the numbers below for the window
 * 2000-01-01 – 2030-01-01 (floating times read in UTC).
 *
 * The numbers were cross-checked with ical.js's own recurrence iterator (icaljs-expand.ts),
 * occurrence by occurrence. Where the two disagree, the table names the occurrences and says
 * who is right and why; the test fails if the disagreement changes in any way.
 *
 * Fixtures: ../shared/fixtures/ics beside the checkout, or the folder in KAIROS_FIXTURES_DIR.
 * Run: npx vitest run --config vitest.corpus.config.ts
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeIcsBytes, parseIcs, type IcsParseResult } from '../../src/sync/ics/index.js';
import { kairos, requireBuild } from '../helpers/cli.js';
import { countWithIcalJs } from './icaljs-expand.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = process.env.KAIROS_FIXTURES_DIR ?? resolve(repoRoot, '../shared/fixtures/ics');
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2030, 0, 1);

/** What every way of importing a file must report. */
interface CorpusCounts {
  /** VEVENT components */
  components: number;
  /** series and lone events (VEVENTs grouped by UID) */
  events: number;
  /** VEVENTs with RECURRENCE-ID */
  overrides: number;
  /** occurrences in the window, free/busy blocks included */
  occurrences: number;
  freeBusyPeriods: number;
  /** components or values not imported */
  skipped: number;
}

/** The ways a file gets imported. Each must give the table's numbers. */
interface CorpusImporter {
  name: string;
  run(path: string): Promise<CorpusCounts>;
}

function engine(path: string): IcsParseResult {
  return parseIcs(new Uint8Array(readFileSync(path)), { defaultTzid: 'Etc/UTC', horizon: { fromMs: FROM, toMs: TO } });
}

/** A fresh SQLite database with an application calendar in UTC, made once for the CLI runs. */
let cliTarget: { dir: string; db: string; sub: string } | null = null;

function cliDatabase(): { db: string; sub: string } {
  if (cliTarget !== null) return cliTarget;
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'kairos-corpus-'));
  const db = join(dir, 'corpus.db');
  const app = kairos(['app', 'create', '--name', 'Corpus', '--json', '--database', db]);
  expect(app.status, app.stderr).toBe(0);
  const clientId = (JSON.parse(app.stdout) as { client_id: string }).client_id;
  // Floating times are read in the account's zone: UTC, as for parseIcs above.
  const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'corpus', '--tzid', 'Etc/UTC', '--json', '--database', db]);
  expect(acc.status, acc.stderr).toBe(0);
  cliTarget = { dir, db, sub: (JSON.parse(acc.stdout) as { sub: string }).sub };
  return cliTarget;
}

afterAll(() => {
  if (cliTarget !== null) rmSync(cliTarget.dir, { recursive: true, force: true });
});

const importers: CorpusImporter[] = [
  {
    name: 'parseIcs',
    run: async (path) => {
      const r = engine(path);
      return { ...r.counts, skipped: r.skipped.length };
    },
  },
  {
    // The built CLI, each file into a calendar of its own, over the same window.
    name: 'kairos import',
    run: async (path) => {
      const { db, sub } = cliDatabase();
      const r = kairos(['import', '--database', db, '--sub', sub, '--calendar', basename(path), '--from', '2000-01-01', '--to', '2030-01-01', '--json', path]);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as {
        counts: { components: number; events: number; overrides: number; occurrences: number; free_busy_periods: number };
        stored: { created: number; updated: number; unchanged: number; removed: number };
        skipped: unknown[];
      };
      // A new calendar: every occurrence was stored.
      expect(j.stored).toEqual({ created: j.counts.occurrences, updated: 0, unchanged: 0, removed: 0 });
      const { free_busy_periods: freeBusyPeriods, ...counts } = j.counts;
      return { ...counts, freeBusyPeriods, skipped: j.skipped.length };
    },
  },
];

/** A known difference from ical.js: the occurrences only one side has, and why. */
interface Disagreement {
  why: string;
  onlyKairos: string[];
  onlyIcalJs: string[];
  /** Compare dates only (when ical.js cannot place the times at all). */
  datesOnly?: boolean;
}

interface Expectation extends CorpusCounts {
  file: string;
  /** Text changes needed before ical.js can read the file at all. */
  repairForIcalJs?: (text: string) => string;
  icaljs?: Disagreement;
}

const ALL_DAY_DATETIME_RID =
  'Exchange names occurrences of all-day series by a DATE-TIME RECURRENCE-ID with a TZID (local midnight). ' +
  'Kairos matches it to the instance of that date and shows the moved occurrence; ical.js matches nothing, ' +
  'so it keeps the original date and drops the move. Kairos is right: the producer moved these occurrences.';

const table: Expectation[] = [
  { file: 'apple-macos-partstat-status.ics', components: 4, events: 4, overrides: 0, occurrences: 4, freeBusyPeriods: 0, skipped: 0 },
  { file: 'davx5-android-exdate-list.ics', components: 1, events: 1, overrides: 0, occurrences: 7, freeBusyPeriods: 0, skipped: 0 },
  {
    file: 'exchange-2010-windows-timezones.ics',
    components: 4,
    events: 4,
    overrides: 0,
    occurrences: 372,
    freeBusyPeriods: 0,
    skipped: 0,
    // ical.js throws on `DTSTART;TZID="W. Europe Standard Time:20200609T090000"` (the quote swallows
    // the value); Kairos repairs it. ical.js gets the repaired line so that the rest can be compared.
    repairForIcalJs: (t) => t.replace('TZID="W. Europe Standard Time:20200609T090000"', 'TZID=W. Europe Standard Time:20200609T090000'),
  },
  {
    file: 'exchange-allday-biweekly-moved-occurrences.ics',
    components: 5,
    events: 2,
    overrides: 3,
    occurrences: 24,
    freeBusyPeriods: 0,
    skipped: 0,
    icaljs: { why: ALL_DAY_DATETIME_RID, onlyKairos: ['2020-04-17', '2020-05-29', '2020-09-04'], onlyIcalJs: ['2020-04-16', '2020-05-28', '2020-09-03'] },
  },
  {
    file: 'exchange-allday-moved-occurrence.ics',
    components: 2,
    events: 1,
    overrides: 1,
    occurrences: 51,
    freeBusyPeriods: 0,
    skipped: 0,
    icaljs: { why: ALL_DAY_DATETIME_RID, onlyKairos: ['2026-02-27'], onlyIcalJs: ['2026-02-26'] },
  },
  {
    file: 'exchange-o365-freebusy-overrides.ics',
    components: 202,
    events: 136,
    overrides: 66,
    occurrences: 644,
    freeBusyPeriods: 0,
    skipped: 0,
    icaljs: {
      why:
        ALL_DAY_DATETIME_RID +
        ' And the all-day "Away" series ends with UNTIL=20221102T230000Z, the local midnight of 2022-11-03 in the ' +
        "file's zone (W. Europe): Kairos reads an instant UNTIL on a date series in the calendar's zone and keeps " +
        'that last Thursday; ical.js compares with UTC midnight and drops it. (Both agree on the occurrence whose ' +
        'RECURRENCE-ID is the local midnight of a 08:00 instance: Kairos matches it to that instance.)',
      onlyKairos: ['2020-12-16', '2022-11-03'],
      onlyIcalJs: ['2020-12-17'],
    },
  },
  {
    file: 'exchange-owa-display-name-tzids.ics',
    components: 4,
    events: 4,
    overrides: 0,
    occurrences: 90,
    freeBusyPeriods: 0,
    skipped: 0,
    icaljs: {
      why:
        'The TZIDs are Outlook display names without VTIMEZONE; ical.js reads them as floating (UTC here), so every ' +
        'time differs and only dates are compared. Kairos maps them to Australia/Sydney and America/New_York. ' +
        'One date differs: the weekly TH,FR series starts on Monday 2020-11-02. RFC 5545 (COUNT, §3.3.10) says ' +
        'DTSTART always counts as the first instance; Kairos follows that, ical.js drops an unsynchronised DTSTART.',
      datesOnly: true,
      onlyKairos: ['2020-11-02'],
      onlyIcalJs: [],
    },
  },
  {
    file: 'exchange-swedish-freebusy-nul-padded-tzid.ics',
    components: 228,
    events: 228,
    overrides: 0,
    occurrences: 245,
    freeBusyPeriods: 0,
    skipped: 0,
    icaljs: {
      why:
        'These are single-instance all-day series (Exchange "Ledig"/"Upptagen" days) whose UNTIL is the UTC form ' +
        "of the day's local midnight in Stockholm, e.g. DTSTART;VALUE=DATE:20191110 with UNTIL=20191109T230000Z. " +
        'Kairos keeps DTSTART (always the first instance, and equal to UNTIL in the file\'s zone); ical.js compares ' +
        'with UTC midnight, finds UNTIL before DTSTART and returns no occurrence at all.',
      onlyKairos: [
        '2019-11-10', '2019-11-15', '2019-12-13', '2019-12-20', '2019-12-27', '2020-01-06', '2020-01-19', '2020-01-21',
        '2020-02-25', '2020-03-25', '2020-04-29', '2020-04-29', '2020-05-08', '2020-06-16', '2020-06-17', '2020-06-27',
      ],
      onlyIcalJs: [],
    },
  },
  { file: 'google-contacts-birthdays.ics', components: 4, events: 2, overrides: 3, occurrences: 6, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-deprecated-europe-kiev-tzid.ics', components: 2, events: 1, overrides: 1, occurrences: 4, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-large-export-modifications.ics', components: 677, events: 496, overrides: 186, occurrences: 2377, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-moved-allday-and-timed-occurrences.ics', components: 4, events: 2, overrides: 2, occurrences: 6, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-public-calendar-makerspace.ics', components: 64, events: 58, overrides: 6, occurrences: 3704, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-recurrence-order.ics', components: 2, events: 1, overrides: 1, occurrences: 3, freeBusyPeriods: 0, skipped: 0 },
  { file: 'google-school-dst-exdates.ics', components: 13, events: 13, overrides: 0, occurrences: 6706, freeBusyPeriods: 0, skipped: 0 },
  { file: 'icloud-structured-location-exdates.ics', components: 4, events: 4, overrides: 0, occurrences: 38, freeBusyPeriods: 0, skipped: 0 },
  { file: 'nextcloud-sabredav-edited-occurrence.ics', components: 2, events: 1, overrides: 1, occurrences: 3, freeBusyPeriods: 0, skipped: 0 },
  { file: 'nextcloud-sabredav-tzid-on-date-holidays.ics', components: 1, events: 1, overrides: 0, occurrences: 1, freeBusyPeriods: 0, skipped: 0 },
  { file: 'nextcloud-sabredav-utc-exdates.ics', components: 1, events: 1, overrides: 0, occurrences: 6, freeBusyPeriods: 0, skipped: 0 },
  { file: 'outlook-12-holiday-feed-germany.ics', components: 159, events: 159, overrides: 0, occurrences: 159, freeBusyPeriods: 0, skipped: 0 },
  { file: 'thunderbird-moved-occurrences.ics', components: 5, events: 2, overrides: 3, occurrences: 7, freeBusyPeriods: 0, skipped: 0 },
  { file: 'thunderbird-multiday-exdates-allday-override.ics', components: 7, events: 4, overrides: 3, occurrences: 7, freeBusyPeriods: 0, skipped: 0 },
  { file: 'zimbra-recurrence-overrides-rdate.ics', components: 3, events: 1, overrides: 2, occurrences: 209, freeBusyPeriods: 0, skipped: 0 },
  // VFREEBUSY only: the 29 busy periods become busy blocks (ical.js counted them from the same component).
  { file: 'zimbra-vfreebusy.ics', components: 0, events: 0, overrides: 0, occurrences: 29, freeBusyPeriods: 29, skipped: 0 },
];

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function multisetDiff(a: string[], b: string[]): [string[], string[]] {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  for (const x of b) count.set(x, (count.get(x) ?? 0) - 1);
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  for (const [k, n] of [...count].sort(([x], [y]) => (x < y ? -1 : 1))) {
    for (let i = 0; i < n; i++) onlyA.push(k);
    for (let i = 0; i < -n; i++) onlyB.push(k);
  }
  return [onlyA, onlyB];
}

describe('ICS corpus', () => {
  it('has the 24 fixtures of the table', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.ics')).sort();
    expect(files).toEqual(table.map((t) => t.file).sort());
  });

  describe.each(importers)('$name', (importer) => {
    it.each(table)('$file', async (t) => {
      const got = await importer.run(join(FIXTURES, t.file));
      const { file: _f, repairForIcalJs: _r, icaljs: _i, ...expected } = t;
      expect(got).toEqual(expected);
    });
  });

  describe('cross-check with ical.js', () => {
    it.each(table)('$file', (t) => {
      const path = join(FIXTURES, t.file);
      const r = engine(path);
      const text = decodeIcsBytes(new Uint8Array(readFileSync(path)));
      const other = countWithIcalJs(t.repairForIcalJs ? t.repairForIcalJs(text) : text, FROM, TO);
      const datesOnly = t.icaljs?.datesOnly === true;
      const ours = r.occurrences
        .filter((e) => !e.sourceKey.includes('#fb#'))
        .map((e) => (e.start.kind === 'date' ? e.start.date : datesOnly ? iso(e.start.ms).slice(0, 10) : iso(e.start.ms)));
      const theirs = other.starts.map((s) => (datesOnly ? s.slice(0, 10) : s));
      const [onlyKairos, onlyIcalJs] = multisetDiff(ours, theirs);
      expect({ events: other.events, freeBusyPeriods: other.freeBusyPeriods }).toEqual({ events: t.events, freeBusyPeriods: t.freeBusyPeriods });
      expect({ onlyKairos, onlyIcalJs }, t.icaljs?.why).toEqual({ onlyKairos: t.icaljs?.onlyKairos ?? [], onlyIcalJs: t.icaljs?.onlyIcalJs ?? [] });
    });
  });

  // Exchange writes TRANSP:OPAQUE and STATUS:CONFIRMED beside a FREE or TENTATIVE busy status; its
  // busy status decides (src/sync/ics/README.md). Each occurrence both sides find must block time
  // as the properties of its component (read by ical.js) say.
  describe('free/busy meaning of the Exchange exports', () => {
    const meaning = (busyStatus: string | null, transp: string | null, status: string | null): string => {
      if (status === 'CANCELLED') return 'cancelled';
      if (busyStatus === 'FREE' || busyStatus === 'WORKINGELSEWHERE') return 'free';
      if (busyStatus === 'TENTATIVE') return 'tentative';
      if (busyStatus === 'BUSY' || busyStatus === 'OOF') return status === 'TENTATIVE' ? 'tentative' : 'busy';
      if (transp === 'TRANSPARENT') return 'free';
      return status === 'TENTATIVE' ? 'tentative' : 'busy';
    };
    it.each([
      ['exchange-o365-freebusy-overrides.ics', { free: 10, tentative: 20 }],
      ['exchange-swedish-freebusy-nul-padded-tzid.ics', { free: 34, tentative: 4 }],
    ])('%s', (file, expected) => {
      const path = join(FIXTURES, file);
      const ours = engine(path).occurrences.map((e) => {
        const start = e.start.kind === 'date' ? e.start.date : iso(e.start.ms);
        const m = e.status === 'cancelled' ? 'cancelled' : e.transparency === 'transparent' ? 'free' : e.status === 'tentative' ? 'tentative' : 'busy';
        return `${start} ${m}`;
      });
      const theirs = countWithIcalJs(decodeIcsBytes(new Uint8Array(readFileSync(path))), FROM, TO).marks.map(
        (k) => `${k.start} ${meaning(k.busyStatus, k.transp, k.status)}`,
      );
      // Leave out the days where the occurrences themselves differ (the table's disagreements).
      const t = table.find((x) => x.file === file)!;
      const apart = new Set([...(t.icaljs?.onlyKairos ?? []), ...(t.icaljs?.onlyIcalJs ?? [])]);
      const agreed = (xs: string[]) => xs.filter((x) => !apart.has(x.slice(0, 10))).sort();
      expect(agreed(ours)).toEqual(agreed(theirs));
      const count = (m: string) => ours.filter((x) => x.endsWith(` ${m}`)).length;
      expect({ free: count('free'), tentative: count('tentative') }).toEqual(expected);
    });
  });
});
