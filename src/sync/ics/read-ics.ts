/**
 * Text of an iCalendar stream to a light component tree. Tolerant by design: a bad line is
 * reported and skipped, a missing END is repaired where the structure makes it obvious, and a
 * component the file never closes is marked `closed: false` so that callers can drop it.
 * Only the properties the importer reads are kept, which keeps large exports cheap.
 */

export type IcsParams = Readonly<Record<string, string>>;

export interface IcsProperty {
  /** Upper-case name. */
  readonly name: string;
  /** Upper-case parameter names; values unquoted, multiple values joined by `,`. */
  readonly params: IcsParams;
  readonly value: string;
}

export interface IcsComponent {
  /** Upper-case name; the root of a stream is named `''`. */
  readonly name: string;
  readonly props: IcsProperty[];
  readonly children: IcsComponent[];
  /** 1-based line of the BEGIN line (after unfolding). */
  readonly line: number;
  closed: boolean;
}

export interface IcsLineProblem {
  line: number;
  reason: string;
}

export interface IcsReadResult {
  root: IcsComponent;
  problems: IcsLineProblem[];
  /** Number of lines after unfolding. */
  lines: number;
}

/** Properties whose value is a date, date-time or period list: they never contain a `:`. */
const TIME_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'FREEBUSY', 'UNTIL']);

const KEPT_PROPS = new Set([
  'UID', 'DTSTART', 'DTEND', 'DURATION', 'RRULE', 'EXRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID', 'SEQUENCE',
  'SUMMARY', 'DESCRIPTION', 'LOCATION', 'GEO', 'URL', 'COLOR', 'CLASS', 'STATUS', 'TRANSP', 'CATEGORIES',
  'ATTENDEE', 'ORGANIZER', 'X-MICROSOFT-CDO-BUSYSTATUS', 'X-MICROSOFT-CDO-ALLDAYEVENT', 'X-APPLE-STRUCTURED-LOCATION',
  'TRIGGER', 'ACTION', 'TZID', 'TZOFFSETFROM', 'TZOFFSETTO', 'X-WR-CALNAME', 'X-WR-TIMEZONE', 'FREEBUSY',
]);

/** Where each standard component may appear; other names (X- components) may appear anywhere. */
const PARENTS: Record<string, readonly string[]> = {
  VCALENDAR: [''],
  VEVENT: ['VCALENDAR', ''],
  VTODO: ['VCALENDAR', ''],
  VJOURNAL: ['VCALENDAR', ''],
  VFREEBUSY: ['VCALENDAR', ''],
  VTIMEZONE: ['VCALENDAR', ''],
  VAVAILABILITY: ['VCALENDAR', ''],
  STANDARD: ['VTIMEZONE'],
  DAYLIGHT: ['VTIMEZONE'],
  VALARM: ['VEVENT', 'VTODO'],
};

const NAME_RE = /^[A-Za-z0-9-]+$/;
const COMPONENT_NAME_RE = /^[A-Z0-9-]+$/;
const MAX_PROBLEMS = 100;

