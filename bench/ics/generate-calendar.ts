/**
 * A deterministic iCalendar export for the import benchmark, shaped like a busy work calendar
 * from a large provider: VTIMEZONE blocks (IANA and Windows ids), lone timed events in several
 * zones and in UTC, all-day items, daily/weekly/monthly/yearly series with BYDAY, INTERVAL,
 * COUNT, UNTIL and EXDATE, RECURRENCE-ID overrides (moved and cancelled), attendees, alarms,
 * long descriptions with escapes and non-ASCII text, and lines folded at 75 octets.
 *
 * Every EXDATE and RECURRENCE-ID names an instance the rule really generates (instances are
 * computed here on wall-clock dates), so the file has no orphans and nothing is skipped.
 *
 * @example
 *   const cal = generateCalendar({ components: 10_000, seed: 20260301, now: Date.UTC(2026, 2, 1) });
 *   cal.text.length; // about 8 M characters
 */
import { seededRandom } from '../../test/helpers/seeded-random.js';

export interface GenerateOptions {
  /** VEVENT components in the file: lone events, series masters and overrides together. */
  components: number;
  seed: number;
  /** Epoch ms the calendar is centred on (the import's `now`). */
  now: number;
}

export interface GeneratedCalendar {
  text: string;
  /** VEVENT components of each kind; they add up to `components`. */
  counts: { lone: number; allDay: number; series: number; moved: number; cancelled: number };
  /** The address that appears as an attendee or organiser (the account's own). */
  accountEmail: string;
}

const DAY_MS = 86_400_000;
const ACCOUNT_EMAIL = 'me@example.com';

/** Zones used by the events; each gets a VTIMEZONE block as producers write them. */
const ZONES: { tzid: string; weight: number; block: string[] }[] = [
  {
    tzid: 'Europe/Berlin',
    weight: 4,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'X-LIC-LOCATION:Europe/Berlin',
      'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
      'END:VTIMEZONE',
    ],
  },
  {
    tzid: 'America/New_York',
    weight: 3,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:America/New_York', 'X-LIC-LOCATION:America/New_York',
      'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'TZNAME:EDT', 'DTSTART:19700308T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'TZNAME:EST', 'DTSTART:19701101T020000', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'END:STANDARD',
      'END:VTIMEZONE',
    ],
  },
  {
    // Exchange and Outlook write Windows ids with their own rule snapshot.
    tzid: 'Pacific Standard Time',
    weight: 1,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:Pacific Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0700', 'TZOFFSETTO:-0800', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0800', 'TZOFFSETTO:-0700', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ],
  },
  {
    tzid: 'Europe/London',
    weight: 2,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:Europe/London', 'X-LIC-LOCATION:Europe/London',
      'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST', 'DTSTART:19700329T010000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT', 'DTSTART:19701025T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
      'END:VTIMEZONE',
    ],
  },
  {
    tzid: 'Asia/Kolkata',
    weight: 1,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:Asia/Kolkata', 'X-LIC-LOCATION:Asia/Kolkata',
      'BEGIN:STANDARD', 'TZOFFSETFROM:+0530', 'TZOFFSETTO:+0530', 'TZNAME:IST', 'DTSTART:19700101T000000', 'END:STANDARD',
      'END:VTIMEZONE',
    ],
  },
  {
    tzid: 'Australia/Sydney',
    weight: 1,
    block: [
      'BEGIN:VTIMEZONE', 'TZID:Australia/Sydney', 'X-LIC-LOCATION:Australia/Sydney',
      'BEGIN:STANDARD', 'TZOFFSETFROM:+1100', 'TZOFFSETTO:+1000', 'TZNAME:AEST', 'DTSTART:19700405T030000', 'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+1000', 'TZOFFSETTO:+1100', 'TZNAME:AEDT', 'DTSTART:19701004T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ],
  },
];

