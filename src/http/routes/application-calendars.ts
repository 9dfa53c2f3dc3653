/** `POST /v1/application_calendars` (PROTOCOL §5.3): client credentials in the body. */
import { ApiError, Problems, checkFreeTextId } from '../../core/index.js';
import { ensureApplicationCalendar, verifyClientCredentials } from '../../services/index.js';
import { readJsonOrForm } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';

export function applicationCalendars(deps: AppDeps) {
  return async (req: Request): Promise<Response> => {
    const body = await readJsonOrForm(req);
    const app = await verifyClientCredentials(deps, body.client_id, body.client_secret);
    if (!app) throw new ApiError('invalid_credentials', 'client_id and client_secret do not identify an application.');
    const problems = new Problems();
    const check = checkFreeTextId(body.application_calendar_id);
    if (check !== 'ok') {
      problems.add(
        'application_calendar_id',
        check === 'required' ? 'errors.required' : check === 'too_long' ? 'errors.too_long' : 'errors.invalid',
        'application_calendar_id must be 1–255 characters without control characters',
      );
    }
    problems.throwIfAny();
    const id = body.application_calendar_id as string;
    const r = await ensureApplicationCalendar(deps, {
      applicationId: app.applicationId,
      applicationCalendarId: id,
      accessTokenTtlSeconds: deps.config.accessTokenTtlSeconds,
    });
    return json(
      200,
      {
        token_type: 'bearer',
        access_token: r.accessToken,
        expires_in: r.expiresIn,
        refresh_token: r.refreshToken,
        scope: 'read_write',
        sub: r.sub,
        account_id: r.sub,
        application_calendar_id: id,
        linking_profile: { provider_name: 'cronofy', profile_id: r.profile.profileId, profile_name: r.profile.profileName },
      },
      { 'cache-control': 'no-store' },
    );
  };
}
