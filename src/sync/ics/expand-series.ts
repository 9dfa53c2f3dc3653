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
import type { ImportedContent } from '../../core/index.js';
import { buildContent } from './build-content.js';
import { DAY_MS } from './calendar-math.js';
import { dayOfTime, endOf, instantOf, timingOf, zoneOfTime, type Timing, type ZoneEnv } from './component-timing.js';
import type { ExpandEnv } from './expand-env.js';
import { generateInstances, rekeyMidnightOverrides } from './generate-instances.js';
import type { IcsTime } from './ics-time.js';
import type { Rrule } from './parse-rrule.js';
import type { SourceEvent, SourceFields } from './read-vevent.js';
import { localToUtc, utcToLocal, type Zone } from './zone.js';

export type { ExpandEnv } from './expand-env.js';

/** Wire Dates are limited to these years. */
const MIN_DAY = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
const MAX_DAY = Math.floor(Date.UTC(2199, 11, 31) / DAY_MS);
const MIN_MS = Date.UTC(1900, 0, 1);
/** Timed occurrences end before 2200 (the end is a Time too). */
const END_MS = Date.UTC(2200, 0, 1);
/** endIfInside's answer for an occurrence that overlaps the horizon but lies outside the years a date can have. */
const OUT_OF_YEARS = Number.NEGATIVE_INFINITY;
const OUT_OF_YEARS_REASON = 'an occurrence lies outside the years 1900–2199 (an absurd DTEND or DURATION?); not imported';

/** The zone stored with occurrences of timing `t`: all-day ones take the calendar's date zone. */
function tzidOfTiming(t: Timing, env: ZoneEnv): string {
  const zone = t.allDay ? env.dateZone : t.zone;
  return zone.iana ?? env.zones.floating.iana ?? 'Etc/UTC';
}

/**
 * The end of an occurrence of timing `t` that starts at `start` (a day for all-day timings, an
 * instant otherwise), as epoch ms (all-day: the UTC midnight after its last day); NaN when it
 * lies outside the horizon, and OUT_OF_YEARS when it overlaps the horizon but starts before
 * 1900 or ends after 2199, which no protocol Date or Time can say.
 */
function endIfInside(t: Timing, env: ExpandEnv, start: number, explicitEnd: number | null): number {
  if (t.allDay) {
    const endDay = start + t.days;
    if (!(start < env.toDay && endDay > env.fromDay)) {
      if (start >= MIN_DAY && endDay <= MAX_DAY) env.cover?.(start * DAY_MS, endDay * DAY_MS);
      return Number.NaN;
    }
    if (start < MIN_DAY || endDay > MAX_DAY) return OUT_OF_YEARS;
    env.cover?.(start * DAY_MS, endDay * DAY_MS);
    return endDay * DAY_MS;
  }
  const end = Math.max(start, explicitEnd ?? endOf(t.zone, start, t.span));
  const years = start >= MIN_MS && end < END_MS;
  if (years) env.cover?.(start, end);
  if (!(start < env.toMs && (end > env.fromMs || (end === start && start >= env.fromMs)))) return Number.NaN;
  return years ? end : OUT_OF_YEARS;
}

/**
 * Where a series' own instances lie (its overrides report their own): from DTSTART, or an
 * earlier RDATE, to the end of an instance starting at its last UNTIL or RDATE, or at the
 * last instance of a rule that expansion counted to the end of its COUNT (`countEnds`, local
 * times); no end when a rule has neither.
 */
