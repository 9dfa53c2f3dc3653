import { describe, expect, it } from 'vitest';
import type { ImportIcsOutcome } from '../services/index.js';
import { countReasons, importJson, importSummary } from './import-report.js';

const NOW = Date.UTC(2026, 0, 1);

function outcome(over: Partial<ImportIcsOutcome> = {}): ImportIcsOutcome {
  return {
    calendarName: 'Team',
    counts: { events: 3, components: 4, overrides: 1, occurrences: 5, freeBusyPeriods: 0 },
    stored: { created: 5, updated: 0, unchanged: 0, removed: 0 },
    skipped: [],
    warnings: [],
    calendar: { calendarId: 'cal_teamcalendar000000001', profileId: 'pro_importprofile00000001', sub: 'apc_0123456789abcdef01234567', name: 'Team', readonly: true, deleted: false, primary: false, color: null, createdAt: NOW },
    profile: {
      profileId: 'pro_importprofile00000001',
      sub: 'apc_0123456789abcdef01234567',
      providerName: 'ics',
      providerService: 'ics_import',
      profileName: 'Imported calendars',
      connected: true,
      initialSyncRequired: false,
      revoked: false,
      source: { type: 'local' },
      createdAt: NOW,
    },
    created: true,
    horizon: { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2028, 0, 2) },
    horizonGiven: false,
    tookOverFrom: null,
    extent: { freeBusyBlocks: 0, span: { fromMs: Date.UTC(2026, 0, 5, 9), toMs: Date.UTC(2026, 0, 20, 10) } },
    ...over,
  };
}

const skipped = [
  { uid: 'a', line: 10, reason: 'VEVENT has no DTSTART' },
  { uid: 'b', line: 20, reason: 'duplicate UID; the VEVENT with the higher SEQUENCE was kept' },
  { uid: 'c', line: 30, reason: 'VEVENT has no DTSTART' },
];

