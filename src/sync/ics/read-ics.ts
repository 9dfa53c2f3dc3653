/**
 * Text of an iCalendar stream to a light component tree. Tolerant by design: a bad line is
 * reported and skipped, a missing END is repaired where the structure makes it obvious, and a
 * component the file never closes is marked `closed: false` so that callers can drop it.
 * Only the properties the importer reads are kept, which keeps large exports cheap.
 */

import { readProperty, type IcsProperty, type RepairFlag } from './content-line.js';
import { isUpperName, knownName, nameHash, namesByHash } from './name-table.js';
import { unfoldIcs } from './unfold-ics.js';

export { parseContentLine, parseParams, type IcsParams, type IcsProperty } from './content-line.js';

export interface IcsComponent {
  /** Upper-case name; the root of a stream is named `''`. */
  readonly name: string;
  readonly props: IcsProperty[];
  readonly children: IcsComponent[];
  /** 1-based line of the BEGIN line in the file as written (folded lines count one each). */
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
  /** Number of lines in the file as written (folded lines count one each). */
  lines: number;
}

const KEPT_PROPS = new Set([
  'UID', 'DTSTART', 'DTEND', 'DURATION', 'RRULE', 'EXRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID', 'SEQUENCE',
  'SUMMARY', 'DESCRIPTION', 'LOCATION', 'GEO', 'URL', 'COLOR', 'CLASS', 'STATUS', 'TRANSP', 'CATEGORIES',
  'ATTENDEE', 'ORGANIZER', 'X-MICROSOFT-CDO-BUSYSTATUS', 'X-MICROSOFT-MSNCALENDAR-BUSYSTATUS', 'X-MICROSOFT-CDO-ALLDAYEVENT', 'X-APPLE-STRUCTURED-LOCATION',
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

/** Kept names by the hash readIcs computes over a line's name (see nameHash). */
const KEPT_BY_HASH = namesByHash(KEPT_PROPS);

/** `s.slice(from, from + word.length).toUpperCase() === word`, without the slice for ASCII text. */
function upperIs(s: string, from: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    let c = s.charCodeAt(from + i);
    // Outside ASCII, toUpperCase has cases of its own (`ı` → `I`): let it decide.
    if (c >= 128) return s.slice(from, from + word.length).toUpperCase() === word;
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Standard component names, as constants (see knownName). */
const KNOWN_COMPONENTS = namesByHash(Object.keys(PARENTS));

/** `s.slice(from, to).trim().toUpperCase()`, without the extra strings when it is already so. */
function upperTrimmed(s: string, from: number, to: number): string {
  return isUpperName(s, from, to) ? knownName(s, from, to, nameHash(s, from, to), KNOWN_COMPONENTS) : s.slice(from, to).trim().toUpperCase();
}

function newComponent(name: string, line: number): IcsComponent {
  return { name, props: [], children: [], line, closed: false };
}

/**
 * Reads unfolded or folded iCalendar text (CRLF, LF or CR line ends; space or TAB continuations)
 * into a component tree under a root named `''`.
 *
 * `onEnd` is told of each component as its END line closes it, complete. When it returns true,
 * the caller has read what it needs and the component's properties and children are let go:
 * the tree keeps the component (name, line, closed) but not its content, which can then be
 * collected young instead of being kept, and copied, until the whole file is read.
 *
 * @example
 *   const { root } = readIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
 *   root.children[0].children[0].props[0] // { name: 'UID', params: {}, value: 'a' }
 */
export function readIcs(text: string, onEnd?: (component: IcsComponent) => boolean): IcsReadResult {
  // Old Mac files end lines with CR alone; everything else has LF (with or without CR).
  const { text: src, folds } = unfoldIcs(text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? text.replace(/\r/g, '\n') : text);
  const n = src.length;
  const root = newComponent('', 0);
  const stack: IcsComponent[] = [root];
  const problems: IcsLineProblem[] = [];
  const problem = (line: number, reason: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason });
  };
  const repair: RepairFlag = { repaired: false };

  let pos = 0;
  // Physical lines so far: each line of the unfolded text, and each fold in it.
  let physical = 0;
  let fold = 0;
  while (pos < n) {
    // One line, without its line break; read in place, as `src[b, e)`.
    let end = src.indexOf('\n', pos);
    if (end < 0) end = n;
    const b = pos;
    pos = end + 1;
    physical++;
    const lineNo = physical;
    // Where its last physical line starts: after its last fold, if it has any.
    let last = b;
    while (fold < folds.length && folds[fold]! <= end) {
      last = folds[fold]!;
      physical++;
      fold++;
    }
    // One CR before the break goes, if it is the last physical line's own (as each fold took
    // the one before it).
    const e = end > last && src.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (e === b) continue;
    const len = e - b;
    const c0 = src.charCodeAt(b);
    // BEGIN/END lines, recognised without the general parser (they are many).
    const colon5 = len > 5 && src.charCodeAt(b + 5) === 58;
    const colon3 = len > 3 && src.charCodeAt(b + 3) === 58;
    if ((c0 === 66 || c0 === 98 || c0 === 69 || c0 === 101) && (colon5 || colon3)) {
      const isBegin = colon5 && upperIs(src, b, 'BEGIN');
      const isEnd = !isBegin && colon3 && upperIs(src, b, 'END');
      const what = isBegin || isEnd ? upperTrimmed(src, b + (isBegin ? 6 : 4), e) : '';
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
          const closed = stack[depth]!;
          closed.closed = true;
          stack.length = depth;
          if (onEnd !== undefined && onEnd(closed)) {
            closed.props.length = 0;
            closed.children.length = 0;
          }
        }
        continue;
      }
    }
    const top = stack[stack.length - 1]!;
    if (top === root) continue;
    // The end of the name and, in the same pass, whether it is plain upper case and its hash:
    // a property that is not kept (most of a large export) is then passed over without
    // cutting a string out of the text.
    let k = -1;
    let plain = true;
    let h = 0;
    for (let i = b; i < e; i++) {
      const ch = src.charCodeAt(i);
      if (ch === 59 || ch === 58) {
        k = i;
        break;
      }
      if (!((ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 45)) plain = false;
      h = (Math.imul(h, 31) + ch) | 0;
    }
    if (k <= b) {
      problem(lineNo, 'not a content line (no ":")');
      continue;
    }
    let name: string;
    if (plain) {
      const kept = KEPT_BY_HASH.get(h);
      if (kept === undefined || kept.length !== k - b || !src.startsWith(kept, b)) continue;
      name = kept;
    } else {
      name = src.slice(b, k);
      if (!KEPT_PROPS.has(name)) {
        const upper = name.trim().toUpperCase();
        if (!NAME_RE.test(upper)) {
          problem(lineNo, 'not a content line (bad property name)');
          continue;
        }
        if (!KEPT_PROPS.has(upper)) continue;
        name = upper;
      }
    }
    const prop = readProperty(src, b, k, e, name, repair);
    if (prop === null) {
      problem(lineNo, `${name} has no value`);
      continue;
    }
    if (repair.repaired) problem(lineNo, `${name}: malformed parameters repaired`);
    top.props.push(prop);
  }
  // Folds left over continue an empty last line, which unfolding left without a character.
  if (fold < folds.length) physical += 1 + folds.length - fold;
  for (let d = stack.length - 1; d > 0; d--) problem(stack[d]!.line, `${stack[d]!.name} has no END line (file truncated?)`);
  return { root, problems, lines: physical };
}
