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
  if (last === END) {
    // The marker must start its own line.
    const before = i - END.length - 1;
    if (before < 0 || tail[before] === '\n' || tail[before] === '\r') return true;
  }
  return endsWithTrailingText(tail);
}

/** A line shaped like an iCalendar content line (`NAME:` or `NAME;`), as a cut second calendar's would be. */
const CONTENT_LINE = /^[A-Za-z0-9-]+[;:]/;
/** The start of `BEGIN` or `END` alone: a second calendar cut inside its first word. */
const KEYWORD_START = /^(B|BE|BEG|BEGI|BEGIN|E|EN|END)$/i;

/**
 * True when the last `END:VCALENDAR` line is followed only by text that is not iCalendar: a
 * server that appends an HTML-formatted PHP notice or an HTML comment to a whole calendar. The
 * calendar itself arrived whole, and the parser ignores what follows it. Anything that could be
 * iCalendar refuses the file, since it may be a second calendar cut short: a line shaped like a
 * content line (`BEGIN:VCALENDAR`, `X-PAD:1`, `Notice: …`) or the start of `BEGIN`/`END`. The
 * closing line must start at the line's first column: an indented one is the folded
 * continuation of a longer line (RFC 5545 §3.1), such as a DESCRIPTION quoting a file's end.
 */
function endsWithTrailingText(tail: string): boolean {
  const lines = tail.split(/\r\n|\n|\r/);
  let end = -1;
  for (let k = lines.length - 1; k >= 0; k--) {
    if (lines[k]!.trimEnd().toUpperCase() === END) {
      end = k;
      break;
    }
  }
  // Line 0 may be the cut-off rest of a longer line, unless the tail is the whole file.
  if (end < 0 || (end === 0 && tail.length >= TAIL)) return false;
  return lines.slice(end + 1).every((l) => {
    const t = l.trim();
    return !CONTENT_LINE.test(t) && !KEYWORD_START.test(t);
  });
}

/**
 * True when the last line that is not blank is `END:VCALENDAR` (any case), or when that line
 * is followed only by text that is not iCalendar (see endsWithTrailingText).
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
