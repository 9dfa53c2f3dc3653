import { describe, expect, it } from 'vitest';
import { expandIcs } from './expand-ics.js';
import { outsideWindowNote } from './outside-window-note.js';
import { between, calendar } from './test-helpers.js';

const WORDING = { window: 'the import window', hint: 'pass --from and --to' };

function note(lines: string[], maxWork?: number): { note: string | null; skipped: string[]; occurrences: number } {
  const horizon = between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
  const r = expandIcs(calendar(lines), { defaultTzid: 'Etc/UTC', horizon, ...(maxWork === undefined ? {} : { maxWork }) });
  return { note: outsideWindowNote({ ...r, horizon }, WORDING), skipped: r.skipped.map((s) => s.reason), occurrences: r.occurrences.length };
}

describe('outsideWindowNote', () => {
  const old = ['BEGIN:VEVENT', 'UID:old', 'DTSTART:20190303T090000Z', 'DURATION:PT1H', 'END:VEVENT'];
  // Counted from 1900, every minute: the budget runs out long before 2026.
  const counted = ['BEGIN:VEVENT', 'UID:counted', 'DTSTART:19000101T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY;COUNT=100000000', 'END:VEVENT'];

  it('says where the events lie when none falls inside the window', () => {
    expect(note(old).note).toBe("the file's one event falls outside the import window (2026-01-01 to 2027-01-01); it falls on 2019-03-03: pass --from and --to");
  });

  it('says nothing of the window when the work budget ran out instead, which skipped reports', () => {
    const r = note(counted, 10_000);
    expect(r.skipped.some((s) => s.includes('work budget'))).toBe(true);
    expect(r.occurrences).toBe(0);
    expect(r.note).toBeNull();
    // With the budget to spare, the same series reaches the window.
    expect(note(['BEGIN:VEVENT', 'UID:c', 'DTSTART:20251231T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY;COUNT=10000', 'END:VEVENT']).note).toBeNull();
  });
});
