/**
 * The instances a master component generates inside the horizon: DTSTART, its RRULEs (COUNT
 * and UNTIL applied, read in the series' zone), its RDATEs, less its EXRULEs. EXDATE and
 * overrides are applied by the caller (expand-series.ts).
 */
import { DAY_MS } from './calendar-math.js';
import { dayOfTime, endOf, instantOf, maxSpanMs, zoneOfTime, type Span, type Timing } from './component-timing.js';
import type { ExpandEnv } from './expand-env.js';
import type { Rrule } from './parse-rrule.js';
import type { SourceEvent } from './read-vevent.js';
import { ruleCandidates } from './rrule-candidates.js';
import { localToUtc, utcToLocal } from './zone.js';

export interface Instance {
  /** UTC ms (timed) or day (all-day): the recurrence id. */
  key: number;
  /** Wall-clock start (timed). */
  local: number;
  /** Explicit end from an RDATE period, else null. */
  endUtc: number | null;
}

/**
 * Exchange sometimes names an occurrence of a timed series by the local midnight of its day
 * (`RECURRENCE-ID;TZID=…:20210414T000000` for a 08:00 instance). An override whose id matches
 * no instance but is such a midnight takes the one instance of that day, if there is exactly one
 * that nothing else overrides; otherwise it stays a separate occurrence.
 */
export function rekeyMidnightOverrides(instances: Instance[], byKey: Map<number, SourceEvent>, warn: (m: string, line: number) => void): void {
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

/**
 * The instances of the master's recurrence set that can overlap the horizon, ascending by key.
 * At most `maxPerSeries + extra + 1` are collected: enough for the caller to notice the limit
 * after exclusions and overrides take their share. `countEnds`, when given, receives the
 * local time of the last instance of each rule that ran to the end of its COUNT.
 *
 * @example generateInstances(master, timingOf(master, env, null, warn), env, 0, warn) // [{ key, local, endUtc }, …]
 */
export function generateInstances(master: SourceEvent, t: Timing, env: ExpandEnv, extra: number, warn: (m: string) => void, countEnds?: Map<Rrule, number>): Instance[] {
  // Instances by key, the first found of each kept. Keys mostly arrive in ascending order
  // (DTSTART, then one rule's instances), so a key above the last needs no lookup and the list
  // no sort; a set of keys is made only when one arrives out of order.
  const found: Instance[] = [];
  let seen: Set<number> | null = null;
  let lastKey = -Infinity;
  const cap = env.maxPerSeries + extra + 1;
  let truncated = false;
  const add = (key: number, local: number, endUtc: number | null): void => {
    if (key > lastKey) lastKey = key;
    else {
      if (seen === null) {
        seen = new Set<number>();
        for (const i of found) seen.add(i.key);
      }
      if (seen.has(key)) return;
    }
    if (found.length >= cap) {
      truncated = true;
      return;
    }
    seen?.add(key);
    found.push({ key, local, endUtc });
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
    let lastCounted = startLocal;
    const until = rule.until;
    const bounds = { endLocal, skipToLocal: rule.count === null ? skipLocal : null, budget: env.budget };
    for (const local of ruleCandidates(rule, startLocal, t.allDay, bounds)) {
      if (local === startLocal) continue;
      if (rule.count !== null && ++n > rule.count) {
        // The rule ended by its COUNT here: its last instance is known, wherever it lies.
        countEnds?.set(rule, lastCounted);
        break;
      }
      lastCounted = local;
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

  let instances = found;
  if (master.exrules.length > 0) {
    const out = new Set<number>();
    for (const rule of master.exrules) runRule(rule, (key) => out.add(key), true);
    if (out.size > 0) instances = found.filter((i) => !out.has(i.key));
  }
  // Truncation needs no report here: more than maxPerSeries instances remain after exclusions,
  // so the caller reports the limit when it reaches it.
  return seen === null ? instances : instances.sort((a, b) => a.key - b.key);
}
