/**
 * Writes that check and then insert, fired truly concurrently (Promise.all over app.request):
 * application calendars, first upserts of a managed event, and the limits on rules, feeds and
 * available periods. SQLite serialises write transactions anyway; PostgreSQL (registered when
 * KAIROS_TEST_POSTGRES is set) runs them side by side, which is where these broke.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { feedIcs, startFeedServer, type FeedServer } from '../../src/sync/feeds/test-helpers.js';
import { weekdays } from '../helpers/availability.js';
import { bearer, personAccount, type Json } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const pgUrl = testPostgresUrl();
const engines = pgUrl ? ([['sqlite', undefined], ['postgres', pgUrl]] as const) : ([['sqlite', undefined]] as const);

/** Status and parsed body of every response, in request order. */
async function settle(responses: Promise<Response>[]): Promise<{ status: number; body: Json }[]> {
  return Promise.all(
    (await Promise.all(responses)).map(async (res) => {
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as Json) };
    }),
  );
}

/** The `errors` map of a 422 reduced to its keys, e.g. `{ url: ['errors.too_many'] }`. */
function errorKeys(b: Json): Record<string, string[]> {
  return Object.fromEntries(Object.entries(b.errors as Record<string, { key: string }[]>).map(([field, list]) => [field, list.map((e) => e.key)]));
}

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.set('/race.ics', { kind: 'ics', body: feedIcs([{ uid: 'a', summary: 'A', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }]) });
});
afterAll(async () => {
  await server.close();
});

