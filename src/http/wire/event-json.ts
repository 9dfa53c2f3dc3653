/** The event and free/busy objects on the wire (PROTOCOL §5.6). */
import { formatTime, type CalendarEvent, type EventBound } from '../../core/index.js';

function boundToJson(b: EventBound): string {
  return b.kind === 'date' ? b.date : formatTime(b.ms);
}

/** True when an event blocks time (PROTOCOL §5.7.4). */
export function eventBlocks(e: CalendarEvent): boolean {
  return !e.deleted && e.status !== 'cancelled' && e.transparency !== 'transparent' && e.participationStatus !== 'declined';
}

export function eventToJson(
  e: CalendarEvent,
  opts: { applicationId: string; includeGeo: boolean; writable: boolean; organizerFallback: { email: string; displayName: string } },
): Record<string, unknown> {
  const managedHere = e.applicationId === opts.applicationId && e.eventId !== null;
  const out: Record<string, unknown> = { calendar_id: e.calendarId, event_uid: e.eventUid };
  if (managedHere) out.event_id = e.eventId;
  out.summary = e.summary;
  out.description = e.description;
  out.start = boundToJson(e.start);
  out.end = boundToJson(e.end);
  out.deleted = e.deleted;
  out.created = formatTime(e.created);
  out.updated = formatTime(e.updated);
  if (e.location && (e.location.description !== undefined || e.location.lat !== undefined)) {
    const loc: Record<string, unknown> = { description: e.location.description ?? '' };
    if (opts.includeGeo && e.location.lat !== undefined && e.location.long !== undefined) {
      loc.lat = String(e.location.lat);
      loc.long = String(e.location.long);
    }
    out.location = loc;
  }
  out.participation_status = e.participationStatus;
  out.attendees = e.attendees.map((a) => ({ email: a.email, display_name: a.displayName ?? a.email, status: a.status }));
  out.organizer = e.organizer
    ? { email: e.organizer.email, display_name: e.organizer.displayName ?? e.organizer.email }
    : { email: opts.organizerFallback.email, display_name: opts.organizerFallback.displayName };
  out.transparency = e.transparency;
  out.status = e.status;
  out.categories = e.categories;
  out.recurring = e.recurring;
  out.event_private = e.eventPrivate;
  // Updates go by event_id (this application's managed events); deletes by event_uid also reach
  // events no application manages, on a writable calendar (§5.6.4).
  const open = opts.writable && !e.deleted;
  out.options = { delete: open && (managedHere || e.applicationId === null), update: open && managedHere, change_participation_status: false };
  return out;
}

export function freeBusyToJson(e: CalendarEvent): Record<string, unknown> {
  return {
    calendar_id: e.calendarId,
    start: boundToJson(e.start),
    end: boundToJson(e.end),
    free_busy_status: e.status === 'tentative' || e.participationStatus === 'tentative' ? 'tentative' : 'busy',
  };
}
