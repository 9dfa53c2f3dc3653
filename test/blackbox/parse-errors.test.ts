/**
 * Black-box: requests that Node's HTTP parser refuses before the app runs. `kairos serve`
 * answers them itself, with a JSON body: an unknown method is 404 like an unsupported method
 * on a known path (PROTOCOL §2.5, §9.31); other malformed requests are 400 (431 for headers
 * that are too large). The connection is closed after the answer, and the server keeps
 * serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, startServer, type RunningServer } from '../helpers/cli.js';

interface RawAnswer {
  /** Everything the server sent before closing the connection. */
  text: string;
  /** The server closed the connection (we never do). */
  closedByServer: boolean;
}

/** Sends raw bytes and reads until the server closes the connection (or 5 s pass). */
function rawRequest(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closedByServer: false });
    }, 5_000);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closedByServer: true });
    });
    socket.write(bytes);
  });
}

/** Splits one HTTP/1.1 response; asserts its framing (Content-Length equals the body's bytes). */
function parseResponse(text: string): { status: number; reason: string; headers: Record<string, string>; body: { error: string; error_description: string } } {
  const end = text.indexOf('\r\n\r\n');
  expect(end, text).toBeGreaterThan(0);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3}) (.+)$/.exec(statusLine!);
  expect(m, statusLine).not.toBeNull();
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const body = text.slice(end + 4);
  expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
  return { status: Number(m![1]), reason: m![2]!, headers, body: JSON.parse(body) as { error: string; error_description: string } };
}

describe('kairos serve answers requests its HTTP parser refuses', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'kairos-parse-'));
    server = await startServer(['--database', join(dir, 'kairos.db'), '--no-demo']);
  });

  afterAll(async () => {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['FOO /v1/calendars', 'GETX /v1/events', 'get /v1/calendars', 'BREW /'])('%s → 404 not_found with a JSON body, then the connection closes', async (line) => {
    const answer = await rawRequest(server.port, `${line} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(answer.closedByServer).toBe(true);
    const res = parseResponse(answer.text);
    expect([res.status, res.reason]).toEqual([404, 'Not Found']);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.connection).toBe('close');
    expect(res.body.error).toBe('not_found');
    expect(typeof res.body.error_description).toBe('string');
  });

  it('a method the parser knows but no route has is the app\'s own 404', async () => {
    const res = await fetch(`${server.url}/v1/calendars`, { method: 'PATCH' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it.each([
    ['a bad HTTP version', 'GET /v1/calendars HTTP/9.Z\r\nHost: x\r\n\r\n'],
    ['a header without a colon', 'GET /v1/calendars HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a control character in the target', 'GET /v1/cal\u0001endars HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a bad chunk size', 'POST /v1/calendars HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n'],
  ])('%s → 400 invalid_request with a JSON body, then the connection closes', async (_name, bytes) => {
    const answer = await rawRequest(server.port, bytes);
    expect(answer.closedByServer).toBe(true);
    const res = parseResponse(answer.text);
    expect([res.status, res.reason]).toEqual([400, 'Bad Request']);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.error).toBe('invalid_request');
  });

  it('headers larger than the parser allows → 431 with a JSON body', async () => {
    const answer = await rawRequest(server.port, `GET /v1/calendars HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    const res = parseResponse(answer.text);
    expect(res.status).toBe(431);
    expect(res.body.error).toBe('invalid_request');
  });

  it('after a good request on a kept-alive connection, the bad one still gets its own answer', async () => {
    const answer = await rawRequest(server.port, 'GET /v1/calendars HTTP/1.1\r\nHost: x\r\n\r\nFOO /v1/calendars HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer.closedByServer).toBe(true);
    const second = answer.text.indexOf('HTTP/1.1 404');
    expect(answer.text.startsWith('HTTP/1.1 401 '), answer.text).toBe(true);
    expect(second).toBeGreaterThan(0);
    expect(parseResponse(answer.text.slice(second)).body.error).toBe('not_found');
  });

  it('a client that hangs up mid-request does not disturb the server', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write('FOO /v1/calendars HTTP/1.1\r\n');
      socket.destroy();
    }
    const res = await fetch(`${server.url}/v1/calendars`);
    expect(res.status).toBe(401);
    expect(server.child.exitCode).toBeNull();
  });
});
