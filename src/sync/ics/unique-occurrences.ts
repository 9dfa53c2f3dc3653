/**
 * One occurrence per identity: the store keys imported occurrences on `sourceKey`, so of two
 * with the same key the first in sort order is kept and the other reported.
 */
import type { ImportedOccurrence } from '../../core/index.js';

/**
 * The occurrences of `sorted` (by start, then sourceKey) whose sourceKey has not appeared
 * before; `onRepeat` is told of each one dropped, in order.
 *
 * When `canRepeat` is false the caller knows that equal keys can only belong to occurrences
 * with the same start and end (see SourceKeyText.canRepeat), which the sort puts side by side:
 * then each is compared with the one before, and no key is hashed. Otherwise every key goes
 * through a Set.
 *
 * @example uniqueOccurrences(sorted, true, (o) => skip(o.sourceKey)) // sorted without the later of two 'a@x' occurrences
 */
export function uniqueOccurrences(sorted: readonly ImportedOccurrence[], canRepeat: boolean, onRepeat: (o: ImportedOccurrence) => void): ImportedOccurrence[] {
  const unique: ImportedOccurrence[] = [];
  if (!canRepeat) {
    let prev: ImportedOccurrence | null = null;
    for (const o of sorted) {
      if (prev !== null && prev.startMs === o.startMs && prev.endMs === o.endMs && prev.sourceKey === o.sourceKey) onRepeat(o);
      else unique.push(o);
      prev = o;
    }
    return unique;
  }
  const seen = new Set<string>();
  for (const o of sorted) {
    if (seen.has(o.sourceKey)) {
      onRepeat(o);
      continue;
    }
    seen.add(o.sourceKey);
    unique.push(o);
  }
  return unique;
}
