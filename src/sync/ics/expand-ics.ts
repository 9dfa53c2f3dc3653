/**
 * The importer's pure core: iCalendar text (or bytes) to the occurrences to store, in their
 * compact form (`ImportedOccurrence`: bounds as numbers, content shared by reference).
 * Steps: read the component tree, resolve zones, read each VEVENT, group them by UID, expand
 * each group over the horizon, add VFREEBUSY blocks, sort. Nothing here does I/O.
 */
import { isValidTzid, type ImportedContent, type ImportedOccurrence } from '../../core/index.js';
import { DAY_MS } from './calendar-math.js';
import { decodeIcsBytes } from './decode-ics-bytes.js';
import { expandGroup, type ExpandEnv } from './expand-series.js';
import { ianaZone } from './iana-zone.js';
import { IcsError } from './ics-error.js';
import { cleanText, unescapeText } from './ics-text.js';
import { readFreeBusy } from './read-freebusy.js';
import { readIcs, type IcsComponent } from './read-ics.js';
import { readVevent, type SourceEvent } from './read-vevent.js';
import { sortOccurrences } from './sort-occurrences.js';
import { ContentSizer } from './content-size.js';
import { SourceKeyText } from './source-key-text.js';
import { uniqueOccurrences } from './unique-occurrences.js';
import { ZoneResolver, namedIana } from './resolve-zone.js';
import type { IcsExpansion, IcsIssue, IcsParseOptions } from './types.js';
import type { Zone } from './zone.js';

export const DEFAULT_MAX_OCCURRENCES = 5_000;
export const DEFAULT_MAX_TOTAL_OCCURRENCES = 200_000;
export const DEFAULT_MAX_INPUT_CHARS = 32 * 1024 * 1024;
/** The largest epoch ms a Date holds. */
const MAX_DATE_MS = 8.64e15;

export const DEFAULT_MAX_WORK = 10_000_000;
/** Twice the largest file: texts a file states once but its overrides repeat stay bounded. */
export const DEFAULT_MAX_CONTENT_CHARS = 64 * 1024 * 1024;

const CONTENT_FULL_REASON = (max: number): string =>
  `the events' texts come to more than ${formatMiB(max)} in all (overrides repeat their series' attendees, description and categories); later events and overrides with texts of their own were not imported`;

/** `64 MiB`, `1.5 MiB`. */
function formatMiB(chars: number): string {
  const mib = chars / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** The components of one UID, when there are more than one. */
class UidGroup {
  readonly uid: string;
  readonly masters: SourceEvent[] = [];
  readonly overrides: SourceEvent[] = [];

  constructor(first: SourceEvent) {
    this.uid = first.uid;
    this.add(first);
  }

  add(ev: SourceEvent): void {
    (ev.recurrenceId === null ? this.masters : this.overrides).push(ev);
  }
}

const NO_OVERRIDES: readonly SourceEvent[] = Object.freeze([]);

/** Most entries kept in `skipped` and `warnings` each (a broken file could otherwise flood them). */
const MAX_ISSUES = 1000;

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}

/**
 * The start of a file's first line, for an error message: at most 40 characters, letters of
 * any script kept, control and other invisible characters shown as `?`.
 */
function firstLine(s: string): string {
  const line = /^[^\r\n]*/.exec(s)![0];
  return Array.from(line).slice(0, 40).join('').replace(/[\p{C}\p{Z}]/gu, (c) => (c === ' ' ? ' ' : '?'));
}

function firstProp(c: IcsComponent, name: string): string | null {
  for (const p of c.props) if (p.name === name) return p.value;
  return null;
}

/**
 * Parses an iCalendar file and expands it over the horizon, to compact occurrences: the
 * instances of one series point to one content object, built once. `parseIcs` gives the same
 * occurrences as full events.
 *
 * Throws `IcsError` only when the input is not iCalendar at all or is too large; everything
 * else that is wrong inside a calendar is reported in `skipped` or `warnings`.
 *
 * @example
 *   const r = expandIcs(text, { defaultTzid: 'Europe/Berlin', horizon: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) } });
 *   r.occurrences[0] // { sourceKey: 'uid#20260105T080000Z', content: { summary: 'Standup', recurring: true, … }, allDay: false, startMs: …, endMs: … }
 *   r.occurrences[0].content === r.occurrences[1].content // true for two instances of one series
 */
