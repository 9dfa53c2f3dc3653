/**
 * One unfolded content line (`NAME;PARAM=…:value`) split into its name, parameters and value,
 * with the repairs real producers need. Written as index scans over the line, without splitting
 * it into arrays: a large export has hundreds of thousands of these lines.
 */

export type IcsParams = Readonly<Record<string, string>>;

/** Properties whose value is a date, date-time or period list: they never contain a `:`. */
const TIME_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'FREEBUSY', 'UNTIL']);

const SEMICOLON = 59;
const COLON = 58;
const QUOTE = 34;
const EQUALS = 61;
const COMMA = 44;

const NO_PARAMS: IcsParams = Object.freeze({});

/** True when `s[from, to)` holds only `A–Z`, `0–9` and `-`: a name that needs no trim or upper-casing. */
export function isUpperName(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

/** `h * 31 + c` over `s[from, to)`, in 32 bits. */
export function nameHash(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * A table of names by `nameHash`, so that a name can be looked up in the text it is written
 * in. Throws if two names share a hash (the tables are fixed, so a test would show it).
 */
export function namesByHash(names: Iterable<string>): Map<number, string> {
  const table = new Map<number, string>();
  for (const name of names) {
    const h = nameHash(name, 0, name.length);
    const other = table.get(h);
    if (other !== undefined && other !== name) throw new Error(`names ${other} and ${name} share a hash`);
    table.set(h, name);
  }
  return table;
}

/**
 * Parameters that real files write, by hash: a name found here is used as the constant string,
 * which the params object's property lookups handle far faster than a string cut from the line.
 */
const KNOWN_PARAMS = namesByHash([
  'ALTREP', 'CN', 'CUTYPE', 'DELEGATED-FROM', 'DELEGATED-TO', 'DIR', 'EMAIL', 'ENCODING', 'FBTYPE', 'FMTTYPE',
  'LANGUAGE', 'MEMBER', 'PARTSTAT', 'RANGE', 'RELATED', 'RELTYPE', 'ROLE', 'RSVP', 'SCHEDULE-AGENT',
  'SCHEDULE-STATUS', 'SENT-BY', 'TZID', 'VALUE', 'X-NUM-GUESTS',
]);

/** The parameter name in `s[from, to)`, trimmed and upper-cased. */
function paramName(s: string, from: number, to: number): string {
  return isUpperName(s, from, to) ? knownName(s, from, to, nameHash(s, from, to)) : s.slice(from, to).trim().toUpperCase();
}

/**
 * The plain upper-case name in `s[from, to)`, whose nameHash is `h`: the constant of `table`
 * when it holds the name, else a copy.
 *
 * @example knownName('X;CN=a', 2, 4, nameHash('CN', 0, 2)) === 'CN'
 */
export function knownName(s: string, from: number, to: number, h: number, table: ReadonlyMap<number, string> = KNOWN_PARAMS): string {
  const known = table.get(h);
  return known !== undefined && known.length === to - from && s.startsWith(known, from) ? known : s.slice(from, to);
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
      const name = plain ? knownName(s, seg, eq, h) : s.slice(seg, eq).trim().toUpperCase();
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

/** `parseParams(s.slice(from, to))`, read in place. */
function readParams(s: string, from: number, to: number): IcsParams {
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
        const pname = plain ? knownName(s, seg, eq, h) : s.slice(seg, eq).trim().toUpperCase();
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
