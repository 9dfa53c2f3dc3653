import { describe, expect, it } from 'vitest';
import { MAX_UID_CHARS, boundedUid } from './bounded-uid.js';
import { expandIcs } from './expand-ics.js';

describe('boundedUid', () => {
  it('keeps a UID of up to 1,000 characters as it is, cleaned and trimmed', () => {
    expect(boundedUid('  abc@example.com ')).toBe('abc@example.com');
    expect(boundedUid('a\u0000b')).toBe('ab');
    const exact = 'u'.repeat(MAX_UID_CHARS);
    expect(boundedUid(exact)).toBe(exact);
  });

  it('cuts a longer one to 1,000 characters ending in ~ and a hash of the whole', () => {
    const long = 'x'.repeat(5000);
    const b = boundedUid(long);
    expect(b).toHaveLength(MAX_UID_CHARS);
    expect(b).toMatch(/^x+~[0-9a-f]{16}$/);
    expect(boundedUid(long)).toBe(b);
  });

  it('keeps two long UIDs that differ only far in apart', () => {
    const a = 'y'.repeat(3000) + 'a';
    const b = 'y'.repeat(3000) + 'b';
    expect(boundedUid(a)).not.toBe(boundedUid(b));
  });

  it('never ends its head on half a surrogate pair', () => {
    const b = boundedUid('😀'.repeat(800));
    expect(b.length).toBeLessThanOrEqual(MAX_UID_CHARS);
    const head = b.slice(0, b.indexOf('~'));
    expect(Array.from(head).every((c) => c === '😀')).toBe(true);
  });

  it('makes two events of two VEVENTs whose long UIDs share their first 1,000 characters', () => {
    const shared = 'z'.repeat(1200);
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', `UID:${shared}-one`, 'DTSTART:20260601T090000Z', 'DTEND:20260601T100000Z', 'SUMMARY:One', 'END:VEVENT',
      'BEGIN:VEVENT', `UID:${shared}-two`, 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', 'SUMMARY:Two', 'END:VEVENT',
      'END:VCALENDAR', ''].join('\r\n');
    const r = expandIcs(text, { defaultTzid: 'Etc/UTC', horizon: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) } });
    expect(r.occurrences.map((o) => o.content.summary)).toEqual(['One', 'Two']);
    expect(r.skipped).toEqual([]);
  });
});
