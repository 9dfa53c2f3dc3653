import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.js';
import { DEFAULT_FEED_SETTINGS } from './feed-settings.js';
import { fetchFeed, type FetchFeedOptions } from './fetch-feed.js';
import { feedIcs, startFeedServer, type FeedServer } from './test-helpers.js';

const ICS = feedIcs([{ uid: 'a', summary: 'Standup', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' }]);
const opts: FetchFeedOptions = { ...DEFAULT_FEED_SETTINGS, allowPrivateAddresses: true, timeoutMs: 1500, connectTimeoutMs: 500 };
const none = { etag: null, lastModified: null };

async function failure(p: Promise<unknown>): Promise<FeedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FeedError);
  return err as FeedError;
}

describe('fetchFeed', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('returns the body and validators of a 200, asking for a calendar', async () => {
    feeds.set('/ok.ics', { kind: 'ics', body: ICS, etag: '"v1"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
    const r = await fetchFeed(feeds.url('/ok.ics?token=s3cret'), none, opts);
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
    expect(await fetchFeed(feeds.url('/cond.ics'), { etag: '"v2"', lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' }, opts)).toEqual({ status: 'not_modified' });
    let seen = feeds.requests.at(-1)!;
    expect(seen.headers['if-none-match']).toBe('"v2"');
    expect(seen.headers['if-modified-since']).toBe('Mon, 01 Jun 2026 08:00:00 GMT');
    expect(seen.status).toBe(304);
    // Only a date: the server compares it.
    feeds.set('/dated.ics', { kind: 'ics', body: ICS, lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' });
    expect(await fetchFeed(feeds.url('/dated.ics'), { etag: null, lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT' }, opts)).toEqual({ status: 'not_modified' });
    seen = feeds.requests.at(-1)!;
    expect(seen.headers['if-none-match']).toBeUndefined();
    expect(seen.status).toBe(304);
    // A stale etag gets the new copy.
    expect((await fetchFeed(feeds.url('/cond.ics'), { etag: '"v1"', lastModified: null }, opts)).status).toBe('ok');
  });

  it('decodes a gzip body and sends user information as Basic authentication', async () => {
    feeds.set('/gz.ics', { kind: 'ics', body: ICS, gzip: true });
    const r = await fetchFeed(feeds.url('/gz.ics').replace('http://', 'http://jane:p%40ss@'), none, opts);
    expect(r.status === 'ok' && Buffer.from(r.body).toString('utf8')).toBe(ICS);
    expect(feeds.requests.at(-1)!.headers.authorization).toBe('Basic ' + Buffer.from('jane:p@ss').toString('base64'));
  });

  it('follows redirects up to the limit, and only to http(s)', async () => {
    feeds.set('/old.ics', { kind: 'redirect', location: '/new.ics', status: 301 });
    feeds.set('/new.ics', { kind: 'ics', body: ICS });
    expect((await fetchFeed(feeds.url('/old.ics'), none, opts)).status).toBe('ok');
    feeds.set('/loop.ics', { kind: 'redirect', location: '/loop.ics' });
    const loop = await failure(fetchFeed(feeds.url('/loop.ics'), none, { ...opts, maxRedirects: 3 }));
    expect(loop.code).toBe('redirects');
    expect(loop.message).toBe('too many redirects (more than 3)');
    expect(feeds.requests.filter((r) => r.path === '/loop.ics')).toHaveLength(4);
    feeds.set('/ftp.ics', { kind: 'redirect', location: 'ftp://example.com/a.ics' });
    expect((await failure(fetchFeed(feeds.url('/ftp.ics'), none, opts))).message).toMatch(/redirected to a ftp URL/);
  });

  it('reports an HTTP error status with a short reason', async () => {
    feeds.set('/500.ics', { kind: 'status', status: 500, body: '<h1>oops</h1>' });
    const e = await failure(fetchFeed(feeds.url('/500.ics?key=s3cret'), none, opts));
    expect(e.code).toBe('http_status');
    expect(e.message).toBe("the feed's server answered HTTP 500 (Internal Server Error)");
  });

  it('times out on a server that never answers, or stops half-way', async () => {
    feeds.set('/stall.ics', { kind: 'stall' });
    const stall = await failure(fetchFeed(feeds.url('/stall.ics'), none, { ...opts, timeoutMs: 300 }));
    expect(stall.code).toBe('timeout');
    expect(stall.message).toBe('timed out: the feed did not arrive within 0.3 s');
    feeds.set('/slow.ics', { kind: 'stall_body', body: 'BEGIN:VCALENDAR\r\n' });
    expect((await failure(fetchFeed(feeds.url('/slow.ics'), none, { ...opts, timeoutMs: 300 }))).code).toBe('timeout');
  });

  it('times out connecting when the TLS handshake never completes', async () => {
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const e = await failure(fetchFeed(`https://127.0.0.1:${port}/cal.ics`, none, { ...opts, connectTimeoutMs: 200, timeoutMs: 5000 }));
      expect(e.code).toBe('connect_timeout');
      expect(e.message).toBe('timed out connecting to 127.0.0.1 after 0.2 s');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports a closed connection and a refused one', async () => {
    feeds.set('/close.ics', { kind: 'close' });
    expect((await failure(fetchFeed(feeds.url('/close.ics'), none, opts))).message).toBe('the connection was closed before the feed was complete');
    feeds.set('/cut.ics', { kind: 'truncate', body: 'BEGIN:VCALENDAR\r\n', declared: 10_000 });
    expect((await failure(fetchFeed(feeds.url('/cut.ics'), none, opts))).message).toBe('the connection was closed before the feed was complete');
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failure(fetchFeed(`http://127.0.0.1:${port}/a.ics`, none, opts))).message).toBe('127.0.0.1 refused the connection (ECONNREFUSED)');
  });

  it('stops reading past the size limit, compressed or not', async () => {
    feeds.set('/huge.ics', { kind: 'huge', bytes: 50 * 1024 * 1024 });
    const e = await failure(fetchFeed(feeds.url('/huge.ics'), none, { ...opts, maxBytes: 1024 * 1024, timeoutMs: 10_000 }));
    expect(e.code).toBe('too_large');
    expect(e.message).toBe('the feed is larger than 1048576 bytes, the most this server imports');
    feeds.set('/bomb.ics', { kind: 'ics', body: 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(3 * 1024 * 1024), gzip: true });
    expect((await failure(fetchFeed(feeds.url('/bomb.ics'), none, { ...opts, maxBytes: 1024 * 1024 }))).code).toBe('too_large');
  });

  it('refuses loopback and private addresses unless allowed, by literal and by name', async () => {
    feeds.set('/ok.ics', { kind: 'ics', body: ICS });
    const before = feeds.requests.length;
    const literal = await failure(fetchFeed(feeds.url('/ok.ics'), none, { ...opts, allowPrivateAddresses: false }));
    expect(literal.code).toBe('refused_address');
    expect(literal.message).toBe('127.0.0.1 is a loopback or private address, which this server is configured not to fetch');
    const byName = await failure(fetchFeed(feeds.url('/ok.ics').replace('127.0.0.1', 'localhost'), none, { ...opts, allowPrivateAddresses: false }));
    expect(byName.code).toBe('refused_address');
    expect(byName.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback or private address/);
    // Every hop goes through the same check, so redirects cannot reach these either.
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]:1/a.ics', 'http://10.1.2.3/a.ics', 'http://[fd00::1]/a.ics']) {
      expect((await failure(fetchFeed(url, none, { ...opts, allowPrivateAddresses: false }))).code).toBe('refused_address');
    }
    expect(feeds.requests.length).toBe(before);
  });

  it('fails with "aborted" when stopped from outside, and names an unknown host', async () => {
    feeds.set('/stall.ics', { kind: 'stall' });
    const controller = new AbortController();
    const p = fetchFeed(feeds.url('/stall.ics'), none, { ...opts, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(p)).code).toBe('aborted');
    const dns = await failure(fetchFeed('http://no-such-host.invalid/a.ics', none, opts));
    expect(dns.code).toBe('dns');
    expect(dns.message).toMatch(/^no-such-host\.invalid could not be resolved/);
  });
});
