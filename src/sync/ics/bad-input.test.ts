/**
 * Input that is not a calendar, or a calendar built to hurt: a clear error or a bounded result,
 * never a hang or a crash. Time limits here are generous hang guards, not benchmarks.
 */
import { describe, expect, it } from 'vitest';
import { IcsError } from './ics-error.js';
import { parseIcs } from './parse-ics.js';
import { calendar, ics, parse, span, between } from './test-helpers.js';

const opts = { defaultTzid: 'Etc/UTC', horizon: between('2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z') };
const ev = (uid: string, ...lines: string[]): string[] => ['BEGIN:VEVENT', `UID:${uid}`, ...lines, 'END:VEVENT'];

/** Deterministic pseudo-random bytes (xorshift), so that the test never varies. */
function noise(n: number, seed = 42): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe('not iCalendar', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Sign in</body></html>'],
    ['JSON', '{"events": []}'],
    ['an empty file', ''],
    ['only whitespace', ' \r\n\t\r\n'],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person One\r\nEND:VCARD\r\n'],
    ['a file starting with a VEVENT', 'BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T000000Z\r\nEND:VEVENT\r\n'],
  ])('rejects %s with not_ics', (_n, text) => {
    expect(() => parseIcs(text, opts)).toThrow(IcsError);
    try {
      parseIcs(text, opts);
    } catch (e) {
      expect((e as IcsError).code).toBe('not_ics');
      expect((e as IcsError).message).toMatch(/^not an iCalendar file: expected BEGIN:VCALENDAR/);
    }
  });

  it('quotes the first line of what it found: up to 40 characters, any script, invisible ones as ?', () => {
    const found = (text: string) => {
      try {
        parseIcs(text, opts);
      } catch (e) {
        return (e as IcsError).message.replace('not an iCalendar file: expected BEGIN:VCALENDAR, found ', '');
      }
      throw new Error('parsed');
    };
    expect(found('# Real-world iCalendar (ICS) fixtures\n\nThese files…')).toBe('"# Real-world iCalendar (ICS) fixtures"');
    expect(found('Kalender für Grüße 📅\r\nBEGIN:VCALENDAR')).toBe('"Kalender für Grüße 📅"');
    expect(found('a\tb\u0000c\u200bd')).toBe('"a?b?c?d"');
    expect(found('x'.repeat(100))).toBe(`"${'x'.repeat(40)}"`);
  });

  it('rejects a binary blob, as bytes and as text', () => {
    const blob = noise(100_000);
    expect(() => parseIcs(blob, opts)).toThrow(/not an iCalendar file/);
    expect(() => parseIcs(new TextDecoder('latin1').decode(blob), opts)).toThrow(/not an iCalendar file/);
    // A gzip header is binary too.
    expect(() => parseIcs(new Uint8Array([0x1f, 0x8b, 8, 0, ...noise(64)]), opts)).toThrow(IcsError);
  });

  it('rejects a 50 MB file quickly with too_large', () => {
    const big = 'BEGIN:VCALENDAR\r\n' + 'X-FILL:'.padEnd(74, 'x').concat('\r\n').repeat(Math.ceil(50e6 / 76));
    const { ms } = timed(() => expect(() => parseIcs(big, opts)).toThrow(expect.objectContaining({ code: 'too_large' })));
    expect(ms).toBeLessThan(1000);
    const bytes = new Uint8Array(50e6);
    expect(() => parseIcs(bytes, opts)).toThrow(expect.objectContaining({ code: 'too_large' }));
  });

  it('accepts the same size when the limit allows it, and stays bounded', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => ev(`e${i}`, `DTSTART:20260${(i % 9) + 1}01T090000Z`, 'DURATION:PT1H', 'SUMMARY:x')).flat();
    const r = parseIcs(calendar(lines), { ...opts, maxInputChars: 1_000_000 });
    expect(r.occurrences.length).toBe(2000);
  });
});

