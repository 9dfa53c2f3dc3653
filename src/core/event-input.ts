/**
 * Validation of event upserts (PROTOCOL §5.6.3) into a patch that is then applied to the
 * stored event, or to a new one. Fields given replace stored values; omitted fields stay.
 */
import { Problems } from './errors.js';
import { boundProblem } from './time.js';
import { checkFreeTextId } from './ids.js';
import type { Attendee, CalendarEvent, EventBound, EventLocation, Transparency } from './types.js';
import { checkString, checkTzid, isColor, isObject, parseBound, type ParsedBound } from './validate.js';

export const MAX_SUMMARY = 1024;
export const MAX_DESCRIPTION = 4096;
export const MAX_REMINDERS = 5;
export const MAX_REMINDER_MINUTES = 40_320;
/** Attendees of one event, in total and per invite or reject list (docs/decisions/0012-event-attendee-cap.md). */
export const MAX_ATTENDEES = 500;
const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

export interface EventPatch {
  eventId: string;
  summary?: string;
  description?: string;
  start?: ParsedBound;
  end?: ParsedBound;
  tzid?: string;
  location?: EventLocation | null;
  url?: string | null;
  reminders?: { minutes: number }[];
  transparency?: Transparency;
  color?: string | null;
  invite?: { email: string; displayName: string | null }[];
  reject?: string[];
}

function checkCoordinate(problems: Problems, v: unknown, path: string, limit: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > limit) {
    problems.add('location', 'errors.invalid', `${path} must be a number between -${limit} and ${limit}`);
    return undefined;
  }
  return n;
}

