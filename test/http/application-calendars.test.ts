/** POST /v1/application_calendars (PROTOCOL §5.3): JSON and form, idempotent per id. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expect422, expectError } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('POST /v1/application_calendars', () => {
  let h: Harness;
  let app: { applicationId: string; clientId: string; apiKey: string };

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
  });
  afterEach(async () => h.close());

  const create = (fields: Record<string, unknown>) => h.call('POST', '/v1/application_calendars', { json: fields });
  const createForm = (fields: Record<string, string>) =>
    h.call('POST', '/v1/application_calendars', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const creds = () => ({ client_id: app.clientId, client_secret: app.apiKey });

  it('answers the token shape with an apc_ sub (JSON body)', async () => {
    const res = await create({ ...creds(), application_calendar_id: 'room-101' });
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(200);
    expect(b).toMatchObject({ token_type: 'bearer', expires_in: 10800, scope: 'read_write', application_calendar_id: 'room-101' });
    expect(b.sub).toMatch(/^apc_[0-9a-f]{24}$/);
    expect(b.account_id).toBe(b.sub);
    expect(b.access_token).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(b.refresh_token).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(b.linking_profile.provider_name).toBe('cronofy');
    expect(b.linking_profile.profile_id).toMatch(/^pro_[A-Za-z0-9]{10,40}$/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts a form body', async () => {
    const res = await createForm({ ...creds(), application_calendar_id: 'room 102 / ünïcode' });
    const b = await body(res);
    expect(res.status).toBe(200);
    expect(b.application_calendar_id).toBe('room 102 / ünïcode');
  });

  it('is idempotent per (application, id): same sub, fresh tokens, earlier ones stay valid', async () => {
    const a = await body(await create({ ...creds(), application_calendar_id: 'room-1' }));
    const b = await body(await createForm({ ...creds(), application_calendar_id: 'room-1' }));
    expect(b.sub).toBe(a.sub);
    expect(b.linking_profile.profile_id).toBe(a.linking_profile.profile_id);
    expect(b.access_token).not.toBe(a.access_token);
    for (const t of [a.access_token, b.access_token]) expect((await h.call('GET', '/v1/account', { headers: bearer(t) })).status).toBe(200);
    // Another id, or the same id for another application, is another calendar.
    const c = await body(await create({ ...creds(), application_calendar_id: 'room-2' }));
    expect(c.sub).not.toBe(a.sub);
    const other = await h.newApp('Other');
    const d = await body(await create({ client_id: other.clientId, client_secret: other.apiKey, application_calendar_id: 'room-1' }));
    expect(d.sub).not.toBe(a.sub);
    // The refresh token works at the token endpoint.
    const refreshed = await h.call('POST', '/oauth/token', { json: { grant_type: 'refresh_token', refresh_token: a.refresh_token, ...creds() } });
    expect((await body(refreshed)).sub).toBe(a.sub);
  });

  it('has one cronofy profile with one writable primary calendar named after the id, in Etc/UTC', async () => {
    const a = await body(await create({ ...creds(), application_calendar_id: 'Meeting room' }));
    const ui = await body(await h.call('GET', '/v1/userinfo', { headers: bearer(a.access_token) }));
    expect(ui).toMatchObject({ sub: a.sub, zoneinfo: 'Etc/UTC', 'cronofy.type': 'application_calendar' });
    const profiles = ui['cronofy.data'].profiles;
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ provider_name: 'cronofy', provider_service: 'cronofy', profile_id: a.linking_profile.profile_id, profile_connected: true });
    expect(profiles[0].profile_calendars).toHaveLength(1);
    expect(profiles[0].profile_calendars[0]).toMatchObject({ calendar_name: 'Meeting room', calendar_readonly: false, calendar_deleted: false, calendar_primary: true });
    const account = await body(await h.call('GET', '/v1/account', { headers: bearer(a.access_token) }));
    expect(account.account).toEqual({ account_id: a.sub, email: null, name: null, scope: 'read_write', default_tzid: 'Etc/UTC' });
  });

  it('gives an application calendar whose profile was revoked a fresh profile and writable primary calendar, keeping the sub', async () => {
    const a = await body(await create({ ...creds(), application_calendar_id: 'room-9' }));
    const put = (token: string, calendarId: string) =>
      h.call('POST', `/v1/calendars/${calendarId}/events`, { headers: bearer(token), json: { event_id: 'e1', summary: 'Busy', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' } });
    const before = await body(await h.call('GET', '/v1/userinfo', { headers: bearer(a.access_token) }));
    const oldCalendar = before['cronofy.data'].profiles[0].profile_calendars[0].calendar_id as string;
    expect((await h.call('POST', `/v1/profiles/${a.linking_profile.profile_id}/revoke`, { headers: bearer(a.access_token) })).status).toBe(202);

    const b = await body(await create({ ...creds(), application_calendar_id: 'room-9' }));
    expect(b.sub).toBe(a.sub);
    expect(b.linking_profile).toMatchObject({ provider_name: 'cronofy', profile_name: 'room-9' });
    expect(b.linking_profile.profile_id).not.toBe(a.linking_profile.profile_id);
    const ui = await body(await h.call('GET', '/v1/userinfo', { headers: bearer(b.access_token) }));
    const profiles = ui['cronofy.data'].profiles;
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ provider_name: 'cronofy', provider_service: 'cronofy', profile_id: b.linking_profile.profile_id, profile_connected: true });
    expect(profiles[0].profile_calendars).toHaveLength(1);
    const calendar = profiles[0].profile_calendars[0];
    expect(calendar).toMatchObject({ calendar_name: 'room-9', calendar_readonly: false, calendar_deleted: false, calendar_primary: true });
    expect(calendar.calendar_id).not.toBe(oldCalendar);
    // The new calendar takes events, with the new token and the one issued before the revoke.
    expect((await put(b.access_token, calendar.calendar_id)).status).toBe(202);
    expect((await put(a.access_token, calendar.calendar_id)).status).toBe(202);
    // The revoked profile's calendar stays gone.
    expect((await put(b.access_token, oldCalendar)).status).toBe(404);
    // Once restored, further calls find that profile again.
    const c = await body(await create({ ...creds(), application_calendar_id: 'room-9' }));
    expect(c.linking_profile.profile_id).toBe(b.linking_profile.profile_id);
  });

  it('bad or missing client credentials → 401', async () => {
    await expectError(await create({ client_id: app.clientId, client_secret: 'wrong', application_calendar_id: 'x' }), 401, 'invalid_credentials');
    await expectError(await create({ client_id: 'kairos_someoneelse00000000', client_secret: app.apiKey, application_calendar_id: 'x' }), 401, 'invalid_credentials');
    await expectError(await create({ application_calendar_id: 'x' }), 401, 'invalid_credentials');
    await expectError(await create({ ...creds(), client_secret: 5, application_calendar_id: 'x' }), 401, 'invalid_credentials');
    // Credentials are read from the body only, not from a bearer header.
    await expectError(await h.call('POST', '/v1/application_calendars', { headers: bearer(app.apiKey), json: { application_calendar_id: 'x' } }), 401, 'invalid_credentials');
  });

  it('validates application_calendar_id', async () => {
    await expect422(await create(creds()), { application_calendar_id: ['errors.required'] });
    await expect422(await create({ ...creds(), application_calendar_id: '' }), { application_calendar_id: ['errors.required'] });
    await expect422(await create({ ...creds(), application_calendar_id: 'a'.repeat(256) }), { application_calendar_id: ['errors.too_long'] });
    await expect422(await create({ ...creds(), application_calendar_id: 'a\nb' }), { application_calendar_id: ['errors.invalid'] });
    await expect422(await create({ ...creds(), application_calendar_id: 7 }), { application_calendar_id: ['errors.invalid'] });
    expect((await create({ ...creds(), application_calendar_id: 'a'.repeat(255) })).status).toBe(200);
  });

  it('malformed bodies → 422 body', async () => {
    const res = await h.call('POST', '/v1/application_calendars', { headers: { 'content-type': 'application/json' }, body: '{"client_id":' });
    await expect422(res, { body: ['errors.invalid'] });
  });
});