function coverSeries(master: SourceEvent, t: Timing, env: ExpandEnv, cover: (fromMs: number, toMs: number | null) => void, countEnds: ReadonlyMap<Rrule, number>): void {
  const endAt = (startUtc: number): number => (t.allDay ? startUtc + t.days * DAY_MS : endOf(t.zone, startUtc, t.span));
  let from = t.allDay ? t.day * DAY_MS : t.utc;
  let to: number | null = endAt(from);
  for (const rule of master.rrules) {
    const u = rule.until;
    const counted = countEnds.get(rule);
    if (u === null && counted !== undefined && to !== null) {
      to = Math.max(to, endAt(t.allDay ? counted : localToUtc(t.zone, counted)));
      continue;
    }
    if (u === null) to = null;
    if (u === null || to === null) continue;
    // The latest start the UNTIL allows: a date (or an all-day series) lets its whole day start.
    const last = t.allDay ? dayOfTime(u, env) * DAY_MS : u.kind === 'date' ? localToUtc(t.zone, (u.day + 1) * DAY_MS) : instantOf(u, env, t.zone);
    to = Math.max(to, endAt(last));
  }
  for (const rd of master.rdates) {
    const start = t.allDay ? dayOfTime(rd.time, env) * DAY_MS : instantOf(rd.time, env, t.zone);
    from = Math.min(from, start);
    if (to === null) continue;
    let end = endAt(start);
    if (!t.allDay && rd.end !== null) end = Math.max(start, instantOf(rd.end, env, zoneOfTime(rd.time, env, t.zone)));
    else if (!t.allDay && rd.duration !== null) end = endOf(t.zone, start, { days: rd.duration.days, ms: rd.duration.ms });
    to = Math.max(to, end);
  }
  cover(from, to);
}

/**
 * The one occurrence of a lone event (no RRULE, RDATE or overrides), if it overlaps the
 * horizon. Kept apart from series, without their set-up: most events of a large calendar are
 * lone.
 */
function expandLone(ev: SourceEvent, env: ExpandEnv): void {
  const t = timingOf(ev, env, null, (m) => env.warn({ uid: ev.uid, line: ev.line, reason: m }));
  const start = t.allDay ? t.day : t.utc;
  const endMs = endIfInside(t, env, start, null);
  if (Number.isNaN(endMs)) return;
  if (endMs === OUT_OF_YEARS) {
    env.skip({ uid: ev.uid, line: ev.line, reason: OUT_OF_YEARS_REASON });
    return;
  }
  if (env.maxPerSeries <= 0) {
    env.skip({ uid: ev.uid, line: ev.line, reason: `more than ${env.maxPerSeries} occurrences in the horizon; the later ones were not imported` });
    return;
  }
  const content = buildContent(ev.fields, tzidOfTiming(t, env), false, env.accountEmails);
  env.emit({ sourceKey: env.keys.lone(ev.uid), content, allDay: t.allDay, startMs: t.allDay ? start * DAY_MS : start, endMs });
}

/**
 * Expands one UID group into `env.emit` calls.
 *
 * @example expandGroup(master, [moved], env) // emits every occurrence of the series in the horizon
 */
