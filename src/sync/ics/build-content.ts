/**
 * A source component's fields to the content its occurrences share (`ImportedContent`), with
 * the defaults RFC 5545 gives to absent properties (STATUS confirmed, TRANSP opaque). Built once
 * per component, not per occurrence: a weekly series over three years shares one object. Lists
 * read from the component (attendees, reminders, categories) are shared with it, not copied.
 */
import type { EventLocation, ImportedContent, ParticipationStatus } from '../../core/index.js';
import { cssColorToHex } from './css-color.js';
import type { SourceFields } from './read-vevent.js';

/** The account's own status: `accepted` as organizer, else its attendee status (see README). */
function accountStatus(fields: SourceFields, accountEmails: readonly string[]): ParticipationStatus {
  if (accountEmails.length === 0) return 'unknown';
  if (fields.organizerAddress !== undefined && accountEmails.includes(fields.organizerAddress)) return 'accepted';
  const addresses = fields.attendeeAddresses;
  const attendees = fields.attendees;
  if (addresses === undefined || attendees === undefined) return 'unknown';
  for (let i = 0; i < addresses.length; i++) if (accountEmails.includes(addresses[i]!)) return attendees[i]!.status;
  return 'unknown';
}

/**
 * Builds the content of a component's occurrences. `tzid` is the occurrences' zone (an IANA
 * id); `recurring` whether they belong to a series; `accountEmails` the account's addresses,
 * lower-cased and without repeats.
 *
 * @example buildContent({ summary: 'Standup' }, 'Europe/Berlin', true, [])
 *   // { summary: 'Standup', description: '', tzid: 'Europe/Berlin', status: 'confirmed', transparency: 'opaque', recurring: true, … }
 */
export function buildContent(fields: SourceFields, tzid: string, recurring: boolean, accountEmails: readonly string[]): ImportedContent {
  let location: EventLocation | null = null;
  if ((fields.location !== undefined && fields.location !== '') || fields.geo !== undefined) {
    location = {};
    if (fields.location !== undefined && fields.location !== '') location.description = fields.location;
    if (fields.geo !== undefined) {
      location.lat = fields.geo.lat;
      location.long = fields.geo.long;
    }
  }
  return {
    summary: fields.summary ?? '',
    description: fields.description ?? '',
    tzid,
    location,
    url: fields.url ?? null,
    color: fields.color === undefined ? null : cssColorToHex(fields.color),
    reminders: fields.reminders ?? [],
    transparency: fields.transparency ?? 'opaque',
    status: fields.status ?? 'confirmed',
    participationStatus: accountStatus(fields, accountEmails),
    // Read as the protocol's attendees already; shared, as content is never changed.
    attendees: fields.attendees ?? [],
    organizer: fields.organizer ?? null,
    categories: fields.categories ?? [],
    recurring,
    eventPrivate: fields.private ?? false,
  };
}
