/**
 * When a component happens: all-day (a first day and a length in days) or timed (a zone, a
 * wall-clock start, its instant, and a duration). Also the rules for reading other date values
 * (RECURRENCE-ID, EXDATE, RDATE, UNTIL) in a series' terms.
 */
import { DAY_MS } from './calendar-math.js';
import type { IcsDuration, IcsTime } from './ics-time.js';
import type { SourceEvent } from './read-vevent.js';
import type { ZoneResolver } from './resolve-zone.js';
import { localToUtc, utcToLocal, type Zone } from './zone.js';

/** How long each occurrence lasts: an exact span (from DTEND) or a nominal one (DURATION). */
export type Span = { exactMs: number } | { days: number; ms: number };

export type Timing =
  | { allDay: true; day: number; days: number }
  | { allDay: false; zone: Zone; local: number; utc: number; span: Span };

export interface ZoneEnv {
  zones: ZoneResolver;
  utc: Zone;
  /** Zone in which an instant given for a DATE-based value (all-day series) is read as a date. */
  dateZone: Zone;
}

/** The zone a value is written in; floating values take `floatingAs`. */
export function zoneOfTime(t: IcsTime, env: ZoneEnv, floatingAs: Zone): Zone {
  if (t.kind === 'utc') return env.utc;
  if (t.kind === 'local' && t.tzid !== null) return env.zones.zone(t.tzid);
  return floatingAs;
}

/** The instant of a date or date-time value (a DATE means its midnight in `floatingAs`). */
export function instantOf(t: IcsTime, env: ZoneEnv, floatingAs: Zone): number {
  if (t.kind === 'utc') return t.ms;
  if (t.kind === 'date') return localToUtc(floatingAs, t.day * DAY_MS);
  return localToUtc(zoneOfTime(t, env, floatingAs), t.localMs);
}

/** The calendar date a value names: its own date, or for an instant the date in `env.dateZone`. */
export function dayOfTime(t: IcsTime, env: ZoneEnv): number {
  if (t.kind === 'date') return t.day;
  if (t.kind === 'local') return Math.floor(t.localMs / DAY_MS);
  return Math.floor(utcToLocal(env.dateZone, t.ms) / DAY_MS);
}

/** End instant of an occurrence that starts at `startUtc` in `zone`. */
export function endOf(zone: Zone, startUtc: number, span: Span): number {
  if ('exactMs' in span) return startUtc + span.exactMs;
  if (span.days === 0) return startUtc + span.ms;
  return localToUtc(zone, utcToLocal(zone, startUtc) + span.days * DAY_MS) + span.ms;
}

/** Upper bound of a span's length, for looking back from the horizon. */
export function maxSpanMs(span: Span): number {
  return 'exactMs' in span ? span.exactMs : span.days * DAY_MS + span.ms + DAY_MS;
}

function daysOfDuration(d: IcsDuration): number {
  return d.days + Math.ceil(Math.max(0, d.ms) / DAY_MS);
}

/** Absent, or a local midnight: what an Exchange all-day event's DTSTART and DTEND are. */
function isMidnight(t: IcsTime | null): boolean {
  return t === null || (t.kind === 'local' && t.localMs % DAY_MS === 0);
}

/**
 * The timing of a component. `inherited` is the series' length, used by an override that states
 * neither DTEND nor DURATION.
 */
export function timingOf(ev: SourceEvent, env: ZoneEnv, inherited: Timing | null, warn: (m: string) => void): Timing {
  const s = ev.start;
  const end = ev.end;
  // Exchange writes some all-day events as local midnights flagged X-MICROSOFT-CDO-ALLDAYEVENT.
  if (s.kind === 'date' || (ev.allDayHint && s.kind === 'local' && isMidnight(s) && isMidnight(end))) {
    const day = s.kind === 'date' ? s.day : Math.floor((s as { localMs: number }).localMs / DAY_MS);
    let days: number;
    if (end !== null) {
      const endDay = dayOfTime(end, env);
      const partial = end.kind === 'local' ? end.localMs % DAY_MS !== 0 : end.kind === 'utc' ? utcToLocal(env.dateZone, end.ms) % DAY_MS !== 0 : false;
      days = endDay - day + (partial ? 1 : 0);
    } else if (ev.duration !== null) days = daysOfDuration(ev.duration);
    else if (inherited !== null) days = inherited.allDay ? inherited.days : Math.max(1, Math.ceil(maxSpanMs(inherited.span) / DAY_MS));
    else days = 1;
    if (days < 1) {
      if (end !== null || ev.duration !== null) warn('all-day event ends before it starts; read as one day');
      days = 1;
    }
    return { allDay: true, day, days };
  }
  const zone = zoneOfTime(s, env, env.zones.floating);
  const local = s.kind === 'utc' ? s.ms : s.localMs;
  const utc = s.kind === 'utc' ? s.ms : localToUtc(zone, local);
  let span: Span;
  if (end !== null) {
    const endUtc = instantOf(end, env, zone);
    span = { exactMs: endUtc - utc };
    if (endUtc < utc) {
      warn('DTEND is before DTSTART; read as zero length');
      span = { exactMs: 0 };
    }
  } else if (ev.duration !== null) {
    span = { days: ev.duration.days, ms: ev.duration.ms };
    if (ev.duration.days * DAY_MS + ev.duration.ms < 0) {
      warn('negative DURATION; read as zero length');
      span = { exactMs: 0 };
    }
  } else if (inherited !== null) {
    span = inherited.allDay ? { days: inherited.days, ms: 0 } : inherited.span;
  } else span = { exactMs: 0 };
  return { allDay: false, zone, local, utc, span };
}
