/**
 * One VEVENT component to a `SourceEvent`: its timing (DTSTART, DTEND/DURATION, recurrence
 * properties) as raw iCalendar values, and its descriptive fields. Fields the component does not
 * state stay undefined, so an override can inherit them from its series.
 */
import type { Attendee, EventStatus, Transparency } from '../../core/index.js';
import { boundedUid } from './bounded-uid.js';
import { hashText } from './hash-text.js';
import { parseIcsDuration, parseIcsPeriod, parseIcsTime, type IcsDuration, type IcsTime } from './ics-time.js';
import { cleanText, readText, splitTextList } from './ics-text.js';
import { parseRrule, type Rrule } from './parse-rrule.js';
import { upperWord } from './name-table.js';
import type { IcsComponent, IcsProperty } from './read-ics.js';
import { addAttendee, displayNameOf, emailOf, lowerAddress } from './calendar-user.js';
import { geoFromUri, validGeo } from './geo.js';
import { alarmMinutes } from './read-alarm.js';

export interface SourceFields {
  summary?: string;
  description?: string;
  location?: string;
  geo?: { lat: number; long: number };
  url?: string;
  color?: string;
  categories?: string[];
  /** ATTENDEEs with an address, each once (in any case); an absent PARTSTAT is NEEDS-ACTION. */
  attendees?: Attendee[];
  organizer?: { email: string; displayName: string | null };
  /** The organizer's address lower-cased, set with `organizer`. */
  organizerAddress?: string;
  /** The attendees' addresses lower-cased, in their order; set with `attendees`. */
  attendeeAddresses?: string[];
  status?: EventStatus;
  transparency?: Transparency;
  private?: boolean;
  reminders?: { minutes: number }[];
}

export interface RdateValue {
  time: IcsTime;
  end: IcsTime | null;
  duration: IcsDuration | null;
}

export interface SourceEvent {
  uid: string;
  /** False when the component had no UID and one was derived from its content. */
  uidGiven: boolean;
  line: number;
  sequence: number;
  recurrenceId: IcsTime | null;
  /** DTSTART; for an override without one, its RECURRENCE-ID. */
  start: IcsTime;
  end: IcsTime | null;
  duration: IcsDuration | null;
  rrules: readonly Rrule[];
  exrules: readonly Rrule[];
  rdates: readonly RdateValue[];
  exdates: readonly IcsTime[];
  /** X-MICROSOFT-CDO-ALLDAYEVENT:TRUE */
  allDayHint: boolean;
  fields: SourceFields;
  /** Problems worked around while reading. */
  warnings: readonly string[];
}

/** The empty list every event without entries shares. */
const NONE: readonly never[] = Object.freeze([]);

export const SUMMARY_MAX = 1024;
export const DESCRIPTION_MAX = 4096;
const LOCATION_MAX = 1024;
const URL_MAX = 2048;
const MAX_REMINDERS = 5;
const MAX_LIST_VALUES = 10_000;

/** STATUS to the protocol's; a switch rather than a table, as in statusOfPartstat. */
function statusOf(value: string): EventStatus | undefined {
  switch (value) {
    case 'CONFIRMED':
      return 'confirmed';
    case 'TENTATIVE':
      return 'tentative';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return undefined;
  }
}

function tzidOf(p: IcsProperty): string | null {
  const t = p.params['TZID'];
  return t === undefined || t === '' ? null : t;
}

/**
 * Reads a VEVENT. Returns the reason instead when it cannot be imported at all (no usable
 * DTSTART).
 *
 * @example readVevent(component) // { uid: 'a@b', start: { kind: 'local', … }, rrules: [ … ], … }
 */
