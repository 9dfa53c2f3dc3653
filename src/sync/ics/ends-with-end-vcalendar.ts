/**
 * Whether a file ends with its closing `END:VCALENDAR`: the sign that it arrived whole.
 *
 * `parseIcs` imports what it can of a damaged calendar, which is right for a bad component in
 * the middle. A file cut short (an interrupted download, a full disk) is different: importing
 * the part before the cut would make every event after it vanish from the calendar. Callers
 * that replace a calendar's content check this first and refuse a cut file.
 */
import { decodeIcsBytes } from './decode-ics-bytes.js';

const END = 'END:VCALENDAR';
/** Trailing bytes looked at: the closing line plus generous trailing whitespace or padding. */
const TAIL = 4096;

function isPadding(code: number): boolean {
  // Space, TAB, CR, LF, NUL (some producers pad files with NULs).
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0x00;
}

function endsWithEnd(tail: string): boolean {
  let i = tail.length;
  while (i > 0 && isPadding(tail.charCodeAt(i - 1))) i--;
  const last = tail.slice(Math.max(0, i - END.length), i).toUpperCase();
  if (last !== END) return false;
  // The marker must start its own line.
  const before = i - END.length - 1;
  return before < 0 || tail[before] === '\n' || tail[before] === '\r';
}

/**
 * True when the last line that is not blank is `END:VCALENDAR` (any case).
 *
 * @example endsWithEndVcalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n') // true
 * @example endsWithEndVcalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a') // false
 */
export function endsWithEndVcalendar(input: string | Uint8Array): boolean {
  if (typeof input === 'string') return endsWithEnd(input.slice(-TAIL));
  // UTF-16 files (with a BOM) need decoding; every other supported encoding is ASCII here.
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) return endsWithEnd(decodeIcsBytes(input).slice(-TAIL));
  const tail = input.subarray(Math.max(0, input.byteLength - TAIL));
  let s = '';
  for (const b of tail) s += String.fromCharCode(b);
  return endsWithEnd(s);
}
