import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES, buildUrl, call, fetchAllPages, nextPageUrl, readResponse } from './http.js';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('buildUrl', () => {
  it('percent-encodes et and parameters through the URL API', () => {
    const url = buildUrl('https://api.example.com', '/v1/events', 'a+b/c=d&e f%', [['tzid', 'America/New_York'], ['from', '2026-03-01']]);
    expect(url).toBe('https://api.example.com/v1/events?et=a%2Bb%2Fc%3Dd%26e+f%25&tzid=America%2FNew_York&from=2026-03-01');
    expect(new URL(url).searchParams.get('et')).toBe('a+b/c=d&e f%');
  });

  it('keeps a URL-safe token as it is', () => {
    expect(buildUrl('http://127.0.0.1:9', '/v1/userinfo', 'Abc-_09')).toBe('http://127.0.0.1:9/v1/userinfo?et=Abc-_09');
  });
});

describe('nextPageUrl', () => {
  const base = 'https://api.example.com';
  it('sets et on the absolute page URL, replacing any value', () => {
    expect(nextPageUrl('https://api.example.com/v1/events/pages/Zk3', 't&1', base)).toBe('https://api.example.com/v1/events/pages/Zk3?et=t%261');
    expect(nextPageUrl('https://api.example.com/v1/events/pages/Zk3?et=old&x=1', 'new', base)).toBe('https://api.example.com/v1/events/pages/Zk3?et=new&x=1');
  });

  it.each([
    ['https://evil.example.net/v1/events/pages/Zk3', 'https://api.example.com/v1/events/pages/Zk3?et=t'],
    ['http://api.example.com/v1/free_busy/pages/1?et=x', 'https://api.example.com/v1/free_busy/pages/1?et=t'],
    ['/v1/events/pages/Zk3', 'https://api.example.com/v1/events/pages/Zk3?et=t'],
  ])('fetches %j at the same page path on the API base, so the token never leaves it', (next, want) => {
    expect(nextPageUrl(next, 't', base)).toBe(want);
  });

  it.each(['https://evil.example.net/collect', 'https://evil.example.net/v1/events/pages/a/b', 'javascript:alert(1)', 'data:text/plain,x', 42, null])(
    'refuses %j',
    (next) => {
      expect(nextPageUrl(next, 't', base)).toBeNull();
    },
  );
});

describe('readResponse (§6.7)', () => {
  it.each([
    [401, MESSAGES[401]],
    [403, MESSAGES[403]],
    [429, MESSAGES[429]],
    [404, MESSAGES.generic],
    [500, MESSAGES.generic],
    [204, MESSAGES.generic],
  ])('status %i fails with the fixed message', async (status, message) => {
    const r = await readResponse(new Response(status === 204 ? null : '{}', { status }), 'read');
    expect(r).toEqual({ ok: false, status, message, errors: {} });
  });

  it('treats a 200 body with errors as a failure', async () => {
    const r = await readResponse(json(200, { errors: { a: [1] } }), 'availability');
    expect(r).toEqual({ ok: false, status: 200, message: MESSAGES.query, errors: { a: [1] } });
  });

  it('reads 422 bodies and words them per call kind', async () => {
    const errors = { query_periods: [{ key: 'errors.too_long' }] };
    expect(await readResponse(json(422, { errors }), 'availability')).toMatchObject({ ok: false, message: MESSAGES.query, errors });
    expect(await readResponse(json(422, { errors }), 'rule_save')).toMatchObject({ ok: false, message: MESSAGES.save, errors });
    expect(await readResponse(json(422, { errors }), 'read')).toMatchObject({ ok: false, message: MESSAGES.generic, errors });
  });

  it('counts 404 as an answer only on the rule read', async () => {
    expect(await readResponse(json(404, { error: 'not_found' }), 'rule_read')).toEqual({ ok: true, status: 404, body: { error: 'not_found' } });
  });

  it('fails on invalid JSON and never reads the revoke body', async () => {
    expect(await readResponse(new Response('<html>', { status: 200 }), 'read')).toMatchObject({ ok: false, message: MESSAGES.generic });
    expect(await readResponse(new Response('', { status: 202 }), 'revoke')).toEqual({ ok: true, status: 202, body: undefined });
  });
});

describe('call and paging', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends Cronofy-Element, omits credentials and reports network failures', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetchMock);
    const r = await call({ url: 'https://api.example.com/v1/userinfo?et=t', element: 'agenda', kind: 'read' });
    expect(r).toEqual({ ok: false, status: 0, message: MESSAGES.generic, errors: {} });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('omit');
    expect(init?.headers).toEqual({ 'Cronofy-Element': 'v0.0.0-dev, agenda' });
  });

  it('sends JSON bodies on POST', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => json(200, { available_slots: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await call({ url: 'https://api.example.com/v1/availability?et=t', element: 'SlotPicker', kind: 'availability', method: 'POST', body: { a: 1 } });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"a":1}');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8' });
  });

  it('follows next_page with et set, concatenates pages and keeps the first userinfo', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const url = String(input);
        urls.push(url);
        if (url.includes('/pages/p2')) return json(200, { pages: { current: 2, total: 2 }, events: [{ n: 2 }], userinfo: { sub: 'later' } });
        return json(200, { pages: { current: 1, total: 2, next_page: 'https://api.example.com/v1/events/pages/p2' }, events: [{ n: 1 }], userinfo: { sub: 'first' } });
      }),
    );
    const r = await fetchAllPages('https://api.example.com/v1/events?et=t%2B1', 'events', { token: 't+1', base: 'https://api.example.com', element: 'agenda' });
    expect(r).toEqual({ ok: true, items: [{ n: 1 }, { n: 2 }], userinfo: { sub: 'first' } });
    expect(urls[1]).toBe('https://api.example.com/v1/events/pages/p2?et=t%2B1');
  });

  it('fails when a page list is missing or a page is refused', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => json(200, { pages: { current: 1, total: 1 } })));
    expect(await fetchAllPages('https://api.example.com/v1/events?et=t', 'events', { token: 't', base: 'https://api.example.com', element: 'agenda' })).toMatchObject({
      ok: false,
      message: MESSAGES.generic,
    });
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => json(401, { error: 'invalid_token' })));
    expect(await fetchAllPages('https://api.example.com/v1/events?et=t', 'events', { token: 't', base: 'https://api.example.com', element: 'agenda' })).toMatchObject({
      ok: false,
      status: 401,
      message: MESSAGES[401],
    });
  });
});
