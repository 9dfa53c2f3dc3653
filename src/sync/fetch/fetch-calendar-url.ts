/**
 * One bounded, conditional GET of an iCalendar URL, for subscribed feeds and `kairos import`:
 * http(s) only (webcal read as https), a connect timeout and a total timeout, at most
 * `maxRedirects` redirects, at most `maxBytes` of (decompressed) body, and no connection to a
 * non-public address unless allowed. Every failure is a FetchError with a short reason;
 * nothing here logs or returns the URL.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createBrotliDecompress, createGunzip, inflate, inflateRaw } from 'node:zlib';
import { DEFAULT_MAX_INPUT_CHARS } from '../ics/index.js';
import { isLinkLocalAddress, isNonPublicAddress } from './address-policy.js';
import { FetchError } from './fetch-error.js';
import { parseCalendarUrl } from './parse-calendar-url.js';

/** The validators of the copy we hold, sent as If-None-Match / If-Modified-Since (both null: a plain GET). */
export interface CalendarValidators {
  etag: string | null;
  lastModified: string | null;
}

export type CalendarFetchResult =
  | { status: 'not_modified' }
  | { status: 'ok'; body: Uint8Array; etag: string | null; lastModified: string | null; contentType: string | null };

export interface FetchCalendarUrlOptions {
  /** Time allowed for the whole fetch, redirects and body included, in ms. */
  timeoutMs: number;
  /** Time allowed to resolve the host and open each connection (TLS included), in ms (default 10 s). */
  connectTimeoutMs?: number;
  /** Largest accepted body after decompression, in bytes (default: the importer's input limit, 32 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /**
   * Whether loopback, private, link-local and other non-public addresses may be fetched
   * (default false). Off wherever the URL comes from someone other than the operator (SSRF).
   */
  allowPrivateAddresses?: boolean;
  userAgent?: string;
  /** Aborts the fetch (server shutdown); it then fails with FetchError `aborted`. */
  signal?: AbortSignal;
  /**
   * Called as the body arrives: the bytes received so far as they came over the wire (before
   * any decompression), and the announced Content-Length, or null when there is none.
   */
  onProgress?: (received: number, total: number | null) => void;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REDIRECTS = 5;

type Settings = Required<Pick<FetchCalendarUrlOptions, 'timeoutMs' | 'connectTimeoutMs' | 'maxBytes' | 'maxRedirects' | 'allowPrivateAddresses' | 'userAgent'>> &
  Pick<FetchCalendarUrlOptions, 'onProgress'>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Fetches `url`, conditionally when validators are given: a `304` then answers
 * `not_modified` (to a plain GET it is an HTTP error like any other but `200` and `203`).
 * `user:password@` in the URL is sent as Basic authentication, to that URL's origin only. The
 * content is not judged: parse it with `parseIcs`, which refuses what is not iCalendar.
 *
 * @example
 *   const r = await fetchCalendarUrl(url, { etag: '"v1"', lastModified: null }, { timeoutMs: 60_000 });
 *   if (r.status === 'ok') parse(r.body); // else 304: nothing changed
 */
export async function fetchCalendarUrl(url: string, validators: CalendarValidators, opts: FetchCalendarUrlOptions): Promise<CalendarFetchResult> {
  const settings: Settings = {
    timeoutMs: opts.timeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_INPUT_CHARS,
    maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    allowPrivateAddresses: opts.allowPrivateAddresses ?? false,
    userAgent: opts.userAgent ?? 'Kairos',
    onProgress: opts.onProgress,
  };
  let target = parseCalendarUrl(url);
  let authorization = basicAuthorization(target);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new FetchError('timeout', `timed out: the calendar did not arrive within ${seconds(settings.timeoutMs)}`)), settings.timeoutMs);
  const onOuterAbort = () => controller.abort(new FetchError('aborted', 'the fetch was stopped'));
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort);
  try {
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(target, authorization, validators, settings, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.destroy();
        if (hop >= settings.maxRedirects) throw new FetchError('redirects', `too many redirects (more than ${settings.maxRedirects})`);
        let next: URL;
        try {
          next = new URL(res.headers.location, target);
        } catch {
          throw new FetchError('redirects', 'the server redirected to an invalid URL');
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchError('redirects', `the server redirected to another scheme (${printable(next.protocol)}), which is not fetched`);
        // Credentials go only to the origin they were given for (a relative Location keeps them in the URL).
        if (next.username || next.password) authorization = basicAuthorization(next);
        else if (next.origin !== target.origin) authorization = null;
        target = next;
        continue;
      }
      if (status === 304 && (validators.etag || validators.lastModified)) {
        res.destroy();
        return { status: 'not_modified' };
      }
      if (status !== 200 && status !== 203) {
        res.destroy();
        // The standard phrase, or none: the server's own text could say anything (the path it
        // was asked for, secret included), and this message is stored and logged.
        const reason = http.STATUS_CODES[status] ?? '';
        const wait = status === 429 || status === 503 ? retryAfterMs(header(res, 'retry-after'), Date.now()) : null;
        const asked = wait === null ? '' : `; it asked to be left alone for ${Math.round(wait / 1000)} s`;
        throw new FetchError('http_status', `the server answered HTTP ${status}${reason ? ` (${reason})` : ''}${asked}`, wait);
      }
      const body = await readBody(res, settings, controller.signal);
      return { status: 'ok', body, etag: header(res, 'etag'), lastModified: header(res, 'last-modified'), contentType: header(res, 'content-type') };
    }
  } catch (err) {
    if (controller.signal.aborted && controller.signal.reason instanceof FetchError) throw controller.signal.reason;
    throw toFetchError(err, target, settings);
  } finally {
    clearTimeout(deadline);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function basicAuthorization(url: URL): string | null {
  if (!url.username && !url.password) return null;
  return 'Basic ' + Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
}

function header(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  // Validators are echoed back to the server later: keep them small and printable.
  return s !== undefined && s.length <= 512 && /^[\x20-\x7e]*$/.test(s) ? s : null;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '').slice(0, 60).trim();
}