/** Splits the parameter section (`;A=1;B="x;y"`) into upper-case names and unquoted values. */
export function parseParams(raw: string): IcsParams {
  const params: Record<string, string> = {};
  if (raw.indexOf('"') < 0 && raw.indexOf(',') < 0) {
    // The common case: no quoting, one value per parameter.
    for (const seg of raw.split(';')) {
      const eq = seg.indexOf('=');
      if (eq <= 0) continue;
      const name = seg.slice(0, eq).trim().toUpperCase();
      if (!(name in params)) params[name] = seg.slice(eq + 1);
    }
    return params;
  }
  let i = 0;
  const n = raw.length;
  while (i < n) {
    if (raw[i] === ';') i++;
    const eq = raw.indexOf('=', i);
    if (eq < 0) break;
    const name = raw.slice(i, eq).trim().toUpperCase();
    i = eq + 1;
    const values: string[] = [];
    for (;;) {
      if (raw[i] === '"') {
        const close = raw.indexOf('"', i + 1);
        // An unterminated quote runs to the end (a malformed producer; the value is still useful).
        const end = close < 0 ? n : close;
        values.push(raw.slice(i + 1, end));
        i = close < 0 ? n : close + 1;
        // Anything between the closing quote and the next separator is dropped.
        while (i < n && raw[i] !== ',' && raw[i] !== ';') i++;
      } else {
        let j = i;
        while (j < n && raw[j] !== ',' && raw[j] !== ';') j++;
        values.push(raw.slice(i, j));
        i = j;
      }
      if (raw[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (name !== '' && !(name in params)) params[name] = values.join(',');
  }
  return params;
}

const NO_PARAMS: IcsParams = Object.freeze({});

/**
 * Splits one unfolded content line. Returns null when the line has no value separator.
 * For date-valued properties the value starts after the last `:` outside quotes, which
 * repairs `TZID=GMT+05:30:2026…` and `TZID="Zone:2026…"` (a quote left open).
 */
export function parseContentLine(line: string): { name: string; params: IcsParams; value: string; repaired: boolean } | null {
  const k = nameEnd(line);
  if (k < 0) return null;
  return splitContentLine(line, k, line.slice(0, k).trim().toUpperCase());
}

/** Index of the first `;` or `:` (the end of the property name), or -1. */
function nameEnd(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 59 || c === 58) return i;
  }
  return -1;
}

function splitContentLine(line: string, k: number, name: string): { name: string; params: IcsParams; value: string; repaired: boolean } | null {
  const n = line.length;
  if (line[k] === ':') return { name, params: NO_PARAMS, value: line.slice(k + 1), repaired: false };
  let colon = -1;
  let lastColon = -1;
  let inQuote = false;
  for (let i = k + 1; i < n; i++) {
    const c = line[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === ':' && !inQuote) {
      if (colon < 0) colon = i;
      lastColon = i;
    }
  }
  let repaired = false;
  if (TIME_PROPS.has(name)) {
    if (lastColon < 0) {
      lastColon = line.lastIndexOf(':');
      repaired = lastColon > k;
    } else if (lastColon !== colon) repaired = true;
    colon = lastColon;
  }
  if (colon < 0) return null;
  let value = line.slice(colon + 1);
  if (repaired) value = value.replace(/"/g, '');
  return { name, params: parseParams(line.slice(k + 1, colon)), value, repaired };
}

function newComponent(name: string, line: number): IcsComponent {
  return { name, props: [], children: [], line, closed: false };
}

/**
 * Reads unfolded or folded iCalendar text (CRLF, LF or CR line ends; space or TAB continuations)
 * into a component tree under a root named `''`.
 *
 * @example
 *   const { root } = readIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
 *   root.children[0].children[0].props[0] // { name: 'UID', params: {}, value: 'a' }
 */
export function readIcs(text: string): IcsReadResult {
  // Old Mac files end lines with CR alone; everything else has LF (with or without CR).
  const src = text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? text.replace(/\r/g, '\n') : text;
  const n = src.length;
  const root = newComponent('', 0);
  const stack: IcsComponent[] = [root];
  const problems: IcsLineProblem[] = [];
  const problem = (line: number, reason: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason });
  };

  let pos = 0;
  let physical = 0;
  // One physical line from `pos`, without its line break.
  const nextPhysical = (): string => {
    let end = src.indexOf('\n', pos);
    if (end < 0) end = n;
    const stop = end > pos && src.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const s = src.slice(pos, stop);
    pos = end + 1;
    physical++;
    return s;
  };

  while (pos < n) {
    let line = nextPhysical();
    const lineNo = physical;
    // Unfold: a following line that starts with a space or TAB continues this one.
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c !== 32 && c !== 9) break;
      line += nextPhysical().slice(1);
    }
    if (line.length === 0) continue;
    const c0 = line.charCodeAt(0);
    // BEGIN/END lines, recognised without the general parser (they are many).
    if ((c0 === 66 || c0 === 98 || c0 === 69 || c0 === 101) && (line[5] === ':' || line[3] === ':')) {
      const isBegin = line[5] === ':' && line.slice(0, 5).toUpperCase() === 'BEGIN';
      const isEnd = !isBegin && line[3] === ':' && line.slice(0, 3).toUpperCase() === 'END';
      const what = isBegin || isEnd ? line.slice(isBegin ? 6 : 4).trim().toUpperCase() : '';
      if (what !== '' && COMPONENT_NAME_RE.test(what)) {
        if (isBegin) {
          const allowed = PARENTS[what];
          if (allowed !== undefined) {
            // A component cannot start here: the open ones were never ended (a truncated or
            // concatenated file). Leave them unclosed so that they are reported, not imported.
            let depth = stack.length - 1;
            while (depth > 0 && !allowed.includes(stack[depth]!.name)) depth--;
            if (depth < stack.length - 1) {
              if (!allowed.includes(stack[depth]!.name)) {
                problem(lineNo, `BEGIN:${what} is not allowed inside ${stack[stack.length - 1]!.name}; ignored`);
                stack.push(newComponent(`X-IGNORED-${what}`, lineNo));
                continue;
              }
              for (let d = stack.length - 1; d > depth; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line`);
              stack.length = depth + 1;
            }
          }
          const comp = newComponent(what, lineNo);
          stack[stack.length - 1]!.children.push(comp);
          stack.push(comp);
        } else {
          let depth = stack.length - 1;
          while (depth > 0 && stack[depth]!.name !== what && stack[depth]!.name !== `X-IGNORED-${what}`) depth--;
          if (depth === 0) {
            problem(lineNo, `END:${what} without a matching BEGIN; ignored`);
            continue;
          }
          for (let d = stack.length - 1; d > depth; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line`);
          stack[depth]!.closed = true;
          stack.length = depth;
        }
        continue;
      }
    }
    const top = stack[stack.length - 1]!;
    if (top === root) continue;
    const k = nameEnd(line);
    if (k <= 0) {
      problem(lineNo, 'not a content line (no ":")');
      continue;
    }
    let name = line.slice(0, k);
    if (!KEPT_PROPS.has(name)) {
      const upper = name.trim().toUpperCase();
      if (!NAME_RE.test(upper)) {
        problem(lineNo, 'not a content line (bad property name)');
        continue;
      }
      if (!KEPT_PROPS.has(upper)) continue;
      name = upper;
    }
    const parsed = splitContentLine(line, k, name);
    if (parsed === null) {
      problem(lineNo, `${name} has no value`);
      continue;
    }
    if (parsed.repaired) problem(lineNo, `${name}: malformed parameters repaired`);
    top.props.push({ name, params: parsed.params, value: parsed.value });
  }
  for (let d = stack.length - 1; d > 0; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line (file truncated?)`);
  return { root, problems, lines: physical };
}
