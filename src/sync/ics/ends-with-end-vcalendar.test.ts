import { describe, expect, it } from 'vitest';
import { endsWithEndVcalendar } from './ends-with-end-vcalendar.js';
import { calendar } from './test-helpers.js';

const whole = calendar(['BEGIN:VEVENT', 'UID:a', 'DTSTART:20260105T090000Z', 'END:VEVENT']);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('endsWithEndVcalendar', () => {
  it.each([
    ['a whole file', whole, true],
    ['LF line ends and no final line break', whole.replace(/\r\n/g, '\n').trimEnd(), true],
    ['lower case, trailing blank lines and NUL padding', whole.toLowerCase() + '\r\n\r\n\0\0\0', true],
    ['a file cut inside an event', whole.slice(0, whole.indexOf('END:VEVENT') + 5), false],
    ['a file cut inside the last line', whole.slice(0, whole.length - 5), false],
    ['a marker that does not start its line', whole.replace('\r\nEND:VCALENDAR', 'X-END:VCALENDAR'), false],
    ['an empty file', '', false],
    ['an HTML page', '<html><body>END:VCALENDAR is here</body></html>', false],
    ['a whole file followed by a PHP notice', whole + '<br />\n<b>Notice</b>: Undefined index: x in /var/www/cal.php on line 12<br />\n', true],
    ['a whole file followed by an HTML comment', whole + '<!-- served in 0.031 s -->\r\n', true],
    ['a whole file followed by a line shaped like a property', whole + 'Warning: generated from cache\r\n', false],
    ['a whole file followed by a second calendar cut short', whole + 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b', false],
    ['a whole file followed by a second calendar cut inside BEGIN', whole + 'BEGI', false],
    ['a whole file followed by a second calendar cut after B', whole + 'B', false],
    ['a whole file followed by a stray END line', whole + 'END:VEVENT\r\n', false],
    ['a whole file followed by a stray property', whole + 'X-PAD:1\r\n', false],
    [
      'a file cut after a DESCRIPTION that quotes END:VCALENDAR on a folded line',
      whole.replace('END:VEVENT', 'DESCRIPTION:The footer of the file:\r\n END:VCALENDAR\r\n  and more\r\nLOCATION:Room 1\r\nEND:VEVENT').replace(/LOCATION:Room 1[\s\S]*$/, 'LOCATION:Ro'),
      false,
    ],
  ])('%s', (_name, text, expected) => {
    expect(endsWithEndVcalendar(text)).toBe(expected);
    expect(endsWithEndVcalendar(bytes(text))).toBe(expected);
  });

  it('reads UTF-16 files with a byte order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...whole].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(endsWithEndVcalendar(le)).toBe(true);
    expect(endsWithEndVcalendar(le.subarray(0, le.length - 12))).toBe(false);
  });

  it('looks only at the end of a large file', () => {
    const big = calendar(Array.from({ length: 50_000 }, (_, i) => `X-FILL-${i}:x`));
    expect(endsWithEndVcalendar(bytes(big))).toBe(true);
    expect(endsWithEndVcalendar(bytes(big.slice(0, -20)))).toBe(false);
  });
});