/** Sends one GET and resolves when the response headers arrive. */
function requestOnce(target: URL, authorization: string | null, validators: CalendarValidators, settings: Settings, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(hostname) !== 0 && refusedBy(settings, hostname)) return reject(refusedAddress(hostname, hostname, settings));
    const headers: OutgoingHttpHeaders = {
      'user-agent': settings.userAgent,
      accept: 'text/calendar, text/plain;q=0.9, */*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    if (authorization !== null) headers.authorization = authorization;
    const isHttps = target.protocol === 'https:';
    const req = (isHttps ? https : http).request({
      protocol: target.protocol,
      hostname,
      port: target.port || undefined,
      path: target.pathname + target.search,
      method: 'GET',
      headers,
      // A fresh connection per fetch: calendars are fetched minutes apart, and the connect
      // timeout below must see every connection attempt.
      agent: false,
      lookup: checkedLookup(settings),
    });
    const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal.removeEventListener('abort', onAbort));
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new FetchError('connect_timeout', `timed out connecting to ${hostname} after ${seconds(settings.connectTimeoutMs)}`)), settings.connectTimeoutMs);
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** Whether the address policy refuses this IP address: link-local always, any other non-public one unless allowed. */
function refusedBy(settings: Settings, address: string): boolean {
  return isLinkLocalAddress(address) || (!settings.allowPrivateAddresses && isNonPublicAddress(address));
}

/**
 * A dns.lookup that refuses names resolving to any address the policy refuses (no DNS-rebinding
 * gap: the checked address is the one connected to).
 */
function checkedLookup(settings: Settings) {
  return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void =>
    lookupChecked(settings, hostname, options, callback);
}

