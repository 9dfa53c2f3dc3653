/**
 * The Agenda's data model (PROTOCOL §7.1): wire events and free/busy items become
 * {@link AgendaItem}s, and a day's items are split into the all-day section and timed rows,
 * with days bucketed in the display zone. Pure functions.
 */
import { addDays, dateInZone, dayBounds, parseDateOnly, parseWireTime } from '../lib/dates.js';
import { isObject } from '../lib/json.js';

/** An all-day bound (a calendar date, no zone) or an instant. */
export type Bound = { date: string } | { ms: number };

/** One row of the Agenda. */
export interface AgendaItem {
  /** `event_uid` for events, `<status>_<start>` for free/busy items. */
  key: string;
  kind: 'event' | 'free_busy';
  calendarId: string;
  /** For free/busy items: the `free_busy_status`. */
  summary: string;
  description: string;
  location: string;
  start: Bound;
  end: Bound;
  needsAction: boolean;
  transparent: boolean;
  /** The event's `status` is `cancelled` (imported cancelled occurrences read back). */
  cancelled: boolean;
  recurring: boolean;
  attendees: string[];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function bounds(start: unknown, end: unknown): [Bound, Bound] | null {
  const sd = parseDateOnly(start);
  const ed = parseDateOnly(end);
  if (sd !== null) return [{ date: start as string }, { date: ed !== null ? (end as string) : addDays(start as string, 1) }];
  const s = parseWireTime(start);
  const e = parseWireTime(end);
  if (s === null) return null;
  return [{ ms: s }, { ms: e !== null && e >= s ? e : s }];
}

/** A wire event (§5.6.1) as an item, or null when it is unusable or deleted. */
export function eventToItem(raw: unknown, index: number): AgendaItem | null {
  if (!isObject(raw) || raw.deleted === true) return null;
  const b = bounds(raw.start, raw.end);
  if (!b) return null;
  const attendees = Array.isArray(raw.attendees)
    ? raw.attendees.filter(isObject).map((a) => str(a.display_name) || str(a.email)).filter((n) => n !== '')
    : [];
  const location = isObject(raw.location) ? str(raw.location.description) : '';
  return {
    key: str(raw.event_uid) || `event_${index}`,
    kind: 'event',
    calendarId: str(raw.calendar_id),
    summary: str(raw.summary),
    description: str(raw.description),
    location,
    start: b[0],
    end: b[1],
    needsAction: raw.participation_status === 'needs_action',
    transparent: raw.transparency === 'transparent',
    cancelled: raw.status === 'cancelled',
    recurring: raw.recurring === true,
    attendees,
  };
}

/** A free/busy item (§5.6.2): `summary` is its status, the key `<status>_<start>`. */
export function freeBusyToItem(raw: unknown): AgendaItem | null {
  if (!isObject(raw)) return null;
  const b = bounds(raw.start, raw.end);
  if (!b) return null;
  const status = str(raw.free_busy_status) || 'busy';
  return {
    key: `${status}_${str(raw.start)}`,
    kind: 'free_busy',
    calendarId: str(raw.calendar_id),
    summary: status,
    description: '',
    location: '',
    start: b[0],
    end: b[1],
    needsAction: false,
    transparent: status === 'free',
    cancelled: false,
    recurring: false,
    attendees: [],
  };
}

/** Concatenates item lists, keeping the first item for each key. */
export function mergeItems(lists: ReadonlyArray<ReadonlyArray<AgendaItem | null>>): AgendaItem[] {
  const seen = new Map<string, AgendaItem>();
  for (const list of lists) for (const item of list) if (item && !seen.has(item.key)) seen.set(item.key, item);
  return [...seen.values()];
}

/** A calendar from userinfo, in userinfo order. */
export interface CalendarInfo {
  id: string;
  name: string;
  index: number;
}

/** Calendars of `userinfo['cronofy.data'].profiles[].profile_calendars[]`, in order. */
export function calendarsFrom(userinfo: unknown): Map<string, CalendarInfo> {
  const out = new Map<string, CalendarInfo>();
  const data = isObject(userinfo) ? userinfo['cronofy.data'] : undefined;
  const profiles = isObject(data) && Array.isArray(data.profiles) ? data.profiles : [];
  for (const p of profiles) {
    if (!isObject(p) || !Array.isArray(p.profile_calendars)) continue;
    for (const c of p.profile_calendars) {
      if (isObject(c) && typeof c.calendar_id === 'string' && !out.has(c.calendar_id)) {
        out.set(c.calendar_id, { id: c.calendar_id, name: str(c.calendar_name), index: out.size });
      }
    }
  }
  return out;
}

/** The request window for active date D: `[D − 7, D + 8)` as dates. */
export function requestWindow(date: string): { from: string; to: string } {
  return { from: addDays(date, -7), to: addDays(date, 8) };
}

/** True when `date` lies in `[from, to)`. */
export function inWindow(date: string, w: { from: string; to: string } | null): boolean {
  return w !== null && date >= w.from && date < w.to;
}

/** One day of the Agenda. */
export interface DayBuckets {
  /** Date-bounded events covering the day, then timed events spanning several days. */
  allDay: AgendaItem[];
  /** Timed events within the day, in start order. */
  timed: AgendaItem[];
}

function ms(b: Bound): number {
  return 'ms' in b ? b.ms : 0;
}

/**
 * Splits the items that touch calendar date `date` in zone `tz`. Date bounds are compared as
 * dates (the end is exclusive), never as instants, so all-day events stay on their dates in
 * every zone. Timed days are `[00:00, next 00:00)` in `tz`, 23 or 25 hours long on DST days.
 *
 * @example bucketDay(items, '2026-03-08', 'America/New_York')
 */
export function bucketDay(items: readonly AgendaItem[], date: string, tz: string): DayBuckets {
  const [dayStart, dayEnd] = dayBounds(date, tz);
  const dated: AgendaItem[] = [];
  const spanning: AgendaItem[] = [];
  const timed: AgendaItem[] = [];
  for (const item of items) {
    if ('date' in item.start && 'date' in item.end) {
      const last = item.end.date > item.start.date ? item.end.date : addDays(item.start.date, 1);
      if (item.start.date <= date && date < last) dated.push(item);
      continue;
    }
    const s = ms(item.start);
    const e = ms(item.end);
    const touches = e > s ? s < dayEnd && e > dayStart : s >= dayStart && s < dayEnd;
    if (!touches) continue;
    const multiDay = e > s && dateInZone(s, tz) !== dateInZone(e - 1, tz);
    (multiDay ? spanning : timed).push(item);
  }
  const byText = (a: AgendaItem, b: AgendaItem): number => (a.summary < b.summary ? -1 : a.summary > b.summary ? 1 : 0);
  dated.sort((a, b) => ('date' in a.start && 'date' in b.start && a.start.date !== b.start.date ? (a.start.date < b.start.date ? -1 : 1) : byText(a, b)));
  const byTime = (a: AgendaItem, b: AgendaItem): number => ms(a.start) - ms(b.start) || ms(a.end) - ms(b.end) || byText(a, b);
  spanning.sort(byTime);
  timed.sort(byTime);
  return { allDay: [...dated, ...spanning], timed };
}
