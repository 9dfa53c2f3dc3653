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
 * The path and query of a request URL with every `et` value replaced by `[redacted]`.
 *
 * @example redactUrl('http://x/v1/events?et=abc&from=2026-01-01') === '/v1/events?et=[redacted]&from=2026-01-01'
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const path = url.slice(start === -1 ? 0 : start, q === -1 ? undefined : q);
  if (q === -1) return path;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((p) => {
      // Decode the name exactly as the routes do, so `%65t=` cannot slip a token past.
      const name = new URLSearchParams(p).keys().next().value ?? '';
      return SECRET_PARAMS.has(name.toLowerCase()) ? name.toLowerCase() + '=[redacted]' : p;
    });
  return path + '?' + parts.join('&');
}

const SECRET_PARAMS = new Set(['et', 'access_token', 'client_secret', 'refresh_token', 'code']);