function lookupChecked(
  settings: Settings,
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const bad = addresses.find((a) => refusedBy(settings, a.address));
    if (bad) return callback(refusedAddress(hostname, bad.address, settings), '', 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
}

function refusedAddress(hostname: string, address: string, settings: Settings): FetchError {
  if (hostname === address) {
    const what = isLinkLocalAddress(address) ? 'a link-local address, which is never fetched' : 'a loopback or private address, which feeds may not fetch here';
    return new FetchError('refused_address', `${address} is ${what}`);
  }
  // Neither the name's address nor whether it has one is told: the message reaches whoever
  // chose the URL (an access-token holder, through feed_last_error), and must not map the
  // operator's internal names. A name that does not resolve gets the same words (see
  // unresolved). With private addresses allowed, only link-local ones are refused.
  return new FetchError('refused_address', settings.allowPrivateAddresses ? `${hostname} resolves to a link-local address, which is never fetched` : noPublicAddress(hostname));
}

function noPublicAddress(hostname: string): string {
  return `${hostname} has no public address (it does not resolve, or only to loopback or private addresses, which feeds may not fetch here)`;
}

/**
 * The content coding of a response: `identity` when none is named (an absent or empty header,
 * or only `identity`, which means none), else the codings named, lower case, comma-separated.
 */
function contentCoding(header: string | undefined): string {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.length === 0 ? 'identity' : codings.join(', ');
}

/** Reads and decompresses the body, stopping past `maxBytes`. The bytes are in a buffer of their own (safe to transfer to a worker). */
async function readBody(res: IncomingMessage, settings: Settings, signal: AbortSignal): Promise<Uint8Array> {
  const { maxBytes, onProgress } = settings;
  const announced = String(res.headers['content-length'] ?? '');
  const declared = /^\d+$/.test(announced) ? Number(announced) : null;
  const encoding = contentCoding(res.headers['content-encoding']);
  if (encoding === 'identity' && declared !== null && declared > maxBytes) {
    res.destroy();
    throw new FetchError('too_large', `the calendar is ${size(declared)}, more than the import limit of ${size(maxBytes)}`);
  }
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  // deflate is read whole (at most maxBytes compressed) and decoded after: servers send it with
  // or without its zlib wrapper, and which one is known only from the first bytes.
  else if (encoding === 'deflate') stream = res;
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  else if (encoding !== 'identity') {
    res.destroy();
    throw new FetchError('network', `the server used an unsupported content encoding (${printable(encoding)})`);
  }
  // Progress counts what came over the wire, the unit of Content-Length; a decoder's output is
  // counted separately, against the limit.
  let received = 0;
  const progress = onProgress ? (n: number) => onProgress((received += n), declared) : null;
  if (progress && stream !== res) res.on('data', (c: Buffer) => progress(c.byteLength));
  const chunks: Buffer[] = [];
  let decoded = 0;
  const onAbort = () => {
    res.destroy();
    if (stream !== res) stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  // A response that closes early errors the raw stream; make the decoder see it too.
  if (stream !== res) res.once('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoded += chunk.byteLength;
      if (decoded > maxBytes) {
        res.destroy();
        stream.destroy();
        throw new FetchError('too_large', `the calendar is larger than the import limit of ${size(maxBytes)}`);
      }
      chunks.push(chunk);
      if (progress && stream === res) progress(chunk.byteLength);
    }
    if (!res.complete) throw new FetchError('network', 'the connection was closed before the calendar was complete');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(decoded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return encoding === 'deflate' ? inflateBody(out, maxBytes) : out;
}

const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);

/**
 * Decodes a `deflate` body, as browsers do: zlib-wrapped (RFC 1950, what the name means) or raw
 * (RFC 1951, what many servers send). On the thread pool, and stopping past `maxBytes`.
 */
async function inflateBody(body: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const wrapped = body.byteLength >= 2 && (body[0]! & 0x0f) === 8 && ((body[0]! << 8) | body[1]!) % 31 === 0;
  try {
    const out = await (wrapped ? inflateAsync : inflateRawAsync)(body, { maxOutputLength: maxBytes + 1 });
    if (out.byteLength > maxBytes) throw new FetchError('too_large', `the calendar is larger than the import limit of ${size(maxBytes)}`);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new FetchError('too_large', `the calendar is larger than the import limit of ${size(maxBytes)}`);
    throw new FetchError('network', 'the compressed body could not be decoded');
  }
}

/** Longest Retry-After honoured: a day. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * A Retry-After header (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) as ms from `now`, at
 * most a day; null when absent, unreadable or already past.
 *
 * @example retryAfterMs('120', 0) // 120_000
 */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  const ms = /^\d{1,10}$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** A size for people: `32.0 MiB`, `256.0 KiB`, `900 bytes`. */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;
/** OpenSSL's reasons when what came back was not TLS at all (most often plain HTTP on the port). */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_HTTP_REQUEST']);

/**
 * The code of a failed TLS handshake. Node reports some as `EPROTO` with OpenSSL's reason
 * only in the message (`…:SSL routines:ssl3_get_record:wrong version number:…`), others as
 * `ERR_SSL_WRONG_VERSION_NUMBER`: the reason is named the second way in both cases.
 */
function tlsCode(code: string, message: string): string {
  if (code !== 'EPROTO') return code;
  const reason = /SSL routines:[^:]*:([a-z0-9 ]+)/i.exec(message)?.[1]?.trim();
  return reason ? `ERR_SSL_${reason.toUpperCase().replace(/ +/g, '_')}` : code;
}

/** Maps a Node error onto a short reason that names the host at most. */
function toFetchError(err: unknown, target: URL, settings: Settings): FetchError {
  if (err instanceof FetchError) return err;
  const hostname = target.hostname;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    // Told apart from a refused name only where private addresses are allowed (see refusedAddress).
    return new FetchError('dns', settings.allowPrivateAddresses ? `${hostname} could not be resolved (${code})` : noPublicAddress(hostname));
  }
  if (code === 'ECONNREFUSED') return new FetchError('network', `${hostname} refused the connection (ECONNREFUSED)`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.message === 'aborted') {
    return new FetchError('network', 'the connection was closed before the calendar was complete');
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') return new FetchError('network', `${hostname} could not be reached (${code})`);
  // EPROTO on https is the TLS handshake failing.
  if ((code === 'EPROTO' && target.protocol === 'https:') || TLS_CODES.test(code)) {
    const tls = tlsCode(code, typeof e?.message === 'string' ? e.message : '');
    const why = NOT_TLS.has(tls) ? ': the server did not answer in TLS; it may speak plain HTTP only' : '';
    return new FetchError('tls', `the secure connection (TLS) to ${hostname} failed${why} (${tls})`);
  }
  if (code.startsWith('HPE_')) return new FetchError('network', `the server sent a malformed HTTP response (${code})`);
  // zlib's codes, and brotli's decoder errors (ERR__ERROR_FORMAT_…, ERR__ERROR_…).
  if (code.startsWith('Z_') || code === 'ERR__ZLIB' || code.startsWith('ERR__ERROR_')) return new FetchError('network', 'the compressed body could not be decoded');
  return new FetchError('network', `the calendar could not be fetched (${code || printable(e?.message ?? String(err)) || 'network error'})`);
}
