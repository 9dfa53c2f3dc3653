/**
 * Moves every date of an iCalendar file's events by a whole number of weeks, keeping weekdays
 * and wall-clock times: a stand-up at 09:30 on a Monday in Berlin stays at 09:30 on a Monday,
 * whether or not a DST change lies between the old and the new date. Used to bring a calendar
 * written for one week (the shipped demo calendars) to the current week before importing it.
 *
 * Each value is shifted in its own zone, on its wall-clock reading:
 * - DATE values and local DATE-TIMEs (with a TZID, or floating) move on the calendar, as a
 *   Temporal PlainDate/PlainDateTime would; the text keeps its TZID.
 * - UTC DATE-TIMEs (`…Z`) are read in the zone the importer reads their event in, moved there,
 *   and written back in UTC. An `EXDATE:…T150000Z` or `UNTIL=…Z` of a New York series thus
 *   keeps naming the same 10:00 instance in summer and in winter; shifting the instant by
 *   7 × 24 hours would miss it by an hour across a DST change.
 *
 * The zone of an event follows parseIcs: its DTSTART's TZID (resolved as the importer resolves
 * it, VTIMEZONE blocks and Windows names included), UTC for a UTC DTSTART, the floating zone
 * (X-WR-TIMEZONE, else `floatingTzid`) for a floating one, and the zone of the file's timed
 * events for an all-day one.
 *
 * Shifted: DTSTART, DTEND, DUE, RECURRENCE-ID, EXDATE, RDATE (dates, date-times and periods)
 * and the UNTIL of RRULE/EXRULE in VEVENT, VTODO and VJOURNAL components, and DTSTART, DTEND
 * and FREEBUSY in VFREEBUSY. Not shifted: VTIMEZONE definitions, VALARMs (absolute triggers
 * are not imported), and stamps (DTSTAMP, CREATED, LAST-MODIFIED). Values that are not valid
 * dates are left as they are, for the importer to report.
 *
 * The result is unfolded (one content line per property) with CRLF line ends.
 */
import { isValidTzid } from '../../core/index.js';
import { DAY_MS, dayFromYmd, ymdFromDay } from './calendar-math.js';
import { ianaZone } from './iana-zone.js';
import { parseParams, readIcs } from './read-ics.js';
import { ZoneResolver, namedIana } from './resolve-zone.js';
import { localToUtc, utcToLocal, type Zone } from './zone.js';

/** Components whose own date properties are shifted. */
const EVENT_LIKE = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY']);
/** Properties holding DATE, DATE-TIME or PERIOD values (lists allowed). */
const DATE_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'FREEBUSY']);
const RULE_PROPS = new Set(['RRULE', 'EXRULE']);

const VALUE_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i;

export interface ShiftIcsOptions {
  /** Zone of floating times when the file has no usable X-WR-TIMEZONE (the account's zone; default UTC). */
  floatingTzid?: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDay(day: number): string {
  const { y, m, d } = ymdFromDay(day);
  return `${pad(y, 4)}${pad(m)}${pad(d)}`;
}

/** `YYYYMMDDTHHMMSS` of "local milliseconds" (see calendar-math). */
function formatLocal(localMs: number): string {
  const day = Math.floor(localMs / DAY_MS);
  const s = Math.floor((localMs - day * DAY_MS) / 1000);
  return `${formatDay(day)}T${pad(Math.floor(s / 3600))}${pad(Math.floor(s / 60) % 60)}${pad(s % 60)}`;
}

/** One DATE or DATE-TIME moved by `days`; unchanged when it is not one. */
function shiftValue(value: string, days: number, zone: Zone): string {
  const m = VALUE_RE.exec(value);
  if (m === null) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return value;
  const day = dayFromYmd(y, mo, d);
  if (m[4] === undefined) return formatDay(day + days);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 24 || mi > 59 || s > 60) return value;
  // Wall-clock arithmetic: local milliseconds carry no offset, so adding whole days to them
  // is exactly PlainDateTime.add({ days }).
  const stamp = day * DAY_MS + ((h * 60 + mi) * 60 + Math.min(s, 59)) * 1000;
  if (m[7] === undefined) return formatLocal(stamp + days * DAY_MS);
  // A UTC value: moved on the wall clock of its event's zone, then written in UTC again.
  return formatLocal(localToUtc(zone, utcToLocal(zone, stamp) + days * DAY_MS)) + 'Z';
}

/** A value list (`a,b`, periods `start/end` or `start/PT1H`), each part moved by `days`. */
function shiftList(value: string, days: number, zone: Zone): string {
  return value
    .split(',')
    .map((item) => {
      const slash = item.indexOf('/');
      if (slash < 0) return shiftValue(item.trim(), days, zone);
      // A PERIOD: its start, and its end unless the end is a duration.
      return `${shiftValue(item.slice(0, slash).trim(), days, zone)}/${shiftValue(item.slice(slash + 1).trim(), days, zone)}`;
    })
    .join(',');
}

/** An RRULE/EXRULE value with its UNTIL moved. */
function shiftRule(value: string, days: number, zone: Zone): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq > 0 && part.slice(0, eq).trim().toUpperCase() === 'UNTIL' ? `${part.slice(0, eq + 1)}${shiftValue(part.slice(eq + 1).trim(), days, zone)}` : part;
    })
    .join(';');
}

