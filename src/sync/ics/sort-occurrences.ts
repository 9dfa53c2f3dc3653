/**
 * The order imports are stored and returned in: by start, then by sourceKey (string order),
 * occurrences equal in both keeping the order they were found in. Sorted on numbers: a
 * comparison function called a million times, and string comparisons for every pair, cost
 * more than everything else this step does.
 */
import type { ImportedOccurrence } from '../../core/index.js';

/** Tie runs up to this length are put in order by insertion, longer ones by Array#sort. */
const SHORT_RUN = 16;

function byKey(a: ImportedOccurrence, b: ImportedOccurrence): number {
  return a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0;
}

/** Sorts `out[from, to)`, occurrences with the same start, by sourceKey; stable. */
function sortRun(out: ImportedOccurrence[], from: number, to: number): void {
  if (to - from <= SHORT_RUN) {
    for (let i = from + 1; i < to; i++) {
      const o = out[i]!;
      let j = i - 1;
      while (j >= from && out[j]!.sourceKey > o.sourceKey) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = o;
    }
    return;
  }
  const run = out.slice(from, to).sort(byKey);
  for (let i = from; i < to; i++) out[i] = run[i - from]!;
}

/**
 * The occurrences sorted by `startMs`, then `sourceKey`; stable. Returns a new array.
 *
 * Each occurrence becomes one number, `position + n * (its start's place on a scale)`, and
 * these are sorted as a Float64Array, which the engine sorts natively; runs of equal starts are
 * then put in sourceKey order. The scale is seconds from the earliest start when every start is
 * a whole second and the numbers stay exact, else the rank among the distinct starts.
 *
 * @example sortOccurrences([b, a]) // [a, b] when a starts first, or starts with b and has the smaller sourceKey
 */
export function sortOccurrences(occurrences: readonly ImportedOccurrence[]): ImportedOccurrence[] {
  const n = occurrences.length;
  const starts = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  let seconds = true;
  for (let i = 0; i < n; i++) {
    const s = occurrences[i]!.startMs;
    starts[i] = s;
    if (s < min) min = s;
    if (s > max) max = s;
    if (s % 1000 !== 0) seconds = false;
  }
  const packed = new Float64Array(n);
  if (seconds && ((max - min) / 1000 + 1) * n < Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) packed[i] = ((starts[i]! - min) / 1000) * n + i;
  } else if (!rankStarts(starts, packed)) {
    // Out of exact integers (never for a real calendar): the plain comparison sort.
    return occurrences.slice().sort((a, b) => a.startMs - b.startMs || byKey(a, b));
  }
  packed.sort();
  const out = new Array<ImportedOccurrence>(n);
  let runStart = 0;
  let runPlace = -1;
  for (let j = 0; j < n; j++) {
    const p = packed[j]!;
    const place = Math.floor(p / n);
    out[j] = occurrences[p - place * n]!;
    if (place !== runPlace) {
      if (j - runStart > 1) sortRun(out, runStart, j);
      runStart = j;
      runPlace = place;
    }
  }
  if (n - runStart > 1) sortRun(out, runStart, n);
  return out;
}

/**
 * Fills `packed[i]` with `rank(starts[i]) * n + i`, the rank among the distinct starts; false
 * when those numbers would not be exact.
 */
function rankStarts(starts: Float64Array, packed: Float64Array): boolean {
  const n = starts.length;
  const distinct = starts.slice().sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i]!;
  if (m * n >= Number.MAX_SAFE_INTEGER) return false;
  for (let i = 0; i < n; i++) {
    const s = starts[i]!;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    packed[i] = lo * n + i;
  }
  return true;
}
