import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsRange,
  fromPairs,
  intersectIntervals,
  minutesToRanges,
  overlapsRange,
  rangesToMinutes,
  subtractIntervals,
  unionIntervals,
  widenIntervals,
} from './intervals.js';

describe('fromPairs / mergeRanges', () => {
  it.each([
    { pairs: [], out: [] },
    { pairs: [5, 5], out: [] },
    { pairs: [7, 3], out: [] },
    { pairs: [0, 10], out: [0, 10] },
    { pairs: [10, 20, 0, 10], out: [0, 20] },
    { pairs: [0, 10, 11, 20], out: [0, 10, 11, 20] },
    { pairs: [0, 10, 2, 3, 5, 12], out: [0, 12] },
    { pairs: [30, 40, 0, 5, 4, 8, 35, 50], out: [0, 8, 30, 50] },
    { pairs: [0, 5, 0, 5, 0, 5], out: [0, 5] },
    { pairs: [-20, -10, -10, 0], out: [-20, 0] },
  ])('$pairs → $out', ({ pairs, out }) => {
    expect(fromPairs(pairs)).toEqual(out);
  });
});

describe('set operations', () => {
  it.each([
    { a: [0, 10, 20, 30], b: [5, 25], and: [5, 10, 20, 25], or: [0, 30], minus: [0, 5, 25, 30] },
    { a: [0, 10], b: [10, 20], and: [], or: [0, 20], minus: [0, 10] },
    { a: [0, 10], b: [], and: [], or: [0, 10], minus: [0, 10] },
    { a: [], b: [0, 10], and: [], or: [0, 10], minus: [] },
    { a: [0, 10], b: [2, 3, 8, 12], and: [2, 3, 8, 10], or: [0, 12], minus: [0, 2, 3, 8] },
    { a: [0, 10, 20, 30], b: [0, 30], and: [0, 10, 20, 30], or: [0, 30], minus: [] },
    { a: [0, 100], b: [10, 20, 30, 40, 50, 60], and: [10, 20, 30, 40, 50, 60], or: [0, 100], minus: [0, 10, 20, 30, 40, 50, 60, 100] },
    { a: [5, 15, 25, 35], b: [0, 5, 15, 25, 35, 40], and: [], or: [0, 40], minus: [5, 15, 25, 35] },
  ])('a=$a b=$b', ({ a, b, and, or, minus }) => {
    expect(intersectIntervals(a, b)).toEqual(and);
    expect(intersectIntervals(b, a)).toEqual(and);
    expect(unionIntervals(a, b)).toEqual(or);
    expect(unionIntervals(b, a)).toEqual(or);
    expect(subtractIntervals(a, b)).toEqual(minus);
  });

  it('intersects with an unbounded range', () => {
    expect(intersectIntervals([0, 10, 20, 30], [5, Infinity])).toEqual([5, 10, 20, 30]);
  });
});

describe('widenIntervals', () => {
  it.each([
    { list: [10, 20], left: 5, right: 0, out: [5, 20] },
    { list: [10, 20], left: 0, right: 5, out: [10, 25] },
    { list: [10, 20, 25, 30], left: 5, right: 0, out: [5, 30] },
    { list: [10, 20, 30, 40], left: 2, right: 3, out: [8, 23, 28, 43] },
    { list: [10, 20, 30, 40], left: 5, right: 5, out: [5, 45] },
  ])('$list by $left/$right', ({ list, left, right, out }) => {
    expect(widenIntervals(list, left, right)).toEqual(out);
  });
});

describe('containsRange / overlapsRange', () => {
  const list = [0, 10, 20, 30];
  it.each([
    { s: 0, e: 10, contains: true, overlaps: true },
    { s: 22, e: 30, contains: true, overlaps: true },
    { s: 5, e: 25, contains: false, overlaps: true },
    { s: 10, e: 20, contains: false, overlaps: false },
    { s: -5, e: 0, contains: false, overlaps: false },
    { s: 29, e: 31, contains: false, overlaps: true },
    { s: 30, e: 40, contains: false, overlaps: false },
  ])('[$s, $e)', ({ s, e, contains, overlaps }) => {
    expect(containsRange(list, s, e)).toBe(contains);
    expect(overlapsRange(list, s, e)).toBe(overlaps);
  });
});

describe('millisecond conversion', () => {
  it('rounds available time inwards and blocked time outwards', () => {
    const r = [{ start: 90_000, end: 200_000 }];
    expect(rangesToMinutes(r, true)).toEqual([2, 3]);
    expect(rangesToMinutes(r, false)).toEqual([1, 4]);
    expect(rangesToMinutes([{ start: 61_000, end: 119_000 }], true)).toEqual([]);
    expect(minutesToRanges([1, 2])).toEqual([{ start: 60_000, end: 120_000 }]);
  });
});

/** Bitmap model over [0, 64): each operation must agree with plain set logic. */
const SIZE = 64;
const listArb = fc.array(fc.tuple(fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: SIZE })), { maxLength: 8 }).map((ts) => fromPairs(ts.flat()));

function bits(list: readonly number[]): boolean[] {
  const out = new Array<boolean>(SIZE).fill(false);
  for (let i = 0; i < list.length; i += 2) for (let x = list[i]!; x < list[i + 1]!; x++) out[x] = true;
  return out;
}

function wellFormed(list: readonly number[]): boolean {
  for (let i = 0; i < list.length; i += 2) {
    if (!(list[i]! < list[i + 1]!)) return false;
    if (i > 0 && !(list[i - 1]! < list[i]!)) return false;
  }
  return true;
}

describe('interval operations agree with a bitmap model', () => {
  it('merge, intersect, union, subtract', () => {
    fc.assert(
      fc.property(listArb, listArb, (a, b) => {
        const ba = bits(a);
        const bb = bits(b);
        const and = intersectIntervals(a, b);
        const or = unionIntervals(a, b);
        const minus = subtractIntervals(a, b);
        for (const l of [a, b, and, or, minus]) expect(wellFormed(l)).toBe(true);
        expect(bits(and)).toEqual(ba.map((x, i) => x && bb[i]!));
        expect(bits(or)).toEqual(ba.map((x, i) => x || bb[i]!));
        expect(bits(minus)).toEqual(ba.map((x, i) => x && !bb[i]!));
      }),
    );
  });

  it('containsRange matches the bitmap', () => {
    fc.assert(
      fc.property(listArb, fc.integer({ min: 0, max: SIZE - 1 }), fc.integer({ min: 1, max: 10 }), (a, s, len) => {
        const e = Math.min(SIZE, s + len);
        const b = bits(a);
        expect(containsRange(a, s, e)).toBe(b.slice(s, e).every(Boolean));
        expect(overlapsRange(a, s, e)).toBe(b.slice(s, e).some(Boolean));
      }),
    );
  });
});
