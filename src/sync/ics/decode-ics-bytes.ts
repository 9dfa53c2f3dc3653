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
    try {
      return new TextDecoder('windows-1252').decode(body);
    } catch {
      return new TextDecoder('utf-8').decode(body);
    }
  }
}
