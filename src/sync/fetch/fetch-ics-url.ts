/**
 * Downloads an iCalendar file over http(s), within a deadline and a size limit, following a
 * bounded number of redirects. Used by `kairos import URL`, and meant for feed polling too
 * (conditional requests with ETag / Last-Modified).
 */
import { DEFAULT_MAX_INPUT_CHARS } from '../ics/index.js';
import { FetchIcsError } from './fetch-error.js';

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchIcsOptions {
  /** Deadline for the whole download, redirects and body included (default 30 s). */
  timeoutMs?: number;
  /** Largest accepted body in bytes, after decompression (default: the importer's input limit, 32 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Validators from an earlier fetch: a `304 Not Modified` answer is then returned as `notModified`. */
  etag?: string | null;
  lastModified?: string | null;
  /** Called as the body arrives: bytes so far, and the announced length when there is one. */
  onProgress?: (received: number, total: number | null) => void;
}

interface FetchedMeta {
  /** The URL that answered, after redirects (without credentials). */
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export type FetchedIcs = (FetchedMeta & { notModified: false; bytes: Uint8Array; contentType: string | null }) | (FetchedMeta & { notModified: true });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The URL for messages: credentials removed. */
export function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.href;
}

/** Parses and checks a URL to fetch; throws `invalid_url` unless it is absolute http(s). */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchIcsError('invalid_url', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchIcsError('invalid_url', `only http and https URLs can be imported, not ${url.protocol.replace(/:$/, '')}: URLs`);
  return url;
}

/** `user:password@` in the URL becomes Basic authentication (fetch refuses credentials in URLs). */
function splitCredentials(url: URL): { url: URL; authorization: string | null } {
  if (url.username === '' && url.password === '') return { url, authorization: null };
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { url: bare, authorization: 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64') };
}

function describeCause(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  const c = (cause ?? err) as { code?: unknown; message?: unknown };
  const code = typeof c.code === 'string' ? c.code : null;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
  };
  if (code !== null && known[code] !== undefined) return `${known[code]} (${code})`;
  if (code !== null && /CERT|SSL|TLS/.test(code)) return `TLS error (${code})`;
  const message = typeof c.message === 'string' ? c.message : String(cause ?? err);
  return code !== null ? `${message} (${code})` : message;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

async function readLimited(res: Response, maxBytes: number, shown: string, onProgress: FetchIcsOptions['onProgress']): Promise<Uint8Array> {
  const announced = res.headers.get('content-length');
  const total = announced !== null && /^\d+$/.test(announced) ? Number(announced) : null;
  if (total !== null && total > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new FetchIcsError('too_large', `${shown} is ${mb(total)}, more than the import limit of ${mb(maxBytes)}`);
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchIcsError('too_large', `${shown} sent more than the import limit of ${mb(maxBytes)}`);
    }
    chunks.push(value);
    onProgress?.(received, total);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Fetches `rawUrl` (http or https only). Throws `FetchIcsError` when the URL is not http(s), the
 * host cannot be reached, the deadline passes, the answer is not `200` (nor `304` to a
 * conditional request), the body is too large, or there are too many redirects. It does not
 * judge the content: parse it with `parseIcs`, which refuses what is not iCalendar.
 *
 * @example
 *   const r = await fetchIcsUrl('https://calendar.example.com/team.ics', { timeoutMs: 10_000 });
 *   if (!r.notModified) parseIcs(r.bytes, { defaultTzid, horizon });
 */
export async function fetchIcsUrl(rawUrl: string, opts: FetchIcsOptions = {}): Promise<FetchedIcs> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INPUT_CHARS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const first = parseHttpUrl(rawUrl);
  const shownFirst = displayUrl(first);
  const controller = new AbortController();
  const timeoutError = new FetchIcsError('timeout', `${shownFirst} did not answer within ${timeoutMs / 1000} s`);
  const timer = setTimeout(() => controller.abort(timeoutError), timeoutMs);
  let { url, authorization } = splitCredentials(first);
  try {
    for (let hop = 0; ; hop++) {
      const shown = displayUrl(url);
      const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1', 'user-agent': 'Kairos (calendar import)' };
      if (authorization !== null) headers.authorization = authorization;
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      let res: Response;
      try {
        res = await fetch(url, { redirect: 'manual', signal: controller.signal, headers });
      } catch (err) {
        if (controller.signal.aborted) throw timeoutError;
        throw new FetchIcsError('unreachable', `cannot reach ${shown}: ${describeCause(err)}`);
      }
      const meta: FetchedMeta = { url: shown, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (location === null) throw new FetchIcsError('http_status', `${shown} answered ${res.status} without a Location`, res.status);
        if (hop >= maxRedirects) throw new FetchIcsError('too_many_redirects', `${shownFirst} redirected more than ${maxRedirects} times`);
        let next: URL;
        try {
          next = parseHttpUrl(new URL(location, url).href);
        } catch (err) {
          throw new FetchIcsError('invalid_url', `${shown} redirected to ${location.slice(0, 200)}: ${(err as Error).message}`);
        }
        // Credentials go only to the origin they were given for.
        if (next.origin !== url.origin) authorization = null;
        ({ url } = splitCredentials(next));
        continue;
      }
      if (res.status === 304 && (opts.etag || opts.lastModified)) {
        await res.body?.cancel().catch(() => {});
        return { ...meta, notModified: true };
      }
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => {});
        throw new FetchIcsError('http_status', `${shown} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}, not 200`, res.status);
      }
      try {
        const bytes = await readLimited(res, maxBytes, shown, opts.onProgress);
        return { ...meta, notModified: false, bytes, contentType: res.headers.get('content-type') };
      } catch (err) {
        if (err instanceof FetchIcsError) throw err;
        if (controller.signal.aborted) throw timeoutError;
        throw new FetchIcsError('unreachable', `the download from ${shown} broke off: ${describeCause(err)}`);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
