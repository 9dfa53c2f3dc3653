/**
 * About how many characters a content takes once stored (its texts and lists as JSON), so that
 * an import can bound what it writes. An override carries its series' attendees, description
 * and categories along with its own changes: a file of one large series and thousands of
 * small overrides would otherwise store the series' texts thousands of times over.
 */
import type { Attendee, ImportedContent } from '../../core/index.js';

/** Columns, keys and quotes of a content row, besides its texts. */
const ROW_OVERHEAD = 200;
/** Keys, quotes and the status of one attendee in JSON. */
const ATTENDEE_OVERHEAD = 60;

/**
 * Measures contents, remembering the lists it has measured: the occurrences of a series, and
 * the overrides that keep its attendees, share one list, which is then measured once.
 *
 * @example new ContentSizer().size(content) // 1234
 */
export class ContentSizer {
  readonly #attendees = new WeakMap<readonly Attendee[], number>();

  size(c: ImportedContent): number {
    let n = ROW_OVERHEAD + c.summary.length + c.description.length + c.tzid.length;
    if (c.location?.description !== undefined) n += c.location.description.length;
    if (c.url !== null) n += c.url.length;
    if (c.organizer !== null) n += c.organizer.email.length + (c.organizer.displayName?.length ?? 0) + ATTENDEE_OVERHEAD;
    for (const category of c.categories) n += category.length + 3;
    n += c.reminders.length * 16;
    return n + this.#attendeesSize(c.attendees);
  }

  #attendeesSize(list: readonly Attendee[]): number {
    let n = this.#attendees.get(list);
    if (n !== undefined) return n;
    n = 0;
    for (const a of list) n += a.email.length + (a.displayName?.length ?? 0) + ATTENDEE_OVERHEAD;
    this.#attendees.set(list, n);
    return n;
  }
}