export function expandGroup(master: SourceEvent | null, overrides: readonly SourceEvent[], env: ExpandEnv): void {
  if (master !== null && overrides.length === 0 && master.rrules.length === 0 && master.rdates.length === 0) {
    expandLone(master, env);
    return;
  }
  const head = master ?? overrides[0];
  if (head === undefined) return;
  const uid = head.uid;
  const warn = (reason: string, line?: number): void => env.warn({ uid, line: line ?? head.line, reason });

  // Everything here is a series (a rule, RDATEs or overrides), so its occurrences are recurring.
  const masterTiming = master === null ? null : timingOf(master, env, null, (m) => warn(m));
  let emitted = 0;
  let stopped = false;
  let outOfYears = false;
  // Content is built when a first occurrence needs it: a series with no instance in the
  // horizon costs none.
  const push = (content: () => ImportedContent, t: Timing, start: number, explicitEnd: number | null, key: string): void => {
    // Where the occurrence lies is told to env.cover even once the series is cut short.
    const endMs = endIfInside(t, env, start, explicitEnd);
    if (stopped || Number.isNaN(endMs)) return;
    if (endMs === OUT_OF_YEARS) {
      if (!outOfYears) env.skip({ uid, line: head.line, reason: OUT_OF_YEARS_REASON });
      outOfYears = true;
      return;
    }
    if (emitted >= env.maxPerSeries) {
      stopped = true;
      env.skip({ uid, line: head.line, reason: `more than ${env.maxPerSeries} occurrences in the horizon; the later ones were not imported` });
      return;
    }
    emitted++;
    const occurrence = t.allDay ? { sourceKey: key, content: content(), allDay: true, startMs: start * DAY_MS, endMs } : { sourceKey: key, content: content(), allDay: false, startMs: start, endMs };
    if (!env.emit(occurrence)) stopped = true;
  };
  // Every generated instance of the master shares one content object.
  let masterContent: ImportedContent | null = null;
  const contentOfMaster = (): ImportedContent => (masterContent ??= buildContent(master!.fields, tzidOfTiming(masterTiming!, env), true, env.accountEmails));

  // The series' terms: all-day (keys are days) or timed (keys are instants, read in `zone`).
  const allDay = masterTiming !== null ? masterTiming.allDay : overrides[0]!.recurrenceId?.kind === 'date';
  const seriesZone: Zone = masterTiming !== null && !masterTiming.allDay ? masterTiming.zone : env.zones.floating;
  const keyOf = (t: IcsTime): number | null => {
    if (allDay) return dayOfTime(t, env);
    if (t.kind === 'date') return null;
    return instantOf(t, env, seriesZone);
  };
  const keys = env.keys;
  const prefix = keys.prefix(uid);
  const keyText = (key: number): string => (allDay ? keys.dateKey(prefix, key) : keys.utcKey(prefix, key));

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
  for (const o of overrides) {
    // Grouping puts only components with a RECURRENCE-ID here.
    const rid = o.recurrenceId!;
    const k = keyOf(rid);
    if (k === null) {
      // A DATE id on a timed series: the instance of that day.
      const day = rid.kind === 'date' ? rid.day : 0;
      const prev = byDay.get(day);
      if (prev !== undefined) env.skip({ uid, line: prev.sequence > o.sequence ? o.line : prev.line, reason: 'duplicate RECURRENCE-ID; the higher SEQUENCE was kept' });
      if (prev === undefined || o.sequence >= prev.sequence) byDay.set(day, o);
      continue;
    }
    const prev = byKey.get(k);
    if (prev !== undefined) env.skip({ uid, line: prev.sequence > o.sequence ? o.line : prev.line, reason: 'duplicate RECURRENCE-ID; the higher SEQUENCE was kept' });
    if (prev === undefined || o.sequence >= prev.sequence) byKey.set(k, o);
  }

  // Generated instances inside the horizon.
  if (master !== null && masterTiming !== null) {
    const countEnds = new Map<Rrule, number>();
    const instances = generateInstances(master, masterTiming, env, exKeys.size + exDays.size + byKey.size + byDay.size, (m) => warn(m), countEnds);
    if (env.cover !== undefined) coverSeries(master, masterTiming, env, env.cover, countEnds);
    if (!allDay) rekeyMidnightOverrides(instances, byKey, (m, line) => warn(m, line));
    for (const inst of instances) {
      if (excluded(inst.key, inst.local)) continue;
      if (byKey.has(inst.key)) continue;
      if (!allDay && byDay.has(Math.floor(inst.local / DAY_MS))) continue;
      push(contentOfMaster, masterTiming, inst.key, inst.endUtc, keyText(inst.key));
    }
  }

  // Overrides, each with its own timing (a length it does not state comes from the series).
  const emitOverride = (o: SourceEvent, key: string): void => {
    const fields: SourceFields = master === null ? o.fields : { ...master.fields, ...o.fields };
    const t = timingOf(o, env, masterTiming, (m) => warn(m, o.line));
    push(() => buildContent(fields, tzidOfTiming(t, env), true, env.accountEmails), t, t.allDay ? t.day : t.utc, null, key);
  };
  for (const [k, o] of byKey) {
    const ridLocal = o.recurrenceId !== null && o.recurrenceId.kind === 'local' ? o.recurrenceId.localMs : utcToLocal(seriesZone, k);
    if (excluded(k, allDay ? k * DAY_MS : ridLocal)) continue;
    emitOverride(o, keyText(k));
  }
  for (const [day, o] of byDay) {
    if (exDays.has(day)) continue;
    emitOverride(o, keys.dateKey(prefix, day));
  }
}
