/**
 * One UID's components (a master and its RECURRENCE-ID overrides, either possibly missing) to the
 * occurrences that overlap the horizon.
 *
 * The recurrence set is DTSTART, the RRULE instances (COUNT counts DTSTART) and the RDATEs,
 * minus EXDATE and EXRULE instances (RFC 5545 §3.8.5). An override replaces the instance whose
 * recurrence id it names and is kept even when no generated instance matches (producers keep
 * overrides of instances a later rule edit moved); an override of an excluded instance is
 * dropped. Recurrence ids are compared as instants for timed series and as dates for all-day
 * series, where Exchange writes them as local midnights with a TZID.
 */
import { DAY_MS, icsDateOfDay, icsUtcOf, isoDateOfDay } from './calendar-math.js';
import { buildEvent, type OccurrenceBounds } from './build-event.js';
import { dayOfTime, endOf, maxSpanMs, timingOf, zoneOfTime, instantOf, type Span, type Timing, type ZoneEnv } from './component-timing.js';
import type { IcsTime } from './ics-time.js';
import type { Rrule } from './parse-rrule.js';
import type { SourceEvent, SourceFields } from './read-vevent.js';
import { ruleCandidates } from './rrule-candidates.js';
import type { IcsIssue, ImportedEvent } from './types.js';
import { localToUtc, utcToLocal, type Zone } from './zone.js';

export interface ExpandEnv extends ZoneEnv {
  fromMs: number;
  toMs: number;
  /** All-day window: days d with `d < toDay && d + length > fromDay` overlap the horizon. */
  fromDay: number;
  toDay: number;
  maxPerSeries: number;
  budget: { left: number; exhausted: boolean };
  accountEmails: ReadonlySet<string>;
  /** Stores one occurrence; false once the import-wide limit is reached. */
  emit(e: ImportedEvent): boolean;
  skip(issue: IcsIssue): void;
  warn(issue: IcsIssue): void;
}

/** Wire Dates are limited to these years. */
const MIN_DAY = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
const MAX_DAY = Math.floor(Date.UTC(2199, 11, 31) / DAY_MS);

interface Instance {
  /** UTC ms (timed) or day (all-day): the recurrence id. */
  key: number;
  /** Wall-clock start (timed). */
  local: number;
  /** Explicit end from an RDATE period, else null. */
  endUtc: number | null;
}

function tzidOfZone(zone: Zone, env: ZoneEnv): string {
  return zone.iana ?? env.zones.floating.iana ?? 'Etc/UTC';
}

/**
 * Bounds of an occurrence of timing `t` that starts at `start` (a day for all-day timings, an
 * instant otherwise), or null when it lies outside the horizon or the years wire Dates allow.
 */
function boundsOf(t: Timing, env: ExpandEnv, start: number, explicitEnd: number | null): OccurrenceBounds | null {
  if (t.allDay) {
    const endDay = start + t.days;
    if (!(start < env.toDay && endDay > env.fromDay) || start < MIN_DAY || endDay > MAX_DAY) return null;
    return { start: { kind: 'date', date: isoDateOfDay(start) }, end: { kind: 'date', date: isoDateOfDay(endDay) }, tzid: tzidOfZone(env.dateZone, env) };
  }
  const end = Math.max(start, explicitEnd ?? endOf(t.zone, start, t.span));
  if (!(start < env.toMs && (end > env.fromMs || (end === start && start >= env.fromMs)))) return null;
  return { start: { kind: 'time', ms: start }, end: { kind: 'time', ms: end }, tzid: tzidOfZone(t.zone, env) };
}

/**
 * Expands one UID group into `env.emit` calls.
 *
 * @example expandGroup(master, [moved], env) // emits every occurrence of the series in the horizon
 */
