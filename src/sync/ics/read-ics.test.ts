/**
 * The line reader: content-line grammar quirks real producers write, and structural repair.
 */
import { describe, expect, it } from 'vitest';
import { decodeIcsBytes } from './decode-ics-bytes.js';
import { parseContentLine, parseParams, readIcs } from './read-ics.js';

describe('content lines', () => {
  it.each([
    ['DTSTART:20260105T090000Z', 'DTSTART', {}, '20260105T090000Z'],
    ['DTSTART;TZID=Europe/Berlin:20260105T090000', 'DTSTART', { TZID: 'Europe/Berlin' }, '20260105T090000'],
    ['DTSTART;TZID="Europe/Berlin":20260105T090000', 'DTSTART', { TZID: 'Europe/Berlin' }, '20260105T090000'],
    ['DTSTART;TZID=GMT+05:30:20260904T020000', 'DTSTART', { TZID: 'GMT+05:30' }, '20260904T020000'],
    ['DTSTART;TZID="W. Europe Standard Time:20200609T090000"', 'DTSTART', { TZID: 'W. Europe Standard Time' }, '20200609T090000'],
    ['DTSTART;tzid=America/Los_Angeles;X-ORIG=PST:20261115T123000', 'DTSTART', { TZID: 'America/Los_Angeles', 'X-ORIG': 'PST' }, '20261115T123000'],
    ['ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.com', 'ATTENDEE', { CN: 'Doe, Jane', PARTSTAT: 'ACCEPTED' }, 'mailto:jane@example.com'],
    ['DESCRIPTION:See https://example.com/a?b=c:d', 'DESCRIPTION', {}, 'See https://example.com/a?b=c:d'],
    ['summary:lower case', 'SUMMARY', {}, 'lower case'],
  ])('%s', (line, name, params, value) => {
    expect(parseContentLine(line)).toMatchObject({ name, params, value });
  });

  it('reads parameter lists and odd quoting', () => {
    expect(parseParams('MEMBER="mailto:a@x","mailto:b@x";ROLE=CHAIR')).toEqual({ MEMBER: 'mailto:a@x,mailto:b@x', ROLE: 'CHAIR' });
    expect(parseParams('CN="open quote')).toEqual({ CN: 'open quote' });
    expect(parseParams('X=1;X=2')).toEqual({ X: '1' });
  });

  it('returns null for a line without a value separator', () => {
    expect(parseContentLine('JUSTTEXT')).toBeNull();
  });
});

describe('structure', () => {
  it('closes a VEVENT left open by the next one and reports it', () => {
    const { root, problems } = readIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\nEND:VCALENDAR\n');
    const events = root.children[0]!.children;
    expect(events.map((e) => [e.props[0]!.value, e.closed])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(problems).toEqual([{ line: 2, reason: 'VEVENT has no END line' }]);
  });

  it('keeps the properties it needs only, and counts physical lines', () => {
    const { root, lines } = readIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nX-GOOGLE-CONFERENCE:https://x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:one\r\n  two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    expect(root.children[0]!.children[0]!.props.map((p) => [p.name, p.value])).toEqual([
      ['UID', 'a'],
      ['SUMMARY', 'one two'],
    ]);
    expect(lines).toBe(9);
  });
});

describe('decoding bytes', () => {
  it('reads UTF-8 (BOM dropped), UTF-16 with a BOM, and Windows-1252 when not UTF-8', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('SUMMARY:Grüße')]);
    expect(decodeIcsBytes(utf8)).toBe('SUMMARY:Grüße');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('SUMMARY:é').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeIcsBytes(utf16)).toBe('SUMMARY:é');
    expect(decodeIcsBytes(new Uint8Array([...new TextEncoder().encode('SUMMARY:Caf'), 0xe9, 0x20, 0x80]))).toBe('SUMMARY:Café €');
  });
});
