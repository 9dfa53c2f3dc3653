import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clientErrorListener, clientErrorResponse } from './client-error.js';

const quiet = { debug: () => undefined };

/** Just enough of a net.Socket to see what the listener does with it. */
class FakeSocket {
  writable = true;
  destroyed = false;
  written: string[] = [];
  _httpMessage: (EventEmitter & { headersSent: boolean; writableFinished: boolean; req?: { complete: boolean } }) | null = null;
  end(data: string, cb: () => void): void {
    this.written.push(data);
    this.writable = false;
    cb();
  }
  destroy(): void {
    this.destroyed = true;
    this.writable = false;
  }
}

const inFlight = (o: { headersSent: boolean; complete: boolean }) => Object.assign(new EventEmitter(), { headersSent: o.headersSent, writableFinished: false, req: { complete: o.complete } });
const listen = (s: FakeSocket, code = 'HPE_INVALID_METHOD') => clientErrorListener(quiet)(Object.assign(new Error('parse'), { code }), s as unknown as Duplex);

describe('clientErrorResponse', () => {
  it('is one framed HTTP/1.1 response with a JSON body', () => {
    const text = clientErrorResponse('HPE_INVALID_METHOD');
    const [head, body] = text.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 404 Not Found',
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'cache-control: no-store',
      'connection: close',
    ]);
    expect(JSON.parse(body)).toMatchObject({ error: 'not_found' });
  });

  it.each([
    ['HPE_INVALID_HEADER_TOKEN', 400],
    ['HPE_INVALID_VERSION', 400],
    [undefined, 400],
    ['HPE_HEADER_OVERFLOW', 431],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
  ])('%s → %i invalid_request', (code, status) => {
    const text = clientErrorResponse(code);
    expect(text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'invalid_request' });
  });
});

describe('clientErrorListener', () => {
  it('answers and closes an idle connection', () => {
    const s = new FakeSocket();
    listen(s);
    expect(s.written).toHaveLength(1);
    expect(s.destroyed).toBe(true);
  });

  it('never writes to a socket that is not writable (the peer is gone)', () => {
    const s = new FakeSocket();
    s.writable = false;
    listen(s, 'ECONNRESET');
    expect(s.written).toEqual([]);
    expect(s.destroyed).toBe(true);
  });

  it('never writes into a response already under way', () => {
    const s = new FakeSocket();
    s._httpMessage = inFlight({ headersSent: true, complete: false });
    listen(s, 'HPE_INVALID_CHUNK_SIZE');
    expect(s.written).toEqual([]);
    expect(s.destroyed).toBe(true);
  });

  it('answers for the request whose body is bad when its response has not started', () => {
    const s = new FakeSocket();
    s._httpMessage = inFlight({ headersSent: false, complete: false });
    listen(s, 'HPE_INVALID_CHUNK_SIZE');
    expect(s.written[0]).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('lets the answer to an earlier pipelined request finish first', () => {
    const s = new FakeSocket();
    const earlier = inFlight({ headersSent: true, complete: true });
    s._httpMessage = earlier;
    listen(s);
    expect(s.written).toEqual([]);
    expect(s.destroyed).toBe(false);
    earlier.emit('finish');
    expect(s.written[0]).toMatch(/^HTTP\/1\.1 404 /);
    expect(s.destroyed).toBe(true);
  });
});
