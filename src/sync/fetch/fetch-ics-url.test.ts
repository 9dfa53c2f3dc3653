/**
 * fetchIcsUrl against real local HTTP servers (node:http on 127.0.0.1): redirects, statuses,
 * limits, stalls and closed ports. Deadlines are short so that a stall costs a fraction of a
 * second; the generous `it` timeouts only guard against a hang.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchIcsError } from './fetch-error.js';
import { fetchIcsUrl } from './fetch-ics-url.js';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function failure(p: Promise<unknown>): Promise<FetchIcsError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchIcsError);
    return err as FetchIcsError;
  }
  throw new Error('expected a FetchIcsError');
}

describe('fetchIcsUrl', () => {
  let server: Server;
  let base: string;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    ({ server, base } = await listen((req, res) => {
      seen.push(req);
      const path = req.url ?? '/';
      if (path === '/cal.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 05 Jan 2026 09:00:00 GMT' });
        res.end(ICS);
      } else if (path === '/conditional') {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else res.writeHead(200, { etag: '"v1"' }).end(ICS);
      } else if (path === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/calendar' });
        res.end(gzipSync(ICS));
      } else if (path.startsWith('/hop/')) {
        const n = Number(path.slice(5));
        if (n === 0) res.writeHead(200).end(ICS);
        else res.writeHead(302, { location: `/hop/${n - 1}` }).end();
      } else if (path === '/to-ftp') {
        res.writeHead(301, { location: 'ftp://files.example/cal.ics' }).end();
      } else if (path === '/no-location') {
        res.writeHead(302).end();
      } else if (path === '/missing') {
        res.writeHead(404, 'Not Found').end('nope');
      } else if (path === '/error') {
        res.writeHead(500).end();
      } else if (path === '/big-announced') {
        res.writeHead(200, { 'content-length': String(10_000) });
        res.end('x'.repeat(10_000));
      } else if (path === '/big-chunked') {
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write('x'.repeat(1000));
        res.end();
      } else if (path === '/stall-headers') {
        // Never answers.
      } else if (path === '/stall-body') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.write('BEGIN:VCALENDAR\r\n');
      } else if (path === '/drip') {
        res.writeHead(200);
        const t = setInterval(() => res.write('X'), 20);
        res.on('close', () => clearInterval(t));
      } else if (path === '/auth') {
        if (req.headers.authorization === 'Basic ' + Buffer.from('me:p@ss word').toString('base64')) res.writeHead(200).end(ICS);
        else res.writeHead(401).end();
      } else if (path === '/auth-elsewhere') {
        res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/echo-auth` }).end();
      } else if (path === '/echo-auth') {
        res.writeHead(200).end(req.headers.authorization ?? 'none');
      } else if (path === '/cut') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('BEGIN:VCALENDAR\r\n');
        setTimeout(() => res.destroy(), 20);
      } else res.writeHead(404).end();
    }));
  });

  afterAll(async () => {
    await close(server);
  });

  it('returns the body, its type and validators', async () => {
    const r = await fetchIcsUrl(`${base}/cal.ics`);
    expect(r.notModified).toBe(false);
    if (r.notModified) return;
    expect(new TextDecoder().decode(r.bytes)).toBe(ICS);
    expect(r).toMatchObject({ url: `${base}/cal.ics`, contentType: 'text/calendar; charset=utf-8', etag: '"v1"', lastModified: 'Mon, 05 Jan 2026 09:00:00 GMT' });
    expect(seen.at(-1)!.headers.accept).toContain('text/calendar');
  });

  it('answers a conditional request with notModified', async () => {
    const r = await fetchIcsUrl(`${base}/conditional`, { etag: '"v1"' });
    expect(r).toEqual({ notModified: true, url: `${base}/conditional`, etag: null, lastModified: null });
    const fresh = await fetchIcsUrl(`${base}/conditional`, { etag: '"v0"' });
    expect(fresh.notModified).toBe(false);
  });

  it('decompresses gzip bodies', async () => {
    const r = await fetchIcsUrl(`${base}/gzip`);
    expect(r.notModified === false && new TextDecoder().decode(r.bytes)).toBe(ICS);
  });

  it('follows redirects up to the limit and names the final URL', async () => {
    const r = await fetchIcsUrl(`${base}/hop/5`);
    expect(r.url).toBe(`${base}/hop/0`);
    const e = await failure(fetchIcsUrl(`${base}/hop/6`));
    expect(e.code).toBe('too_many_redirects');
    expect(e.message).toBe(`${base}/hop/6 redirected more than 5 times`);
    expect((await failure(fetchIcsUrl(`${base}/hop/2`, { maxRedirects: 1 }))).code).toBe('too_many_redirects');
  });

  it('refuses redirects to other schemes and redirects without a location', async () => {
    const e = await failure(fetchIcsUrl(`${base}/to-ftp`));
    expect(e.code).toBe('invalid_url');
    expect(e.message).toContain('redirected to ftp://files.example/cal.ics');
    const n = await failure(fetchIcsUrl(`${base}/no-location`));
    expect(n).toMatchObject({ code: 'http_status', status: 302 });
  });

  it.each([
    ['/missing', 404, 'answered HTTP 404 Not Found, not 200'],
    ['/error', 500, 'answered HTTP 500 Internal Server Error, not 200'],
  ])('refuses %s with its status', async (path, status, message) => {
    const e = await failure(fetchIcsUrl(`${base}${path}`));
    expect(e).toMatchObject({ code: 'http_status', status });
    expect(e.message).toBe(`${base}${path} ${message}`);
  });

  it('refuses bodies over the limit, announced or not', async () => {
    const a = await failure(fetchIcsUrl(`${base}/big-announced`, { maxBytes: 5000 }));
    expect(a.code).toBe('too_large');
    expect(a.message).toContain('more than the import limit');
    const c = await failure(fetchIcsUrl(`${base}/big-chunked`, { maxBytes: 5000 }));
    expect(c.code).toBe('too_large');
    const ok = await fetchIcsUrl(`${base}/big-chunked`, { maxBytes: 20_000 });
    expect(ok.notModified === false && ok.bytes.byteLength).toBe(20_000);
  });

  it.each(['/stall-headers', '/stall-body', '/drip'])('gives up on %s at the deadline', async (path) => {
    const t0 = performance.now();
    const e = await failure(fetchIcsUrl(`${base}${path}`, { timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toBe(`${base}${path} did not answer within 0.3 s`);
    // A hang guard: the deadline, not a socket default of minutes, ended it.
    expect(performance.now() - t0).toBeLessThan(5000);
  }, 10_000);

  it('reports a closed port, an unknown host and a download that breaks off', async () => {
    const { server: gone, base: goneBase } = await listen(() => {});
    await close(gone);
    const refused = await failure(fetchIcsUrl(`${goneBase}/cal.ics`));
    expect(refused.code).toBe('unreachable');
    expect(refused.message).toBe(`cannot reach ${goneBase}/cal.ics: connection refused (ECONNREFUSED)`);
    const unknown = await failure(fetchIcsUrl('http://no-such-host.invalid/cal.ics', { timeoutMs: 5000 }));
    expect(['unreachable', 'timeout']).toContain(unknown.code);
    const cut = await failure(fetchIcsUrl(`${base}/cut`));
    expect(cut.code).toBe('unreachable');
    expect(cut.message).toContain(`the download from ${base}/cut broke off`);
  }, 15_000);

  it('refuses URLs that are not http(s)', async () => {
    for (const [url, message] of [
      ['file:///etc/passwd', 'only http and https URLs can be imported, not file: URLs'],
      ['ftp://example.com/cal.ics', 'only http and https URLs can be imported, not ftp: URLs'],
      ['not a url', 'not a URL: not a url'],
    ] as const) {
      const e = await failure(fetchIcsUrl(url));
      expect(e).toMatchObject({ code: 'invalid_url', message });
    }
  });

  it('sends user:password as Basic authentication, never to another origin, and never shows the password', async () => {
    const authed = new URL(`${base}/auth`);
    authed.username = 'me';
    authed.password = 'p@ss word';
    const r = await fetchIcsUrl(authed.href);
    expect(r.url).toBe(`${base}/auth`);
    authed.password = 'wrong';
    const e = await failure(fetchIcsUrl(authed.href));
    expect(e.message).toBe(`${base}/auth answered HTTP 401 Unauthorized, not 200`);
    expect(e.message).not.toContain('wrong');
    const moved = new URL(`${base}/auth-elsewhere`);
    moved.username = 'me';
    moved.password = 'secret';
    const other = await fetchIcsUrl(moved.href);
    expect(other.notModified === false && new TextDecoder().decode(other.bytes)).toBe('none');
  });

  it('reports download progress', async () => {
    const seenProgress: [number, number | null][] = [];
    await fetchIcsUrl(`${base}/big-announced`, { onProgress: (n, total) => seenProgress.push([n, total]) });
    expect(seenProgress.at(-1)).toEqual([10_000, 10_000]);
  });
});