/** Validates an upsert body; returns the patch, or null after recording problems. */
export function validateEventUpsert(body: Record<string, unknown>, problems: Problems): EventPatch | null {
  const idCheck = checkFreeTextId(body.event_id);
  if (idCheck !== 'ok') {
    const key = idCheck === 'required' ? 'errors.required' : idCheck === 'too_long' ? 'errors.too_long' : 'errors.invalid';
    problems.add('event_id', key, 'event_id must be 1–255 characters without control characters');
  }
  const patch: EventPatch = { eventId: body.event_id as string };

  if (body.summary !== undefined) {
    const s = checkString(problems, 'summary', body.summary, { max: MAX_SUMMARY, required: true });
    if (s !== undefined) patch.summary = s;
  }
  if (body.description !== undefined && body.description !== null) {
    const d = checkString(problems, 'description', body.description, { max: MAX_DESCRIPTION });
    if (d !== undefined) patch.description = d;
  }

  const start = body.start === undefined ? undefined : parseBound(body.start, true);
  const end = body.end === undefined ? undefined : parseBound(body.end, true);
  if (start === 'invalid') problems.add('start', 'errors.invalid', boundProblem('start', body.start));
  else if (start) patch.start = start;
  if (end === 'invalid') problems.add('end', 'errors.invalid', boundProblem('end', body.end));
  else if (end) patch.end = end;

  if (body.tzid !== undefined) {
    const tz = checkTzid(problems, 'tzid', body.tzid);
    if (tz) patch.tzid = tz;
    else if (body.tzid === null || body.tzid === '') problems.add('tzid', 'errors.invalid', 'tzid must be a known IANA time zone identifier');
  }

  if (body.location !== undefined) {
    if (body.location === null) patch.location = null;
    else if (!isObject(body.location)) problems.add('location', 'errors.invalid', 'location must be an object');
    else {
      const loc: EventLocation = {};
      const desc = checkString(problems, 'location', body.location.description, { max: 1024, path: 'location.description' });
      if (desc !== undefined) loc.description = desc;
      const lat = checkCoordinate(problems, body.location.lat, 'location.lat', 90);
      const long = checkCoordinate(problems, body.location.long, 'location.long', 180);
      if (lat !== undefined) loc.lat = lat;
      if (long !== undefined) loc.long = long;
      patch.location = loc;
    }
  }

  if (body.url !== undefined) {
    if (body.url === null || body.url === '') patch.url = null;
    else if (typeof body.url !== 'string' || body.url.length > 2048 || !/^https?:\/\/[^\s]+$/i.test(body.url) || !URL.canParse(body.url)) {
      problems.add('url', body.url && typeof body.url === 'string' && body.url.length > 2048 ? 'errors.too_long' : 'errors.invalid', 'url must be an absolute http(s) URL of at most 2048 characters');
    } else patch.url = body.url;
  }

  if (body.reminders !== undefined && body.reminders !== null) {
    if (!Array.isArray(body.reminders)) problems.add('reminders', 'errors.invalid', 'reminders must be an array of { minutes }');
    else if (body.reminders.length > MAX_REMINDERS) problems.add('reminders', 'errors.too_many', `at most ${MAX_REMINDERS} reminders`);
    else {
      const list: { minutes: number }[] = [];
      body.reminders.forEach((r, i) => {
        const m = isObject(r) ? r.minutes : undefined;
        if (!Number.isSafeInteger(m)) problems.add('reminders', 'errors.invalid', `reminders[${i}].minutes must be an integer`);
        else if ((m as number) < 0 || (m as number) > MAX_REMINDER_MINUTES) problems.add('reminders', 'errors.out_of_range', `reminders[${i}].minutes must be 0–${MAX_REMINDER_MINUTES}`);
        else list.push({ minutes: m as number });
      });
      patch.reminders = list;
    }
  }

  if (body.transparency !== undefined) {
    if (body.transparency === 'opaque' || body.transparency === 'transparent') patch.transparency = body.transparency;
    else problems.add('transparency', 'errors.not_recognized', 'transparency must be opaque or transparent');
  }

  if (body.color !== undefined) {
    if (body.color === null) patch.color = null;
    else if (isColor(body.color)) patch.color = body.color;
    else problems.add('color', 'errors.invalid', 'color must be #RRGGBB');
  }

  if (body.attendees !== undefined && body.attendees !== null) {
    if (!isObject(body.attendees)) problems.add('attendees', 'errors.invalid', 'attendees must be { invite?, reject? }');
    else {
      const { invite, reject } = body.attendees;
      if (invite !== undefined) {
        if (!Array.isArray(invite)) problems.add('attendees', 'errors.invalid', 'attendees.invite must be an array of { email, display_name? }');
        else if (invite.length > MAX_ATTENDEES) problems.add('attendees', 'errors.too_many', `attendees.invite has ${invite.length} items; at most ${MAX_ATTENDEES}`);
        else {
          patch.invite = [];
          invite.forEach((a, i) => {
            if (!isObject(a) || typeof a.email !== 'string' || !EMAIL_RE.test(a.email) || a.email.length > 320) {
              problems.add('attendees', 'errors.invalid', `attendees.invite[${i}].email must be an e-mail address`);
            } else if (a.display_name !== undefined && a.display_name !== null && (typeof a.display_name !== 'string' || a.display_name.length > 1024)) {
              problems.add('attendees', 'errors.invalid', `attendees.invite[${i}].display_name must be a string`);
            } else patch.invite!.push({ email: a.email, displayName: (a.display_name as string | undefined) ?? null });
          });
        }
      }
      if (reject !== undefined) {
        if (!Array.isArray(reject)) problems.add('attendees', 'errors.invalid', 'attendees.reject must be an array of { email }');
        else if (reject.length > MAX_ATTENDEES) problems.add('attendees', 'errors.too_many', `attendees.reject has ${reject.length} items; at most ${MAX_ATTENDEES}`);
        else {
          patch.reject = [];
          reject.forEach((a, i) => {
            if (!isObject(a) || typeof a.email !== 'string') problems.add('attendees', 'errors.invalid', `attendees.reject[${i}].email must be a string`);
            else patch.reject!.push(a.email.toLowerCase());
          });
        }
      }
    }
  }
  return problems.any() ? null : patch;
}

function toBound(b: ParsedBound): EventBound {
  return b.kind === 'date' ? { kind: 'date', date: b.date } : { kind: 'time', ms: b.ms };
}

function compare(a: EventBound, b: EventBound): number {
  if (a.kind === 'date' && b.kind === 'date') return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  if (a.kind === 'time' && b.kind === 'time') return a.ms - b.ms;
  return NaN;
}

