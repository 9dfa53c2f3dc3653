/**
 * A component's UID as the importer keys it: cleaned of control characters, and at most 1,000
 * characters. A longer one keeps its first 983 and ends with `~` and a hash of the whole, so
 * that two long UIDs that differ only far in stay two events (cutting alone merged them), and
 * the same UID gives the same key on every import.
 */
import { cleanText } from './ics-text.js';
import { hashText } from './hash-text.js';

export const MAX_UID_CHARS = 1000;

/**
 * @example boundedUid('abc@example.com') === 'abc@example.com'
 * @example boundedUid('x'.repeat(5000)).length === 1000 // 'xxx…x~' + 16 hex digits
 */
export function boundedUid(raw: string): string {
  const v = cleanText(raw, Number.POSITIVE_INFINITY).trim();
  if (v.length <= MAX_UID_CHARS) return v;
  const hash = hashText(v);
  let head = v.slice(0, MAX_UID_CHARS - 1 - hash.length);
  // Never end on the first half of a surrogate pair.
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head}~${hash}`;
}