export function expandGroup(master: SourceEvent | null, overrides: SourceEvent[], env: ExpandEnv): void {
  const head = master ?? overrides[0];
  if (head === undefined) return;
  const uid = head.uid;
  const warn = (reason: string, line?: number): void => env.warn({ uid, line: line ?? head.line, reason });

  const recurring = master === null || master.rrules.length > 0 || master.rdates.length > 0 || overrides.length > 0;
  const masterTiming = master === null ? null : timingOf(master, env, null, (m) => warn(m));
  let emitted = 0;
  let stopped = false;
  const push = (fields: SourceFields, bounds: OccurrenceBounds | null, key: string): void => {
    if (stopped || bounds === null) return;
    if (emitted >= env.maxPerSeries) {
      stopped = true;
      env.skip({ uid, line: head.line, reason: `more than ${env.maxPerSeries} occurrences in the horizon; the later ones were not imported` });
      return;
    }
    emitted++;
    if (!env.emit(buildEvent(fields, bounds, recurring, key, env.accountEmails))) stopped = true;
  };

  if (master !== null && masterTiming !== null && !recurring) {
    push(master.fields, boundsOf(masterTiming, env, masterTiming.allDay ? masterTiming.day : masterTiming.utc, null), uid);
    return;
  }

  // The series' terms: all-day (keys are days) or timed (keys are instants, read in `zone`).
  const allDay = masterTiming !== null ? masterTiming.allDay : overrides[0]!.recurrenceId?.kind === 'date';
  const seriesZone: Zone = masterTiming !== null && !masterTiming.allDay ? masterTiming.zone : env.zones.floating;
  const keyOf = (t: IcsTime): number | null => {
    if (allDay) return dayOfTime(t, env);
    if (t.kind === 'date') return null;
    return instantOf(t, env, seriesZone);
  };
  const keyText = (key: number): string => `${uid}#${allDay ? icsDateOfDay(key) : icsUtcOf(key)}`;

  // Exclusions. A DATE EXDATE on a timed series removes that day's instances.
  const exKeys = new Set<number>();
  const exDays = new Set<number>();
  if (master !== null) {
    for (const t of master.exdates) {
      const k = keyOf(t);
      if (k !== null) exKeys.add(k);
      else if (t.kind === 'date') exDays.add(t.day);
    }
  }
  const excluded = (key: number, local: number): boolean => exKeys.has(key) || (!allDay && exDays.has(Math.floor(local / DAY_MS)));

  // Overrides by recurrence id; of two for the same id the higher SEQUENCE (then the later) wins.
  const byKey = new Map<number, SourceEvent>();
  const byDay = new Map<number, SourceEvent>();
  const loose: SourceEvent[] = [];
  for (const o of overrides) {
    const rid = o.recurrenceId;
    const k = rid === null ? null : keyOf(rid);
    if (k === null && rid !== null && rid.kind === 'date' && !allDay) {
      const prev = byDay.get(rid.day);
      if (prev !== undefined) env.skip({ uid, line: prev.sequence > o.sequence ? o.line : prev.line, reason: 'duplicate RECURRENCE-ID; the higher SEQUENCE was kept' });
      if (prev === undefined || o.sequence >= prev.sequence) byDay.set(rid.day, o);
      continue;
    }
    if (k === null) {
      loose.push(o);
      continue;
    }
    const prev = byKey.get(k);
    if (prev !== undefined) env.skip({ uid, line: prev.sequence > o.sequence ? o.line : prev.line, reason: 'duplicate RECURRENCE-ID; the higher SEQUENCE was kept' });
    if (prev === undefined || o.sequence >= prev.sequence) byKey.set(k, o);
  }

  // Generated instances inside the horizon.
  if (master !== null && masterTiming !== null) {
    const instances = generate(master, masterTiming, env, exKeys.size + exDays.size + byKey.size + byDay.size, (m) => warn(m));
    if (!allDay) rekeyMidnightOverrides(instances, byKey, (m, line) => warn(m, line));
    for (const inst of instances) {
      if (excluded(inst.key, inst.local)) continue;
      if (byKey.has(inst.key)) continue;
      if (!allDay && byDay.has(Math.floor(inst.local / DAY_MS))) continue;
      push(master.fields, boundsOf(masterTiming, env, inst.key, inst.endUtc), keyText(inst.key));
    }
  }

  // Overrides, each with its own timing (a length it does not state comes from the series).
  const emitOverride = (o: SourceEvent, key: string): void => {
    const fields: SourceFields = master === null ? o.fields : { ...master.fields, ...o.fields };
    const t = timingOf(o, env, masterTiming, (m) => warn(m, o.line));
    push(fields, boundsOf(t, env, t.allDay ? t.day : t.utc, null), key);
  };
  for (const [k, o] of byKey) {
    const ridLocal = o.recurrenceId !== null && o.recurrenceId.kind === 'local' ? o.recurrenceId.localMs : utcToLocal(seriesZone, k);
    if (excluded(k, allDay ? k * DAY_MS : ridLocal)) continue;
    emitOverride(o, keyText(k));
  }
  for (const [day, o] of byDay) {
    if (exDays.has(day)) continue;
    emitOverride(o, `${uid}#${icsDateOfDay(day)}`);
  }
  for (const o of loose) emitOverride(o, `${uid}#${o.line}`);
}

