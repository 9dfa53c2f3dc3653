/**
 * Absurd lengths in one VEVENT. The importer promises that a damaged calendar never throws (its
 * bad components are skipped or repaired), and every occurrence it returns is stored and later
 * written out as a protocol Time, whose years are 1900–2199: an occurrence beyond is skipped
 * and reported.
 */
import { describe, expect, it } from 'vitest';
import { expandIcs } from './expand-ics.js';

const horizon = { fromMs: Date.UTC(2025, 11, 4), toMs: Date.UTC(2028, 11, 4) };

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:ok', 'DTSTART:20261210T100000Z', 'DTEND:20261210T110000Z', 'SUMMARY:fine', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:absurd', ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

const cases: [string, string[]][] = [
  ['DURATION of 99,999,999 weeks on a lone UTC event', ['DTSTART:20261210T100000Z', 'DURATION:P99999999W']],
  ['DURATION of 99,999,999 days on a lone zoned event', ['DTSTART;TZID=Europe/Berlin:20261210T100000', 'DURATION:P99999999D']],
  ['DURATION of 99,999,999 weeks on a daily series', ['DTSTART:20261210T100000Z', 'RRULE:FREQ=DAILY;COUNT=3', 'DURATION:P99999999W']],
  ['an RDATE period of 99,999,999 weeks', ['DTSTART:20261210T100000Z', 'DURATION:PT1H', 'RDATE;VALUE=PERIOD:20261211T100000Z/P99999999W']],
  ['DURATION of 99,999,999,999,999 seconds', ['DTSTART:20261210T100000Z', 'DURATION:PT99999999999999S']],
];

describe('an event with an absurd length', () => {
  for (const [name, lines] of cases) {
    it(`${name}: the import does not fail, and the absurd occurrence is skipped with its reason`, () => {
      const r = expandIcs(calendar(...lines), { defaultTzid: 'Europe/Berlin', horizon });
      expect(r.occurrences.some((o) => o.sourceKey === 'ok')).toBe(true);
      // Every occurrence kept ends before 2200, as a protocol Time must.
      for (const o of r.occurrences) expect(o.endMs, o.sourceKey).toBeLessThan(Date.UTC(2200, 0, 1));
      expect(r.skipped).toContainEqual(expect.objectContaining({ uid: 'x', reason: expect.stringMatching(/outside the years 1900–2199/) }));
      // Where the file's content lies stays printable.
      expect(() => new Date(r.extent.span!.toMs ?? 0).toISOString()).not.toThrow();
    });
  }
});
