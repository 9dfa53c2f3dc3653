/** Bad input never hurts (PROTOCOL §2.5, §2.7, §8.10): always the right 4xx with a JSON body. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';
const MIB = 1024 * 1024;

/** `{"permissions": [[…]]}` whose nesting depth (objects and arrays) is exactly `depth`. */
function nested(depth: number): string {
  return '{"permissions":' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '}';
}

describe('bad input', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;
  let et: string;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
  });
  afterEach(async () => h.close());

  const postRaw = (path: string, raw: BodyInit, token: string, headers: Record<string, string> = {}) =>
    h.call('POST', path, { headers: { ...bearer(token), 'content-type': 'application/json', ...headers }, body: raw });
  const eventsPath = () => `/v1/calendars/${acc.calendarId}/events`;

  describe('bodies that are not JSON objects → 422 body invalid', () => {
    const raws = ['{', '}', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', 'nul', 'NaN', '[]', '[{"permissions":["agenda"]}]', '42', '-1e400', '"string"', 'true', 'null', '\u0000', '{"a":"\\x"}', '{"a":"\\u12"}'];
    it.each(raws)('element_tokens %j', async (raw) => {
      await expect422(await postRaw('/v1/element_tokens', raw, app.apiKey), { body: ['errors.invalid'] });
    });
    it.each(raws)('event upsert %j', async (raw) => {
      await expect422(await postRaw(eventsPath(), raw, acc.accessToken), { body: ['errors.invalid'] });
    });
    it('calendar creation and event delete', async () => {
      await expect422(await postRaw('/v1/calendars', '[1]', acc.accessToken), { body: ['errors.invalid'] });
      const res = await h.call('DELETE', eventsPath(), { headers: bearer(acc.accessToken), body: '"x"' });
      await expect422(res, { body: ['errors.invalid'] });
    });
  });

  it('invalid UTF-8 → 422 body invalid', async () => {
    const bytes = (s: string, bad: number[]) => new Uint8Array([...Buffer.from(s), ...bad, ...Buffer.from('"}')]);
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]]) {
      await expect422(await postRaw('/v1/element_tokens', bytes('{"origin":"', bad), app.apiKey), { body: ['errors.invalid'] });
      await expect422(await postRaw(eventsPath(), bytes('{"event_id":"', bad), acc.accessToken), { body: ['errors.invalid'] });
    }
  });

  it('a body that breaks off mid-stream → 422 body invalid, not a 500', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('aborted'));
        else {
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"event_id":'));
        }
      },
    });
    const res = await h.app.request(`http://api.kairos.test${eventsPath()}`, { method: 'POST', headers: bearer(acc.accessToken), body: broken, duplex: 'half' } as RequestInit);
    await expect422(res, { body: ['errors.invalid'] });
  });

  it('a UTF-8 byte order mark is not a JSON object start', async () => {
    const res = await postRaw('/v1/element_tokens', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{}')]), app.apiKey);
    expect(res.status).toBe(422);
  });

  it('nesting depth 32 is parsed, 33 is refused', async () => {
    const ok = await postRaw('/v1/element_tokens', nested(32), app.apiKey);
    const b = await expect422(ok, { permissions: ['errors.invalid'], subs: ['errors.required'], origin: ['errors.required'] });
    expect(b.errors).not.toHaveProperty('body');
    await expect422(await postRaw('/v1/element_tokens', nested(33), app.apiKey), { body: ['errors.invalid'] });
    // Brackets inside strings do not count.
    const inString = JSON.stringify({ permissions: ['['.repeat(100)] });
    await expect422(await postRaw('/v1/element_tokens', inString, app.apiKey), { permissions: ['errors.not_recognized'], subs: ['errors.required'], origin: ['errors.required'] });
    // Very deep nesting is refused without a stack overflow.
    await expect422(await postRaw(eventsPath(), '['.repeat(200_000), acc.accessToken), { body: ['errors.invalid'] });
    await expect422(await postRaw(eventsPath(), '{"a":'.repeat(100_000), acc.accessToken), { body: ['errors.invalid'] });
  });

  it('bodies over 1 MiB → 422 body too_long; exactly 1 MiB is read', async () => {
    const big = JSON.stringify({ event_id: 'x', summary: 'x'.repeat(10 * MIB) });
    await expect422(await postRaw(eventsPath(), big, acc.accessToken), { body: ['errors.too_long'] });
    await expect422(await postRaw('/v1/element_tokens', big, app.apiKey), { body: ['errors.too_long'] });
    // Streamed without a Content-Length.
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10 * MIB) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await h.app.request(`http://api.kairos.test${eventsPath()}`, {
      method: 'POST',
      headers: bearer(acc.accessToken),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expect422(streamed, { body: ['errors.too_long'] });
    // A declared length that lies is refused up front.
    const lying = await postRaw(eventsPath(), '{}', acc.accessToken, { 'content-length': String(2 * MIB) });
    expect(lying.status).toBe(422);
    // 1 MiB of valid JSON is accepted and validated normally.
    const pad = MIB - JSON.stringify({ event_id: 'x', summary: 'y', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', pad: '' }).length;
    const exact = JSON.stringify({ event_id: 'x', summary: 'y', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', pad: 'p'.repeat(pad) });
    expect(Buffer.byteLength(exact)).toBe(MIB);
    expect((await postRaw(eventsPath(), exact, acc.accessToken)).status).toBe(202);
    // The oversized body on the token endpoints.
    const tooBigForm = await h.call('POST', '/v1/application_calendars', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=' + 'b'.repeat(2 * MIB) });
    await expect422(tooBigForm, { body: ['errors.too_long'] });
  });

  describe('wrong types → 422 naming the field', () => {
    const valid = () => ({ event_id: 'e', summary: 's', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' });
    const table: [string, Record<string, unknown>, Record<string, string[]>][] = [
      ['event_id true', { event_id: true }, { event_id: ['errors.invalid'] }],
      ['event_id {}', { event_id: {} }, { event_id: ['errors.invalid'] }],
      ['summary []', { summary: [] }, { summary: ['errors.invalid'] }],
      ['description 1', { description: 1 }, { description: ['errors.invalid'] }],
      ['start 1780304400', { start: 1780304400 }, { start: ['errors.invalid'] }],
      ['start true', { start: true }, { start: ['errors.invalid'] }],
      ['end []', { end: [] }, { end: ['errors.invalid'] }],
      ['tzid 5', { tzid: 5 }, { tzid: ['errors.invalid'] }],
      ['location "x"', { location: 'x' }, { location: ['errors.invalid'] }],
      ['location.lat huge', { location: { lat: 1e308 } }, { location: ['errors.invalid'] }],
      ['reminders "5"', { reminders: '5' }, { reminders: ['errors.invalid'] }],
      ['reminders [5]', { reminders: [5] }, { reminders: ['errors.invalid'] }],
      ['reminders minutes 1e400', { reminders: [{ minutes: Number.POSITIVE_INFINITY }] }, { reminders: ['errors.invalid'] }],
      ['transparency 1', { transparency: 1 }, { transparency: ['errors.not_recognized'] }],
      ['url {}', { url: {} }, { url: ['errors.invalid'] }],
      ['attendees []', { attendees: [] }, { attendees: ['errors.invalid'] }],
      ['start year 99999', { start: '99999-01-01T00:00:00Z' }, { start: ['errors.invalid'] }],
      ['end year 0000', { end: '0000-01-01' }, { end: ['errors.invalid'] }],
      ['start with zone 0000', { start: { time: '0000-01-01T00:00:00Z', tzid: 'UTC' } }, { start: ['errors.invalid'] }],
    ];
    it.each(table)('event upsert: %s', async (_name, patch, expected) => {
      const json = JSON.stringify({ ...valid(), ...patch }).replace('"minutes":null', '"minutes":1e400');
      await expect422(await postRaw(eventsPath(), json, acc.accessToken), expected);
    });

    it('huge numbers where strings are expected', async () => {
      const raw = '{"version":1e400,"permissions":[1e400],"subs":[-1e400],"origin":1e400,"bookable_event_ids":1e999}';
      await expect422(await postRaw('/v1/element_tokens', raw, app.apiKey), {
        version: ['errors.not_recognized'],
        permissions: ['errors.invalid'],
        subs: ['errors.invalid'],
        origin: ['errors.invalid'],
        bookable_event_ids: ['errors.invalid'],
      });
    });

    it('a 1e400 version is not 1', async () => {
      const raw = JSON.stringify({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN }).replace('{', '{"version":1e400,');
      await expect422(await postRaw('/v1/element_tokens', raw, app.apiKey), { version: ['errors.not_recognized'] });
      const one = JSON.stringify({ permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN }).replace('{', '{"version":1.0,');
      expect((await postRaw('/v1/element_tokens', one, app.apiKey)).status).toBe(200);
    });
  });

  it('null bytes and odd code points in strings never cause a 5xx', async () => {
    // NUL has no meaning in calendar text (and PostgreSQL cannot store it): refused by name.
    const nul = await h.call('POST', eventsPath(), { headers: bearer(acc.accessToken), json: { event_id: 'nul', summary: 'a\u0000b', location: { description: 'x\u0000' }, start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' } });
    await expect422(nul, { summary: ['errors.invalid'], location: ['errors.invalid'] });
    const cases: [Record<string, unknown>, number][] = [
      [{ event_id: 'nul', summary: 'a\u2028b', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }, 202],
      [{ event_id: 'a\u0000b', summary: 'x', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }, 422],
      [{ event_id: 'bidi\u202e', summary: '\ufffd', description: '\uffff\ufffe', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }, 202],
      // An unpaired surrogate has no UTF-8 form: refused like NUL (test/http/ill-formed-text.test.ts).
      [{ event_id: 'lone', summary: '\ud800', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' }, 422],
    ];
    for (const [json, status] of cases) {
      const res = await h.call('POST', eventsPath(), { headers: bearer(acc.accessToken), json });
      expect(res.status, JSON.stringify(json)).toBe(status);
    }
    const mint = await h.call('POST', '/v1/element_tokens', { headers: bearer(app.apiKey), json: { permissions: ['agenda\u0000'], subs: [acc.sub + '\u0000'], origin: 'https://a.example\u0000' } });
    await expect422(mint, { permissions: ['errors.invalid'], subs: ['errors.invalid'], origin: ['errors.invalid'] });
    // The stored summary reads back unchanged.
    const list = await body(await h.call('GET', '/v1/events?from=2026-06-01&to=2026-06-05&only_managed=true', { headers: bearer(acc.accessToken) }));
    expect(list.events.find((e: { event_id: string }) => e.event_id === 'nul').summary).toBe('a\u2028b');
    // NUL in a query value is invalid; in a path segment it names nothing.
    await expect422(await h.call('GET', '/v1/events?tzid=Europe%00/Berlin', { headers: bearer(acc.accessToken) }), { tzid: ['errors.invalid'] });
    expect((await h.call('DELETE', '/v1/calendars/cal_a%00b/events', { headers: bearer(acc.accessToken), json: { event_id: 'x' } })).status).toBe(404);
  });

  describe('unknown routes and methods → 404 JSON', () => {
    it.each([
      ['GET', '/v1'],
      ['GET', '/v1/'],
      ['GET', '/v2/events'],
      ['GET', '/v1/element_tokens'],
      ['PUT', '/v1/element_tokens'],
      ['DELETE', '/v1/userinfo'],
      ['POST', '/v1/userinfo'],
      ['POST', '/v1/events'],
      ['PATCH', '/v1/calendars'],
      ['PUT', '/v1/calendars/cal_x/events'],
      ['GET', '/v1/calendars/cal_x/events'],
      ['GET', '/v1/events/pages'],
      ['GET', '/v1/batch'],
      ['POST', '/v1/smart_invites'],
      ['GET', '/v1/channels'],
      ['POST', '/v1/revoke'],
      ['GET', '/v1/events/'],
      ['GET', '/V1/EVENTS'],
      ['GET', '/v1/%ZZ'],
      ['GET', '/v1/userinfo/%00'],
    ])('%s %s', async (method, path) => {
      const res = await h.call(method, path, { headers: bearer(acc.accessToken) });
      await expectError(res, 404, 'not_found');
    });
  });

  it('HEAD on an API route is 404, as any method the route does not take; the library and the pages answer it', async () => {
    for (const path of ['/v1/events', '/v1/userinfo', '/v1/calendars', `/v1/events?et=${et}`, '/oauth/token']) {
      const res = await h.call('HEAD', path, { headers: path.includes('et=') ? { origin: ORIGIN } : bearer(acc.accessToken) });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    // The element token's budget was not spent on them: 100 GETs still pass.
    for (let i = 0; i < 100; i++) expect((await h.call('GET', `/v1/events?et=${et}`, { headers: { origin: ORIGIN } })).status).toBe(200);
    expect((await h.call('HEAD', '/docs/elements')).status).toBe(200);
  });

  describe('percent-encoding garbage', () => {
    it('%ZZ in the query of an element route → 422 for the bad value', async () => {
      // Bytes that are not UTF-8 (%E0%A4 then a stray %A) are refused before the route reads the query.
      await expect422(await h.call('GET', `/v1/events?from=%ZZ&to=%E0%A4%A&et=${et}`, { headers: { origin: ORIGIN } }), { to: ['errors.invalid'] });
      const res = await h.call('GET', `/v1/events?from=%ZZ&to=2026-06-01%&tzid=%&et=${et}`, { headers: { origin: ORIGIN } });
      await expect422(res, { from: ['errors.invalid'], to: ['errors.invalid'], tzid: ['errors.invalid'] });
    });

    it('%ZZ as et → 401 invalid_token', async () => {
      await expectError(await h.call('GET', '/v1/events?et=%ZZ', { headers: { origin: ORIGIN } }), 401, 'invalid_token');
    });

    it('%ZZ in path parameters → 404', async () => {
      await expectError(await h.call('POST', '/v1/calendars/%ZZ/events', { headers: bearer(acc.accessToken), json: {} }), 404, 'not_found');
      await expectError(await h.call('DELETE', '/v1/calendars/%E0%A4%A/events', { headers: bearer(acc.accessToken), json: { event_id: 'x' } }), 404, 'not_found');
      await expectError(await h.call('GET', `/v1/events/pages/%ZZ?et=${et}`, { headers: { origin: ORIGIN } }), 404, 'not_found');
      const pre = await h.call('OPTIONS', '/v1/events/pages/%ZZ?et=%ZZ', { headers: { origin: ORIGIN } });
      expect(pre.status).toBe(204);
    });

    it('malformed form bodies on the token endpoints', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const res = await h.call('POST', '/v1/application_calendars', { headers: form, body: 'client_id=%ZZ&client_secret=%&application_calendar_id=%E' });
      await expectError(res, 401, 'invalid_credentials');
      // A body that does not decode to UTF-8 text is refused before its credentials are read.
      const notUtf8 = await h.call('POST', '/v1/application_calendars', { headers: form, body: 'client_id=%ZZ&client_secret=%&application_calendar_id=%E0' });
      await expect422(notUtf8, { application_calendar_id: ['errors.invalid'] });
      const token = await h.call('POST', '/oauth/token', { headers: form, body: '%%%&&&==&grant_type=%ZZ' });
      expect(token.status).toBe(400);
      expect((await body(token)).error).toBe('unsupported_grant_type');
    });
  });

  it('a 10,000-character et → 401 invalid_token; its preflight still answers', async () => {
    const long = 'A'.repeat(10_000);
    await expectError(await h.call('GET', `/v1/events?et=${long}`, { headers: { origin: ORIGIN } }), 401, 'invalid_token');
    const pre = await h.call('OPTIONS', `/v1/events?et=${long}`, { headers: { origin: ORIGIN } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('a very long Authorization header → 401', async () => {
    await expectError(await h.call('GET', '/v1/account', { headers: bearer('x'.repeat(50_000)) }), 401, 'invalid_credentials');
  });

  it('very long query values → 422, not 5xx', async () => {
    const res = await h.call('GET', `/v1/events?tzid=${'A'.repeat(20_000)}&from=${'9'.repeat(5000)}&last_modified=${'2'.repeat(5000)}`, { headers: bearer(acc.accessToken) });
    await expect422(res, { tzid: ['errors.invalid'], from: ['errors.invalid'], last_modified: ['errors.invalid'] });
    const many = Array.from({ length: 3000 }, (_, i) => `calendar_ids[]=cal_${i}`).join('&');
    await expect422(await h.call('GET', `/v1/events?${many}`, { headers: bearer(acc.accessToken) }), { calendar_ids: ['errors.not_recognized'] });
  });
});