/** The file's content lines, unfolded, as readIcs reads them. */
function unfold(text: string): string[] {
  const src = (text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? text.replace(/\r/g, '\n') : text).replace(/^\uFEFF/, '');
  const out: string[] = [];
  for (const raw of src.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

interface Prop {
  name: string;
  /** Index of the `:` that starts the value. */
  colon: number;
  tzid: string | null;
}

function readProp(line: string): Prop | null {
  let k = 0;
  while (k < line.length && line[k] !== ';' && line[k] !== ':') k++;
  if (k === 0 || k === line.length) return null;
  const name = line.slice(0, k).trim().toUpperCase();
  // Date values never contain ':', so the value starts after the last one (as readIcs repairs it).
  const colon = DATE_PROPS.has(name) ? line.lastIndexOf(':') : line[k] === ':' ? k : firstColonOutsideQuotes(line, k);
  if (colon < 0) return null;
  const params = line[k] === ';' ? parseParams(line.slice(k + 1, colon)) : {};
  return { name, colon, tzid: params.TZID ?? null };
}

function firstColonOutsideQuotes(line: string, from: number): number {
  let quoted = false;
  for (let i = from; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return -1;
}

/** A top-level event-like component: the lines of its BEGIN and END, and its own DTSTART. */
interface Range {
  name: string;
  begin: number;
  /** The END line, or the file's length when the component is never closed. */
  end: number;
  start: { value: string; tzid: string | null } | null;
}

/** The event-like components of the file and each one's own DTSTART (not a nested component's). */
function eventRanges(lines: readonly string[]): Range[] {
  const ranges: Range[] = [];
  let open: Range | null = null;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const upper = line.slice(0, 6).toUpperCase();
    if (upper === 'BEGIN:') {
      if (open !== null) depth++;
      else {
        const name = line.slice(6).trim().toUpperCase();
        if (EVENT_LIKE.has(name)) open = { name, begin: i, end: lines.length, start: null };
      }
    } else if (upper.startsWith('END:') && open !== null) {
      if (depth > 0) depth--;
      else {
        open.end = i;
        ranges.push(open);
        open = null;
      }
    } else if (open !== null && depth === 0 && open.start === null) {
      const prop = readProp(line);
      if (prop !== null && prop.name === 'DTSTART') open.start = { value: line.slice(prop.colon + 1).trim(), tzid: prop.tzid };
    }
  }
  if (open !== null) ranges.push(open);
  return ranges;
}

const isTimed = (value: string): boolean => /T/i.test(value);
const isUtc = (value: string): boolean => /Z$/i.test(value);

/**
 * The file with every event date moved by `weeks` weeks (see the file comment).
 *
 * @example
 *   shiftIcsWeeks(text, 2)
 *   // DTSTART;TZID=Europe/Berlin:20260105T093000 → DTSTART;TZID=Europe/Berlin:20260119T093000
 *   // EXDATE:20260106T150000Z (10:00 in New York) → EXDATE:20260120T150000Z
 */
export function shiftIcsWeeks(text: string, weeks: number, opts: ShiftIcsOptions = {}): string {
  if (!Number.isSafeInteger(weeks)) throw new TypeError(`weeks must be a whole number, got ${weeks}`);
  const lines = unfold(text);
  const days = weeks * 7;
  if (days !== 0) {
    // The zones, resolved as parseIcs resolves them.
    const { root } = readIcs(text);
    const calendars = root.children.filter((c) => c.name === 'VCALENDAR');
    const top = [...calendars.flatMap((c) => c.children), ...root.children.filter((c) => c.name !== 'VCALENDAR')];
    const wr = calendars.flatMap((c) => c.props).find((p) => p.name === 'X-WR-TIMEZONE');
    const calendarTzid = wr === undefined ? null : namedIana(wr.value);
    const fallback = opts.floatingTzid !== undefined && isValidTzid(opts.floatingTzid) ? opts.floatingTzid : 'Etc/UTC';
    const floating = ianaZone(calendarTzid ?? fallback);
    const utc = ianaZone('Etc/UTC');
    const zones = new ZoneResolver(
      top.filter((c) => c.name === 'VTIMEZONE'),
      floating,
      () => {},
    );
    const ranges = eventRanges(lines);
    // Dates written as instants on all-day series: X-WR-TIMEZONE, else the zone of the file's
    // timed events, else the floating zone (as parseIcs reads them).
    let dateZone: Zone = floating;
    if (calendarTzid === null) {
      const first = ranges.find((r) => r.name === 'VEVENT' && r.start !== null && r.start.tzid !== null && isTimed(r.start.value) && !isUtc(r.start.value));
      const z = first ? zones.zone(first.start!.tzid!) : null;
      if (z !== null && z.iana !== null) dateZone = z;
    }
    for (const r of ranges) {
      const s = r.start;
      const zone = s === null || (isTimed(s.value) && isUtc(s.value)) ? utc : !isTimed(s.value) ? dateZone : s.tzid !== null ? zones.zone(s.tzid) : floating;
      let depth = 0;
      for (let i = r.begin + 1; i < r.end; i++) {
        const line = lines[i]!;
        const upper = line.slice(0, 6).toUpperCase();
        if (upper === 'BEGIN:') depth++;
        else if (upper.startsWith('END:')) depth = Math.max(0, depth - 1);
        if (depth > 0 || upper === 'BEGIN:' || upper.startsWith('END:')) continue;
        const prop = readProp(line);
        if (prop === null) continue;
        const head = line.slice(0, prop.colon + 1);
        const value = line.slice(prop.colon + 1);
        if (DATE_PROPS.has(prop.name)) lines[i] = head + shiftList(value, days, zone);
        else if (RULE_PROPS.has(prop.name)) lines[i] = head + shiftRule(value, days, zone);
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}
