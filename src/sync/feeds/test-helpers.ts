/**
 * Helpers shared by the feed tests (not part of the product): a feed server on 127.0.0.1 that
 * the test controls, and small calendars to serve.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/** What the server does for one path. */
export type FeedBehaviour =
  /** `declareLength`: send Content-Length (otherwise the body is chunked). */
  | { kind: 'ics'; body: string | Uint8Array; etag?: string; lastModified?: string; contentType?: string; gzip?: boolean; deflate?: 'zlib' | 'raw'; contentEncoding?: string; declareLength?: boolean }
  | { kind: 'status'; status: number; body?: string; retryAfter?: string }
  /** Accepts the connection and never answers. */
  | { kind: 'stall' }
  /** Sends the headers and part of the body, then nothing more. */
  | { kind: 'stall_body'; body: string }
  /** Closes the connection without answering. */
  | { kind: 'close' }
  /** Sends the headers, then one byte every 20 ms, never ending. */
  | { kind: 'drip' }
  /** Sends part of a declared body, then closes the connection. */
  | { kind: 'truncate'; body: string; declared: number }
  | { kind: 'redirect'; location: string; status?: number }
  /** Streams `bytes` bytes of a calendar that never ends (a VEVENT repeated), without Content-Length. */
  | { kind: 'huge'; bytes: number };

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The status the server answered, once it did. */
  status?: number;
}

export interface FeedServer {
  origin: string;
  url(path: string): string;
  set(path: string, b: FeedBehaviour): void;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a feed server on 127.0.0.1 with a free port. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedBehaviour>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const seen: SeenRequest = { path: req.url ?? '/', headers: req.headers };
    requests.push(seen);
    const b = routes.get(path) ?? { kind: 'status', status: 404, body: 'no such feed' };
    const answer = (status: number, headers: Record<string, string | number>, body?: string | Uint8Array): void => {
      seen.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    switch (b.kind) {
      case 'ics': {
        const inm = req.headers['if-none-match'];
        const ims = req.headers['if-modified-since'];
        const etagMatch = b.etag !== undefined && inm !== undefined && inm.split(/\s*,\s*/).includes(b.etag);
        const dateMatch = inm === undefined && b.lastModified !== undefined && ims !== undefined && Date.parse(ims) >= Date.parse(b.lastModified);
        const headers: Record<string, string> = { 'content-type': b.contentType ?? 'text/calendar; charset=utf-8' };
        if (b.etag) headers.etag = b.etag;
        if (b.lastModified) headers['last-modified'] = b.lastModified;
        if (etagMatch || dateMatch) return answer(304, headers);
        let body: string | Uint8Array = b.body;
        if (b.gzip) {
          body = gzipSync(typeof body === 'string' ? Buffer.from(body) : body);
          headers['content-encoding'] = 'gzip';
        } else if (b.deflate) {
          const raw = typeof body === 'string' ? Buffer.from(body) : body;
          body = b.deflate === 'zlib' ? deflateSync(raw) : deflateRawSync(raw);
          headers['content-encoding'] = 'deflate';
        } else if (b.contentEncoding) {
          // The body as given, labelled with this coding (to send damaged compressed bodies).
          headers['content-encoding'] = b.contentEncoding;
        }
        if (b.declareLength) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
        return answer(200, headers, body);
      }
      case 'status':
        return answer(b.status, { 'content-type': 'text/html', ...(b.retryAfter === undefined ? {} : { 'retry-after': b.retryAfter }) }, b.body ?? '');
      case 'stall':
        return;
      case 'stall_body':
        seen.status = 200;
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.write(b.body);
        return;
      case 'drip': {
        seen.status = 200;
        res.writeHead(200, { 'content-type': 'text/calendar' });
        const timer = setInterval(() => res.write('X'), 20);
        res.once('close', () => clearInterval(timer));
        return;
      }
      case 'close':
        req.socket.destroy();
        return;
      case 'truncate':
        seen.status = 200;
        res.writeHead(200, { 'content-type': 'text/calendar', 'content-length': b.declared });
        res.write(b.body, () => req.socket.destroy());
        return;
      case 'redirect':
        return answer(b.status ?? 302, { location: b.location });
      case 'huge':
        seen.status = 200;
        res.writeHead(200, { 'content-type': 'text/calendar' });
        streamHuge(res, b.bytes);
        return;
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    set: (path, b) => void routes.set(path, b),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function streamHuge(res: ServerResponse, total: number): void {
  const head = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n';
  const block = Buffer.from('BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260601T090000Z\r\nDTEND:20260601T100000Z\r\nSUMMARY:filler\r\nEND:VEVENT\r\n'.repeat(200));
  let sent = 0;
  res.write(head);
  const pump = (): void => {
    while (sent < total) {
      sent += block.byteLength;
      if (!res.write(block)) return void res.once('drain', pump);
    }
    res.end('END:VCALENDAR\r\n');
  };
  res.on('error', () => undefined);
  pump();
}

/** A VCALENDAR with one timed VEVENT per entry. */
export function feedIcs(events: { uid: string; summary: string; start: string; end: string; status?: string }[], name = 'Team rota'): string {
  const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//feed tests//EN', `X-WR-CALNAME:${name}`];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:20260101T000000Z`, `DTSTART:${stamp(e.start)}`, `DTEND:${stamp(e.end)}`, `SUMMARY:${e.summary}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

/** A feed of `n` lone 30-minute events spread over two years from 2026-01-01 (about 490 bytes each). */
export function bigFeedIcs(n: number): string {
  const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//feed tests//EN'];
  for (let i = 0; i < n; i++) {
    const start = Date.UTC(2026, 0, 1) + (i % 700) * 86_400_000 + (i % 9) * 3_600_000;
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${i}@example.com`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(start + 1_800_000)}`,
      `SUMMARY:Meeting number ${i} with a reasonably long summary text`,
      `DESCRIPTION:${'Agenda item. '.repeat(20)}`,
      'LOCATION:Room 4',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

/**
 * Runs `work` while a 5 ms interval timer ticks. Returns how many times it fired, the longest
 * gap between ticks, and the event loop's utilisation meanwhile (the share of the time it was
 * running code rather than waiting for events: 1 when `work` holds it throughout). The
 * utilisation does not count time the thread was descheduled while waiting, so it measures
 * blocking, not how busy the machine is.
 */
export async function loopResponsiveness(work: () => Promise<unknown>): Promise<{ gapMs: number; ticks: number; utilization: number }> {
  let last = performance.now();
  let gapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
    ticks++;
  }, 5);
  const elu = performance.eventLoopUtilization();
  try {
    await work();
    gapMs = Math.max(gapMs, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
  return { gapMs, ticks, utilization: performance.eventLoopUtilization(elu).utilization };
}
