import type { Insertable, Selectable } from 'kysely';
import type { Calendar } from '../../core/index.js';
import type { CalendarsTable } from '../db-schema.js';
import { fromFlag, toFlag } from './columns.js';

export function calendarToRow(c: Calendar): Insertable<CalendarsTable> {
  return {
    calendar_id: c.calendarId,
    profile_id: c.profileId,
    sub: c.sub,
    name: c.name,
    read_only: toFlag(c.readonly),
    deleted: toFlag(c.deleted),
    is_primary: toFlag(c.primary),
    color: c.color,
    created_at: c.createdAt,
  };
}

export function rowToCalendar(r: Selectable<CalendarsTable>): Calendar {
  return {
    calendarId: r.calendar_id,
    profileId: r.profile_id,
    sub: r.sub,
    name: r.name,
    readonly: fromFlag(r.read_only),
    deleted: fromFlag(r.deleted),
    primary: fromFlag(r.is_primary),
    color: r.color,
    createdAt: r.created_at,
  };
}
