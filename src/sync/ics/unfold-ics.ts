/**
 * Undoing iCalendar line folding (RFC 5545 §3.1) on a whole text at once, with where each fold
 * was, so that a reader of the unfolded text can still name physical lines.
 *
 * A fold is a line break followed by a space or TAB: `\n` and that character are removed, with
 * one `\r` before the `\n`. Unfolding the whole text once and reading slices of the result costs
 * less than joining each folded line from its pieces: those would be copied into one string per
 * line, in the young generation, and kept, and copied again, as long as their values.
 */

export interface Unfolded {
  /** The text without folds. */
  text: string;
  /**
   * Where a fold was removed, as offsets in `text`, ascending: the character at the offset
   * is the first after the fold. A fold belongs to the line of `text` that holds its offset,
   * or to the one that starts there.
   */
  folds: readonly number[];
}

const NO_FOLDS: readonly number[] = Object.freeze([]);

/**
 * `text` with its folds removed, and where they were.
 *
 * @example unfoldIcs('SUMMARY:Long\r\n  text\r\nUID:a\r\n') // { text: 'SUMMARY:Long text\r\nUID:a\r\n', folds: [12] }
 */
export function unfoldIcs(text: string): Unfolded {
  // The pieces between folds, joined once: join makes one flat string, where a replacement
  // leaves a tree of parts that the first search then copies into one.
  const pieces: string[] = [];
  const folds: number[] = [];
  let from = 0;
  let length = 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) {
    const c = text.charCodeAt(p + 1);
    if (c !== 32 && c !== 9) continue;
    // One CR before the break goes with it. It cannot belong to the fold before: that one
    // ended with a space or TAB.
    const cut = p > from && text.charCodeAt(p - 1) === 13 ? p - 1 : p;
    pieces.push(text.slice(from, cut));
    length += cut - from;
    folds.push(length);
    from = p + 2;
  }
  if (pieces.length === 0) return { text, folds: NO_FOLDS };
  pieces.push(text.slice(from));
  return { text: pieces.join(''), folds };
}