for (const [engine, postgresUrl] of engines) {
  describe(`concurrent writes on ${engine}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness({ feeds: { allowPrivateAddresses: true, timeoutMs: 2000, connectTimeoutMs: 1000 }, ...(postgresUrl ? { postgresUrl } : {}) });
    });
    afterEach(async () => h.close());

    it('gives one sub, one profile and one calendar to 50 parallel calls for a new application calendar', async () => {
      const app = await h.newApp();
      const results = await settle(
        Array.from({ length: 50 }, () =>
          h.call('POST', '/v1/application_calendars', { json: { client_id: app.clientId, client_secret: app.apiKey, application_calendar_id: 'room-race' } }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
      const subs = new Set(results.map((r) => r.body.sub as string));
      expect(subs.size).toBe(1);
      const [sub] = subs;
      expect(new Set(results.map((r) => r.body.linking_profile.profile_id as string)).size).toBe(1);
      // Every token issued works and names that account, which has exactly one profile and one calendar.
      const infos = await settle(results.map((r) => h.call('GET', '/v1/userinfo', { headers: bearer(r.body.access_token as string) })));
      for (const info of infos) {
        expect(info.status).toBe(200);
        expect(info.body.sub).toBe(sub);
      }
      const profiles = infos[0]!.body['cronofy.data'].profiles as { profile_id: string; profile_calendars: unknown[] }[];
      expect(profiles.map((p) => p.profile_id)).toEqual([results[0]!.body.linking_profile.profile_id]);
      expect(profiles[0]!.profile_calendars).toHaveLength(1);
      expect(await h.store.listProfiles(sub!, { includeRevoked: true })).toHaveLength(1);
      expect(await h.store.listCalendars(sub!, { includeDeleted: true })).toHaveLength(1);
    });

    it('gives a revoked application calendar one fresh profile and calendar, whatever the number of parallel calls', async () => {
      const app = await h.newApp();
      const creds = { client_id: app.clientId, client_secret: app.apiKey, application_calendar_id: 'room-revoked' };
      const first = await settle([h.call('POST', '/v1/application_calendars', { json: creds })]);
      const { sub, access_token: token, linking_profile: revoked } = first[0]!.body as Json;
      expect((await h.call('POST', `/v1/profiles/${revoked.profile_id}/revoke`, { headers: bearer(token) })).status).toBe(202);
      const again = await settle(Array.from({ length: 20 }, () => h.call('POST', '/v1/application_calendars', { json: creds })));
      expect(again.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(new Set(again.map((r) => r.body.sub))).toEqual(new Set([sub]));
      const fresh = new Set(again.map((r) => r.body.linking_profile.profile_id as string));
      expect(fresh.size).toBe(1);
      expect(fresh.has(revoked.profile_id)).toBe(false);
      const current = await h.store.listProfiles(sub);
      expect(current.map((p) => p.profileId)).toEqual([...fresh]);
      expect((await h.store.listCalendars(sub)).map((c) => ({ name: c.name, readonly: c.readonly, primary: c.primary, profileId: c.profileId }))).toEqual([
        { name: 'room-revoked', readonly: false, primary: true, profileId: [...fresh][0] },
      ]);
    });

    it('answers 202 to every one of 20 rounds of 20 parallel first upserts of an event, and keeps one event per event_id', async () => {
      const app = await h.newApp();
      const acc = await h.newAccount(app.applicationId);
      const rounds = 20;
      const statuses: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const results = await settle(
          Array.from({ length: 20 }, (_, i) =>
            h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
              headers: bearer(acc.accessToken),
              json: { event_id: `race-${round}`, summary: `Attempt ${i}`, start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
            }),
          ),
        );
        statuses.push(...results.map((r) => r.status));
      }
      expect(statuses).toEqual(Array(rounds * 20).fill(202));
      const stored = await h.store.queryEvents({ sub: acc.sub, managed: 'only', applicationId: app.applicationId, includeDeleted: true });
      expect(stored.map((e) => e.eventId).sort()).toEqual(Array.from({ length: rounds }, (_, i) => `race-${i}`).sort());
    });

    it('leaves no event on a calendar whose profile is revoked while upserts to it run', async () => {
      const app = await h.newApp();
      for (let round = 0; round < 5; round++) {
        const acc = await h.newAccount(app.applicationId, `revoke-race-${round}`);
        const upserts = Array.from({ length: 20 }, (_, i) =>
          h.call('POST', `/v1/calendars/${acc.calendarId}/events`, {
            headers: bearer(acc.accessToken),
            json: { event_id: `e${i}`, summary: `Event ${i}`, start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' },
          }),
        );
        const revoke = h.call('POST', `/v1/profiles/${acc.profileId}/revoke`, { headers: bearer(acc.accessToken) });
        const results = await settle([...upserts, revoke]);
        expect(results.at(-1)!.status).toBe(202);
        // Each upsert either landed before the revoke (and was deleted with the calendar) or found it gone.
        for (const r of results.slice(0, -1)) expect([202, 404]).toContain(r.status);
        const left = await h.store.queryEvents({ sub: acc.sub, managed: 'include', applicationId: app.applicationId, includeDeleted: true, calendarIds: [acc.calendarId] });
        expect(left).toEqual([]);
      }
    });

    it('stores exactly 50 of 100 parallel rule upserts over 60 ids, and refuses the rest with availability_rule_id errors.too_many', async () => {
      const app = await h.newApp();
      const acc = await personAccount(h, app.applicationId);
      const ids = Array.from({ length: 100 }, (_, i) => `r${i % 60}`);
      const results = await settle(
        ids.map((id) => h.call('POST', '/v1/availability_rules', { headers: bearer(acc.accessToken), json: { availability_rule_id: id, tzid: 'Europe/Berlin', weekly_periods: weekdays('09:00', '17:00') } })),
      );
      const accepted = new Set<string>();
      const refused = new Set<string>();
      results.forEach((r, i) => {
        if (r.status === 200) accepted.add(ids[i]!);
        else {
          expect(r.status).toBe(422);
          expect(errorKeys(r.body)).toEqual({ availability_rule_id: ['errors.too_many'] });
          refused.add(ids[i]!);
        }
      });
      expect(accepted.size).toBe(50);
      // An id refused once was refused because 50 others were stored; it never got in later.
      expect([...refused].filter((id) => accepted.has(id))).toEqual([]);
      expect(refused.size).toBe(10);
      const stored = await h.store.listRules(app.applicationId, acc.sub);
      expect(new Set(stored.map((r) => r.availabilityRuleId))).toEqual(accepted);
    });

    it('creates exactly 50 of 80 parallel feeds of one account, and refuses the rest with url errors.too_many', async () => {
      const app = await h.newApp();
      const acc = await h.newAccount(app.applicationId);
      const results = await settle(
        Array.from({ length: 80 }, (_, i) => h.call('POST', '/v1/feeds', { headers: bearer(acc.accessToken), json: { url: `${server.url('/race.ics')}?n=${i}`, name: `Feed ${i}`, wait: false } })),
      );
      const ok = results.filter((r) => r.status === 200);
      const refused = results.filter((r) => r.status !== 200);
      expect(ok).toHaveLength(50);
      for (const r of refused) {
        expect(r.status).toBe(422);
        expect(errorKeys(r.body)).toEqual({ url: ['errors.too_many'] });
      }
      const listed = await settle([h.call('GET', '/v1/feeds', { headers: bearer(acc.accessToken) })]);
      expect(new Set((listed[0]!.body.feeds as { profile_id: string }[]).map((f) => f.profile_id))).toEqual(new Set(ok.map((r) => r.body.feed.profile_id as string)));
      // Every feed created has its one calendar; the refused requests left nothing behind.
      expect(await h.store.listProfiles(acc.sub, { includeRevoked: true })).toHaveLength(51);
      expect(await h.store.listCalendars(acc.sub, { includeDeleted: true })).toHaveLength(51);
    });

    it('stops available periods at exactly 1000 when 20 new ones arrive in parallel at 995', async () => {
      const app = await h.newApp();
      const acc = await personAccount(h, app.applicationId);
      const base = Date.UTC(2026, 5, 2, 9);
      await h.store.transaction(async (tx) => {
        for (let i = 0; i < 995; i++) {
          await tx.upsertAvailablePeriod({ applicationId: app.applicationId, sub: acc.sub, availablePeriodId: `p${i}`, start: base + i * 60_000, end: base + (i + 1) * 60_000, tzid: null });
        }
      });
      const results = await settle(
        Array.from({ length: 20 }, (_, i) =>
          h.call('POST', '/v1/available_periods', { headers: bearer(acc.accessToken), json: { available_period_id: `new${i}`, start: '2026-06-10T09:00:00Z', end: '2026-06-10T10:00:00Z' } }),
        ),
      );
      expect(results.filter((r) => r.status === 202)).toHaveLength(5);
      const refused = results.filter((r) => r.status !== 202);
      expect(refused).toHaveLength(15);
      for (const r of refused) {
        expect(r.status).toBe(422);
        expect(errorKeys(r.body)).toEqual({ available_period_id: ['errors.too_many'] });
      }
      expect(await h.store.countAvailablePeriods(app.applicationId, acc.sub)).toBe(1000);
    });
  });
}
