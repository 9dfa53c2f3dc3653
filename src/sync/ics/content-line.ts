/**
 * One unfolded content line (`NAME;PARAM=…:value`) split into its name, parameters and value,
 * with the repairs real producers need. Written as index scans over the line, without splitting
 * it into arrays: a large export has hundreds of thousands of these lines.
 */

import { knownName } from './name-table.js';
import { KNOWN_PARAMS, readParams, type IcsParams } from './content-params.js';

export { parseParams, type IcsParams } from './content-params.js';

/** Properties whose value is a date, date-time or period list: they never contain a `:`. */
const TIME_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'FREEBUSY', 'UNTIL']);

const SEMICOLON = 59;
const COLON = 58;
const QUOTE = 34;
const EQUALS = 61;
const COMMA = 44;

const NO_PARAMS: IcsParams = Object.freeze({});

/** One property of a content line: what the reader keeps. */
export interface IcsProperty {
  /** Upper-case name. */
  readonly name: string;
  /** Upper-case parameter names; values unquoted, multiple values joined by `,`. */
  readonly params: IcsParams;
  readonly value: string;
}

/** A content line split into its parts. */
export interface ContentLine extends IcsProperty {
  /** True when malformed parameters were repaired (see readProperty). */
  repaired: boolean;
}

/** Told by readProperty whether the line it read had malformed parameters repaired. */
export interface RepairFlag {
  repaired: boolean;
}

/**
 * Index of the first `;` or `:` in `s[from, to)` (the end of the property name), or -1.
 *
 * @example nameEnd('DTSTART;TZID=X:1', 0, 16) === 7
 */
export function nameEnd(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === SEMICOLON || c === COLON) return i;
  }
  return -1;
}

/**
 * Splits one unfolded content line. Returns null when the line has no value separator.
 * For date-valued properties the value starts after the last `:` outside quotes, which
 * repairs `TZID=GMT+05:30:2026…` and `TZID="Zone:2026…"` (a quote left open).
 *
 * @example parseContentLine('DTSTART;TZID=Europe/Berlin:20260105T090000')
 *   // { name: 'DTSTART', params: { TZID: 'Europe/Berlin' }, value: '20260105T090000', repaired: false }
 */
export function parseContentLine(line: string): ContentLine | null {
  const k = nameEnd(line, 0, line.length);
  if (k < 0) return null;
  const flag: RepairFlag = { repaired: false };
  const p = readProperty(line, 0, k, line.length, line.slice(0, k).trim().toUpperCase(), flag);
  return p === null ? null : { name: p.name, params: p.params, value: p.value, repaired: flag.repaired };
}

/**
 * The property on the line `s[from, to)`, read in place: `k` is the end of its name (`name`,
 * already upper-cased). Null when the line has no value; `flag` tells whether its parameters
 * needed repair (see parseContentLine).
 *
 * @example readProperty('SUMMARY:Hi', 0, 7, 10, 'SUMMARY', flag) // { name: 'SUMMARY', params: {}, value: 'Hi' }
 */
export function readProperty(s: string, from: number, k: number, to: number, name: string, flag: RepairFlag): IcsProperty | null {
  flag.repaired = false;
  if (s.charCodeAt(k) === COLON) return { name, params: NO_PARAMS, value: s.slice(k + 1, to) };
  if (TIME_PROPS.has(name)) return readDateProperty(s, k, to, name, flag);
  // One pass to the first `:` outside quotes, reading `;NAME=value` parameters on the way.
  // A quote or a comma needs the general reader: it then reads the section once its end is
  // found.
  const params: Record<string, string> = {};
  let general = false;
  let inQuote = false;
  let colon = -1;
  let seg = k + 1;
  let eq = -1;
  let plain = true;
  let h = 0;
  for (let i = k + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (general) {
      if (c === QUOTE) inQuote = !inQuote;
      else if (c === COLON && !inQuote) {
        colon = i;
        break;
      }
    } else if (c === QUOTE) {
      general = true;
      inQuote = true;
    } else if (c === COMMA) general = true;
    else if (c === SEMICOLON || c === COLON) {
      // The end of a parameter; one without `=`, or without a name, says nothing.
      if (eq > seg) {
        const pname = plain ? knownName(s, seg, eq, h, KNOWN_PARAMS) : s.slice(seg, eq).trim().toUpperCase();
        if (!(pname in params)) params[pname] = s.slice(eq + 1, i);
      }
      if (c === COLON) {
        colon = i;
        break;
      }
      seg = i + 1;
      eq = -1;
      plain = true;
      h = 0;
    } else if (eq < 0) {
      if (c === EQUALS) eq = i;
      else {
        if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) plain = false;
        h = (Math.imul(h, 31) + c) | 0;
      }
    }
  }
  if (colon < 0) return null;
  return { name, params: general ? readParams(s, k + 1, colon) : params, value: s.slice(colon + 1, to) };
}

/** readProperty for date-valued properties: the value starts after the last `:` outside quotes. */
function readDateProperty(s: string, k: number, to: number, name: string, flag: RepairFlag): IcsProperty | null {
  let colon = -1;
  let lastColon = -1;
  let inQuote = false;
  for (let i = k + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === COLON && !inQuote) {
      if (colon < 0) colon = i;
      lastColon = i;
    }
  }
  let repaired = false;
  if (lastColon < 0) {
    // Only a quoted `:` is left (a quote never closed); none before `k` can be on this line.
    const last = s.lastIndexOf(':', to - 1);
    lastColon = last > k ? last : -1;
    repaired = lastColon > k;
  } else if (lastColon !== colon) repaired = true;
  colon = lastColon;
  if (colon < 0) return null;
  let value = s.slice(colon + 1, to);
  if (repaired) value = value.replace(/"/g, '');
  flag.repaired = repaired;
  return { name, params: readParams(s, k + 1, colon), value };
}
