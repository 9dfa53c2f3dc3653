/**
 * The parameter section of a content line (`;A=1;B="x;y",z`) to upper-case names and unquoted
 * values, read in place in the line.
 */
import { isUpperName, knownName, nameHash, namesByHash } from './name-table.js';

export type IcsParams = Readonly<Record<string, string>>;

const SEMICOLON = 59;
const QUOTE = 34;
const EQUALS = 61;

/**
 * Parameters that real files write, as constants (see name-table.ts): the params objects are
 * looked up by these names.
 */
export const KNOWN_PARAMS = namesByHash([
  'ALTREP', 'CN', 'CUTYPE', 'DELEGATED-FROM', 'DELEGATED-TO', 'DIR', 'EMAIL', 'ENCODING', 'FBTYPE', 'FMTTYPE',
  'LANGUAGE', 'MEMBER', 'PARTSTAT', 'RANGE', 'RELATED', 'RELTYPE', 'ROLE', 'RSVP', 'SCHEDULE-AGENT',
  'SCHEDULE-STATUS', 'SENT-BY', 'TZID', 'VALUE', 'X-NUM-GUESTS',
]);

/** The parameter name in `s[from, to)`, trimmed and upper-cased. */
function paramName(s: string, from: number, to: number): string {
  return isUpperName(s, from, to) ? knownName(s, from, to, nameHash(s, from, to), KNOWN_PARAMS) : s.slice(from, to).trim().toUpperCase();
}

/**
 * parseParams for a section with neither quotes nor commas (`;A=1;B=2`), the usual case: each
 * parameter is read in one pass over its name (checked and hashed as it goes) and one search
 * for its end.
 */
function readPlainParams(s: string, from: number, to: number): IcsParams {
  const params: Record<string, string> = {};
  let seg = from;
  while (seg <= to) {
    let eq = -1;
    let plain = true;
    let h = 0;
    let i = seg;
    for (; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === SEMICOLON) break;
      if (c === EQUALS) {
        eq = i;
        break;
      }
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) plain = false;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (eq < 0) {
      // A segment without `=` says nothing.
      seg = i + 1;
      continue;
    }
    let end = s.indexOf(';', eq + 1);
    if (end < 0 || end > to) end = to;
    if (eq > seg) {
      const name = plain ? knownName(s, seg, eq, h, KNOWN_PARAMS) : s.slice(seg, eq).trim().toUpperCase();
      if (!(name in params)) params[name] = s.slice(eq + 1, end);
    }
    seg = end + 1;
  }
  return params;
}

/**
 * Splits the parameter section (`;A=1;B="x;y"`) into upper-case names and unquoted values.
 * The first value of a repeated parameter wins; several values are joined by `,`.
 *
 * @example parseParams('CN="Doe, Jane";PARTSTAT=ACCEPTED') // { CN: 'Doe, Jane', PARTSTAT: 'ACCEPTED' }
 */
export function parseParams(raw: string): IcsParams {
  return readParams(raw, 0, raw.length);
}

/**
 * `parseParams(s.slice(from, to))`, read in place.
 *
 * @example readParams('X;CN=Ann:mailto:a@x', 2, 8) // { CN: 'Ann' }
 */
export function readParams(s: string, from: number, to: number): IcsParams {
  const quoted = s.indexOf('"', from);
  const comma = s.indexOf(',', from);
  if ((quoted < 0 || quoted >= to) && (comma < 0 || comma >= to)) return readPlainParams(s, from, to);
  const params: Record<string, string> = {};
  let i = from;
  while (i < to) {
    if (s.charCodeAt(i) === SEMICOLON) i++;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) break;
    const name = paramName(s, i, eq);
    i = eq + 1;
    const values: string[] = [];
    for (;;) {
      if (i < to && s.charCodeAt(i) === QUOTE) {
        let close = s.indexOf('"', i + 1);
        if (close >= to) close = -1;
        // An unterminated quote runs to the end (a malformed producer; the value is still useful).
        const end = close < 0 ? to : close;
        values.push(s.slice(i + 1, end));
        i = close < 0 ? to : close + 1;
        // Anything between the closing quote and the next separator is dropped.
        while (i < to) {
          const c = s.charCodeAt(i);
          if (c === 44 || c === SEMICOLON) break;
          i++;
        }
      } else {
        let j = i;
        while (j < to) {
          const c = s.charCodeAt(j);
          if (c === 44 || c === SEMICOLON) break;
          j++;
        }
        values.push(s.slice(i, j));
        i = j;
      }
      if (i < to && s.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    if (name !== '' && !(name in params)) params[name] = values.length === 1 ? values[0]! : values.join(',');
  }
  return params;
}