export function expandIcs(input: string | Uint8Array, opts: IcsParseOptions): IcsExpansion {
  if (!isValidTzid(opts.defaultTzid)) throw new TypeError(`defaultTzid "${opts.defaultTzid}" is not an IANA zone`);
  const { fromMs, toMs } = opts.horizon;
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs)) throw new TypeError('horizon must be finite with fromMs < toMs');
  const maxChars = opts.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  const inputSize = typeof input === 'string' ? input.length : input.byteLength;
  if (inputSize > maxChars) throw new IcsError('too_large', `the file is too large to import (${inputSize} > ${maxChars})`);
  const text = typeof input === 'string' ? input : decodeIcsBytes(input);
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (!/^BEGIN:VCALENDAR\s*(\r|\n|$)/i.test(head)) {
    throw new IcsError('not_ics', `not an iCalendar file: expected BEGIN:VCALENDAR, found "${firstLine(head)}"`);
  }
  const progress = opts.onProgress;

  const skipped: IcsIssue[] = [];
  const warnings: IcsIssue[] = [];
  const skip = (i: IcsIssue): void => {
    if (skipped.length < MAX_ISSUES) skipped.push(i);
  };
  const warn = (i: IcsIssue): void => {
    if (warnings.length < MAX_ISSUES) warnings.push(i);
  };

  progress?.({ phase: 'parse', done: 0, total: 1 });
  // VEVENTs are read as soon as they end, so that their lines and properties are garbage young.
  const events = new Map<IcsComponent, ReturnType<typeof readVevent>>();
  const { root, problems, lines } = readIcs(text, (c) => {
    if (c.name !== 'VEVENT') return false;
    events.set(c, readVevent(c));
    return true;
  });
  for (const p of problems) warn({ line: p.line, reason: p.reason });

  const calendars = root.children.filter((c) => c.name === 'VCALENDAR');
  const top: IcsComponent[] = [...calendars.flatMap((c) => c.children), ...root.children.filter((c) => c.name !== 'VCALENDAR')];
  let calendarName: string | null = null;
  let wrTimezone: string | null = null;
  for (const cal of calendars) {
    const name = firstProp(cal, 'X-WR-CALNAME');
    if (name !== null && calendarName === null) calendarName = cleanText(unescapeText(name), 255).trim() || null;
    const tz = firstProp(cal, 'X-WR-TIMEZONE');
    if (tz !== null && wrTimezone === null) wrTimezone = tz;
  }
  const calendarTzid = wrTimezone === null ? null : namedIana(wrTimezone);
  if (wrTimezone !== null && calendarTzid === null) warn({ reason: `X-WR-TIMEZONE "${printable(wrTimezone)}" is not a known zone; floating times use ${opts.defaultTzid}` });
  const floating: Zone = ianaZone(calendarTzid ?? opts.defaultTzid);

  const vtimezones = top.filter((c) => c.name === 'VTIMEZONE');
  const zones = new ZoneResolver(vtimezones, floating, (reason) => warn({ reason }));

  // Read the VEVENTs.
  const sources: SourceEvent[] = [];
  let components = 0;
  let overrideCount = 0;
  let ignored = 0;
  let firstTzid: string | null = null;
  for (const c of top) {
    if (c.name === 'VTODO' || c.name === 'VJOURNAL') ignored++;
    if (c.name !== 'VEVENT') continue;
    components++;
    const ev = events.get(c);
    if (!c.closed || ev === undefined) {
      skip({ uid: firstProp(c, 'UID')?.trim(), line: c.line, reason: 'VEVENT has no END:VEVENT (file truncated?)' });
      continue;
    }
    if ('error' in ev) {
      skip({ uid: ev.uid, line: c.line, reason: ev.error });
      continue;
    }
    for (const w of ev.warnings) warn({ uid: ev.uid, line: ev.line, reason: w });
    if (ev.recurrenceId !== null) overrideCount++;
    if (firstTzid === null && ev.start.kind === 'local' && ev.start.tzid !== null) firstTzid = ev.start.tzid;
    sources.push(ev);
  }
  if (ignored > 0) warn({ reason: `${ignored} VTODO/VJOURNAL component(s) are not events and were not imported` });
  progress?.({ phase: 'parse', done: lines, total: lines });

  // Dates written as instants on all-day series are read in the calendar's own zone: its
  // X-WR-TIMEZONE, else the zone its timed events use, else the account's.
  let dateZone = floating;
  if (calendarTzid === null && firstTzid !== null) {
    const z = zones.zone(firstTzid);
    if (z.iana !== null) dateZone = z;
  }

  // Group by UID, in order of first appearance. A UID seen once (most) keeps its event as is.
  const groups = new Map<string, SourceEvent | UidGroup>();
  for (const ev of sources) {
    const g = groups.get(ev.uid);
    if (g === undefined) groups.set(ev.uid, ev);
    else if (g instanceof UidGroup) g.add(ev);
    else {
      const group = new UidGroup(g);
      group.add(ev);
      groups.set(ev.uid, group);
    }
  }

  // Where the file's content lies, inside the horizon or not (IcsExtent).
  let spanFrom = Infinity;
  let spanTo: number | null = -Infinity;
  // Kept inside what a Date can hold: a series' end comes from its rules and lengths, which a
  // calendar can make absurd, and callers print the span.
  const cover = (from: number, to: number | null): void => {
    spanFrom = Math.min(spanFrom, Math.max(from, -MAX_DATE_MS));
    spanTo = to === null || spanTo === null ? null : Math.max(spanTo, Math.min(to, MAX_DATE_MS));
  };

  const occurrences: ImportedOccurrence[] = [];
  const maxTotal = opts.maxTotalOccurrences ?? DEFAULT_MAX_TOTAL_OCCURRENCES;
  const maxContent = opts.maxContentChars ?? DEFAULT_MAX_CONTENT_CHARS;
  const sizer = new ContentSizer();
  // A content is counted when an occurrence's differs from the one before: the occurrences of a
  // content come together (a series' instances, then each override's own), and one counted
  // twice would only make the limit stricter.
  let lastContent: ImportedContent | null = null;
  let contentChars = 0;
  let contentFull = false;
  let full = false;
  const env: ExpandEnv = {
    zones,
    utc: ianaZone('Etc/UTC'),
    dateZone,
    fromMs,
    toMs,
    fromDay: Math.floor(fromMs / DAY_MS) - 1,
    toDay: Math.ceil(toMs / DAY_MS) + 1,
    maxPerSeries: opts.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES,
    budget: { left: opts.maxWork ?? DEFAULT_MAX_WORK, exhausted: false },
    accountEmails: [...new Set((opts.accountEmails ?? []).map((e) => e.trim().toLowerCase()))],
    keys: new SourceKeyText(),
    emit: (o) => {
      if (occurrences.length >= maxTotal) {
        if (!full) skip({ reason: `more than ${maxTotal} occurrences in the file; the rest were not imported` });
        full = true;
        return false;
      }
      if (o.content !== lastContent) {
        const size = sizer.size(o.content);
        if (contentChars + size > maxContent) {
          // Occurrences of contents already taken (a series' instances) still come in.
          if (!contentFull) skip({ reason: CONTENT_FULL_REASON(maxContent) });
          contentFull = true;
          return true;
        }
        contentChars += size;
      }
      lastContent = o.content;
      occurrences.push(o);
      return true;
    },
    skip,
    warn,
    cover,
  };

  let done = 0;
  const total = groups.size;
  let exhausted = env.budget.exhausted;
  const afterGroup = (uid: string): void => {
    if (!exhausted && env.budget.exhausted) skip({ uid, reason: 'the import ran out of its recurrence work budget here; later series were not expanded' });
    if (env.budget.exhausted) env.budget.left = 0;
    exhausted = env.budget.exhausted;
    if (++done % 500 === 0) progress?.({ phase: 'expand', done, total });
  };
  progress?.({ phase: 'expand', done: 0, total });
  for (const g of groups.values()) {
    if (full) break;
    if (!(g instanceof UidGroup)) {
      // One component for its UID: a lone event, a series, or an override without its master.
      if (g.recurrenceId === null) expandGroup(g, NO_OVERRIDES, env);
      else expandGroup(null, [g], env);
      afterGroup(g.uid);
      continue;
    }
    const uid = g.uid;
    let master: SourceEvent | null = null;
    for (const m of g.masters) {
      // Two masters for one UID: the newer version (higher SEQUENCE, then later in the file) wins.
      if (master === null || m.sequence >= master.sequence) {
        if (master !== null) skip({ uid, line: master.line, reason: 'duplicate UID; the VEVENT with the higher SEQUENCE was kept' });
        master = m;
      } else skip({ uid, line: m.line, reason: 'duplicate UID; the VEVENT with the higher SEQUENCE was kept' });
    }
    expandGroup(master, g.overrides, env);
    afterGroup(uid);
  }
  progress?.({ phase: 'expand', done: total, total });

  let freeBusyPeriods = 0;
  const busyContents = new Map<string, ImportedContent>();
  let freeBusyBlocks = 0;
  const onBlock = (from: number, to: number): void => {
    freeBusyBlocks++;
    cover(from, to);
  };
  for (const c of top) {
    if (c.name !== 'VFREEBUSY' || full) continue;
    if (!c.closed) {
      skip({ line: c.line, reason: 'VFREEBUSY has no END:VFREEBUSY (file truncated?)' });
      continue;
    }
    for (const e of readFreeBusy(c, env, fromMs, toMs, skipped, busyContents, onBlock)) {
      if (!env.emit(e)) break;
      freeBusyPeriods++;
    }
  }

  // Stable order, and one occurrence per identity (the store keys on it).
  const unique = uniqueOccurrences(sortOccurrences(occurrences), env.keys.canRepeat, (o) =>
    skip({ uid: o.sourceKey, reason: 'a second occurrence with the same identity was dropped' }),
  );

  return {
    calendarName,
    calendarTzid,
    occurrences: unique,
    counts: { events: groups.size, components, overrides: overrideCount, occurrences: unique.length, freeBusyPeriods },
    skipped,
    warnings,
    extent: { freeBusyBlocks, span: spanFrom === Infinity ? null : { fromMs: spanFrom, toMs: spanTo }, ...(env.budget.exhausted ? { budgetExhausted: true as const } : {}) },
  };
}
