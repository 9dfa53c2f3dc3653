/**
 * Bytes of an .ics file to text. Producers fold at 75 octets and may cut a multi-byte UTF-8
 * character in two across a fold: decoding as it is would turn both halves into U+FFFD. The
 * bytes of such a character are put together before the fold (which leaves the unfolded text
 * the same), and the folds stay, so that the reader counts lines as they are in the file.
 */

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const TAB = 0x09;

/** How many continuation bytes the UTF-8 character that ends just before `end` lacks (0 when it is whole, or not UTF-8). */
function lacking(buf: Uint8Array, end: number): number {
  let j = end - 1;
  let continuation = 0;
  while (j >= 0 && continuation < 3 && (buf[j]! & 0xc0) === 0x80) {
    j--;
    continuation++;
  }
  if (j < 0) return 0;
  const lead = buf[j]!;
  const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
  return need > continuation ? need - continuation : 0;
}

/**
 * The bytes with every character that a fold cuts in two made whole before the fold: the
 * continuation bytes after the fold's space or TAB move in front of its line break. A copy
 * is made only when there is something to move.
 */
function mendSplitCharacters(bytes: Uint8Array): Uint8Array {
  let out: Uint8Array | null = null;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b !== CR && b !== LF) continue;
    const next = b === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
    const c = bytes[next];
    if (c !== SP && c !== TAB) continue;
    const missing = lacking(out ?? bytes, i);
    const after = next + 1;
    let k = 0;
    while (k < missing && after + k < n && (bytes[after + k]! & 0xc0) === 0x80) k++;
    if (k === 0) {
      i = next;
      continue;
    }
    out ??= bytes.slice();
    // [break, fold character, continuation bytes] becomes [continuation bytes, break, fold character].
    const moved = out.slice(after, after + k);
    out.copyWithin(i + k, i, after);
    out.set(moved, i);
    i = after + k - 1;
  }
  return out ?? bytes;
}

/**
 * Decodes an .ics file: mends characters cut by a fold, then reads UTF-8 (a BOM is dropped).
 * Text that is not valid UTF-8 is read as Windows-1252, which old Outlook exports use. Folds
 * stay in the text (readIcs undoes them, counting lines).
 *
 * @example decodeIcsBytes(bytes of 'SUMMARY:Caf', 0xC3, CR LF SP, 0xA9) // 'SUMMARY:Café\r\n '
 */
export function decodeIcsBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let body = mendSplitCharacters(bytes);
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

/** Windows-1252 characters of bytes 0x80–0x9F (0 where the code page leaves a byte unassigned). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Node's TextDecoder reads the label `windows-1252` as ISO-8859-1, so the code page is done here. */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, i + CHUNK);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
