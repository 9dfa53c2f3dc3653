/**
 * Date and time labels of the Agenda, from `Intl` in the display locale and zone.
 * Calendar dates (all-day bounds, the header) are formatted as dates in UTC, never as
 * instants, so they read the same in every zone.
 */
import { addDays, dateAsUtcNoon, dateInZone } from '../lib/dates.js';
import type { AgendaItem, Bound } from './model.js';

const DASH = ' – ';

/** Formatters for one locale and zone. */
export class AgendaFormats {
  private readonly time: Intl.DateTimeFormat;
  private readonly timeZoned: Intl.DateTimeFormat;
  private readonly long: Intl.DateTimeFormat;
  private readonly day: Intl.DateTimeFormat;
  private readonly dayTime: Intl.DateTimeFormat;

  constructor(
    locale: string,
    private readonly tz: string,
  ) {
    this.time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: tz });
    this.timeZoned = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: tz });
    this.long = new Intl.DateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    this.day = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    this.dayTime = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: tz });
  }

  /** The header's date, for example "Sunday, March 8, 2026". */
  longDate(date: string): string {
    return this.long.format(dateAsUtcNoon(date));
  }

  /** A calendar date such as "Sat, Jul 4". */
  shortDate(date: string): string {
    return this.day.format(dateAsUtcNoon(date));
  }

  /** A time of day; with the zone's short name on days whose UTC offset changes. */
  timeOf(ms: number, withZone = false): string {
    return (withZone ? this.timeZoned : this.time).format(ms);
  }

  /**
   * The compact label of a row on `date`: "9:00 – 10:00"; "All day" for all-day events and the
   * middle days of long events; "21:00 –" / "– 7:00" on the first / last day of a timed event
   * spanning days.
   */
  rowLabel(item: AgendaItem, date: string, allDay: boolean, withZone: boolean, allDayText: string): string {
    if (!('ms' in item.start) || !('ms' in item.end)) return allDayText;
    const s = item.start.ms;
    const e = item.end.ms;
    if (!allDay) return s === e ? this.timeOf(s, withZone) : this.timeOf(s, withZone) + DASH + this.timeOf(e, withZone);
    const startsToday = dateInZone(s, this.tz) === date;
    const endsToday = dateInZone(e - 1, this.tz) === date;
    if (startsToday) return `${this.timeOf(s, withZone)} –`;
    if (endsToday) return `– ${this.timeOf(e, withZone)}`;
    return allDayText;
  }

  /**
   * The full range for the details: all-day events as first–last calendar day (the exclusive
   * end minus one day), timed events within a day as times, longer ones with their dates.
   */
  fullRange(item: AgendaItem): string {
    const { start, end } = item;
    if ('date' in start) {
      const last = 'date' in end && end.date > start.date ? addDays(end.date, -1) : start.date;
      return last === start.date ? this.shortDate(start.date) : this.shortDate(start.date) + DASH + this.shortDate(last);
    }
    const s = start.ms;
    const e = msOf(end, s);
    const sameDay = dateInZone(s, this.tz) === dateInZone(Math.max(s, e - 1), this.tz);
    if (sameDay) return e === s ? this.dayTime.format(s) : this.dayTime.format(s) + DASH + this.timeOf(e);
    return this.dayTime.format(s) + DASH + this.dayTime.format(e);
  }
}

function msOf(b: Bound, fallback: number): number {
  return 'ms' in b ? b.ms : fallback;
}
