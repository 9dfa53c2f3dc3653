/**
 * TEXT values: cleanText does what its definition says, and readText is cleanText after
 * unescapeText, whatever the value holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, readText, unescapeText } from './ics-text.js';

const piece = fc.constantFrom('a', 'é', '─', '🍕', '\\', '\\n', '\\N', '\\,', '\\;', '\\\\', '\\:', '\\"', '\\x', '\r', '\r\n', '\n', '\t', '\u0000', '\u0085', '\u007f', '\ud83c', '\udf55', ' ', ',');

/** cleanText by its definition: CR LF and CR to LF, then controls and lone surrogates out, then the cut. */
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function cleanByDefinition(v: string, max: number): string {
  const w = v.replace(/\r\n?/g, '\n').replace(CONTROL_RE, '');
  return w.length > max ? Array.from(w).slice(0, max).join('') : w;
}

const text = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));

describe('cleanText', () => {
  it('removes what its definition removes, in short and long values', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), (v, max) => {
        expect(cleanText(v, max)).toBe(cleanByDefinition(v, max));
      }),
      { numRuns: 2000, seed: 43 },
    );
    expect(cleanText('a'.repeat(70) + '\ud83c', 100)).toBe('a'.repeat(70));
  });
});

describe('readText', () => {
  it('equals cleanText(unescapeText(raw))', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), (raw, max) => {
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
