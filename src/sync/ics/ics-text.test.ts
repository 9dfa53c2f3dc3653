/**
 * TEXT values: readText is cleanText after unescapeText, whatever the value holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, readText, unescapeText } from './ics-text.js';

const piece = fc.constantFrom('a', 'é', '─', '🍕', '\\', '\\n', '\\N', '\\,', '\\;', '\\\\', '\\:', '\\"', '\\x', '\r', '\r\n', '\n', '\t', '\u0000', '\u0085', '\u007f', '\ud83c', '\udf55', ' ', ',');

describe('readText', () => {
  it('equals cleanText(unescapeText(raw))', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }).map((p) => p.join('')), fc.integer({ min: 1, max: 120 }), (raw, max) => {
        expect(readText(raw, max)).toBe(cleanText(unescapeText(raw), max));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('unescapes runs between escapes as written', () => {
    expect(unescapeText('Room 1\\, floor 2\\nBring a laptop\\')).toBe('Room 1, floor 2\nBring a laptop\\');
    expect(unescapeText('a\\xb\\\\n')).toBe('a\\xb\\n');
  });
});