describe('importSummary', () => {
  it('names the calendar, the counts and what the store did', () => {
    expect(importSummary(outcome())).toBe(
      'Imported into "Team" (cal_teamcalendar000000001, new): 3 events, 5 occurrences, 1 override; 5 created, 0 updated, 0 unchanged, 0 removed; 0 skipped',
    );
  });

  it('says when the calendar was taken over from another source that had left it empty', () => {
    const r = outcome({ created: false, tookOverFrom: '/exports/home/Kalender.ics' });
    expect(importSummary(r)).toMatch(/^Imported into "Team" \(cal_teamcalendar000000001, taken over from \/exports\/home\/Kalender\.ics, which had left it empty\): /);
    expect(importJson(r, 'x.ics')).toMatchObject({ calendar_created: false, taken_over_from: '/exports/home/Kalender.ics' });
    expect(importSummary(outcome({ created: false }))).toMatch(/^Imported into "Team" \(cal_teamcalendar000000001\): /);
  });

  it('counts skipped items by reason, most frequent first, and mentions warnings and free/busy blocks', () => {
    const r = outcome({
      created: false,
      counts: { events: 1, components: 1, overrides: 0, occurrences: 30, freeBusyPeriods: 29 },
      stored: { created: 1, updated: 2, unchanged: 26, removed: 4 },
      skipped,
      warnings: [{ reason: 'x' }],
    });
    expect(importSummary(r)).toBe(
      'Imported into "Team" (cal_teamcalendar000000001): 1 event, 30 occurrences, 0 overrides, 29 free/busy blocks; 1 created, 2 updated, 26 unchanged, 4 removed; ' +
        '3 skipped (2 × "VEVENT has no DTSTART", 1 × "duplicate UID; the VEVENT with the higher SEQUENCE was kept"); 1 warning (see --json)',
    );
  });

  it('notes, on the same line and in --json, when no event of the file falls inside the import window, and where they lie', () => {
    const nothing = { events: 0, components: 0, overrides: 0, occurrences: 0, freeBusyPeriods: 0 };
    const old = { fromMs: Date.UTC(2014, 0, 6, 9), toMs: Date.UTC(2016, 11, 19, 10) };
    const r = outcome({ counts: { ...nothing, events: 159, components: 159 }, stored: { created: 0, updated: 0, unchanged: 0, removed: 0 }, extent: { freeBusyBlocks: 0, span: old } });
    const note = 'note: none of the file\'s 159 events falls inside the import window (2025-01-01 to 2028-01-02); they lie between 2014-01-06 and 2016-12-19: pass --from and --to to import another window';
    expect(importSummary(r)).toBe(
      `Imported into "Team" (cal_teamcalendar000000001, new): 159 events, 0 occurrences, 0 overrides; 0 created, 0 updated, 0 unchanged, 0 removed; 0 skipped; ${note}`,
    );
    expect(importJson(r, 'x.ics').notes).toEqual([note.replace('note: ', '')]);
    // An empty file, or one with something in the window, has no note.
    expect(importSummary(outcome({ counts: nothing, extent: { freeBusyBlocks: 0, span: null } }))).not.toContain('note:');
    expect(importJson(outcome(), 'x.ics').notes).toEqual([]);
    expect(importSummary(outcome({ counts: { ...nothing, events: 1, components: 1, occurrences: 3, freeBusyPeriods: 3 }, extent: { freeBusyBlocks: 3, span: old } }))).not.toContain('note:');
  });

  it.each<[string, Partial<ImportIcsOutcome>, string]>([
    [
      'one event, on one day',
      { counts: { events: 1, components: 1, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, extent: { freeBusyBlocks: 0, span: { fromMs: Date.UTC(2014, 3, 16, 9), toMs: Date.UTC(2014, 3, 16, 10) } } },
      "note: the file's one event falls outside the import window (2025-01-01 to 2028-01-02); it falls on 2014-04-16: pass --from and --to to import another window",
    ],
    [
      'only free/busy blocks (a VFREEBUSY publish)',
      { counts: { events: 0, components: 0, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, extent: { freeBusyBlocks: 29, span: { fromMs: Date.UTC(2014, 3, 16, 15, 15), toMs: Date.UTC(2014, 4, 5, 21, 30) } } },
      "note: none of the file's 29 free/busy blocks falls inside the import window (2025-01-01 to 2028-01-02); they lie between 2014-04-16 and 2014-05-05: pass --from and --to to import another window",
    ],
    [
      'a window asked for, and a series without an end',
      {
        horizonGiven: true,
        horizon: { fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2020, 1, 1) },
        counts: { events: 3, components: 3, overrides: 0, occurrences: 0, freeBusyPeriods: 0 },
        extent: { freeBusyBlocks: 1, span: { fromMs: Date.UTC(2030, 0, 7, 9), toMs: null } },
      },
      "note: none of the file's 3 events and 1 free/busy block falls inside the window asked for (2020-01-01 to 2020-02-01); the earliest starts on 2030-01-07",
    ],
    [
      'a window asked for, one block',
      { horizonGiven: true, counts: { events: 0, components: 0, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, extent: { freeBusyBlocks: 1, span: { fromMs: Date.UTC(2014, 3, 16, 23), toMs: Date.UTC(2014, 3, 17, 1) } } },
      "note: the file's one free/busy block falls outside the window asked for (2025-01-01 to 2028-01-02); it lies between 2014-04-16 and 2014-04-17",
    ],
    [
      'all-day events, whose end is the next midnight',
      { counts: { events: 2, components: 2, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, extent: { freeBusyBlocks: 0, span: { fromMs: Date.UTC(2014, 3, 16), toMs: Date.UTC(2014, 3, 17) } } },
      "note: none of the file's 2 events falls inside the import window (2025-01-01 to 2028-01-02); they all fall on 2014-04-16: pass --from and --to to import another window",
    ],
    [
      'one series without an end',
      { counts: { events: 1, components: 1, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, extent: { freeBusyBlocks: 0, span: { fromMs: Date.UTC(2030, 0, 7, 9), toMs: null } } },
      "note: the file's one event falls outside the import window (2025-01-01 to 2028-01-02); it starts on 2030-01-07: pass --from and --to to import another window",
    ],
  ])('notes %s', (_name, over, note) => {
    const r = outcome({ stored: { created: 0, updated: 0, unchanged: 0, removed: 0 }, ...over });
    const line = importSummary(r);
    expect(line.slice(line.indexOf('; note: '))).toBe(`; ${note}`);
    expect(importJson(r, 'x.ics').notes).toEqual([note.replace('note: ', '')]);
  });

  it('names at most five reasons and stays one line', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ reason: `reason ${i}\nwith a break` }));
    const line = importSummary(outcome({ skipped: many }));
    expect(line).toContain('8 skipped (1 × "reason 0\\nwith a break"');
    expect(line).toContain('3 more reasons (see --json)');
    expect(line).not.toContain('\n');
  });
});

describe('importJson', () => {
  it('lists every skipped item and the counts per reason', () => {
    const j = importJson(outcome({ skipped }), 'team.ics');
    expect(j).toEqual({
      sub: 'apc_0123456789abcdef01234567',
      calendar_id: 'cal_teamcalendar000000001',
      calendar_name: 'Team',
      calendar_created: true,
      taken_over_from: null,
      profile_id: 'pro_importprofile00000001',
      source: 'team.ics',
      horizon: { from: '2025-01-01T00:00:00Z', to: '2028-01-02T00:00:00Z' },
      counts: { events: 3, components: 4, overrides: 1, occurrences: 5, free_busy_periods: 0 },
      stored: { created: 5, updated: 0, unchanged: 0, removed: 0 },
      skipped,
      skipped_reasons: { 'VEVENT has no DTSTART': 2, 'duplicate UID; the VEVENT with the higher SEQUENCE was kept': 1 },
      warnings: [],
      notes: [],
    });
    expect(countReasons([])).toEqual([]);
  });
});