const TOPICS = [
  'Quarterly planning', 'Design review', 'Customer call', 'Interview', 'Budget sync', 'Sprint retro', 'Roadmap',
  'Release readiness', 'Hiring committee', 'Vendor demo', 'Security review', 'Architecture forum', 'All hands',
  'Onboarding', 'Incident review', 'Board prep', 'Coffee chat', 'Lunch & learn', 'Partner workshop', 'Offsite logistics',
];
const TEAMS = ['Platform', 'Payments', 'Mobile', 'Growth', 'Data', 'Support', 'Marketing', 'Legal', 'Finance', 'Zürich office', 'Équipe Paris', 'München'];
const PLACES = [
  'Room 4.12 "Ada"', 'Main Street 1, 10115 Berlin', 'Café Müller, Königstraße 5', 'Zoom', 'Microsoft Teams Meeting',
  'HQ; Floor 3; Room Everest', 'Conference room 会議室 A', 'São Paulo office, Av. Paulista 1000', '', '',
];
const SENTENCES = [
  'Please review the attached document before the meeting.',
  'Agenda: status, risks, decisions, next steps.',
  'We will go through the open items from last week, one by one.',
  'Bring your numbers for Q3; we need them for the forecast.',
  'If you cannot attend, add your notes to the shared doc, please.',
  'Dial-in details are below; the room has a camera.',
  'Goal: agree on scope, owners and dates.',
  'Notes from the previous session: the rollout is on hold until the audit is done.',
  'Für Rückfragen bitte direkt an das Team wenden.',
  'Merci de confirmer votre présence avant vendredi.',
  'Snacks provided 🍕 — let us know about dietary needs.',
  'This is a recurring slot; move it rather than cancel it, please.',
];
const PEOPLE = ['Alice Martin', 'Bob Chen', 'Chloé Dubois', 'Daniel Okafor', 'Eva Schäfer', 'Farid Haddad', 'Grace Kim', 'Hiroshi Tanaka', 'Ingrid Larsen', 'José García'];
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

