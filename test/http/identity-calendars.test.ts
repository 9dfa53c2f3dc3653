/** GET /v1/userinfo, GET /v1/account, GET/POST /v1/calendars (PROTOCOL §5.4, §5.5, E1). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCalendarId, newProfileId } from '../../src/core/index.js';
import { addCalendar, bearer, body, expect422, personAccount, random, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const CALENDAR_KEYS = [
  'calendar_id',
  'calendar_name',
  'calendar_readonly',
  'calendar_deleted',
  'calendar_primary',
  'calendar_integrated_conferencing_available',
  'calendar_attachments_available',
  'permission_level',
];

describe('identity and calendars', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId, { email: 'jane@example.com', name: 'Jane Doe', zoneinfo: 'Europe/London' });
  });
  afterEach(async () => h.close());

  const get = (path: string, token = acc.accessToken) => h.call('GET', path, { headers: bearer(token) });

  /** A second profile that is disconnected, and a third that is revoked. */
  async function moreProfiles(): Promise<{ disconnected: string; revoked: string; revokedCalendar: string }> {
    const mk = async (patch: { connected: boolean; revoked: boolean }) => {
      const profileId = newProfileId(random);
      await h.store.createProfile({
        profileId,
        sub: acc.sub,
        providerName: 'office365',
        providerService: 'office365',
        profileName: 'jane@corp.example',
        initialSyncRequired: false,
        source: { type: 'local' },
        createdAt: h.clock(),
        ...patch,
      });
      const calendarId = newCalendarId(random);
      await h.store.createCalendar({ calendarId, profileId, sub: acc.sub, name: 'Corp', readonly: true, deleted: false, primary: true, color: null, createdAt: h.clock() });
      return { profileId, calendarId };
    };
    const d = await mk({ connected: false, revoked: false });
    const r = await mk({ connected: true, revoked: true });
    return { disconnected: d.profileId, revoked: r.profileId, revokedCalendar: r.calendarId };
  }

  describe('GET /v1/userinfo', () => {
    it('has the §5.4 shape', async () => {
      const ui = await body(await get('/v1/userinfo'));
      expect(ui).toEqual({
        sub: acc.sub,
        email: 'jane@example.com',
        name: 'Jane Doe',
        zoneinfo: 'Europe/London',
        'cronofy.type': 'account',
        'cronofy.data': {
          authorization: { scope: 'read_write', status: 'active' },
          profiles: [
            {
              provider_name: 'google',
              provider_service: 'gsuite',
              profile_id: acc.profileId,
              profile_name: `${acc.sub}@example.com`,
              profile_connected: true,
              profile_initial_sync_required: false,
              profile_calendars: [
                {
                  calendar_id: acc.calendarId,
                  calendar_name: 'Work',
                  calendar_readonly: false,
                  calendar_deleted: false,
                  calendar_primary: true,
                  calendar_integrated_conferencing_available: false,
                  calendar_attachments_available: false,
                  permission_level: 'unrestricted',
                },
              ],
            },
          ],
          conferencing_profiles: [],
        },
      });
    });

    it('omits revoked profiles; disconnected ones carry an absolute relink URL', async () => {
      const p = await moreProfiles();
      const ui = await body(await get('/v1/userinfo'));
      const profiles: Json[] = ui['cronofy.data'].profiles;
      expect(profiles.map((x) => x.profile_id).sort()).toEqual([acc.profileId, p.disconnected].sort());
      const connected = profiles.find((x) => x.profile_id === acc.profileId)!;
      const disconnected = profiles.find((x) => x.profile_id === p.disconnected)!;
      expect(connected).not.toHaveProperty('profile_relink_url');
      expect(disconnected.profile_connected).toBe(false);
      expect(disconnected.profile_relink_url).toMatch(/^https?:\/\/[^/]+\//);
    });

    it('is the same for an element token (agenda, managed_availability, account_management)', async () => {
      const viaToken = await body(await get('/v1/userinfo'));
      for (const permissions of [['agenda'], ['managed_availability'], ['account_management']]) {
        const et = await h.mint(app.apiKey, { permissions, subs: [acc.sub], origin: ORIGIN });
        const res = await h.call('GET', `/v1/userinfo?et=${et}`, { headers: { origin: ORIGIN } });
        expect(res.status).toBe(200);
        expect(await body(res)).toEqual(viaToken);
      }
    });

    it('keeps cronofy.data.profiles present when empty', async () => {
      await h.store.updateProfile(acc.profileId, { revoked: true });
      const ui = await body(await get('/v1/userinfo'));
      expect(ui['cronofy.data'].profiles).toEqual([]);
    });
  });

  describe('GET /v1/account', () => {
    it('has the §5.4 shape', async () => {
      const b = await body(await get('/v1/account'));
      expect(b).toEqual({ account: { account_id: acc.sub, email: 'jane@example.com', name: 'Jane Doe', scope: 'read_write', default_tzid: 'Europe/London' } });
    });
  });

  describe('GET /v1/calendars', () => {
    it('lists calendars of current profiles, deleted ones flagged, with profile fields', async () => {
      const deleted = await addCalendar(h, acc, { deleted: true, name: 'Old' });
      const p = await moreProfiles();
      const b = await body(await get('/v1/calendars'));
      const cals: Json[] = b.calendars;
      expect(cals).toHaveLength(3);
      expect(cals.map((c) => c.calendar_id)).toEqual(expect.arrayContaining([acc.calendarId, deleted]));
      expect(cals.map((c) => c.calendar_id)).not.toContain(p.revokedCalendar);
      const byId = Object.fromEntries(cals.map((c) => [c.calendar_id, c]));
      expect(byId[deleted]).toMatchObject({ calendar_deleted: true, calendar_name: 'Old', profile_id: acc.profileId, provider_name: 'google' });
      for (const c of cals) {
        for (const k of [...CALENDAR_KEYS, 'provider_name', 'profile_id', 'profile_name']) expect(c, k).toHaveProperty(k);
      }
      const readOnly = cals.find((c) => c.profile_id === p.disconnected)!;
      expect(readOnly.calendar_readonly).toBe(true);
    });
  });

  describe('POST /v1/calendars', () => {
    const create = (json: unknown, token = acc.accessToken) => h.call('POST', '/v1/calendars', { headers: bearer(token), json });

    it('creates a calendar in a local profile and returns the full calendar object', async () => {
      const res = await create({ profile_id: acc.profileId, name: 'Bookings', color: '#123ABC' });
      const b = await body(res);
      expect(res.status, JSON.stringify(b)).toBe(200);
      expect(b.calendar).toMatchObject({
        provider_name: 'google',
        profile_id: acc.profileId,
        calendar_name: 'Bookings',
        calendar_readonly: false,
        calendar_deleted: false,
        calendar_primary: false,
      });
      for (const k of CALENDAR_KEYS) expect(b.calendar).toHaveProperty(k);
      expect(b.calendar.calendar_id).toMatch(/^cal_[A-Za-z0-9_]{10,60}$/);
      const list = await body(await get('/v1/calendars'));
      expect(list.calendars.find((c: Json) => c.calendar_id === b.calendar.calendar_id)).toEqual(b.calendar);
      // It is writable at once.
      const put = await h.call('POST', `/v1/calendars/${b.calendar.calendar_id}/events`, {
        headers: bearer(acc.accessToken),
        json: { event_id: 'x', summary: 'x', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
      });
      expect(put.status).toBe(202);
    });

    it('validates its fields and reports them together', async () => {
      await expect422(await create({}), { profile_id: ['errors.required'], name: ['errors.required'] });
      await expect422(await create({ profile_id: acc.profileId, name: '' }), { name: ['errors.required'] });
      await expect422(await create({ profile_id: acc.profileId, name: 'n'.repeat(256) }), { name: ['errors.too_long'] });
      await expect422(await create({ profile_id: acc.profileId, name: 5 }), { name: ['errors.invalid'] });
      await expect422(await create({ profile_id: acc.profileId, name: 'x', color: 'blue' }), { color: ['errors.invalid'] });
      await expect422(await create({ profile_id: 42, name: 'x' }), { profile_id: ['errors.invalid'] });
      expect((await create({ profile_id: acc.profileId, name: 'n'.repeat(255) })).status).toBe(200);
    });

    it("a profile that is not the account's → 422 profile_id not_recognized", async () => {
      const other = await personAccount(h, app.applicationId);
      await expect422(await create({ profile_id: other.profileId, name: 'x' }), { profile_id: ['errors.not_recognized'] });
      await expect422(await create({ profile_id: 'pro_doesnotexist00', name: 'x' }), { profile_id: ['errors.not_recognized'] });
      const p = await moreProfiles();
      await expect422(await create({ profile_id: p.revoked, name: 'x' }), { profile_id: ['errors.not_recognized'] });
    });

    it('a profile fed from an external source → 422 profile_id not_supported', async () => {
      const profileId = newProfileId(random);
      await h.store.createProfile({
        profileId,
        sub: acc.sub,
        providerName: 'ics',
        providerService: 'ics',
        profileName: 'feed',
        connected: true,
        initialSyncRequired: false,
        revoked: false,
        source: { type: 'ics_feed', url: 'https://feeds.example/x.ics', intervalSeconds: 900, etag: null, lastModified: null, lastFetchedAt: null, lastSuccessAt: null, lastError: null },
        createdAt: h.clock(),
      });
      await expect422(await create({ profile_id: profileId, name: 'x' }), { profile_id: ['errors.not_supported'] });
    });

    it('application calendar (cronofy) profiles support creation', async () => {
      const apc = await h.newAccount(app.applicationId);
      const res = await create({ profile_id: apc.profileId, name: 'Second' }, apc.accessToken);
      expect(res.status).toBe(200);
      expect((await body(res)).calendar.provider_name).toBe('cronofy');
    });
  });
});
