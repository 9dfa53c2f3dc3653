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
const MAX_PROBLEMS = 100;

/** Splits the parameter section (`;A=1;B="x;y"`) into upper-case names and unquoted values. */
export function parseParams(raw: string): IcsParams {
  const params: Record<string, string> = {};
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
  let k = 0;
  const n = line.length;
  while (k < n && line[k] !== ';' && line[k] !== ':') k++;
  if (k >= n) return null;
  const name = line.slice(0, k).trim().toUpperCase();
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
  const unfolded = text.replace(/(?:\r\n|\n|\r)[ \t]/g, '');
  const lines = unfolded.split(/\r\n|\n|\r/);
  const root = newComponent('', 0);
  const stack: IcsComponent[] = [root];
  const problems: IcsLineProblem[] = [];
  const problem = (line: number, reason: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason });
  };

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.length === 0) continue;
    const c0 = line.charCodeAt(0);
    // BEGIN/END lines, recognised without the general parser (they are most of the lines).
    if (c0 === 66 || c0 === 98 || c0 === 69 || c0 === 101) {
      const m = /^(BEGIN|END):\s*([A-Za-z0-9-]+)\s*$/i.exec(line);
      if (m !== null) {
        const what = m[2]!.toUpperCase();
        if (m[1]!.toUpperCase() === 'BEGIN') {
          const allowed = PARENTS[what];
          if (allowed !== undefined) {
            // A component cannot start here: the open ones were never ended (a truncated or
            // concatenated file). Leave them unclosed so that they are reported, not imported.
            let depth = stack.length - 1;
            while (depth > 0 && !allowed.includes(stack[depth]!.name)) depth--;
            if (depth < stack.length - 1) {
              if (!allowed.includes(stack[depth]!.name)) {
                problem(li + 1, `BEGIN:${what} is not allowed inside ${stack[stack.length - 1]!.name}; ignored`);
                stack.push(newComponent(`X-IGNORED-${what}`, li + 1));
                continue;
              }
              for (let d = stack.length - 1; d > depth; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line`);
              stack.length = depth + 1;
            }
          }
          const comp = newComponent(what, li + 1);
          stack[stack.length - 1]!.children.push(comp);
          stack.push(comp);
        } else {
          let depth = stack.length - 1;
          while (depth > 0 && stack[depth]!.name !== what && stack[depth]!.name !== `X-IGNORED-${what}`) depth--;
          if (depth === 0) {
            problem(li + 1, `END:${what} without a matching BEGIN; ignored`);
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
    const sep = line.search(/[;:]/);
    if (sep <= 0) {
      problem(li + 1, 'not a content line (no ":")');
      continue;
    }
    const rawName = line.slice(0, sep).trim();
    if (!NAME_RE.test(rawName)) {
      problem(li + 1, 'not a content line (bad property name)');
      continue;
    }
    if (!KEPT_PROPS.has(rawName.toUpperCase())) continue;
    const parsed = parseContentLine(line);
    if (parsed === null) {
      problem(li + 1, `${rawName.toUpperCase()} has no value`);
      continue;
    }
    if (parsed.repaired) problem(li + 1, `${parsed.name}: malformed parameters repaired`);
    top.props.push({ name: parsed.name, params: parsed.params, value: parsed.value });
  }
  for (let d = stack.length - 1; d > 0; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line (file truncated?)`);
  return { root, problems, lines: lines.length };
}
