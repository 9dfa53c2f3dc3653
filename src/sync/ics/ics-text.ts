/**
 * TEXT values: RFC 5545 escapes, lists with escaped commas, and the clean-up every stored string
 * gets (control characters such as NUL would be refused by PostgreSQL and mean nothing here).
 */

/**
 * Undoes TEXT escaping: `\n`/`\N` → newline, `\,` `\;` `\\` → the character. A backslash before
 * anything else is kept as written.
 *
 * @example unescapeText('Room 1\\, floor 2\\nBring a laptop') === 'Room 1, floor 2\nBring a laptop'
 */
export function unescapeText(value: string): string {
  if (value.indexOf('\\') < 0) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '\\' || i === value.length - 1) {
      out += c;
      continue;
    }
    const n = value[i + 1]!;
    if (n === 'n' || n === 'N') out += '\n';
    else if (n === ',' || n === ';' || n === '\\' || n === ':' || n === '"') out += n;
    else out += c + n;
    i++;
  }
  return out;
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
  if (v.indexOf('\r') >= 0) v = v.replace(/\r\n?/g, '\n');
  v = v.replace(CONTROL_RE, '');
  if (v.length > maxChars) {
    // Cut on code points so that a surrogate pair is never split.
    v = Array.from(v).slice(0, maxChars).join('');
  }
  return v;
}
