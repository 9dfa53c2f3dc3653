/**
 * Structured logging with secrets kept out (PROTOCOL §8.6): `et` values are replaced by
 * `[redacted]` in logged URLs, credentials are logged only as fingerprints (first 8 hex digits
 * of their SHA-256), and known secret fields are redacted wherever they appear.
 */
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

const SECRET_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.client_secret',
  '*.access_token',
  '*.refresh_token',
  '*.code',
  '*.token',
  '*.element_token',
  'client_secret',
  'access_token',
  'refresh_token',
  'element_token',
  'token',
  'et',
];

/** A pino logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    { level: opts.level ?? 'info', redact: { paths: SECRET_PATHS, censor: '[redacted]' }, base: undefined },
    opts.destination ?? process.stdout,
  );
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * The path and query of a request URL with every `et` value replaced by `[redacted]`, and
 * likewise the values of every parameter named like a credential (see `isSecretParam`). A
 * name counts in any case, percent-encoded, and in array or bracket form (`et[]`, `et%5B%5D`,
 * `et[0]`): clients that build query strings from objects send those.
 *
 * @example redactUrl('http://x/v1/events?et=abc&from=2026-01-01') === '/v1/events?et=[redacted]&from=2026-01-01'
 * @example redactUrl('http://x/v1/events?et%5B%5D=abc') === '/v1/events?et[]=[redacted]'
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const path = url.slice(start === -1 ? 0 : start, q === -1 ? undefined : q);
  if (q === -1) return path;
  // `;` separates parameters too in some clients' query strings (the routes read it as part of
  // a value): `to=2026-01-02;et=…` must not log the token either.
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((part) => part.split(';').map(redactParam).join(';'));
  return path + '?' + parts.join('&');
}

function redactParam(p: string): string {
  // Decode the name exactly as the routes do, so `%65t=` cannot slip a token past.
  const name = (new URLSearchParams(p).keys().next().value ?? '').toLowerCase();
  const bracket = name.indexOf('[');
  const base = (bracket === -1 ? name : name.slice(0, bracket)).trim();
  return isSecretParam(base) ? logSafeName(name) + '=[redacted]' : p;
}

/** Names that are credentials exactly: the element token and OAuth authorization codes. */
const SECRET_PARAMS = new Set(['et', 'code']);
/**
 * Endings of names that hold a credential: `access_token`, `refresh_token`, `client_secret`,
 * and any other `…token` or `…secret` a client sends. No Kairos route reads a query parameter
 * so named, but clients put credentials in the query under names of their own (Cronofy's Node
 * SDK sends the client secret as `bearer_token` on some GETs), and §8.6 keeps every such value
 * out of the logs, whatever the route or the answer.
 */
const SECRET_ENDINGS = ['token', 'secret', 'password', 'api_key', 'apikey'];

/** Whether a lower-cased, bracket-free query parameter name holds a credential. */
function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name) || SECRET_ENDINGS.some((end) => name.endsWith(end));
}

/** A decoded parameter name written back for the log: encoded, but with readable brackets. */
function logSafeName(name: string): string {
  return encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']');
}
