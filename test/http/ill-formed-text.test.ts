/**
 * Text that the stores cannot keep exactly is refused at the edge (PROTOCOL §2.5): unpaired
 * UTF-16 surrogates (which JSON escapes such as `\ud800` produce) and percent-encoded bytes that
 * are not UTF-8 are 422s, like NUL characters, in JSON bodies (any string at any depth, keys
 * included), form bodies, query strings, and paths (404). Run on SQLite, and on PostgreSQL
 * when KAIROS_TEST_POSTGRES is set: PostgreSQL would store every such string as U+FFFD, so
 * different ids would name one row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { bearer, body, expect422 } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const url = testPostgresUrl();
const engines = url ? ([['sqlite', undefined], ['postgres', url]] as const) : ([['sqlite', undefined]] as const);
const ORIGIN = 'https://app.example.com';
const EVENT = { summary: 'S', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' };

for (const [engine, postgresUrl] of engines) {
  describe(`ill-formed text on ${engine}`, () => {
    let h: Harness;
    let app: { applicationId: string; clientId: string; apiKey: string };
    let acc: { sub: string; accessToken: string; calendarId: string };

    beforeEach(async () => {
      h = await createHarness(postgresUrl ? { postgresUrl } : {});
      app = await h.newApp();
      acc = await h.newAccount(app.applicationId);
    });
    afterEach(async () => h.close());

    const upsertRaw = (text: string) =>
      h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: { ...bearer(acc.accessToken), 'content-type': 'application/json' }, body: text });
    const eventBody = (eventIdJson: string, extra = '') => `{"event_id":${eventIdJson},"summary":"S","start":"2026-06-02T09:00:00Z","end":"2026-06-02T10:00:00Z"${extra}}`;

    it('an event_id with a lone surrogate is 422 event_id, every time, and stores nothing', async () => {
      for (const id of ['"lone\\ud800"', '"lone\\udbff"', '"lone\\udc00"', '"\\udfff"', '"pair\\ude00\\ud83d"']) {
        for (let i = 0; i < 4; i++) await expect422(await upsertRaw(eventBody(id)), { event_id: ['errors.invalid'] });
      }
      // U+FFFD itself is ordinary text; a well-formed pair is too.
      expect((await upsertRaw(eventBody('"lone\\ufffd"'))).status).toBe(202);
      expect((await upsertRaw(eventBody('"pair\\ud83d\\ude00"'))).status).toBe(202);
      const res = await h.call('GET', '/v1/events?only_managed=true&from=2026-06-01&to=2026-06-03', { headers: bearer(acc.accessToken) });
      const ids = ((await body(res)) as { events: { event_id: string }[] }).events.map((e) => e.event_id).sort();
      expect(ids).toEqual(['lone\ufffd', 'pair\u{1F600}']);
    });

    it('a lone surrogate anywhere in a JSON body names its top-level parameter', async () => {
      await expect422(await upsertRaw(eventBody('"e1"', ',"location":{"description":"room \\ud800"}')), { location: ['errors.invalid'] });
      await expect422(await upsertRaw(eventBody('"e1"', ',"attendees":{"invite":[{"email":"a@example.com","display_name":"\\udc01"}]}')), { attendees: ['errors.invalid'] });
      // In a nested key.
      await expect422(await upsertRaw(eventBody('"e1"', ',"location":{"\\ud800":1}')), { location: ['errors.invalid'] });
      // In a top-level key: the body is at fault, as there is no parameter to name.
      await expect422(await upsertRaw(eventBody('"e1"', ',"\\ud800":1')), { body: ['errors.invalid'] });
      // Every problem in one 422.
      const both = await upsertRaw(`{"event_id":"\\ud800","summary":"\\udfff","start":"2026-06-02T09:00:00Z","end":"2026-06-02T10:00:00Z"}`);
      await expect422(both, { event_id: ['errors.invalid'], summary: ['errors.invalid'] });
    });

    it('on other JSON routes: element tokens, calendars', async () => {
      const mint = await h.call('POST', '/v1/element_tokens', {
        headers: { ...bearer(app.apiKey), 'content-type': 'application/json' },
        body: `{"permissions":["agenda"],"subs":["${acc.sub}"],"origin":"${ORIGIN}\\ud800"}`,
      });
      await expect422(mint, { origin: ['errors.invalid'] });
      const cal = await h.call('POST', '/v1/calendars', { headers: { ...bearer(acc.accessToken), 'content-type': 'application/json' }, body: '{"profile_id":"x","name":"n\\ud800"}' });
      await expect422(cal, { name: ['errors.invalid'] });
    });

    it('application_calendar_id with a lone surrogate (JSON) or non-UTF-8 bytes (form) is 422, and ids never alias', async () => {
      const json = (idJson: string) =>
        h.call('POST', '/v1/application_calendars', { headers: { 'content-type': 'application/json' }, body: `{"client_id":"${app.clientId}","client_secret":"${app.apiKey}","application_calendar_id":${idJson}}` });
      const form = (idEncoded: string) =>
        h.call('POST', '/v1/application_calendars', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `client_id=${app.clientId}&client_secret=${app.apiKey}&application_calendar_id=${idEncoded}`,
        });
      await expect422(await json('"apc\\ud800"'), { application_calendar_id: ['errors.invalid'] });
      await expect422(await json('"apc\\udbff"'), { application_calendar_id: ['errors.invalid'] });
      for (const bad of ['apc%ED%A0%80', 'apc%FF', 'apc%C3', 'apc%00']) await expect422(await form(bad), { application_calendar_id: ['errors.invalid'] });
      // A bad parameter name is the body's fault.
      await expect422(await form('x&%FF=1'), { body: ['errors.invalid'] });
      const good = await form('apc%EF%BF%BD');
      expect(good.status).toBe(200);
      expect(((await good.json()) as { application_calendar_id: string }).application_calendar_id).toBe('apc\ufffd');
      // Raw UTF-8 in a form body is fine.
      expect((await form('caf\u00e9')).status).toBe(200);
    });

    it('/oauth/token answers 400 invalid_request to ill-formed form or JSON text', async () => {
      const form = await h.call('POST', '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=%ED%A0%80' });
      expect(form.status).toBe(400);
      expect(((await body(form)) as { error: string }).error).toBe('invalid_request');
      const json = await h.call('POST', '/oauth/token', { headers: { 'content-type': 'application/json' }, body: '{"grant_type":"refresh_token","refresh_token":"\\ud800"}' });
      expect(json.status).toBe(400);
      expect(((await body(json)) as { error: string }).error).toBe('invalid_request');
    });

    it('query values that are not UTF-8 are 422 naming the parameter; such paths are 404', async () => {
      const get = (path: string) => h.call('GET', path, { headers: bearer(acc.accessToken) });
      await expect422(await get('/v1/events?calendar_ids[]=cal_%ED%A0%80'), { calendar_ids: ['errors.invalid'] });
      await expect422(await get('/v1/events?tzid=Europe%2FLondon%FF'), { tzid: ['errors.invalid'] });
      await expect422(await get('/v1/events?from=2026-06-01&%FFx=1'), { '\ufffdx': ['errors.invalid'] });
      // Well-formed escapes and stray percent signs are as before.
      expect((await get('/v1/events?tzid=Europe%2FLondon&x=%zz&y=%E2%82%AC')).status).toBe(200);
      for (const path of [`/v1/calendars/${acc.calendarId}%ED%A0%80/events`, `/v1/calendars/cal_%FF/events`]) {
        const res = await h.call('POST', path, { headers: bearer(acc.accessToken), json: { event_id: 'e', ...EVENT } });
        expect(res.status, path).toBe(404);
        expect(((await body(res)) as { error: string }).error).toBe('not_found');
      }
      const rule = await get('/v1/availability_rules/r%ED%A0%80');
      expect(rule.status).toBe(404);
      await body(rule);
    });
  });
}
