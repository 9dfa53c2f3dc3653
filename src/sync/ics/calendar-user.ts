/** ORGANIZER and ATTENDEE values: the address and display name of a calendar user. */
import { cleanText } from './ics-text.js';
import type { IcsProperty } from './read-ics.js';

/**
 * The e-mail address of a calendar user: a `mailto:` value, else the EMAIL parameter; null for
 * other URIs (`urn:uuid:…`) that name no address.
 *
 * @example emailOf({ name: 'ATTENDEE', params: {}, value: 'MAILTO:a@example.com' }) === 'a@example.com'
 */
export function emailOf(p: IcsProperty): string | null {
  const v = p.value.trim();
  const m = /^mailto:(.+)$/i.exec(v);
  const addr = m !== null ? m[1]!.trim() : (p.params['EMAIL'] ?? '').trim();
  if (addr === '' || !addr.includes('@') || addr.length > 320) return null;
  return cleanText(addr, 320);
}

/** The CN parameter, or null when absent or empty. */
export function displayNameOf(p: IcsProperty): string | null {
  const cn = cleanText(p.params['CN'] ?? '', 255).trim();
  return cn === '' ? null : cn;
}

