/**
 * One bounded, conditional GET of a feed: http(s) only, a connect timeout and a total
 * timeout, at most `maxRedirects` redirects, at most `maxBytes` of (decompressed) body, and
 * no connection to a non-public address unless allowed. Every failure is a FeedError with a
 * short reason; nothing here logs or returns the URL.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isNonPublicAddress } from './address-policy.js';
import { FeedError } from './feed-error.js';
import type { FeedSettings } from './feed-settings.js';

/** The validators of the copy we hold, sent as If-None-Match / If-Modified-Since. */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedFetchResult =
  | { status: 'not_modified' }
  | { status: 'ok'; body: Uint8Array; etag: string | null; lastModified: string | null; contentType: string | null };

export type FetchFeedOptions = Pick<FeedSettings, 'connectTimeoutMs' | 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'allowPrivateAddresses' | 'userAgent'> & {
  /** Aborts the fetch (server shutdown); it then fails with FeedError `aborted`. */
  signal?: AbortSignal;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches `url`, conditionally when validators are given.
 *
 * @example
 *   const r = await fetchFeed(url, { etag: '"v1"', lastModified: null }, DEFAULT_FEED_SETTINGS);
 *   if (r.status === 'ok') parse(r.body); // else 304: nothing changed
 */
export async function fetchFeed(url: string, validators: FeedValidators, opts: FetchFeedOptions): Promise<FeedFetchResult> {
  const controller = new AbortController();
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const deadline = setTimeout(() => controller.abort(new FeedError('timeout', `timed out: the feed did not arrive within ${seconds(opts.timeoutMs)}`)), opts.timeoutMs);
  const onOuterAbort = () => controller.abort(new FeedError('aborted', 'the fetch was stopped (server shutdown)'));
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort);
  try {
    let target = new URL(url);
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(target, validators, opts, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.destroy();
        if (hop >= opts.maxRedirects) throw new FeedError('redirects', `too many redirects (more than ${opts.maxRedirects})`);
        let next: URL;
        try {
          next = new URL(res.headers.location, target);
        } catch {
          throw new FeedError('redirects', "the feed's server redirected to an invalid URL");
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FeedError('redirects', `the feed's server redirected to a ${next.protocol.replace(/:$/, '')} URL, which is not fetched`);
        target = next;
        continue;
      }
      if (status === 304) {
        res.destroy();
        return { status: 'not_modified' };
      }
      if (status !== 200 && status !== 203) {
        res.destroy();
        const reason = printable(res.statusMessage ?? '');
        throw new FeedError('http_status', `the feed's server answered HTTP ${status}${reason ? ` (${reason})` : ''}`);
      }
      const body = await readBody(res, opts.maxBytes, controller.signal);
      return { status: 'ok', body, etag: header(res, 'etag'), lastModified: header(res, 'last-modified'), contentType: header(res, 'content-type') };
    }
  } catch (err) {
    if (controller.signal.aborted && controller.signal.reason instanceof FeedError) throw controller.signal.reason;
    throw toFeedError(err, new URL(url).hostname);
  } finally {
    clearTimeout(deadline);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
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
function requestOnce(target: URL, validators: FeedValidators, opts: FetchFeedOptions, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivateAddresses && isIP(hostname) !== 0 && isNonPublicAddress(hostname)) {
      return reject(refusedAddress(hostname, hostname));
    }
    const headers: OutgoingHttpHeaders = {
      'user-agent': opts.userAgent,
      accept: 'text/calendar, text/plain;q=0.9, */*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    if (target.username || target.password) {
      headers.authorization = 'Basic ' + Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64');
    }
    const isHttps = target.protocol === 'https:';
    const req = (isHttps ? https : http).request({
      protocol: target.protocol,
      hostname,
      port: target.port || undefined,
      path: target.pathname + target.search,
      method: 'GET',
      headers,
      // A fresh connection per fetch: feeds are fetched minutes apart, and the connect
      // timeout below must see every connection attempt.
      agent: false,
      lookup: opts.allowPrivateAddresses ? undefined : publicOnlyLookup,
    });
    const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal.removeEventListener('abort', onAbort));
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => req.destroy(new FeedError('connect_timeout', `timed out connecting to ${hostname} after ${Math.round(opts.connectTimeoutMs / 100) / 10} s`)),
        opts.connectTimeoutMs,
      );
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** dns.lookup that refuses names resolving to any non-public address (no DNS-rebinding gap: the checked address is the one connected to). */
function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(refusedAddress(hostname, bad.address), '', 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
}

function refusedAddress(hostname: string, address: string): FeedError {
  const where = hostname === address ? address : `${hostname} resolves to ${address}, which`;
  return new FeedError('refused_address', `${where} is a loopback or private address, which this server is configured not to fetch`);
}

/** Reads and decompresses the body, stopping past `maxBytes`. The bytes are in a buffer of their own (safe to transfer to a worker). */
async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(maxBytes);
  }
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  else if (encoding !== 'identity') {
    res.destroy();
    throw new FeedError('network', `the feed's server used an unsupported content encoding (${printable(encoding)})`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onAbort = () => {
    res.destroy();
    if (stream !== res) stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  // A response that closes early errors the raw stream; make the decoder see it too.
  if (stream !== res) res.once('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk);
    }
    if (!res.complete) throw new FeedError('network', 'the connection was closed before the feed was complete');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): FeedError {
  return new FeedError('too_large', `the feed is larger than ${maxBytes} bytes, the most this server imports`);
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Maps a Node error onto a short reason that names the host at most. */
export function toFeedError(err: unknown, hostname: string): FeedError {
  if (err instanceof FeedError) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return new FeedError('dns', `${hostname} could not be resolved (${code})`);
  if (code === 'ECONNREFUSED') return new FeedError('network', `${hostname} refused the connection (ECONNREFUSED)`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.message === 'aborted') {
    return new FeedError('network', 'the connection was closed before the feed was complete');
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') return new FeedError('network', `${hostname} could not be reached (${code})`);
  if (TLS_CODES.test(code)) return new FeedError('tls', `the TLS connection to ${hostname} failed (${code})`);
  if (code.startsWith('HPE_')) return new FeedError('network', `the feed's server sent a malformed HTTP response (${code})`);
  if (code.startsWith('Z_') || code === 'ERR__ZLIB') return new FeedError('network', "the feed's compressed body could not be decoded");
  return new FeedError('network', `the feed could not be fetched (${code || printable(e?.message ?? String(err)) || 'network error'})`);
}