/** Octets of one code point in UTF-8. */
function utf8Length(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets without cutting a UTF-8 sequence (RFC 5545 §3.1). */
function fold(line: string): string {
  if (line.length <= 25) return line;
  let out = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (octets + n > limit) {
      out += '\r\n ';
      octets = 0;
      limit = 74;
    }
    out += ch;
    octets += n;
  }
  return out;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Wall-clock value of `local` (a UTC-based carrier of the local date and time). */
function localText(local: number): string {
  const d = new Date(local);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
}

function dateText(local: number): string {
  return localText(local).slice(0, 8);
}

function utcStamp(ms: number): string {
  return localText(ms) + 'Z';
}

/** `DTSTART;TZID=…:…` / `DTSTART:…Z` / `DTSTART;VALUE=DATE:…` for a wall-clock value. */
function timeProp(name: string, local: number, tzid: string | null, allDay: boolean): string {
  if (allDay) return `${name};VALUE=DATE:${dateText(local)}`;
  if (tzid === null) return `${name}:${localText(local)}Z`;
  return `${name};TZID=${tzid}:${localText(local)}`;
}

type Rule =
  | { freq: 'DAILY'; interval: number; weekdaysOnly: boolean }
  | { freq: 'WEEKLY'; interval: number; days: number[] }
  | { freq: 'MONTHLY'; kind: 'nth'; nth: number; weekday: number }
  | { freq: 'MONTHLY'; kind: 'monthday'; day: number }
  | { freq: 'YEARLY' };

/** The n-th (1..4, or -1 for last) `weekday` of a month, as a UTC-carrier day at midnight. */
function nthWeekday(year: number, month: number, nth: number, weekday: number): number {
  if (nth > 0) {
    const first = Date.UTC(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + (nth - 1) * 7) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY_MS;
}

/** The first `n` wall-clock instances of a rule from `start` (which is itself an instance). */
function instances(rule: Rule, start: number, n: number): number[] {
  const out: number[] = [];
  const timeOfDay = start % DAY_MS;
  const startDay = start - timeOfDay;
  if (rule.freq === 'DAILY') {
    for (let day = startDay; out.length < n; day += rule.interval * DAY_MS) {
      const wd = new Date(day).getUTCDay();
      if (!rule.weekdaysOnly || (wd >= 1 && wd <= 5)) out.push(day + timeOfDay);
    }
  } else if (rule.freq === 'WEEKLY') {
    // Weeks start on Monday (WKST=MO, the default).
    const monday = startDay - ((new Date(startDay).getUTCDay() + 6) % 7) * DAY_MS;
    for (let week = 0; out.length < n; week += rule.interval) {
      for (let i = 0; i < 7 && out.length < n; i++) {
        const day = monday + (week * 7 + i) * DAY_MS;
        if (day >= startDay && rule.days.includes(new Date(day).getUTCDay())) out.push(day + timeOfDay);
      }
    }
  } else if (rule.freq === 'MONTHLY') {
    const d = new Date(startDay);
    for (let m = 0; out.length < n; m++) {
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + m;
      const day = rule.kind === 'nth' ? nthWeekday(year, month, rule.nth, rule.weekday) : Date.UTC(year, month, rule.day);
      if (day >= startDay) out.push(day + timeOfDay);
    }
  } else {
    const d = new Date(startDay);
    for (let y = 0; out.length < n; y++) out.push(Date.UTC(d.getUTCFullYear() + y, d.getUTCMonth(), d.getUTCDate()) + timeOfDay);
  }
  return out;
}

function ruleText(rule: Rule): string {
  switch (rule.freq) {
    case 'DAILY':
      return `FREQ=DAILY${rule.interval > 1 ? `;INTERVAL=${rule.interval}` : ''}${rule.weekdaysOnly ? ';BYDAY=MO,TU,WE,TH,FR' : ''}`;
    case 'WEEKLY':
      return `FREQ=WEEKLY${rule.interval > 1 ? `;INTERVAL=${rule.interval}` : ''};BYDAY=${rule.days.map((d) => WEEKDAYS[d]).join(',')}`;
    case 'MONTHLY':
      return rule.kind === 'nth' ? `FREQ=MONTHLY;BYDAY=${rule.nth}${WEEKDAYS[rule.weekday]}` : `FREQ=MONTHLY;BYMONTHDAY=${rule.day}`;
    case 'YEARLY':
      return 'FREQ=YEARLY';
  }
}

/**
 * Generates the calendar. The mix of VEVENT components: about 7% series masters, 13%
 * overrides (three quarters moved, a quarter cancelled), 10% all-day items, the rest lone
 * timed events. Components are shuffled, so overrides may come before their master.
 */
export function generateCalendar(opts: GenerateOptions): GeneratedCalendar {
  const rand = seededRandom(opts.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const totalWeight = ZONES.reduce((s, z) => s + z.weight, 0);
  const zone = (): string | null => {
    // A quarter of timed events are written in UTC, as some producers do.
    if (rand() < 0.25) return null;
    let w = rand() * totalWeight;
    for (const z of ZONES) if ((w -= z.weight) < 0) return z.tzid;
    return ZONES[0]!.tzid;
  };
  let uidCounter = 0;
  const uid = (): string => `${(++uidCounter).toString(16).padStart(8, '0')}-${Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0')}@kairos.example.com`;
  const stamp = utcStamp(opts.now - 3_600_000);
  const nowDay = opts.now - (opts.now % DAY_MS);

  const description = (): string => {
    const parts: string[] = [];
    for (let i = int(1, 5); i > 0; i--) parts.push(pick(SENTENCES));
    let s = parts.join(' ');
    if (rand() < 0.5) {
      s +=
        '\n\n────────────────────\nJoin online: https://meet.example.com/' + Math.floor(rand() * 1e9).toString(36) +
        `\nMeeting ID: ${int(100, 999)} ${int(100, 999)} ${int(1000, 9999)}\nPasscode: ${int(100000, 999999)}` +
        '\nJoin by phone: +1 555-0100, +49 30 555 0100\n────────────────────';
    }
    return s;
  };

  const people = (lines: string[]): void => {
    const organiserIsMe = rand() < 0.3;
    const org = organiserIsMe ? 'Me' : pick(PEOPLE);
    const orgMail = organiserIsMe ? ACCOUNT_EMAIL : org.toLowerCase().replace(/[^a-z]+/g, '.') + '@example.org';
    lines.push(`ORGANIZER;CN=${org}:mailto:${orgMail}`);
    const n = int(0, 6);
    const partstats = ['ACCEPTED', 'ACCEPTED', 'TENTATIVE', 'NEEDS-ACTION', 'DECLINED'];
    for (let i = 0; i < n; i++) {
      const p = pick(PEOPLE);
      lines.push(`ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${pick(partstats)};CN=${p};X-NUM-GUESTS=0:mailto:${p.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`);
    }
    if (!organiserIsMe && n > 0) lines.push(`ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${pick(partstats)};RSVP=TRUE;CN=Me:mailto:${ACCOUNT_EMAIL}`);
  };

  const alarm = (lines: string[]): void => {
    if (rand() < 0.4) lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:This is an event reminder', `TRIGGER:-P0DT0H${pick([5, 10, 15, 30])}M0S`, 'END:VALARM');
  };

  /** Lines common to every VEVENT: stamps, texts, people. */
  const body = (lines: string[], summary: string, allDay: boolean): void => {
    lines.push(`DTSTAMP:${stamp}`, `CREATED:${utcStamp(opts.now - int(30, 900) * DAY_MS)}`, `LAST-MODIFIED:${utcStamp(opts.now - int(1, 29) * DAY_MS)}`);
    lines.push(`SUMMARY:${escapeText(summary)}`);
    if (rand() < 0.85) lines.push(`DESCRIPTION:${escapeText(description())}`);
    const place = pick(PLACES);
    if (place !== '') lines.push(`LOCATION:${escapeText(place)}`);
    if (!allDay) people(lines);
    if (rand() < 0.05) lines.push('CLASS:PRIVATE');
    lines.push(`STATUS:${rand() < 0.08 ? 'TENTATIVE' : 'CONFIRMED'}`);
    lines.push(`TRANSP:${allDay || rand() < 0.06 ? 'TRANSPARENT' : 'OPAQUE'}`);
    alarm(lines);
  };

  const components: string[][] = [];
  const counts = { lone: 0, allDay: 0, series: 0, moved: 0, cancelled: 0 };
  const seriesTarget = Math.round(opts.components * 0.07);
  const overrideTarget = Math.round(opts.components * 0.13);
  const allDayTarget = Math.round(opts.components * 0.1);

  // Series, with their overrides.
  for (let s = 0; s < seriesTarget; s++) {
    const id = uid();
    const r = rand();
    const allDay = r >= 0.94;
    let rule: Rule;
    if (allDay) rule = { freq: 'YEARLY' };
    else if (r < 0.25) rule = { freq: 'DAILY', interval: rand() < 0.2 ? 2 : 1, weekdaysOnly: rand() < 0.6 };
    else if (r < 0.7) {
      const first = int(1, 5);
      const days = rand() < 0.35 ? [first, ((first + 1) % 5) + 1].sort() : [first];
      rule = { freq: 'WEEKLY', interval: rand() < 0.25 ? 2 : 1, days };
    } else if (r < 0.85) rule = { freq: 'MONTHLY', kind: 'nth', nth: pick([1, 2, 3, 4, -1]), weekday: int(1, 5) };
    else rule = { freq: 'MONTHLY', kind: 'monthday', day: int(1, 28) };

    // Start somewhere from 10 months back to 6 months ahead, on a valid first instance.
    const tzid = allDay ? null : zone();
    const hour = tzid === 'Asia/Kolkata' ? int(9, 17) : int(7, 18);
    let day = nowDay + int(-300, 180) * DAY_MS;
    if (rule.freq === 'WEEKLY') while (!rule.days.includes(new Date(day).getUTCDay())) day += DAY_MS;
    if (rule.freq === 'DAILY' && rule.weekdaysOnly) while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY_MS;
    if (rule.freq === 'MONTHLY') {
      const d = new Date(day);
      day = rule.kind === 'nth' ? nthWeekday(d.getUTCFullYear(), d.getUTCMonth(), rule.nth, rule.weekday) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), rule.day);
    }
    const start = allDay ? day : day + hour * 3_600_000 + pick([0, 0, 30, 15]) * 60_000;
    const length = allDay ? DAY_MS : pick([15, 30, 30, 45, 60, 60, 90]) * 60_000;

    // End: COUNT, UNTIL or open-ended; `known` instances are certainly inside the series.
    const endKind = allDay ? 'open' : rand() < 0.45 ? 'count' : rand() < 0.6 ? 'until' : 'open';
    const n = rule.freq === 'DAILY' ? int(5, 120) : rule.freq === 'WEEKLY' ? int(6, 80) : int(4, 24);
    const known = instances(rule, start, endKind === 'open' ? 40 : n);
    let rrule = `RRULE:${ruleText(rule)}`;
    if (endKind === 'count') rrule += `;COUNT=${n}`;
    if (endKind === 'until') rrule += `;UNTIL=${dateText(known[n - 1]!)}T235959Z`;
    const usable = endKind === 'until' ? known.slice(0, -1) : known;

    const master = ['BEGIN:VEVENT', timeProp('DTSTART', start, tzid, allDay), timeProp('DTEND', start + length, tzid, allDay), rrule];
    const taken = new Set<number>([0]);
    const pickInstance = (): number | null => {
      for (let tries = 0; tries < 10; tries++) {
        const k = int(1, usable.length - 1);
        if (!taken.has(k)) {
          taken.add(k);
          return usable[k]!;
        }
      }
      return null;
    };
    if (!allDay && rand() < 0.35) {
      const ex: number[] = [];
      for (let i = int(1, 3); i > 0; i--) {
        const t = pickInstance();
        if (t !== null) ex.push(t);
      }
      if (ex.length > 0) master.push(tzid === null ? `EXDATE:${ex.map((t) => localText(t) + 'Z').join(',')}` : `EXDATE;TZID=${tzid}:${ex.map(localText).join(',')}`);
    }
    master.push(`UID:${id}`, 'SEQUENCE:0');
    const title = `${pick(TEAMS)} ${pick(TOPICS).toLowerCase()}`;
    body(master, allDay ? `${pick(PEOPLE)}'s birthday` : title, allDay);
    master.push('END:VEVENT');
    components.push(master);
    counts.series++;

    // Overrides: spread the remaining budget over the remaining series.
    const left = seriesTarget - s;
    const want = allDay ? 0 : Math.min(Math.round((overrideTarget - counts.moved - counts.cancelled) / left + rand() - 0.5), usable.length - taken.size);
    for (let o = 0; o < want; o++) {
      const t = pickInstance();
      if (t === null) break;
      const cancelled = rand() < 0.25;
      const moved = cancelled ? t : t + pick([-2, -1, 1, 2, 3, 24]) * 3_600_000;
      const lines = ['BEGIN:VEVENT', timeProp('DTSTART', moved, tzid, false), timeProp('DTEND', moved + length, tzid, false), `UID:${id}`, timeProp('RECURRENCE-ID', t, tzid, false), `SEQUENCE:${int(1, 3)}`];
      if (cancelled) {
        lines.push(`DTSTAMP:${stamp}`, `SUMMARY:${escapeText(title)}`, 'STATUS:CANCELLED', 'END:VEVENT');
        counts.cancelled++;
      } else {
        body(lines, rand() < 0.3 ? `${title} (moved)` : title, false);
        lines.push('END:VEVENT');
        counts.moved++;
      }
      components.push(lines);
    }
  }

  // All-day items: holidays, trips, out-of-office, one to five days.
  for (let i = 0; i < allDayTarget; i++) {
    const day = nowDay + int(-400, 500) * DAY_MS;
    const lines = ['BEGIN:VEVENT', timeProp('DTSTART', day, null, true), timeProp('DTEND', day + pick([1, 1, 1, 2, 3, 5]) * DAY_MS, null, true), `UID:${uid()}`];
    body(lines, pick(['Out of office', 'Public holiday', 'Trip to Lisbon', 'Conference: KubeCon', 'Team offsite', 'Parental leave', 'Company day off']), true);
    lines.push('END:VEVENT');
    components.push(lines);
    counts.allDay++;
  }

  // Lone timed events fill the rest: from 400 days back to 500 days ahead (some fall outside
  // the import horizon, as in a real export).
  while (components.length < opts.components) {
    const tzid = zone();
    const start = nowDay + int(-400, 500) * DAY_MS + int(7 * 4, 19 * 4) * 15 * 60_000;
    const lines = ['BEGIN:VEVENT', timeProp('DTSTART', start, tzid, false), timeProp('DTEND', start + pick([15, 25, 30, 45, 50, 60, 60, 90, 120]) * 60_000, tzid, false), `UID:${uid()}`, `SEQUENCE:${int(0, 2)}`];
    body(lines, `${pick(TOPICS)}${rand() < 0.5 ? ' – ' + pick(TEAMS) : ''}`, false);
    lines.push('END:VEVENT');
    components.push(lines);
    counts.lone++;
  }

  // Shuffle (Fisher–Yates), so series, overrides and lone events interleave.
  for (let i = components.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [components[i], components[j]] = [components[j]!, components[i]!];
  }

  const head = ['BEGIN:VCALENDAR', 'PRODID:-//Kairos//bench calendar//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Work', 'X-WR-TIMEZONE:Europe/Berlin'];
  const out: string[] = [...head, ...ZONES.flatMap((z) => z.block)];
  for (const c of components) for (const line of c) out.push(fold(line));
  out.push('END:VCALENDAR');
  return { text: out.join('\r\n') + '\r\n', counts, accountEmail: ACCOUNT_EMAIL };
}
