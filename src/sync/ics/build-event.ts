/**
 * A source component's fields plus one occurrence's bounds to an `ImportedEvent`, with the
 * defaults RFC 5545 gives to absent properties (STATUS confirmed, TRANSP opaque).
 */
import type { Attendee, EventBound, EventLocation, ParticipationStatus } from '../../core/index.js';
import { cssColorToHex } from './css-color.js';
import type { RawAttendee, SourceFields } from './read-vevent.js';
import type { ImportedEvent } from './types.js';

const PARTSTAT: Record<string, ParticipationStatus> = {
  'NEEDS-ACTION': 'needs_action',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
};

/** PARTSTAT to the protocol's status: absent means NEEDS-ACTION (RFC 5545); unknown values `unknown`. */
export function statusOfPartstat(partstat: string | null): ParticipationStatus {
  if (partstat === null || partstat === '') return 'needs_action';
  return PARTSTAT[partstat] ?? 'unknown';
}

function accountStatus(fields: SourceFields, accountEmails: ReadonlySet<string>): ParticipationStatus {
  if (accountEmails.size === 0) return 'unknown';
  if (fields.organizer !== undefined && accountEmails.has(fields.organizer.email.toLowerCase())) return 'accepted';
  const me: RawAttendee | undefined = fields.attendees?.find((a) => accountEmails.has(a.email.toLowerCase()));
  return me === undefined ? 'unknown' : statusOfPartstat(me.partstat);
}

export interface OccurrenceBounds {
  start: EventBound;
  end: EventBound;
  tzid: string;
}

/**
 * Builds one stored occurrence.
 *
 * @example buildEvent({ summary: 'Standup' }, bounds, true, 'a@b#20260105T090000Z', new Set())
 *   // { summary: 'Standup', status: 'confirmed', transparency: 'opaque', recurring: true, … }
 */
export function buildEvent(
  fields: SourceFields,
  bounds: OccurrenceBounds,
  recurring: boolean,
  sourceKey: string,
  accountEmails: ReadonlySet<string>,
): ImportedEvent {
  let location: EventLocation | null = null;
  if ((fields.location !== undefined && fields.location !== '') || fields.geo !== undefined) {
    location = {};
    if (fields.location !== undefined && fields.location !== '') location.description = fields.location;
    if (fields.geo !== undefined) {
      location.lat = fields.geo.lat;
      location.long = fields.geo.long;
    }
  }
  const attendees: Attendee[] = (fields.attendees ?? []).map((a) => ({ email: a.email, displayName: a.displayName, status: statusOfPartstat(a.partstat) }));
  return {
    applicationId: null,
    eventId: null,
    summary: fields.summary ?? '',
    description: fields.description ?? '',
    start: bounds.start,
    end: bounds.end,
    tzid: bounds.tzid,
    location,
    url: fields.url ?? null,
    color: fields.color === undefined ? null : cssColorToHex(fields.color),
    reminders: fields.reminders ?? [],
    transparency: fields.transparency ?? 'opaque',
    status: fields.status ?? 'confirmed',
    participationStatus: accountStatus(fields, accountEmails),
    attendees,
    organizer: fields.organizer ?? null,
    categories: fields.categories ?? [],
    recurring,
    eventPrivate: fields.private ?? false,
    deleted: false,
    sourceKey,
  };
}
