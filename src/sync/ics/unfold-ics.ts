/**
 * Undoing iCalendar line folding (RFC 5545 §3.1) on a whole text at once, with where each fold
 * was, so that a reader of the unfolded text can still name physical lines.
 *
 * A fold is a line break followed by a space or TAB: `\n` and that character are removed, with
 * one `\r` before the `\n`. Unfolding the text in one native replacement and reading slices of
 * the result costs far less than joining each folded line from its pieces: the pieces would be
 * copied into one string for every line, and kept as long as its values.
 */

export interface Unfolded {
  /** The text without folds. */
  text: string;
  /**
   * Where a fold was removed, as offsets in `text`, ascending: the character at the offset
   * is the first after the fold. A fold belongs to the line of `text` that holds its offset,
   * or to the one that starts there.
   */
  folds: number[];
}

const NO_FOLDS: readonly number[] = Object.freeze([]);

/** Offsets in `src` of every `\n` followed by `c` (a space or TAB), ascending. */
function breaksBefore(src: string, pair: string): number[] {
  const at: number[] = [];
  for (let p = src.indexOf(pair); p >= 0; p = src.indexOf(pair, p + 2)) at.push(p);
  return at;
}

/**
 * `text` with its folds removed, and where they were.
 *
 * @example unfoldIcs('SUMMARY:Long\r\n  text\r\nUID:a\r\n') // { text: 'SUMMARY:Long text\r\nUID:a\r\n', folds: [12] }
 */
export function unfoldIcs(text: string): Unfolded {
  const spaces = breaksBefore(text, '\n ');
  const tabs = breaksBefore(text, '\n\t');
  if (spaces.length === 0 && tabs.length === 0) return { text, folds: NO_FOLDS as number[] };
  // Both lists are ascending; merged, each break moves later offsets back by what it removes.
  const folds: number[] = new Array<number>(spaces.length + tabs.length);
  let removed = 0;
  let i = 0;
  let j = 0;
  for (let f = 0; f < folds.length; f++) {
    const p = j >= tabs.length || (i < spaces.length && spaces[i]! < tabs[j]!) ? spaces[i++]! : tabs[j++]!;
    const cr = p > 0 && text.charCodeAt(p - 1) === 13 ? 1 : 0;
    folds[f] = p - cr - removed;
    removed += 2 + cr;
  }
  return { text: text.replace(/\r?\n[ \t]/g, ''), folds };
}
