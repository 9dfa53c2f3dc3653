/**
 * Credentials and scoping of the availability routes (PROTOCOL §5.1, §4.1, §4.3–§4.5 E5–E8):
 * which credential each route takes, sub and calendar scoping, CORS on element routes, and
 * none on the host-only routes (explain included).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendar, bearer, body, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ORIGIN, ok, periods, postElement, postWith, putRule, query, weekdays } from '../helpers/availability.js';

const INTERVAL = { start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:30:00Z' };
const SEQUENCED = (sub: string) => ({
  sequence: [{ sequence_id: 'a', participants: [{ members: [sub] }], required_duration: { minutes: 30 } }],
  query_periods: [{ start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }],
});
const RULE = { availability_rule_id: 'work', tzid: 'Europe/Berlin', weekly_periods: weekdays('09:00', '17:00') };

describe('availability credentials and scoping', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let acc2: PersonAccount;
  let stranger: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    acc2 = await personAccount(h, app.applicationId);
    const otherApp = await h.newApp('Other');
    stranger = await personAccount(h, otherApp.applicationId);
  });
  afterEach(async () => h.close());

  const mint = (permissions: string[], subs = [acc.sub]) => h.mint(app.apiKey, { permissions, subs, origin: ORIGIN });

  describe('POST /v1/availability and /v1/sequenced_availability', () => {
    it('accept an API key, an access token and an element token with availability', async () => {
      const et = await mint(['availability']);
      for (const path of ['/v1/availability', '/v1/sequenced_availability']) {
        const json = path === '/v1/availability' ? query([acc.sub]) : SEQUENCED(acc.sub);
        await ok(await postWith(h, path, app.apiKey, json));
        await ok(await postWith(h, path, acc.accessToken, json));
        await ok(await postElement(h, path, et, json));
      }
    });

    it('an access token may name any sub that authorises the application', async () => {
      const res = await postWith(h, '/v1/availability', acc.accessToken, query([acc.sub, acc2.sub]));
      expect(await periods(res)).toHaveLength(1);
    });

    it('host credentials: a sub that does not authorise the application → 422 participants errors.not_recognized', async () => {
      for (const credential of [app.apiKey, acc.accessToken]) {
        await expect422(await postWith(h, '/v1/availability', credential, query([acc.sub, stranger.sub])), { participants: ['errors.not_recognized'] });
        await expect422(await postWith(h, '/v1/availability', credential, query(['acc_ffffffffffffffffffffffff'])), { participants: ['errors.not_recognized'] });
        await expect422(await postWith(h, '/v1/sequenced_availability', credential, SEQUENCED(stranger.sub)), { sequence: ['errors.not_recognized'] });
      }
    });

    it('host credentials: an unknown sub joins the other problems in one 422', async () => {
      const res = await postWith(h, '/v1/availability', app.apiKey, query([stranger.sub], { required_duration: { minutes: 0 } }));
      await expect422(res, { participants: ['errors.not_recognized'], required_duration: ['errors.out_of_range'] });
    });

    it('a sub whose authorisation was revoked is no longer recognised', async () => {
      await h.store.upsertAuthorization({ applicationId: app.applicationId, sub: acc2.sub, scope: 'read_write', status: 'revoked', createdAt: h.clock() });
      await expect422(await postWith(h, '/v1/availability', app.apiKey, query([acc2.sub])), { participants: ['errors.not_recognized'] });
    });

    it("element token: a sub outside the token's subs → 403 sub_not_permitted, with CORS for the page", async () => {
      const et = await mint(['availability']);
      for (const json of [query([acc2.sub]), query([acc.sub, stranger.sub]), query([], { participants: [{ members: [acc.sub] }, { members: [{ sub: acc2.sub }] }] })]) {
        const res = await postElement(h, '/v1/availability', et, json);
        await expectError(res, 403, 'sub_not_permitted');
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      }
      await expectError(await postElement(h, '/v1/sequenced_availability', et, SEQUENCED(acc2.sub)), 403, 'sub_not_permitted');
    });

    it('element token: invalid input is reported (422) before sub scoping (403)', async () => {
      const et = await mint(['availability']);
      const res = await postElement(h, '/v1/availability', et, query([acc2.sub], { required_duration: undefined }));
      await expect422(res, { required_duration: ['errors.required'] });
    });

    it("element token: every one of the token's subs may be named, not only the primary", async () => {
      const et = await mint(['availability'], [acc.sub, acc2.sub]);
      expect(await periods(await postElement(h, '/v1/availability', et, query([acc2.sub])))).toHaveLength(1);
    });

    it('element token without availability → 403 insufficient_permission', async () => {
      const et = await mint(['agenda', 'managed_availability']);
      await expectError(await postElement(h, '/v1/availability', et, query([acc.sub])), 403, 'insufficient_permission');
      await expectError(await postElement(h, '/v1/sequenced_availability', et, SEQUENCED(acc.sub)), 403, 'insufficient_permission');
    });

    it("member calendar_ids must be that member's → 422 participants errors.not_recognized", async () => {
      const et = await mint(['availability'], [acc.sub, acc2.sub]);
      const foreign = query([], { participants: [{ members: [{ sub: acc.sub, calendar_ids: [acc2.calendarId] }] }] });
      await expect422(await postElement(h, '/v1/availability', et, foreign), { participants: ['errors.not_recognized'] });
      await expect422(await postWith(h, '/v1/availability', app.apiKey, foreign), { participants: ['errors.not_recognized'] });
      const own = query([], { participants: [{ members: [{ sub: acc.sub, calendar_ids: [acc.calendarId] }] }] });
      await ok(await postElement(h, '/v1/availability', et, own));
    });

    it('element responses carry the CORS and caching headers of §4.3/§4.4', async () => {
      const et = await mint(['availability']);
      for (const [path, json] of [['/v1/availability', query([acc.sub])], ['/v1/sequenced_availability', SEQUENCED(acc.sub)]] as const) {
        const res = await postElement(h, path, et, json);
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        expect(await body(res)).not.toHaveProperty('errors');
      }
      const bad = await postElement(h, '/v1/availability', et, {});
      expect(bad.status).toBe(422);
      expect(bad.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('preflights on E5/E6 answer with the token origin', async () => {
      const et = await mint(['availability']);
      for (const path of ['/v1/availability', '/v1/sequenced_availability']) {
        const res = await h.call('OPTIONS', `${path}?et=${et}`, { headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      }
    });

    it('missing credentials → 401', async () => {
      await expectError(await h.call('POST', '/v1/availability', { json: query([acc.sub]) }), 401, 'invalid_credentials');
    });
  });

  describe('POST /v1/availability/explain', () => {
    const explainBody = () => ({ ...query([acc.sub]), interval: INTERVAL });

    it('accepts an API key and an access token, and sends no CORS headers', async () => {
      for (const credential of [app.apiKey, acc.accessToken]) {
        const res = await h.call('POST', '/v1/availability/explain', { headers: { ...bearer(credential), origin: ORIGIN }, json: explainBody() });
        expect((await ok(res)).explanation.available).toBe(true);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('refuses element tokens (403 credential_not_accepted) and is not an element route (OPTIONS → 404)', async () => {
      const et = await mint(['availability']);
      const res = await postElement(h, '/v1/availability/explain', et, explainBody());
      await expectError(res, 403, 'credential_not_accepted');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await h.call('OPTIONS', `/v1/availability/explain?et=${et}`, { headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      await expectError(pre, 404, 'not_found');
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('host credentials: an unknown sub → 422 participants errors.not_recognized', async () => {
      await expect422(await postWith(h, '/v1/availability/explain', app.apiKey, { ...query([stranger.sub]), interval: INTERVAL }), { participants: ['errors.not_recognized'] });
    });
  });

  describe('availability rules (E7/E8 and host routes)', () => {
    it('E8/E7 with managed_availability act on the primary sub, with CORS headers', async () => {
      const et = await mint(['managed_availability'], [acc.sub, acc2.sub]);
      const up = await postElement(h, '/v1/availability_rules', et, RULE);
      expect(up.status).toBe(200);
      expect(up.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(up.headers.get('cache-control')).toBe('no-store');
      expect((await h.store.getRule(app.applicationId, acc.sub, 'work'))?.tzid).toBe('Europe/Berlin');
      expect(await h.store.getRule(app.applicationId, acc2.sub, 'work')).toBeNull();

      const read = await h.call('GET', `/v1/availability_rules/work?et=${et}`, { headers: { origin: ORIGIN } });
      expect((await ok(read)).availability_rule.availability_rule_id).toBe('work');
      expect(read.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(read.headers.get('vary')).toMatch(/\bOrigin\b/);
    });

    it('E7: an absent rule is a JSON 404 with CORS headers; a rule of another sub is absent', async () => {
      await putRule(h, acc2.accessToken, { ...RULE, availability_rule_id: 'theirs' });
      const et = await mint(['managed_availability']);
      for (const id of ['nope', 'theirs']) {
        const res = await h.call('GET', `/v1/availability_rules/${id}?et=${et}`, { headers: { origin: ORIGIN } });
        await expectError(res, 404, 'not_found');
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    });

    it("E8: calendar_ids must be the primary sub's", async () => {
      const et = await mint(['managed_availability'], [acc.sub, acc2.sub]);
      await expect422(await postElement(h, '/v1/availability_rules', et, { ...RULE, calendar_ids: [acc2.calendarId] }), { calendar_ids: ['errors.not_recognized'] });
      const extra = await addCalendar(h, acc);
      const b = await ok(await postElement(h, '/v1/availability_rules', et, { ...RULE, calendar_ids: [acc.calendarId, extra] }));
      expect(b.availability_rule.calendar_ids).toEqual([acc.calendarId, extra]);
    });

    it('E7/E8 need managed_availability; list and delete take access tokens only', async () => {
      await putRule(h, acc.accessToken, RULE);
      const et = await mint(['availability', 'agenda']);
      await expectError(await postElement(h, '/v1/availability_rules', et, RULE), 403, 'insufficient_permission');
      await expectError(await h.call('GET', `/v1/availability_rules/work?et=${et}`, { headers: { origin: ORIGIN } }), 403, 'insufficient_permission');

      const managed = await mint(['managed_availability']);
      await expectError(await h.call('GET', `/v1/availability_rules?et=${managed}`, { headers: { origin: ORIGIN } }), 403, 'credential_not_accepted');
      await expectError(await h.call('DELETE', `/v1/availability_rules/work?et=${managed}`, { headers: { origin: ORIGIN } }), 403, 'credential_not_accepted');
      for (const [method, path] of [['GET', '/v1/availability_rules'], ['GET', '/v1/availability_rules/work'], ['POST', '/v1/availability_rules'], ['DELETE', '/v1/availability_rules/work']] as const) {
        await expectError(await h.call(method, path, { headers: bearer(app.apiKey), json: method === 'POST' ? RULE : undefined }), 403, 'credential_not_accepted');
      }
      expect(await h.store.getRule(app.applicationId, acc.sub, 'work')).not.toBeNull();
    });
  });

  describe('available periods', () => {
    it('take access tokens only', async () => {
      const et = await mint(['availability', 'managed_availability']);
      const period = { available_period_id: 'p1', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' };
      for (const [method, json] of [['POST', period], ['GET', undefined], ['DELETE', { delete_all: true }]] as const) {
        await expectError(await h.call(method, '/v1/available_periods', { headers: bearer(app.apiKey), json }), 403, 'credential_not_accepted');
        const res = await h.call(method, `/v1/available_periods?et=${et}`, { headers: { origin: ORIGIN }, json });
        await expectError(res, 403, 'credential_not_accepted');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
      const pre = await h.call('OPTIONS', '/v1/available_periods', { headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(404);
    });
  });
});