describe('damaged calendars', () => {
  const good = ev('good', 'DTSTART:20260105T090000Z', 'DURATION:PT1H', 'SUMMARY:Good');

  it('imports what comes before a truncation and reports the cut event', () => {
    const full = calendar([...good, ...ev('cut', 'DTSTART:20260106T090000Z', 'DURATION:PT1H', 'SUMMARY:Cut')]);
    const truncated = full.slice(0, full.indexOf('SUMMARY:Cut') + 8);
    const r = parseIcs(truncated, opts);
    expect(r.occurrences.map((e) => e.summary)).toEqual(['Good']);
    expect(r.skipped).toEqual([{ uid: 'cut', line: 10, reason: 'VEVENT has no END:VEVENT (file truncated?)' }]);
    expect(r.warnings.map((w) => w.reason)).toContain('VCALENDAR has no END line (file truncated?)');
  });

  it('imports the valid events and reports each bad one with its reason', () => {
    const text = calendar([
      ...ev('no-start', 'SUMMARY:No start'),
      ...good,
      ...ev('bad-start', 'DTSTART:2026-01-05 09:00', 'SUMMARY:Bad start'),
      ...ev('bad-rule', 'DTSTART:20260107T090000Z', 'RRULE:FREQ=DAILY;BYHOUR=25', 'SUMMARY:Bad rule'),
      'this line is not a content line',
      'BEGIN:VEVENT',
      'UID:unclosed',
      'DTSTART:20260108T090000Z',
      ...ev('after', 'DTSTART:20260109T090000Z', 'SUMMARY:After'),
      'END:VTODO',
    ]);
    const r = parseIcs(text, opts);
    expect(r.occurrences.map((e) => e.summary)).toEqual(['Good', 'Bad rule', 'After']);
    expect(r.skipped.map((s) => [s.uid, s.reason])).toEqual([
      ['no-start', 'no DTSTART'],
      ['bad-start', 'DTSTART "2026-01-05 09:00" is not a date or date-time'],
      ['unclosed', 'VEVENT has no END:VEVENT (file truncated?)'],
    ]);
    expect(r.warnings.map((w) => w.reason)).toEqual([
      'not a content line (no ":")',
      'VEVENT has no END line',
      'END:VTODO without a matching BEGIN; ignored',
      'RRULE ignored: BYHOUR: 25 is out of range',
    ]);
  });

  it('survives deep nesting, stray ENDs and binary noise inside a calendar', () => {
    const noiseText = new TextDecoder('latin1').decode(noise(20_000, 7));
    const nested = Array.from({ length: 5000 }, () => 'BEGIN:X-NEST').join('\r\n');
    const text = ics(['BEGIN:VCALENDAR', ...good, noiseText, nested, 'END:VEVENT', 'END:VEVENT', ...good, 'END:VCALENDAR']);
    const { value, ms } = timed(() => parseIcs(text, opts));
    expect(ms).toBeLessThan(3000);
    expect(value.occurrences.map((e) => e.summary)).toEqual(['Good']);
  });
});

describe('hostile recurrence', () => {
  it('bounds an endless FREQ=SECONDLY and finishes fast', () => {
    const text = calendar(ev('s', 'DTSTART:20000101T000000Z', 'RRULE:FREQ=SECONDLY'));
    const { value, ms } = timed(() => parseIcs(text, opts));
    expect(ms).toBeLessThan(2000);
    expect(value.occurrences.length).toBe(5000);
    expect(span(value.occurrences[0]!)[0]).toBe('2026-01-01T00:00:00Z');
    expect(value.skipped.map((s) => s.reason)).toEqual(['more than 5000 occurrences in the horizon; the later ones were not imported']);
  });

  it('bounds a million-instance series', () => {
    const text = calendar(ev('m', 'DTSTART:20260101T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY;COUNT=1000000'));
    const { value, ms } = timed(() => parseIcs(text, opts));
    expect(ms).toBeLessThan(2000);
    expect(value.occurrences.length).toBe(5000);
  });

  it('gives up on a huge COUNT far before the horizon within the work budget', () => {
    const text = calendar([...ev('c', 'DTSTART:19900101T000000Z', 'RRULE:FREQ=SECONDLY;COUNT=2000000000'), ...ev('after', 'DTSTART:20260105T090000Z')]);
    const { value, ms } = timed(() => parseIcs(text, { ...opts, maxWork: 2_000_000 }));
    expect(ms).toBeLessThan(3000);
    expect(value.occurrences.map((e) => e.sourceKey)).toEqual(['after']);
    expect(value.warnings.map((w) => w.reason)).toContain('recurrence rule too expensive to expand completely; later occurrences may be missing');
    expect(value.skipped.map((s) => s.reason)).toEqual(['the import ran out of its recurrence work budget here; later series were not expanded']);
  });

  it.each([
    ['filters that never match', 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'],
    ['a rare second in every day', 'FREQ=SECONDLY;BYHOUR=12;BYMINUTE=30;BYSECOND=15'],
    ['BYSETPOS over a huge period', 'FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,10,20,30,40,50;BYSECOND=0,10,20,30,40,50;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-1'],
    ['MINUTELY every day of a leap day only', 'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9;BYMINUTE=0'],
  ])('stays bounded for %s', (_n, rule) => {
    const text = calendar(ev('h', 'DTSTART:19700101T000000Z', `RRULE:${rule}`));
    const { value, ms } = timed(() => parseIcs(text, opts));
    expect(ms).toBeLessThan(3000);
    expect(value.occurrences.length).toBeLessThanOrEqual(5000);
  });

  it('keeps a file of many expensive series within the import budget', () => {
    const lines = Array.from({ length: 200 }, (_, i) => ev(`s${i}`, 'DTSTART:19700101T000000Z', 'RRULE:FREQ=SECONDLY;BYSECOND=7;BYMINUTE=3')).flat();
    const { value, ms } = timed(() => parseIcs(calendar(lines), { ...opts, maxOccurrences: 100, maxTotalOccurrences: 5000 }));
    expect(ms).toBeLessThan(5000);
    expect(value.occurrences.length).toBeLessThanOrEqual(5000);
  });

  it('caps absurd EXDATE lists', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `2026010${(i % 9) + 1}T0${i % 10}0000Z`).join(',');
    const r = parse(calendar(ev('x', 'DTSTART:20260101T000000Z', 'RRULE:FREQ=DAILY;COUNT=20', `EXDATE:${many}`)));
    expect(r.warnings.map((w) => w.reason)).toContain('more than 10000 RDATE/EXDATE values; the rest ignored');
    expect(r.occurrences.length).toBe(11);
  });
});
