/** Event upsert and delete (PROTOCOL §5.6.3, §5.6.4): managed events keyed by (application, calendar, event_id). */
import { ApiError, Problems, applyEventPatch, blankManagedEvent, newEventUid, validateEventUpsert, type Calendar, type CalendarEvent } from '../../core/index.js';
import { accountSub, type Principal } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { accepted } from '../respond.js';
import type { Handler } from '../route.js';

async function ownCalendar(deps: AppDeps, principal: Principal, calendarId: string): Promise<Calendar> {
  const calendar = await deps.store.getCalendar(calendarId);
  const sub = accountSub(principal);
  if (!calendar || calendar.sub !== sub) throw new ApiError('not_found', 'The calendar does not exist.');
  const profile = await deps.store.getProfile(calendar.profileId);
  if (!profile || profile.revoked) throw new ApiError('not_found', 'The calendar does not exist.');
  return calendar;
}

/** Records the problem of writing to a read-only or deleted calendar, if any. */
function checkWritable(calendar: Calendar, problems: Problems): void {
  if (calendar.readonly || calendar.deleted) problems.add('calendar_id', 'errors.invalid', calendar.deleted ? 'the calendar is deleted' : 'the calendar is read-only');
}

export function upsertEvent(deps: AppDeps): Handler {
  return async ({ req, principal, param }) => {
    const calendar = await ownCalendar(deps, principal, param('calendar_id'));
    const body = await readJsonObject(req);
    const problems = new Problems();
    // Every problem in one 422 (§2.5): the calendar's and the body's.
    checkWritable(calendar, problems);
    const patch = validateEventUpsert(body, problems);
    problems.throwIfAny();
    const applicationId = principal.application.applicationId;
    await deps.store.transaction(async (tx) => {
      // Concurrent first upserts of one event_id would each find no event and insert one,
      // and all but the first would break the unique managed key: they take turns instead.
      await tx.lockKey(`event:${applicationId}:${calendar.calendarId}:${patch!.eventId}`);
      // A revoke of the calendar's profile holds this key while it deletes the calendar's
      // events: after it, the calendar is gone (checked again inside the transaction).
      await tx.lockKey(`calendar:${calendar.calendarId}`);
      if ((await tx.getCalendar(calendar.calendarId)) === null) throw new ApiError('not_found', 'The calendar does not exist.');
      const existing = await tx.getManagedEvent(applicationId, calendar.calendarId, patch!.eventId);
      const now = deps.clock();
      const base = blankManagedEvent({ eventUid: newEventUid(deps.random), calendarId: calendar.calendarId, sub: calendar.sub, applicationId, eventId: patch!.eventId, now });
      // A deleted managed event that is upserted again comes back to life with the same uid.
      const current = existing && existing.deleted ? { ...existing, deleted: false } : existing;
      const event = applyEventPatch(current, base, patch!, problems, now);
      problems.throwIfAny();
      await tx.putEvent(event!);
    });
    return accepted();
  };
}

export function deleteEvent(deps: AppDeps): Handler {
  return async ({ req, principal, param }) => {
    const calendar = await ownCalendar(deps, principal, param('calendar_id'));
    const body = await readJsonObject(req);
    const problems = new Problems();
    const hasId = body.event_id !== undefined && body.event_id !== null;
    const hasUid = body.event_uid !== undefined && body.event_uid !== null;
    if (hasId === hasUid) {
      problems.add(hasId ? 'event_uid' : 'event_id', hasId ? 'errors.invalid' : 'errors.required', 'give exactly one of event_id and event_uid');
    } else if (hasId && (typeof body.event_id !== 'string' || body.event_id === '')) {
      problems.add('event_id', 'errors.invalid', 'event_id must be a non-empty string');
    } else if (hasUid && (typeof body.event_uid !== 'string' || body.event_uid === '')) {
      problems.add('event_uid', 'errors.invalid', 'event_uid must be a non-empty string');
    }
    // Deleting by event_uid is allowed only on writable calendars (§5.6.4).
    if (hasUid && !hasId) checkWritable(calendar, problems);
    problems.throwIfAny();
    const applicationId = principal.application.applicationId;
    await deps.store.transaction(async (tx) => {
      let event: CalendarEvent | null;
      if (hasId) event = await tx.getManagedEvent(applicationId, calendar.calendarId, body.event_id as string);
      else {
        event = await tx.getEvent(body.event_uid as string);
        // Another calendar's event, or one managed by another application (§8.9: managed
        // events are scoped per application), is treated as no match.
        if (event && (event.calendarId !== calendar.calendarId || (event.applicationId !== null && event.applicationId !== applicationId))) event = null;
      }
      if (event && !event.deleted) await tx.putEvent({ ...event, deleted: true, updated: deps.clock() });
    });
    return accepted();
  };
}
