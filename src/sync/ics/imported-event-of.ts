/**
 * The converter from the compact form of an occurrence (`ImportedOccurrence`, what `expandIcs`
 * returns) to the full `ImportedEvent` that `parseIcs` returns.
 */
import type { EventBound, ImportedOccurrence } from '../../core/index.js';
import { DAY_MS, isoDateOfDay } from './calendar-math.js';
import type { ImportedEvent } from './types.js';

function boundOf(allDay: boolean, ms: number): EventBound {
  return allDay ? { kind: 'date', date: isoDateOfDay(Math.floor(ms / DAY_MS)) } : { kind: 'time', ms };
}

/**
 * One compact occurrence as an `ImportedEvent`: its bounds as event bounds (all-day ones as
 * dates), its content's fields, unmanaged and not deleted. The content's objects (attendees,
 * location, …) are shared, not copied: content is never mutated once built.
 *
 * @example
 *   importedEventOf({ sourceKey: 'trip@x', content, allDay: true, startMs: Date.UTC(2026, 0, 5), endMs: Date.UTC(2026, 0, 8) })
 *   // { summary: …, start: { kind: 'date', date: '2026-01-05' }, end: { kind: 'date', date: '2026-01-08' }, sourceKey: 'trip@x', … }
 */
export function importedEventOf(o: ImportedOccurrence): ImportedEvent {
  const c = o.content;
  // Fields in the order parseIcs has always given them, so that serialised results stay the same.
  return {
    applicationId: null,
    eventId: null,
    summary: c.summary,
    description: c.description,
    start: boundOf(o.allDay, o.startMs),
    end: boundOf(o.allDay, o.endMs),
    tzid: c.tzid,
    location: c.location,
    url: c.url,
    color: c.color,
    reminders: c.reminders,
    transparency: c.transparency,
    status: c.status,
    participationStatus: c.participationStatus,
    attendees: c.attendees,
    organizer: c.organizer,
    categories: c.categories,
    recurring: c.recurring,
    eventPrivate: c.eventPrivate,
    deleted: false,
    sourceKey: o.sourceKey,
  };
}