/**
 * Exchange sometimes names an occurrence of a timed series by the local midnight of its day
 * (`RECURRENCE-ID;TZID=…:20210414T000000` for a 08:00 instance). An override whose id matches
 * no instance but is such a midnight takes the one instance of that day, if there is exactly one
 * that nothing else overrides; otherwise it stays a separate occurrence.
 */
function rekeyMidnightOverrides(instances: Instance[], byKey: Map<number, SourceEvent>, warn: (m: string, line: number) => void): void {
  let generated: Set<number> | null = null;
  for (const [k, o] of [...byKey]) {
    const rid = o.recurrenceId;
    if (rid === null || rid.kind !== 'local' || rid.localMs % DAY_MS !== 0) continue;
    generated ??= new Set(instances.map((i) => i.key));
    if (generated.has(k)) continue;
    const day = rid.localMs / DAY_MS;
    const same = instances.filter((i) => Math.floor(i.local / DAY_MS) === day && !byKey.has(i.key));
    if (same.length !== 1) continue;
    byKey.delete(k);
    byKey.set(same[0]!.key, o);
    warn('RECURRENCE-ID at local midnight matched to the only occurrence of that day', o.line);
  }
}

/** The instances of the master's recurrence set that can overlap the horizon. */
function generate(master: SourceEvent, t: Timing, env: ExpandEnv, extra: number, warn: (m: string) => void): Instance[] {
  const found = new Map<number, Instance>();
  const cap = env.maxPerSeries + extra + 1;
  let truncated = false;
  const add = (key: number, local: number, endUtc: number | null): void => {
    if (found.has(key)) return;
    if (found.size >= cap) {
      truncated = true;
      return;
    }
    found.set(key, { key, local, endUtc });
  };

  let inWindow: (key: number, endUtc: number | null) => boolean;
  let skipLocal: number;
  let endLocal: number;
  if (t.allDay) {
    inWindow = (d) => d < env.toDay && d + t.days > env.fromDay;
    skipLocal = (env.fromDay - t.days - 2) * DAY_MS;
    endLocal = (env.toDay + 1) * DAY_MS;
  } else {
    inWindow = (u, e) => {
      const end = e ?? endOf(t.zone, u, t.span);
      return u < env.toMs && (end > env.fromMs || (end === u && u >= env.fromMs));
    };
    // The wall-clock time of the earliest start that can still overlap, less 3 h for an offset
    // change in between (no zone has shifted by more).
    skipLocal = utcToLocal(t.zone, env.fromMs - maxSpanMs(t.span)) - 3 * 3_600_000;
    endLocal = env.toMs + 2 * DAY_MS;
  }

  // DTSTART is always the first instance.
  const startKey = t.allDay ? t.day : t.utc;
  if (inWindow(startKey, null)) add(startKey, t.allDay ? t.day * DAY_MS : t.local, null);

  const startLocal = t.allDay ? t.day * DAY_MS : t.local;
  const runRule = (rule: Rrule, sink: (key: number, local: number) => void, withStart: boolean): void => {
    // DTSTART is the first instance of every rule; the master adds it once on its own.
    if (withStart && inWindow(startKey, null)) sink(startKey, startLocal);
    let n = 1;
    const until = rule.until;
    const bounds = { endLocal, skipToLocal: rule.count === null ? skipLocal : null, budget: env.budget };
    for (const local of ruleCandidates(rule, startLocal, t.allDay, bounds)) {
      if (local === startLocal) continue;
      if (rule.count !== null && ++n > rule.count) break;
      if (t.allDay) {
        const d = Math.floor(local / DAY_MS);
        if (until !== null) {
          if (until.kind === 'date' && d > until.day) break;
          if (until.kind === 'local' && d > Math.floor(until.localMs / DAY_MS)) break;
          // An instant UNTIL on a date series: the date's midnight in the calendar's zone must not pass it.
          if (until.kind === 'utc' && localToUtc(env.dateZone, local) > until.ms) break;
        }
        if (d >= env.toDay) break;
        if (inWindow(d, null)) sink(d, local);
      } else {
        // Instances well before the horizon only count towards COUNT: skip the zone lookup
        // unless an instant UNTIL might be near.
        if (local < skipLocal && (until === null || until.kind !== 'utc' || local < until.ms - 2 * DAY_MS)) {
          if (until !== null && until.kind === 'local' && local > until.localMs) break;
          if (until !== null && until.kind === 'date' && Math.floor(local / DAY_MS) > until.day) break;
          continue;
        }
        const u = localToUtc(t.zone, local);
        if (until !== null) {
          if (until.kind === 'utc' && u > until.ms) break;
          if (until.kind === 'local' && local > until.localMs) break;
          if (until.kind === 'date' && Math.floor(local / DAY_MS) > until.day) break;
        }
        if (u >= env.toMs) break;
        if (inWindow(u, null)) sink(u, local);
      }
      if (truncated) break;
    }
    if (env.budget.exhausted) warn('recurrence rule too expensive to expand completely; later occurrences may be missing');
  };

  for (const rule of master.rrules) {
    if (t.allDay && (rule.freq === 'HOURLY' || rule.freq === 'MINUTELY' || rule.freq === 'SECONDLY')) {
      warn(`RRULE FREQ=${rule.freq} cannot apply to an all-day event; ignored`);
      continue;
    }
    runRule(rule, (key, local) => add(key, local, null), false);
  }

  for (const rd of master.rdates) {
    if (t.allDay) {
      const d = dayOfTime(rd.time, env);
      if (inWindow(d, null)) add(d, d * DAY_MS, null);
      continue;
    }
    let u: number;
    if (rd.time.kind === 'date') {
      // A DATE in a timed series: that day at DTSTART's wall-clock time.
      u = localToUtc(t.zone, rd.time.day * DAY_MS + (((t.local % DAY_MS) + DAY_MS) % DAY_MS));
    } else u = instantOf(rd.time, env, t.zone);
    let endUtc: number | null = null;
    if (rd.end !== null) endUtc = Math.max(u, instantOf(rd.end, env, zoneOfTime(rd.time, env, t.zone)));
    else if (rd.duration !== null) endUtc = endOf(t.zone, u, { days: rd.duration.days, ms: rd.duration.ms } satisfies Span);
    if (inWindow(u, endUtc)) add(u, utcToLocal(t.zone, u), endUtc);
  }

  if (master.exrules.length > 0) {
    const out = new Set<number>();
    for (const rule of master.exrules) runRule(rule, (key) => out.add(key), true);
    for (const k of out) found.delete(k);
  }
  // Truncation needs no report here: more than maxPerSeries instances remain after exclusions,
  // so the caller reports the limit when it reaches it.
  return [...found.values()].sort((a, b) => a.key - b.key);
}
