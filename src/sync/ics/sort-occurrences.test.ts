/**
 * sortOccurrences and uniqueOccurrences against the plain definitions: a stable sort by start,
 * then sourceKey, and the first of each sourceKey kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { sortOccurrences } from './sort-occurrences.js';
import { uniqueOccurrences } from './unique-occurrences.js';

const content = {} as ImportedContent;

function occurrence(sourceKey: string, startMs: number, tag: number): ImportedOccurrence {
  // endMs carries a tag, so that the order of equal occurrences can be told apart.
  return { sourceKey, content, allDay: false, startMs, endMs: tag };
}

function reference(os: readonly ImportedOccurrence[]): ImportedOccurrence[] {
  return os.slice().sort((a, b) => a.startMs - b.startMs || (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
}

const key = fc.constantFrom('a', 'b', 'a#1', 'B', 'é', 'ab', 'a\u0000', '');
const T0 = Date.UTC(2026, 0, 1);

describe('sortOccurrences', () => {
  it.each([
    ['whole seconds', fc.integer({ min: 0, max: 50 }).map((s) => T0 + s * 60_000)],
    ['milliseconds', fc.integer({ min: -20, max: 20 }).map((s) => T0 + s * 333)],
    ['instants far apart', fc.constantFrom(-8.64e15, -1, 0, 1, 8.64e15, T0)],
  ])('sorts stably by start, then sourceKey (%s)', (_n, start) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, start), { maxLength: 60 }), (items) => {
        const os = items.map(([k, s], i) => occurrence(k, s, i));
        expect(sortOccurrences(os)).toEqual(reference(os));
      }),
      { numRuns: 300, seed: 20260105 },
    );
  });

  it('puts long runs of one start in sourceKey order, equal keys in the order given', () => {
    const os = Array.from({ length: 40 }, (_, i) => occurrence(`k${(i * 7) % 10}`, T0, i));
    const sorted = sortOccurrences(os);
    expect(sorted).toEqual(reference(os));
    expect(sorted.slice(0, 4).map((o) => o.endMs)).toEqual([0, 10, 20, 30]);
  });
});

describe('uniqueOccurrences', () => {
  it('keeps the first of each sourceKey and reports the others, in order', () => {
    const os = reference([occurrence('a', T0, 0), occurrence('b', T0, 1), occurrence('a', T0 + 1000, 2), occurrence('a', T0, 3)]);
    const dropped: number[] = [];
    expect(uniqueOccurrences(os, true, (o) => dropped.push(o.endMs)).map((o) => o.endMs)).toEqual([0, 1]);
    expect(dropped).toEqual([3, 2]);
  });

  it('finds the repeats side by side when keys can only repeat with their start and end', () => {
    const hour = 3_600_000;
    const a: ImportedOccurrence = { sourceKey: 'f#fb#1', content, allDay: false, startMs: T0, endMs: T0 + hour };
    const b: ImportedOccurrence = { ...a, sourceKey: 'g' };
    const again: ImportedOccurrence = { ...a };
    const d: ImportedOccurrence = { ...a, sourceKey: 'f#fb#2', startMs: T0 + 1000, endMs: T0 + 1000 + hour };
    const all = [a, b, again, d];
    const dropped: ImportedOccurrence[] = [];
    const kept = uniqueOccurrences(reference(all), false, (o) => dropped.push(o));
    expect(kept.map((o) => all.indexOf(o))).toEqual([0, 1, 3]);
    expect(dropped.map((o) => all.indexOf(o))).toEqual([2]);
  });
});
