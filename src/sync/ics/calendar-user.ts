/** ORGANIZER and ATTENDEE values: the address, display name and participation of a calendar user. */
import type { Attendee, ParticipationStatus } from '../../core/index.js';
import { cleanText } from './ics-text.js';
import { upperWord } from './name-table.js';
import type { IcsProperty } from './read-ics.js';

/**
 * What follows `mailto:` (any case) in `v`, or null when `v` is not such a URI: what
 * `/^mailto:(.+)$/i` captures (the rest must be non-empty and hold no line terminator),
 * found without running the expression for every attendee.
 */
function mailtoAddress(v: string): string | null {
  const n = v.length;
  if (n <= 7 || v.charCodeAt(6) !== 58 || (v.charCodeAt(0) | 32) !== 109 || (v.charCodeAt(1) | 32) !== 97) return null;
  if ((v.charCodeAt(2) | 32) !== 105 || (v.charCodeAt(3) | 32) !== 108 || (v.charCodeAt(4) | 32) !== 116 || (v.charCodeAt(5) | 32) !== 111) return null;
  for (let i = 7; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return null;
  }
  return v.slice(7);
}

/**
 * The e-mail address of a calendar user: a `mailto:` value, else the EMAIL parameter; null for
 * other URIs (`urn:uuid:…`) that name no address.
 *
 * @example emailOf({ name: 'ATTENDEE', params: {}, value: 'MAILTO:a@example.com' }) === 'a@example.com'
 */
export function emailOf(p: IcsProperty): string | null {
  const v = p.value.trim();
  const rest = mailtoAddress(v);
  const addr = rest !== null ? rest.trim() : (p.params['EMAIL'] ?? '').trim();
  if (addr === '' || !addr.includes('@') || addr.length > 320) return null;
  return cleanText(addr, 320);
}

/**
 * `email.toLowerCase()`, the form addresses are compared in; the address itself when it is
 * ASCII without capitals, as almost all are, rather than a copy.
 *
 * @example lowerAddress('Ann@Example.com') === 'ann@example.com'
 */
export function lowerAddress(email: string): string {
  for (let i = 0; i < email.length; i++) {
    const c = email.charCodeAt(i);
    if (c >= 128 || (c >= 65 && c <= 90)) return email.toLowerCase();
  }
  return email;
}

/** The CN parameter, or null when absent or empty. */
export function displayNameOf(p: IcsProperty): string | null {
  const cn = cleanText(p.params['CN'] ?? '', 255).trim();
  return cn === '' ? null : cn;
}

/**
 * PARTSTAT to the protocol's status: absent means NEEDS-ACTION (RFC 5545); unknown values
 * `unknown`. A switch, not a lookup table: a table looked up by a string cut from the file
 * costs an engine-wide string lookup per call.
 *
 * @example statusOfPartstat('ACCEPTED') === 'accepted'
 * @example statusOfPartstat(null) === 'needs_action'
 */
export function statusOfPartstat(partstat: string | null): ParticipationStatus {
  switch (partstat) {
    case null:
    case '':
    case 'NEEDS-ACTION':
      return 'needs_action';
    case 'ACCEPTED':
      return 'accepted';
    case 'DECLINED':
      return 'declined';
    case 'TENTATIVE':
      return 'tentative';
    default:
      return 'unknown';
  }
}

/** Most attendees kept per component. */
const MAX_ATTENDEES = 1000;

/**
 * Adds an ATTENDEE to `to` unless it names no address or one already there (in any case).
 * `addresses` holds the attendees' addresses lower-cased, in the same order, made once each
 * so that comparing with them needs no copies.
 *
 * @example addAttendee(fields, { name: 'ATTENDEE', params: { PARTSTAT: 'ACCEPTED' }, value: 'mailto:a@x' }) // fields.attendees: [{ email: 'a@x', displayName: null, status: 'accepted' }]
 */
export function addAttendee(to: { attendees?: Attendee[]; attendeeAddresses?: string[] }, p: IcsProperty): void {
  const email = emailOf(p);
  if (email === null) return;
  const list = (to.attendees ??= []);
  const addresses = (to.attendeeAddresses ??= []);
  const lower = lowerAddress(email);
  if (list.length >= MAX_ATTENDEES || addresses.includes(lower)) return;
  addresses.push(lower);
  const ps = p.params['PARTSTAT'];
  list.push({ email, displayName: displayNameOf(p), status: statusOfPartstat(ps === undefined ? null : upperWord(ps)) });
}
