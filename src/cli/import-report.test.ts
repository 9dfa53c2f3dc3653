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

  it('notes, on the same line and in --json, when no event of the file falls inside the import window', () => {
    const r = outcome({ counts: { events: 159, components: 159, overrides: 0, occurrences: 0, freeBusyPeriods: 0 }, stored: { created: 0, updated: 0, unchanged: 0, removed: 0 } });
    const note = 'note: none of the 159 events falls inside the import window (2025-01-01 to 2028-01-02): pass --from and --to to import another window';
    expect(importSummary(r)).toBe(
      `Imported into "Team" (cal_teamcalendar000000001, new): 159 events, 0 occurrences, 0 overrides; 0 created, 0 updated, 0 unchanged, 0 removed; 0 skipped; ${note}`,
    );
    expect(importJson(r, 'x.ics').notes).toEqual([note.replace('note: ', '')]);
    // An empty file, or one with something in the window, has no note.
    expect(importSummary(outcome({ counts: { events: 0, components: 0, overrides: 0, occurrences: 0, freeBusyPeriods: 0 } }))).not.toContain('note:');
    expect(importJson(outcome(), 'x.ics').notes).toEqual([]);
    expect(importSummary(outcome({ counts: { events: 1, components: 1, overrides: 0, occurrences: 0, freeBusyPeriods: 3 } }))).not.toContain('note:');
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
