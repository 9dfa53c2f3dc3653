/**
 * fetchCalendarUrl against real local HTTP servers on 127.0.0.1 (the feed tests' server, which
 * records every request): conditional requests, redirects, statuses, limits, stalls, closed
 * connections, the address policy and progress. Deadlines are short so that a stall costs a
 * fraction of a second.
 */
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_SETTINGS } from '../feeds/feed-settings.js';
import { feedIcs, startFeedServer, type FeedServer } from '../feeds/test-helpers.js';
import { FetchError } from './fetch-error.js';
import { fetchCalendarUrl, retryAfterMs, type FetchCalendarUrlOptions } from './fetch-calendar-url.js';

const ICS = feedIcs([{ uid: 'a', summary: 'Standup', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' }]);
const opts: FetchCalendarUrlOptions = { ...DEFAULT_FEED_SETTINGS, allowPrivateAddresses: true, timeoutMs: 1500, connectTimeoutMs: 500 };
const none = { etag: null, lastModified: null };

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchCalendarUrl', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('returns the body and validators of a 200, asking for a calendar', async () => {
    feeds.set('/ok.ics', { kind: 'ics', body: ICS, etag: '"v1"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
    const r = await fetchCalendarUrl(feeds.url('/ok.ics?token=s3cret'), none, opts);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(Buffer.from(r.body).toString('utf8')).toBe(ICS);
    expect(r.body.byteOffset).toBe(0);
    expect(r.body.buffer.byteLength).toBe(r.body.byteLength);
    expect(r).toMatchObject({ etag: '"v1"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT', contentType: 'text/calendar; charset=utf-8' });
    const seen = feeds.requests.at(-1)!;
    expect(seen.path).toBe('/ok.ics?token=s3cret');
    expect(seen.headers.accept).toMatch(/^text\/calendar/);
    expect(seen.headers['user-agent']).toBe(DEFAULT_FEED_SETTINGS.userAgent);
    expect(seen.headers['if-none-match']).toBeUndefined();
    expect(seen.headers['if-modified-since']).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since and reports a 304', async () => {
    feeds.set('/cond.ics', { kind: 'ics', body: ICS, etag: '"v2"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
    expect(await fetchCalendarUrl(feeds.url('/cond.ics'), { etag: '"v2"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' }, opts)).toEqual({ status: 'not_modified' });
    let seen = feeds.requests.at(-1)!;
    expect(seen.headers['if-none-match']).toBe('"v2"');
    expect(seen.headers['if-modified-since']).toBe('Mon, 01 Jun 2026 08:00:00 GMT');
    expect(seen.status).toBe(304);
    // Only a date: the server compares it.
    feeds.set('/dated.ics', { kind: 'ics', body: ICS, lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
    expect(await fetchCalendarUrl(feeds.url('/dated.ics'), { etag: null, lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' }, opts)).toEqual({ status: 'not_modified' });
    seen = feeds.requests.at(-1)!;
    expect(seen.headers['if-none-match']).toBeUndefined();
    expect(seen.status).toBe(304);
    // A stale etag gets the new copy.
    expect((await fetchCalendarUrl(feeds.url('/cond.ics'), { etag: '"v1"', lastModified: null }, opts)).status).toBe('ok');
  });

  it('takes a 304 to a plain GET as an HTTP error, not as "nothing changed"', async () => {
    feeds.set('/always-304.ics', { kind: 'status', status: 304 });
    const e = await failure(fetchCalendarUrl(feeds.url('/always-304.ics'), none, opts));
    expect(e).toMatchObject({ code: 'http_status', message: 'the server answered HTTP 304 (Not Modified)' });
  });

  it('decodes a gzip body and sends user information as Basic authentication', async () => {
    feeds.set('/gz.ics', { kind: 'ics', body: ICS, gzip: true });
    const r = await fetchCalendarUrl(feeds.url('/gz.ics').replace('http://', 'http://jane:p%40ss@'), none, opts);
    expect(r.status === 'ok' && Buffer.from(r.body).toString('utf8')).toBe(ICS);
    expect(feeds.requests.at(-1)!.headers.authorization).toBe('Basic ' + Buffer.from('jane:p@ss').toString('base64'));
  });

  it('decodes deflate with and without its zlib wrapper, stops a deflate bomb at the limit, and names a damaged body', async () => {
    for (const deflate of ['zlib', 'raw'] as const) {
      feeds.set(`/${deflate}.ics`, { kind: 'ics', body: ICS, deflate });
      const r = await fetchCalendarUrl(feeds.url(`/${deflate}.ics`), none, opts);
      expect(r.status === 'ok' && Buffer.from(r.body).toString('utf8'), deflate).toBe(ICS);
    }
    // 2 MB of one letter compresses to a few KB; the limit here is 1 MB.
    feeds.set('/bomb.ics', { kind: 'ics', body: 'BEGIN:VCALENDAR\r\n' + 'A'.repeat(2_000_000), deflate: 'raw' });
    const bomb = await failure(fetchCalendarUrl(feeds.url('/bomb.ics'), none, { ...opts, maxBytes: 1_000_000 }));
    expect(bomb).toMatchObject({ code: 'too_large', message: 'the calendar is larger than the import limit of 976.6 KiB' });
    for (const damaged of [new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x13]), new TextEncoder().encode('BEGIN:VCALENDAR, not compressed at all')]) {
      feeds.set('/damaged.ics', { kind: 'ics', body: damaged, contentEncoding: 'deflate' });
      expect(await failure(fetchCalendarUrl(feeds.url('/damaged.ics'), none, opts))).toMatchObject({ code: 'network', message: 'the compressed body could not be decoded' });
    }
  });

  it('sends credentials through redirects on their origin only', async () => {
    const other = await startFeedServer();
    try {
      const basic = 'Basic ' + Buffer.from('me:p@ss word').toString('base64');
      const authed = (path: string) => feeds.url(path).replace('http://', 'http://me:p%40ss%20word@');
      feeds.set('/private.ics', { kind: 'ics', body: ICS });
      feeds.set('/here-relative', { kind: 'redirect', location: '/private.ics' });
      feeds.set('/here-absolute', { kind: 'redirect', location: feeds.url('/private.ics') });
      for (const path of ['/here-relative', '/here-absolute']) {
        expect((await fetchCalendarUrl(authed(path), none, opts)).status).toBe('ok');
        expect(feeds.requests.at(-1)!, path).toMatchObject({ path: '/private.ics', headers: { authorization: basic } });
      }
      // Another port is another origin: the credentials stay behind.
      other.set('/elsewhere.ics', { kind: 'ics', body: ICS });
      feeds.set('/elsewhere', { kind: 'redirect', location: other.url('/elsewhere.ics') });
      expect((await fetchCalendarUrl(authed('/elsewhere'), none, opts)).status).toBe('ok');
      expect(feeds.requests.at(-1)!.headers.authorization).toBe(basic);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('follows redirects up to the limit, and only to http(s)', async () => {
    feeds.set('/old.ics', { kind: 'redirect', location: '/new.ics', status: 301 });
    feeds.set('/new.ics', { kind: 'ics', body: ICS });
    expect((await fetchCalendarUrl(feeds.url('/old.ics'), none, opts)).status).toBe('ok');
    feeds.set('/loop.ics', { kind: 'redirect', location: '/loop.ics' });
    const loop = await failure(fetchCalendarUrl(feeds.url('/loop.ics'), none, { ...opts, maxRedirects: 3 }));
    expect(loop.code).toBe('redirects');
    expect(loop.message).toBe('too many redirects (more than 3)');
    expect(feeds.requests.filter((r) => r.path === '/loop.ics')).toHaveLength(4);
    // Without maxRedirects: 5 are followed, a sixth is refused.
    feeds.set('/hop/0', { kind: 'ics', body: ICS });
    for (let n = 1; n <= 6; n++) feeds.set(`/hop/${n}`, { kind: 'redirect', location: `/hop/${n - 1}`, status: n % 2 === 0 ? 307 : 302 });
    const { maxRedirects: _, ...defaults } = opts;
    expect((await fetchCalendarUrl(feeds.url('/hop/5'), none, defaults)).status).toBe('ok');
    expect(await failure(fetchCalendarUrl(feeds.url('/hop/6'), none, defaults))).toMatchObject({ code: 'redirects', message: 'too many redirects (more than 5)' });
    feeds.set('/ftp.ics', { kind: 'redirect', location: 'ftp://example.com/a.ics' });
    expect(await failure(fetchCalendarUrl(feeds.url('/ftp.ics'), none, opts))).toMatchObject({ code: 'redirects', message: 'the server redirected to another scheme (ftp:), which is not fetched' });
    // A redirect status without a Location is an answer like any other but 200.
    feeds.set('/nowhere', { kind: 'status', status: 302 });
    expect(await failure(fetchCalendarUrl(feeds.url('/nowhere'), none, opts))).toMatchObject({ code: 'http_status', message: 'the server answered HTTP 302 (Found)' });
  });

  it.each([
    [500, 'the server answered HTTP 500 (Internal Server Error)'],
    [404, 'the server answered HTTP 404 (Not Found)'],
    [401, 'the server answered HTTP 401 (Unauthorized)'],
  ])('reports HTTP %s with a short reason, never the URL', async (status, message) => {
    feeds.set(`/${status}.ics`, { kind: 'status', status, body: '<h1>oops</h1>' });
    const e = await failure(fetchCalendarUrl(feeds.url(`/${status}.ics?key=s3cret`).replace('http://', 'http://me:hunter2@'), none, opts));
    expect(e.code).toBe('http_status');
    expect(e.message).toBe(message);
  });

  it('refuses URLs that are not http(s) or webcal before sending anything', async () => {
    const before = feeds.requests.length;
    for (const [url, message] of [
      ['file:///etc/passwd', 'only http, https and webcal URLs are supported, not file: URLs'],
      ['ftp://example.com/cal.ics', 'only http, https and webcal URLs are supported, not ftp: URLs'],
      ['not a url', 'not an absolute URL'],
    ] as const) {
      expect(await failure(fetchCalendarUrl(url, none, opts))).toMatchObject({ code: 'invalid_url', message });
    }
    expect(feeds.requests.length).toBe(before);
  });

  it('times out on a server that never answers, stops half-way, or never stops', async () => {
    feeds.set('/stall.ics', { kind: 'stall' });
    feeds.set('/slow.ics', { kind: 'stall_body', body: 'BEGIN:VCALENDAR\r\n' });
    // A byte every 20 ms: never idle, so only the total deadline ends it.
    feeds.set('/drip.ics', { kind: 'drip' });
    for (const path of ['/stall.ics', '/slow.ics', '/drip.ics']) {
      const t0 = performance.now();
      const e = await failure(fetchCalendarUrl(feeds.url(path), none, { ...opts, timeoutMs: 300 }));
      expect(e, path).toMatchObject({ code: 'timeout', message: 'timed out: the calendar did not arrive within 0.3 s' });
      // A hang guard: the deadline, not a socket default of minutes, ended it.
      expect(performance.now() - t0, path).toBeLessThan(5000);
    }
  });

  it('times out connecting when the TLS handshake never completes', async () => {
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const e = await failure(fetchCalendarUrl(`https://127.0.0.1:${port}/cal.ics`, none, { ...opts, connectTimeoutMs: 200, timeoutMs: 5000 }));
      expect(e.code).toBe('connect_timeout');
      expect(e.message).toBe('timed out connecting to 127.0.0.1 after 0.2 s');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says the secure connection failed when the TLS handshake does, and when the server speaks plain HTTP only', async () => {
    // A plain HTTP server on the port: its answer to the TLS hello is no TLS record.
    const plain = feeds.url('/ok.ics').replace('http://', 'https://');
    const host = new URL(plain).hostname;
    expect(await failure(fetchCalendarUrl(plain, none, opts))).toMatchObject({
      code: 'tls',
      message: `the secure connection (TLS) to ${host} failed: the server did not answer in TLS; it may speak plain HTTP only (ERR_SSL_WRONG_VERSION_NUMBER)`,
    });
    // A TLS server without a certificate: the handshake fails with an alert.
    const noCert = createTlsServer({});
    noCert.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => noCert.listen(0, '127.0.0.1', resolve));
    try {
      const port = (noCert.address() as AddressInfo).port;
      expect(await failure(fetchCalendarUrl(`https://127.0.0.1:${port}/cal.ics`, none, opts))).toMatchObject({
        code: 'tls',
        message: 'the secure connection (TLS) to 127.0.0.1 failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)',
      });
    } finally {
      await new Promise<void>((resolve) => noCert.close(() => resolve()));
    }
  });

  it('names a status by its standard phrase; reads the content codings servers send, and reports a damaged body as such', async () => {
    const corruptBrotli = Buffer.from(brotliCompressSync(ICS));
    for (let i = 4; i < corruptBrotli.length; i += 3) corruptBrotli[i]! ^= 0x33;
    const gzipped = gzipSync(ICS);
    const raw: TcpServer = createTcpServer((s) => {
      s.on('error', () => undefined);
      s.once('data', (d: Buffer) => {
        const path = d.toString('latin1').split(' ')[1];
        if (path === '/empty-coding.ics') s.end(`HTTP/1.1 200 OK\r\nContent-Encoding: \r\nContent-Length: ${ICS.length}\r\n\r\n${ICS}`);
        else if (path === '/identity-gzip.ics') s.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: identity, GZIP\r\nContent-Length: ${gzipped.length}\r\n\r\n`), gzipped]));
        else if (path === '/gzip-twice.ics') s.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\nContent-Length: ${gzipped.length}\r\n\r\n`), gzipped]));
        else if (path === '/brotli.ics') s.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: ${corruptBrotli.length}\r\n\r\n`), corruptBrotli]));
        else if (path === '/odd.ics') s.end('HTTP/1.1 599 secret s3cret in\tthe status\r\nContent-Length: 0\r\n\r\n');
        // A server that puts the path it was asked for (and its secret) in the reason phrase.
        else s.end(`HTTP/1.1 404 ${path} was not found\r\nContent-Length: 0\r\n\r\n`);
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
      const notFound = await failure(fetchCalendarUrl(`${origin}/private-s3cret/basic.ics`, none, opts));
      expect(notFound).toMatchObject({ code: 'http_status', message: 'the server answered HTTP 404 (Not Found)' });
      // A status without a standard phrase is given by its number alone: the server's text is not kept either.
      expect((await failure(fetchCalendarUrl(`${origin}/odd.ics`, none, opts))).message).toBe('the server answered HTTP 599');
      expect(await failure(fetchCalendarUrl(`${origin}/brotli.ics`, none, opts))).toMatchObject({ code: 'network', message: 'the compressed body could not be decoded' });
      // An empty Content-Encoding, or `identity` named with another coding, is no coding of its own.
      for (const path of ['/empty-coding.ics', '/identity-gzip.ics']) {
        const r = await fetchCalendarUrl(`${origin}${path}`, none, opts);
        expect(r.status === 'ok' && new TextDecoder().decode(r.body), path).toBe(ICS);
      }
      expect((await failure(fetchCalendarUrl(`${origin}/gzip-twice.ics`, none, opts))).message).toBe('the server used an unsupported content encoding (gzip, gzip)');
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('reports a closed connection and a refused one', async () => {
    feeds.set('/close.ics', { kind: 'close' });
    expect((await failure(fetchCalendarUrl(feeds.url('/close.ics'), none, opts))).message).toBe('the connection was closed before the calendar was complete');
    feeds.set('/cut.ics', { kind: 'truncate', body: 'BEGIN:VCALENDAR\r\n', declared: 10_000 });
    expect((await failure(fetchCalendarUrl(feeds.url('/cut.ics'), none, opts))).message).toBe('the connection was closed before the calendar was complete');
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failure(fetchCalendarUrl(`http://127.0.0.1:${port}/a.ics`, none, opts))).message).toBe('127.0.0.1 refused the connection (ECONNREFUSED)');
  });

  it('stops reading past the size limit, announced, streamed or compressed', async () => {
    const body = 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(10 * 1024 - 17);
    feeds.set('/announced.ics', { kind: 'ics', body, declareLength: true });
    const announced = await failure(fetchCalendarUrl(feeds.url('/announced.ics'), none, { ...opts, maxBytes: 4096 }));
    expect(announced).toMatchObject({ code: 'too_large', message: 'the calendar is 10.0 KiB, more than the import limit of 4.0 KiB' });
    // The same body is taken when it fits, to the byte.
    const fits = await fetchCalendarUrl(feeds.url('/announced.ics'), none, { ...opts, maxBytes: 10 * 1024 });
    expect(fits.status === 'ok' && fits.body.byteLength).toBe(10 * 1024);
    feeds.set('/huge.ics', { kind: 'huge', bytes: 50 * 1024 * 1024 });
    const e = await failure(fetchCalendarUrl(feeds.url('/huge.ics'), none, { ...opts, maxBytes: 1024 * 1024, timeoutMs: 10_000 }));
    expect(e).toMatchObject({ code: 'too_large', message: 'the calendar is larger than the import limit of 1.0 MiB' });
    feeds.set('/bomb.ics', { kind: 'ics', body: 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(3 * 1024 * 1024), gzip: true });
    expect((await failure(fetchCalendarUrl(feeds.url('/bomb.ics'), none, { ...opts, maxBytes: 1024 * 1024 }))).code).toBe('too_large');
  });

  it('reports progress as the body arrives, against Content-Length when there is one', async () => {
    const body = 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(200_000);
    const length = Buffer.byteLength(body);
    feeds.set('/progress.ics', { kind: 'ics', body, declareLength: true });
    const seen: [number, number | null][] = [];
    await fetchCalendarUrl(feeds.url('/progress.ics'), none, { ...opts, onProgress: (n, total) => seen.push([n, total]) });
    expect(seen.at(-1)).toEqual([length, length]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    // Chunked: no total. Compressed: the bytes as they came, which is what Content-Length would count.
    feeds.set('/chunked.ics', { kind: 'ics', body });
    feeds.set('/gz-progress.ics', { kind: 'ics', body, gzip: true });
    for (const path of ['/chunked.ics', '/gz-progress.ics']) {
      seen.length = 0;
      const r = await fetchCalendarUrl(feeds.url(path), none, { ...opts, onProgress: (n, total) => seen.push([n, total]) });
      expect(r.status === 'ok' && r.body.byteLength, path).toBe(length);
      expect(seen.length, path).toBeGreaterThan(0);
      expect(seen.every(([, total]) => total === null), path).toBe(true);
      if (path === '/chunked.ics') expect(seen.at(-1)![0]).toBe(length);
      else expect(seen.at(-1)![0]).toBeLessThan(length / 10);
    }
  });

  it('refuses loopback and private addresses unless allowed, by literal and by name', async () => {
    feeds.set('/ok.ics', { kind: 'ics', body: ICS });
    const before = feeds.requests.length;
    const literal = await failure(fetchCalendarUrl(feeds.url('/ok.ics'), none, { ...opts, allowPrivateAddresses: false }));
    expect(literal.code).toBe('refused_address');
    expect(literal.message).toBe('127.0.0.1 is a loopback or private address, which feeds may not fetch here');
    const byName = await failure(fetchCalendarUrl(feeds.url('/ok.ics').replace('127.0.0.1', 'localhost'), none, { ...opts, allowPrivateAddresses: false }));
    expect(byName.code).toBe('refused_address');
    const noPublic = (host: string) => `${host} has no public address (it does not resolve, or only to loopback or private addresses, which feeds may not fetch here)`;
    expect(byName.message).toBe(noPublic('localhost'));
    expect(byName.message).not.toMatch(/127\.0\.0\.1|::1/);
    // A name that does not resolve reads the same, so that answers do not tell which internal
    // names exist.
    const unknown = await failure(fetchCalendarUrl('http://no-such-host.invalid/a.ics', none, { ...opts, allowPrivateAddresses: false }));
    expect(unknown.message).toBe(noPublic('no-such-host.invalid'));
    // Every hop goes through the same check, so redirects cannot reach these either.
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]:1/a.ics', 'http://10.1.2.3/a.ics', 'http://[fd00::1]/a.ics']) {
      expect((await failure(fetchCalendarUrl(url, none, { ...opts, allowPrivateAddresses: false }))).code).toBe('refused_address');
    }
    // Link-local addresses (cloud metadata) are refused even where private ones are allowed.
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]:1/a.ics', 'http://[::ffff:169.254.169.254]/a.ics']) {
      const refused = await failure(fetchCalendarUrl(url, none, { ...opts, allowPrivateAddresses: true }));
      expect(refused.code, url).toBe('refused_address');
      expect(refused.message, url).toMatch(/ is a link-local address, which is never fetched$/);
    }
    // Without the option at all, the policy holds.
    const { allowPrivateAddresses: _, ...defaults } = opts;
    expect((await failure(fetchCalendarUrl(feeds.url('/ok.ics'), none, defaults))).code).toBe('refused_address');
    expect(feeds.requests.length).toBe(before);
  });

  it('reads the Retry-After of a 429 or 503 (seconds or a date, at most a day), and of no other status', async () => {
    const cases: [number, string | undefined, number | null, string][] = [
      [429, '120', 120_000, 'the server answered HTTP 429 (Too Many Requests); it asked to be left alone for 120 s'],
      [503, new Date(Date.now() + 600_000).toUTCString(), 600_000, 'the server answered HTTP 503 (Service Unavailable); it asked to be left alone for'],
      [503, '999999999', 86_400_000, 'it asked to be left alone for 86400 s'],
      [429, 'soon', null, 'the server answered HTTP 429 (Too Many Requests)'],
      [429, undefined, null, 'the server answered HTTP 429 (Too Many Requests)'],
      [500, '120', null, 'the server answered HTTP 500 (Internal Server Error)'],
    ];
    for (const [status, retryAfter, wantMs, message] of cases) {
      feeds.set('/busy.ics', { kind: 'status', status, ...(retryAfter === undefined ? {} : { retryAfter }) });
      const err = await failure(fetchCalendarUrl(feeds.url('/busy.ics'), none, opts));
      expect(err.code).toBe('http_status');
      expect(err.message).toContain(message);
      if (wantMs === null) expect(err.retryAfterMs).toBeNull();
      else expect(Math.abs(err.retryAfterMs! - wantMs)).toBeLessThanOrEqual(2_000);
    }
    expect(retryAfterMs('0', 0)).toBeNull();
    expect(retryAfterMs(' 30 ', 0)).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 0))).toBe(28 * 60_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2016, 0, 1))).toBeNull();
  });

  it('fails with "aborted" when stopped from outside, and names an unknown host', async () => {
    feeds.set('/stall.ics', { kind: 'stall' });
    const controller = new AbortController();
    const p = fetchCalendarUrl(feeds.url('/stall.ics'), none, { ...opts, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(p)).toMatchObject({ code: 'aborted', message: 'the fetch was stopped' });
    const dns = await failure(fetchCalendarUrl('http://no-such-host.invalid/a.ics', none, opts));
    expect(dns.code).toBe('dns');
    expect(dns.message).toMatch(/^no-such-host\.invalid could not be resolved/);
  });
});
