/**
 * SourceKeyText gives the texts icsUtcOf and icsDateOfDay give, and says when keys can repeat.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, icsDateOfDay, icsUtcOf } from './calendar-math.js';
import { SourceKeyText } from './source-key-text.js';

describe('SourceKeyText', () => {
  it('formats instants and days as icsUtcOf and icsDateOfDay do, cached or not', () => {
    const keys = new SourceKeyText();
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 86_399 }), (day, sod) => {
        const ms = day * DAY_MS + sod * 1000;
        expect(keys.utc(ms)).toBe(icsUtcOf(ms));
        expect(keys.utc(ms)).toBe(icsUtcOf(ms));
        expect(keys.date(day)).toBe(icsDateOfDay(day));
        expect(keys.utcKey('u#', ms)).toBe(`u#${icsUtcOf(ms)}`);
        expect(keys.dateKey('u#', day)).toBe(`u#${icsDateOfDay(day)}`);
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(keys.key(keys.prefix('a@x'), keys.utc(Date.UTC(2026, 0, 5, 8)))).toBe('a@x#20260105T080000Z');
    expect(keys.key(keys.busyPrefix('f'), '1/2')).toBe('f#fb#1/2');
    expect(keys.lone('x')).toBe('x');
  });

  it.each([
    ['plain UIDs and whole seconds', (k: SourceKeyText) => [k.lone('a'), k.prefix('b'), k.busyPrefix('c'), k.utc(Date.UTC(2026, 0, 5))], false],
    ['a lone UID holding "#"', (k: SourceKeyText) => [k.lone('a#1')], true],
    ['a series UID holding "#"', (k: SourceKeyText) => [k.prefix('a#1')], true],
    ['a free/busy UID holding "#"', (k: SourceKeyText) => [k.busyPrefix('a#1')], true],
    ['an instant within a second', (k: SourceKeyText) => [k.utc(Date.UTC(2026, 0, 5) + 500)], true],
    ['an instance within a second', (k: SourceKeyText) => [k.utcKey('a#', Date.UTC(2026, 0, 5) + 1)], true],
  ])('says whether keys can repeat: %s', (_n, make, repeat) => {
    const keys = new SourceKeyText();
    make(keys);
    expect(keys.canRepeat).toBe(repeat);
  });
});
