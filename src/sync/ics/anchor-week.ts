/**
 * Calendars written for one week, moved to another. A file that declares
 * `X-KAIROS-ANCHOR-WEEK;VALUE=DATE:20260105` (the Monday of the week its dates were written
 * for) can be re-anchored to any week: every event date moves by the whole number of weeks
 * between the two Mondays (shiftIcsWeeks), so weekdays and wall-clock times stay as written.
 * The shipped demo calendars use this to show events around today.
 */
import { addDays, dateToDay, isoWeekday, parseDate } from '../../core/index.js';
import { shiftIcsWeeks } from './shift-ics-weeks.js';

/** The VCALENDAR property naming the Monday of the week a file was written for. */
export const ANCHOR_WEEK_PROPERTY = 'X-KAIROS-ANCHOR-WEEK';

const ANCHOR_RE = /^X-KAIROS-ANCHOR-WEEK(?:;[^:\r\n]*)?:(\d{4})(\d{2})(\d{2})\s*$/im;

/**
 * The anchor week's Monday (`YYYY-MM-DD`) a file declares, or null when it declares none.
 * Throws when the property is there but is not a Monday, as that is a broken calendar of ours.
 *
 * @example icsAnchorWeek('BEGIN:VCALENDAR\r\nX-KAIROS-ANCHOR-WEEK;VALUE=DATE:20260105\r\n…') === '2026-01-05'
 */
export function icsAnchorWeek(text: string): string | null {
  const m = ANCHOR_RE.exec(text);
  if (m === null) return null;
  const date = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (date === null || isoWeekday(date) !== 1) throw new RangeError(`${ANCHOR_WEEK_PROPERTY} must be a Monday (YYYYMMDD), got ${m[1]}${m[2]}${m[3]}`);
  return date;
}

/** The Monday of the ISO week of `date` (`YYYY-MM-DD`). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export interface AnchoredIcs {
  /** The file moved to the week of `today`, or unchanged when it declares no anchor week. */
  text: string;
  /** Weeks moved (0 without an anchor). */
  weeks: number;
  /** The Monday the file was written for, or null. */
  anchor: string | null;
}

/**
 * Moves a file that declares an anchor week to the week of `today` (a date in the account's
 * zone); its anchor property then names the new Monday. Other files come back as they are.
 *
 * @example
 *   const { text, weeks } = anchorIcsToWeekOf(shipped, '2026-03-25', { floatingTzid: 'Europe/Berlin' });
 *   // weeks === 11: the reference week of 2026-01-05 became the week of 2026-03-23
 */
export function anchorIcsToWeekOf(text: string, today: string, opts: { floatingTzid?: string } = {}): AnchoredIcs {
  const anchor = icsAnchorWeek(text);
  if (anchor === null) return { text, weeks: 0, anchor };
  const target = mondayOf(today);
  const weeks = (dateToDay(target) - dateToDay(anchor)) / 7;
  const shifted = shiftIcsWeeks(text, weeks, opts).replace(ANCHOR_RE, (line) => line.replace(/\d{8}\s*$/, target.replaceAll('-', '')));
  return { text: shifted, weeks, anchor };
}
