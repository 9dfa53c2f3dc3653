/**
 * Answers for requests that Node's HTTP parser refuses before the app sees them (the server's
 * `clientError` event). Without a listener Node writes a bare `400 Bad Request` with no body;
 * clients of this API parse every error body, and an unknown method such as `FOO` is, for the
 * protocol, an unsupported method: 404 with a JSON body (PROTOCOL §2.5, §9.31). The
 * connection cannot be used after a parse error, so it is closed after the answer.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.js';
import { JSON_TYPE } from './respond.js';

interface Answer {
  status: number;
  reason: string;
  error: string;
  description: string;
}

/** The answer for a parser error code (llhttp's `HPE_…`, or Node's own). */
export function clientErrorAnswer(code: string | undefined): Answer {
  switch (code) {
    case 'HPE_INVALID_METHOD':
      return { status: 404, reason: 'Not Found', error: 'not_found', description: 'There is no such resource: the method is not one this server supports.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', error: 'invalid_request', description: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', error: 'invalid_request', description: 'The request was not received in time.' };
    default:
      return { status: 400, reason: 'Bad Request', error: 'invalid_request', description: 'The request is not well-formed HTTP/1.1.' };
  }
}

/**
 * The raw HTTP/1.1 response for a parser error: JSON body, Content-Length, `Connection: close`.
 *
 * @example clientErrorResponse('HPE_INVALID_METHOD').startsWith('HTTP/1.1 404 Not Found\r\n') === true
 */
export function clientErrorResponse(code: string | undefined): string {
  const a = clientErrorAnswer(code);
  const body = JSON.stringify({ error: a.error, error_description: a.description });
  return [`HTTP/1.1 ${a.status} ${a.reason}`, `content-type: ${JSON_TYPE}`, `content-length: ${Buffer.byteLength(body)}`, 'cache-control: no-store', 'connection: close', '', body].join('\r\n');
}

/** The response under way on the connection, which node:http attaches to its socket. */
interface HttpSocket extends Duplex {
  _httpMessage?: {
    headersSent: boolean;
    writableFinished: boolean;
    req?: { complete: boolean };
    once(event: 'finish', listener: () => void): unknown;
  } | null;
}

/**
 * A `clientError` listener for a node:http server. The answer is written only when the socket
 * can still take it: not when the peer has gone (ECONNRESET and the like), and not into a
 * response already under way. When an earlier, pipelined request is still being answered, its
 * answer is let finish first. When the bad bytes are in the body of the request being answered,
 * the answer replaces the app's unless that one has started. The connection is then closed.
 * Nothing of the request is logged (its first line may hold an `et`): only the error code.
 *
 * @example server.on('clientError', clientErrorListener(logger));
 */
export function clientErrorListener(logger: Pick<Logger, 'debug'>): (err: Error & { code?: string }, socket: Duplex) => void {
  return (err, socket) => {
    logger.debug({ code: err.code }, 'malformed request');
    const s = socket as HttpSocket;
    const answer = () => {
      if (!s.writable || s.destroyed) s.destroy();
      else s.end(clientErrorResponse(err.code), () => s.destroy());
    };
    const inFlight = s._httpMessage;
    if (!inFlight || inFlight.writableFinished) answer();
    else if (inFlight.req?.complete) inFlight.once('finish', answer);
    else if (!inFlight.headersSent) answer();
    else s.destroy();
  };
}
