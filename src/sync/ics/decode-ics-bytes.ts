/**
 * Bytes of an .ics file to text. Folding is undone on the bytes, before decoding, because
 * producers fold at 75 octets and may cut a multi-byte UTF-8 character in two: decoding first
 * would turn both halves into U+FFFD.
 */

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const TAB = 0x09;

/** Removes every line break that is followed by a space or TAB, together with that character. */
function unfoldBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === CR || b === LF) {
      const next = b === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      const c = bytes[next];
      if (c === SP || c === TAB) {
        i = next;
        continue;
      }
    }
    out[o++] = b;
  }
  return out.subarray(0, o);
}

/**
 * Decodes an .ics file: unfolds it, then reads UTF-8 (a BOM is dropped). Text that is not valid
 * UTF-8 is read as Windows-1252, which old Outlook exports use.
 *
 * @example decodeIcsBytes(new TextEncoder().encode('SUMMARY:Caf\xc3\r\n \xa9')) // 'SUMMARY:Café'
 */
export function decodeIcsBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let body = unfoldBytes(bytes);
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