export function readVevent(comp: IcsComponent): SourceEvent | { error: string; uid?: string } {
  // Lists are made when a first entry needs them: most events have no rule, no exclusion
  // and nothing to warn about.
  let warnings: string[] | null = null;
  const fields: SourceFields = {};
  let uid: string | null = null;
  let sequence = 0;
  let recurrenceId: IcsTime | null = null;
  let start: IcsTime | null = null;
  // DTSTART as written, for the identity of an event without UID.
  let startProp: IcsProperty | null = null;
  let startError: string | null = null;
  let end: IcsTime | null = null;
  let duration: IcsDuration | null = null;
  let rrules: Rrule[] | null = null;
  let exrules: Rrule[] | null = null;
  let rdates: RdateValue[] | null = null;
  let exdates: IcsTime[] | null = null;
  let rruleRaw = '';
  let allDayHint = false;
  let busyStatus: string | null = null;

  for (const p of comp.props) {
    switch (p.name) {
      case 'UID': {
        const v = boundedUid(p.value);
        if (v !== '' && uid === null) uid = v;
        break;
      }
      case 'SEQUENCE': {
        const n = Number(p.value.trim());
        if (Number.isSafeInteger(n)) sequence = n;
        break;
      }
      case 'DTSTART':
        startProp = p;
        start = parseIcsTime(p.value, tzidOf(p));
        if (start === null) startError = `DTSTART "${p.value.slice(0, 40)}" is not a date or date-time`;
        break;
      case 'DTEND':
        end = parseIcsTime(p.value, tzidOf(p));
        if (end === null) (warnings ??= []).push(`DTEND "${p.value.slice(0, 40)}" ignored: not a date or date-time`);
        break;
      case 'DURATION':
        duration = parseIcsDuration(p.value);
        if (duration === null) (warnings ??= []).push(`DURATION "${p.value.slice(0, 40)}" ignored: malformed`);
        break;
      case 'RECURRENCE-ID':
        recurrenceId = parseIcsTime(p.value, tzidOf(p));
        if (recurrenceId === null) (warnings ??= []).push(`RECURRENCE-ID "${p.value.slice(0, 40)}" ignored: malformed`);
        if (p.params['RANGE'] !== undefined) (warnings ??= []).push('RECURRENCE-ID;RANGE=THISANDFUTURE applied to this occurrence only');
        break;
      case 'RRULE':
      case 'EXRULE': {
        const r = parseRrule(p.value);
        if ('error' in r) (warnings ??= []).push(`${p.name} ignored: ${r.error}`);
        else if (p.name === 'RRULE') (rrules ??= []).push(r);
        else (exrules ??= []).push(r);
        if (p.name === 'RRULE') rruleRaw += p.value;
        break;
      }
      case 'RDATE':
      case 'EXDATE': {
        const isPeriod = (p.params['VALUE'] ?? '').toUpperCase() === 'PERIOD';
        for (const raw of p.value.split(',')) {
          const v = raw.trim();
          if (v === '') continue;
          if ((rdates?.length ?? 0) + (exdates?.length ?? 0) >= MAX_LIST_VALUES) {
            (warnings ??= []).push(`more than ${MAX_LIST_VALUES} RDATE/EXDATE values; the rest ignored`);
            break;
          }
          if (p.name === 'RDATE' && (isPeriod || v.includes('/'))) {
            const per = parseIcsPeriod(v, tzidOf(p));
            if (per === null) (warnings ??= []).push(`RDATE "${v.slice(0, 40)}" ignored: malformed period`);
            else (rdates ??= []).push({ time: per.start, end: per.end, duration: per.duration });
            continue;
          }
          const t = parseIcsTime(v, tzidOf(p));
          if (t === null) (warnings ??= []).push(`${p.name} "${v.slice(0, 40)}" ignored: not a date or date-time`);
          else if (p.name === 'RDATE') (rdates ??= []).push({ time: t, end: null, duration: null });
          else (exdates ??= []).push(t);
        }
        break;
      }
      case 'SUMMARY':
        fields.summary = readText(p.value, SUMMARY_MAX).trim();
        break;
      case 'DESCRIPTION':
        fields.description = readText(p.value, DESCRIPTION_MAX);
        break;
      case 'LOCATION':
        fields.location = readText(p.value, LOCATION_MAX).trim();
        break;
      case 'GEO': {
        const [lat, long] = p.value.split(/[;,]/).map((s) => Number(s.trim()));
        const g = validGeo(lat ?? NaN, long ?? NaN);
        if (g !== undefined) fields.geo = g;
        break;
      }
      case 'X-APPLE-STRUCTURED-LOCATION':
        if (fields.geo === undefined) {
          const g = geoFromUri(p.value);
          if (g !== undefined) fields.geo = g;
        }
        break;
      case 'URL': {
        const v = p.value.trim();
        if (/^https?:\/\/[^\s]+$/i.test(v) && v.length <= URL_MAX) fields.url = v;
        break;
      }
      case 'COLOR':
        fields.color = p.value.trim();
        break;
      case 'CATEGORIES': {
        const list = fields.categories ?? [];
        for (const c of splitTextList(p.value, ',')) {
          const v = cleanText(c, 255).trim();
          if (v !== '' && !list.includes(v) && list.length < 100) list.push(v);
        }
        fields.categories = list;
        break;
      }
      case 'CLASS': {
        const v = upperWord(p.value);
        if (v !== '') fields.private = v === 'PRIVATE' || v === 'CONFIDENTIAL';
        break;
      }
      case 'STATUS': {
        const s = statusOf(upperWord(p.value));
        if (s !== undefined) fields.status = s;
        break;
      }
      case 'TRANSP': {
        const v = upperWord(p.value);
        if (v === 'TRANSPARENT') fields.transparency = 'transparent';
        else if (v === 'OPAQUE') fields.transparency = 'opaque';
        break;
      }
      case 'X-MICROSOFT-CDO-BUSYSTATUS':
      case 'X-MICROSOFT-MSNCALENDAR-BUSYSTATUS':
        busyStatus = upperWord(p.value);
        break;
      case 'X-MICROSOFT-CDO-ALLDAYEVENT':
        allDayHint = upperWord(p.value) === 'TRUE';
        break;
      case 'ATTENDEE': {
        addAttendee(fields, p);
        break;
      }
      case 'ORGANIZER': {
        const email = emailOf(p);
        if (email !== null) {
          fields.organizer = { email, displayName: displayNameOf(p) };
          fields.organizerAddress = lowerAddress(email);
        }
        break;
      }
      default:
        break;
    }
  }

  applyBusyStatus(fields, busyStatus);

  const reminders: { minutes: number }[] = [];
  for (const child of comp.children) {
    if (child.name !== 'VALARM') continue;
    const m = alarmMinutes(child);
    if (m !== null && !reminders.some((r) => r.minutes === m) && reminders.length < MAX_REMINDERS) reminders.push({ minutes: m });
  }
  if (reminders.length > 0) fields.reminders = reminders;

  const uidGiven = uid !== null;
  if (uid === null) {
    const startRaw = startProp === null ? '' : `${startProp.params['TZID'] ?? ''}:${startProp.value}`;
    uid = `kairos-nouid-${hashText(`${startRaw}|${fields.summary ?? ''}|${rruleRaw}|${recurrenceId === null ? '' : JSON.stringify(recurrenceId)}`)}`;
  }
  if (start === null) {
    if (recurrenceId !== null && startError === null) start = recurrenceId;
    else return { error: startError ?? 'no DTSTART', uid };
  }
  if (end !== null && duration !== null) {
    (warnings ??= []).push('both DTEND and DURATION given; DTEND used');
    duration = null;
  }
  return {
    uid,
    uidGiven,
    line: comp.line,
    sequence,
    recurrenceId,
    start,
    end,
    duration,
    rrules: rrules ?? NONE,
    exrules: exrules ?? NONE,
    rdates: rdates ?? NONE,
    exdates: exdates ?? NONE,
    allDayHint,
    fields,
    warnings: warnings ?? NONE,
  };
}

/**
 * Exchange's busy status, when it names one, decides how the event blocks time: it is what
 * Outlook shows, and what Exchange itself reads first on import, TRANSP standing in only when it
 * is absent (MS-OXCICAL, X-MICROSOFT-CDO-BUSYSTATUS and TRANSP). Exchange writes `TRANSP:OPAQUE`
 * and `STATUS:CONFIRMED` beside a FREE or TENTATIVE busy status, so letting them win would make
 * every "Free" item busy. A cancelled event stays cancelled.
 *
 * @example applyBusyStatus(f, 'FREE') // f.transparency === 'transparent', whatever TRANSP said
 */
function applyBusyStatus(fields: { status?: EventStatus; transparency?: Transparency }, busyStatus: string | null): void {
  switch (busyStatus) {
    case 'FREE':
    case 'WORKINGELSEWHERE':
      fields.transparency = 'transparent';
      break;
    case 'TENTATIVE':
      fields.transparency = 'opaque';
      if (fields.status !== 'cancelled') fields.status = 'tentative';
      break;
    case 'BUSY':
    case 'OOF':
      fields.transparency = 'opaque';
      break;
    default:
      // Absent or unknown: TRANSP and STATUS stand.
      break;
  }
}
