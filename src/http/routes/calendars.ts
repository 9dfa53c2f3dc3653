/** `GET /v1/calendars` and `POST /v1/calendars` (PROTOCOL §5.5). */
import { Problems, checkString, isColor, newCalendarId, type Calendar } from '../../core/index.js';
import { accountSub } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';
import type { Handler } from '../route.js';
import { listedCalendarToJson } from '../wire/userinfo-json.js';

export function listCalendars(deps: AppDeps): Handler {
  return async ({ principal }) => {
    const sub = accountSub(principal);
    const [profiles, calendars] = await Promise.all([deps.store.listProfiles(sub), deps.store.listCalendars(sub, { includeDeleted: true })]);
    const byId = new Map(profiles.map((p) => [p.profileId, p]));
    const out = calendars.flatMap((c) => {
      const p = byId.get(c.profileId);
      return p ? [listedCalendarToJson(c, p)] : [];
    });
    return json(200, { calendars: out });
  };
}

export function createCalendar(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const sub = accountSub(principal);
    const problems = new Problems();
    const name = checkString(problems, 'name', body.name, { required: true, max: 255 });
    if (body.color !== undefined && body.color !== null && !isColor(body.color)) problems.add('color', 'errors.invalid', 'color must be #RRGGBB');
    let profile = null;
    if (body.profile_id === undefined || body.profile_id === null || body.profile_id === '') problems.add('profile_id', 'errors.required', 'profile_id is required');
    else if (typeof body.profile_id !== 'string') problems.add('profile_id', 'errors.invalid', 'profile_id must be a string');
    else {
      profile = await deps.store.getProfile(body.profile_id);
      if (!profile || profile.sub !== sub || profile.revoked) {
        problems.add('profile_id', 'errors.not_recognized', 'profile_id is not a profile of this account');
        profile = null;
      } else if (profile.source.type !== 'local') {
        problems.add('profile_id', 'errors.not_supported', 'calendars cannot be created in this profile: its calendars come from an external source');
      }
    }
    problems.throwIfAny();
    const calendar: Calendar = {
      calendarId: newCalendarId(deps.random),
      profileId: profile!.profileId,
      sub,
      name: name!,
      readonly: false,
      deleted: false,
      primary: false,
      color: (body.color as string | undefined) ?? null,
      createdAt: deps.clock(),
    };
    await deps.store.createCalendar(calendar);
    return json(200, { calendar: listedCalendarToJson(calendar, profile!) });
  };
}
