/**
 * An independent expansion with ical.js, used to cross-check the corpus numbers of Kairos's
 * own engine. ical.js knows only the zones it is given, so VTIMEZONE blocks are registered for
 * every TZID a file uses: the file's own, or the tz database's (timezones-ical-library), with
 * Windows names mapped by windows-iana. Floating times are read as UTC, as Kairos is told to.
 */
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { findIana } from 'windows-iana';

export interface IcalJsCount {
  /** VEVENTs grouped by UID. */
  events: number;
  /** Occurrences overlapping the window (cancelled ones included, as Kairos keeps them). */
  occurrences: number;
  /** Start of each occurrence: `YYYY-MM-DDTHH:mm:ssZ`, or `YYYY-MM-DD` for all-day ones. */
  starts: string[];
  /** UID and RECURRENCE-ID of overrides that match no instance ical.js generates (it drops them). */
  orphanOverrides: string[];
  /** Busy FREEBUSY periods of VFREEBUSY components in the window. */
  freeBusyPeriods: number;
  /** Each occurrence's start (as in `starts`, unsorted) with the status properties of the component it comes from. */
  marks: IcalJsMark[];
}

export interface IcalJsMark {
  start: string;
  /** X-MICROSOFT-CDO-BUSYSTATUS, TRANSP and STATUS as written (upper-cased), or null. */
  busyStatus: string | null;
  transp: string | null;
  status: string | null;
}

type Component = InstanceType<typeof ICAL.Component>;

function cleanName(raw: string): string {
  return raw.replace(/[\u0000-\u001f]/g, '').replace(/^"|"$/g, '').trim();
}

function registerZones(cal: Component): void {
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    const id = vtz.getFirstPropertyValue('tzid');
    if (typeof id !== 'string' || id === '') continue;
    try {
      ICAL.TimezoneService.register(vtz);
    } catch {
      // A block ical.js cannot read; the tz database below may still cover the name.
    }
  }
  const used = new Set<string>();
  for (const ev of cal.getAllSubcomponents('vevent')) {
    for (const p of ev.getAllProperties()) {
      const tz = p.getParameter('tzid');
      if (typeof tz === 'string') used.add(tz);
    }
  }
  for (const name of used) {
    if (ICAL.TimezoneService.has(name)) continue;
    const clean = cleanName(name);
    const candidates = [clean, findIana(clean)[0] ?? ''];
    for (const iana of candidates) {
      if (iana === '') continue;
      const block = tzlib_get_ical_block(iana);
      const text = Array.isArray(block) ? block[0] : undefined;
      if (typeof text !== 'string' || !text.includes('BEGIN:VTIMEZONE')) continue;
      const comp = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`));
      const vtz = comp.getFirstSubcomponent('vtimezone');
      if (vtz === null) continue;
      ICAL.TimezoneService.register(new ICAL.Timezone({ component: vtz, tzid: name }), name);
      break;
    }
  }
}

/**
 * Counts the occurrences of a calendar in `[fromMs, toMs)` with ical.js's own recurrence
 * iterator (at most `maxPerSeries` instances looked at per series).
 */
export function countWithIcalJs(text: string, fromMs: number, toMs: number, maxPerSeries = 200_000): IcalJsCount {
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(text));
  registerZones(cal);
  const groups = new Map<string, { master: Component | null; overrides: Component[] }>();
  let anon = 0;
  for (const ev of cal.getAllSubcomponents('vevent')) {
    const uidValue = ev.getFirstPropertyValue('uid');
    const uid = typeof uidValue === 'string' && uidValue !== '' ? uidValue : `anon-${anon++}`;
    const g = groups.get(uid) ?? { master: null, overrides: [] };
    groups.set(uid, g);
    if (ev.hasProperty('recurrence-id')) g.overrides.push(ev);
    else g.master = ev;
  }
  const overlaps = (s: number, e: number): boolean => s < toMs && (e > fromMs || (e === s && s >= fromMs));
  const starts: string[] = [];
  const orphanOverrides: string[] = [];
  type Time = InstanceType<typeof ICAL.Time>;
  const marks: IcalJsMark[] = [];
  const upper = (c: Component, name: string): string | null => {
    const v = c.getFirstPropertyValue(name);
    return typeof v === 'string' ? v.trim().toUpperCase() : null;
  };
  const take = (start: Time, end: Time, from: Component): void => {
    const s = start.toUnixTime() * 1000;
    if (!overlaps(s, end.toUnixTime() * 1000)) return;
    const text = start.isDate ? start.toString() : new Date(s).toISOString().replace('.000Z', 'Z');
    starts.push(text);
    marks.push({ start: text, busyStatus: upper(from, 'x-microsoft-cdo-busystatus'), transp: upper(from, 'transp'), status: upper(from, 'status') });
  };
  for (const g of groups.values()) {
    if (g.master === null) {
      for (const o of g.overrides) {
        const e = new ICAL.Event(o);
        take(e.startDate, e.endDate, o);
      }
      continue;
    }
    // Given no `exceptions`, ical.js relates every RECURRENCE-ID component of the whole file to
    // the master, whatever its UID; passing the group's own keeps other series' overrides out.
    const event = new ICAL.Event(g.master, { exceptions: g.overrides });
    if (!event.isRecurring()) {
      take(event.startDate, event.endDate, g.master);
      continue;
    }
    const it = event.iterator();
    const seen = new Set<number>();
    for (let n = 0; n < maxPerSeries; n++) {
      const raw: unknown = it.next();
      if (raw === null || raw === undefined) break;
      // An RDATE period comes out as a Period; its start is the instance.
      const next = (raw instanceof ICAL.Period ? raw.start : raw) as Time;
      if (next.toUnixTime() * 1000 >= toMs + 366 * 86_400_000) break;
      seen.add(next.toUnixTime());
      const d = event.getOccurrenceDetails(next);
      take(d.startDate, d.endDate, d.item.component);
    }
    for (const o of g.overrides) {
      const rid = o.getFirstPropertyValue('recurrence-id') as Time | null;
      if (rid !== null && !seen.has(rid.toUnixTime())) orphanOverrides.push(`${String(o.getFirstPropertyValue('uid'))} ${rid.toString()}`);
    }
  }
  let freeBusyPeriods = 0;
  for (const fb of cal.getAllSubcomponents('vfreebusy')) {
    for (const p of fb.getAllProperties('freebusy')) {
      const type = String(p.getParameter('fbtype') ?? 'BUSY').toUpperCase();
      if (type === 'FREE') continue;
      for (const v of p.getValues()) {
        const period = v as InstanceType<typeof ICAL.Period>;
        const s = period.start.toUnixTime() * 1000;
        const e = period.getEnd().toUnixTime() * 1000;
        if (s < toMs && e > fromMs) freeBusyPeriods++;
      }
    }
  }
  return { events: groups.size, occurrences: starts.length, starts: starts.sort(), orphanOverrides, freeBusyPeriods, marks };
}
