/**
 * TEXT values: RFC 5545 escapes, lists with escaped commas, and the clean-up every stored string
 * gets (control characters such as NUL would be refused by PostgreSQL and mean nothing here).
 */
import { flatString } from './flat-string.js';

/**
 * Undoes TEXT escaping: `\n`/`\N` → newline, `\,` `\;` `\\` → the character. A backslash before
 * anything else is kept as written.
 *
 * @example unescapeText('Room 1\\, floor 2\\nBring a laptop') === 'Room 1, floor 2\nBring a laptop'
 */
export function unescapeText(value: string): string {
  let j = value.indexOf('\\');
  if (j < 0) return value;
  // Whole runs between escapes are copied at once, not character by character.
  const last = value.length - 1;
  let out = '';
  let from = 0;
  while (j >= 0 && j < last) {
    out += value.slice(from, j);
    const n = value.charCodeAt(j + 1);
    if (n === 110 || n === 78) out += '\n';
    else if (n === 44 || n === 59 || n === 92 || n === 58 || n === 34) out += value[j + 1]!;
    else out += value.slice(j, j + 2);
    from = j + 2;
    j = value.indexOf('\\', from);
  }
  return out + value.slice(from);
}

/**
 * Splits a TEXT list at unescaped `sep` and unescapes each item.
 *
 * @example splitTextList('Work,Travel\\, abroad', ',') // ['Work', 'Travel, abroad']
 */
export function splitTextList(value: string, sep: string): string[] {
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === sep) {
      items.push(unescapeText(value.slice(start, i)));
      start = i + 1;
    }
  }
  items.push(unescapeText(value.slice(start)));
  return items;
}

// C0 controls except TAB and LF, DEL, C1 controls, and lone surrogates.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Removes control characters (keeping TAB and LF; CR LF and lone CR become LF) and lone
 * surrogates, and cuts the result to `maxChars` code points.
 *
 * @example cleanText('a\u0000b\r\nc', 10) === 'ab\nc'
 */
export function cleanText(value: string, maxChars: number): string {
  let v = value;
  if (!isClean(v)) {
    if (v.indexOf('\r') >= 0) v = v.replace(/\r\n?/g, '\n');
    v = v.replace(CONTROL_RE, '');
  }
  if (v.length > maxChars) {
    // Cut on code points so that a surrogate pair is never split.
    v = Array.from(v).slice(0, maxChars).join('');
  }
  return v;
}

/**
 * A TEXT value as stored: `cleanText(unescapeText(raw), maxChars)`. Unescaping cannot create
 * anything cleanText removes (it writes LF and printable characters, and never parts a
 * surrogate pair), so the check runs on the raw value, a flat slice of the line, rather than
 * on the unescaped one, which is made of pieces and would first be copied into one string.
 *
 * @example readText('Room 1\\, floor 2\u0000', 100) === 'Room 1, floor 2'
 */
export function readText(raw: string, maxChars: number): string {
  if (!isClean(raw)) return cleanText(unescapeText(raw), maxChars);
  // Unescaping leaves the value in pieces; see flat-string.ts for why it is joined now.
  const v = flatString(unescapeText(raw));
  // Cut on code points so that a surrogate pair is never split.
  return v.length > maxChars ? Array.from(v).slice(0, maxChars).join('') : v;
}

/** What cleanText may remove or change: CR and other controls, DEL, C1, and surrogates. */
const SUSPECT_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]/;

/**
 * True when `v` holds nothing cleanText removes or changes (CR, controls, lone surrogates):
 * one pass over the characters, far cheaper than the replacements it spares, since almost
 * every value is clean.
 */
function isClean(v: string): boolean {
  const n = v.length;
  // A long value is first searched natively for anything that might need cleaning; only one
  // with a surrogate (most often a well-formed pair, such as an emoji) is checked by hand.
  if (n > 64 && !SUSPECT_RE.test(v)) return true;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 9 && c !== 10) return false;
    } else if (c >= 0x7f && c <= 0x9f) return false;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is a pair; anything else is a lone surrogate.
      if (c >= 0xdc00 || i + 1 >= n) return false;
      const d = v.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
    }
  }
  return true;
}
