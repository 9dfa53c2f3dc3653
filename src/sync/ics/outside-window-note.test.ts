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

  it('gives the end of a series that ends by COUNT before the window, and only the start of one that has no end', () => {
    // Sundays from 2019-03-03, 8 of them: the last on 2019-04-21.
    const counted8 = ['BEGIN:VEVENT', 'UID:w', 'DTSTART;TZID=Europe/Berlin:20190303T100000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=8', 'END:VEVENT'];
    expect(note(counted8).note).toBe("the file's one event falls outside the import window (2026-01-01 to 2027-01-01); it lies between 2019-03-03 and 2019-04-21: pass --from and --to");
    const allDay = ['BEGIN:VEVENT', 'UID:d', 'DTSTART;VALUE=DATE:20190301', 'RRULE:FREQ=MONTHLY;COUNT=3', 'END:VEVENT'];
    expect(note(allDay).note).toBe("the file's one event falls outside the import window (2026-01-01 to 2027-01-01); it lies between 2019-03-01 and 2019-05-01: pass --from and --to");
    // Starting after the window, with or without COUNT: where it starts is all that matters.
    const later = ['BEGIN:VEVENT', 'UID:l', 'DTSTART:20280105T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3', 'END:VEVENT'];
    expect(note(later).note).toBe("the file's one event falls outside the import window (2026-01-01 to 2027-01-01); it starts on 2028-01-05: pass --from and --to");
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