/**
 * The event a managed upsert starts from when none exists yet: its identity and times of
 * creation, every other field empty, for applyEventPatch to fill in.
 *
 * @example blankManagedEvent({ eventUid: 'evt_…', calendarId: 'cal_…', sub: 'acc_…', applicationId: 'app_…', eventId: 'booking-1', now })
 */
export function blankManagedEvent(ids: Pick<CalendarEvent, 'eventUid' | 'calendarId' | 'sub' | 'applicationId' | 'eventId'> & { now: number }): CalendarEvent {
  const { now, ...identity } = ids;
  return {
    ...identity,
    summary: '',
    description: '',
    start: { kind: 'time', ms: 0 },
    end: { kind: 'time', ms: 0 },
    tzid: 'Etc/UTC',
    location: null,
    url: null,
    color: null,
    reminders: [],
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    attendees: [],
    organizer: null,
    categories: [],
    recurring: false,
    eventPrivate: false,
    deleted: false,
    created: now,
    updated: now,
    sourceKey: null,
  };
}

/**
 * Applies a validated patch to an existing event (or to `base` for a new one) and checks the
 * result: required fields on create, matching bound kinds, end after start.
 */
export function applyEventPatch(
  existing: CalendarEvent | null,
  base: CalendarEvent,
  patch: EventPatch,
  problems: Problems,
  now: number,
): CalendarEvent | null {
  const creating = existing === null;
  if (creating) {
    if (patch.summary === undefined) problems.add('summary', 'errors.required', 'summary is required when creating an event');
    if (patch.start === undefined) problems.add('start', 'errors.required', 'start is required when creating an event');
    if (patch.end === undefined) problems.add('end', 'errors.required', 'end is required when creating an event');
    if (problems.any()) return null;
  }
  const e: CalendarEvent = { ...(existing ?? base) };
  if (patch.summary !== undefined) e.summary = patch.summary;
  if (patch.description !== undefined) e.description = patch.description;
  if (patch.start) e.start = toBound(patch.start);
  if (patch.end) e.end = toBound(patch.end);
  // A Time-with-zone start names the event's zone unless tzid is given explicitly.
  if (patch.tzid !== undefined) e.tzid = patch.tzid;
  else if (patch.start?.kind === 'time' && patch.start.tzid) e.tzid = patch.start.tzid;
  if (patch.location !== undefined) e.location = patch.location;
  if (patch.url !== undefined) e.url = patch.url;
  if (patch.reminders !== undefined) e.reminders = patch.reminders;
  if (patch.transparency !== undefined) e.transparency = patch.transparency;
  if (patch.color !== undefined) e.color = patch.color;
  if (patch.invite || patch.reject) {
    const before = e.attendees.length;
    const attendees: Attendee[] = [...e.attendees];
    // E-mail addresses are compared without case; one Set keeps the check linear.
    const known = new Set(attendees.map((a) => a.email.toLowerCase()));
    for (const a of patch.invite ?? []) {
      const key = a.email.toLowerCase();
      if (known.has(key)) continue;
      known.add(key);
      attendees.push({ email: a.email, displayName: a.displayName, status: 'needs_action' });
    }
    const rejected = new Set(patch.reject ?? []);
    e.attendees = rejected.size === 0 ? attendees : attendees.filter((a) => !rejected.has(a.email.toLowerCase()));
    // Invites accumulate over upserts, so the cap is on the result. An event stored with more
    // (before the cap existed) may still be edited, as long as the upsert does not add to it.
    if (e.attendees.length > MAX_ATTENDEES && e.attendees.length > before) {
      problems.add('attendees', 'errors.too_many', `an event has at most ${MAX_ATTENDEES} attendees; this upsert would give it ${e.attendees.length}`);
      return null;
    }
  }
  const order = compare(e.start, e.end);
  if (Number.isNaN(order)) {
    problems.add('end', 'errors.invalid', 'start and end must both be Dates or both be Times');
    return null;
  }
  if (order >= 0) {
    problems.add('end', 'errors.invalid', 'end must be after start');
    return null;
  }
  e.updated = now;
  return e;
}
