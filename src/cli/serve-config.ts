/** Server configuration from flags and environment (flags win), with clear errors. */
import { normalizeOrigin, parseTime } from '../core/index.js';
import { DEFAULT_CONFIG, type RateLimitConfig, type ServerConfig } from '../http/index.js';
import type { FeedSettings } from '../sync/feeds/index.js';
import { UsageError, databaseUrl } from './args.js';
import { resolveFeedSettings, type FeedFlags } from './feed-settings.js';

export interface ServeFlags extends FeedFlags {
  host?: string | undefined;
  port?: string | undefined;
  database?: string | undefined;
  'base-url'?: string | undefined;
  now?: string | undefined;
  'element-token-ttl'?: string | undefined;
  'page-size'?: string | undefined;
  'rate-limit-token'?: string | undefined;
  'rate-limit-app'?: string | undefined;
  'log-level'?: string | undefined;
  demo?: boolean | undefined;
  'no-demo'?: boolean | undefined;
}

export interface ServeSettings {
  host: string;
  port: number;
  /** The host part of a derived base URL (a wildcard address becomes 127.0.0.1). */
  publicHost: string;
  /** True when the base URL is derived from --port 0: serve fills in the port it got. */
  baseUrlFromPort: boolean;
  database: string;
  /** Epoch ms the clock starts at, when set (a testing aid). */
  startAt: number | null;
  logLevel: string;
  demo: boolean;
  config: ServerConfig;
  feeds: FeedSettings;
}

function int(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number (got "${raw}")`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000 };

/** `100/10s`, `off`. At least 20 requests per 10 seconds (PROTOCOL §2.8). */
export function parseTokenRateLimit(raw: string): RateLimitConfig['perElementToken'] {
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === '0') return null;
  const m = /^(\d+)\/(\d*)(ms|s|sec|m|min)$/.exec(v);
  if (!m) throw new UsageError(`the element token rate limit must look like 100/10s, or be "off" (got "${raw}")`);
  const limit = Number(m[1]);
  const windowMs = Number(m[2] || '1') * DURATION_UNITS[m[3]!]!;
  if (limit < 1 || windowMs < 1) throw new UsageError(`the element token rate limit must be positive (got "${raw}")`);
  if ((limit * 10_000) / windowMs < 20) throw new UsageError(`the element token rate limit must allow at least 20 requests per 10 seconds (got "${raw}")`);
  if (limit > 100_000) throw new UsageError(`the element token rate limit is too large (got "${raw}")`);
  return { limit, windowMs };
}

/** `off`, `on` (50/s and 500/min), or `50/s,500/min`. */
export function parseAppRateLimit(raw: string): RateLimitConfig['perApplication'] {
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === '0') return null;
  if (v === 'on' || v === 'true' || v === '1') return { perSecond: 50, perMinute: 500 };
  const m = /^(\d+)\/s,(\d+)\/min$/.exec(v.replace(/\s+/g, ''));
  if (!m) throw new UsageError(`the application rate limit must be "on", "off" or look like 50/s,500/min (got "${raw}")`);
  const perSecond = Number(m[1]);
  const perMinute = Number(m[2]);
  if (perSecond < 1 || perMinute < 1 || perSecond > 100_000 || perMinute > 1_000_000) throw new UsageError(`the application rate limit is out of range (got "${raw}")`);
  return { perSecond, perMinute };
}

function bool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new UsageError(`${name} must be true or false (got "${raw}")`);
}

export function resolveServeSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const host = flags.host ?? env.KAIROS_HOST ?? '127.0.0.1';
  const portRaw = flags.port ?? env.PORT ?? env.KAIROS_PORT;
  const port = portRaw === undefined ? 8080 : int(flags.port !== undefined ? '--port' : env.PORT !== undefined ? 'PORT' : 'KAIROS_PORT', portRaw, 0, 65535);
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const derived = `http://${publicHost}:${port}`;
  const baseRaw = flags['base-url'] ?? env.KAIROS_BASE_URL ?? derived;
  const baseUrl = normalizeOrigin(baseRaw.replace(/\/+$/, ''));
  if (baseUrl === null) throw new UsageError(`--base-url must be an http(s) origin such as https://api.example.com, without a path (got "${baseRaw}")`);

  let startAt: number | null = null;
  const nowRaw = flags.now ?? env.KAIROS_NOW;
  if (nowRaw !== undefined && nowRaw !== '') {
    startAt = parseTime(nowRaw);
    if (startAt === null) throw new UsageError(`--now must be a time such as 2026-06-01T10:00:00Z (got "${nowRaw}")`);
  }

  const config: ServerConfig = { ...DEFAULT_CONFIG, baseUrl, rateLimit: { ...DEFAULT_CONFIG.rateLimit } };
  const ttl = flags['element-token-ttl'] ?? env.KAIROS_ELEMENT_TOKEN_TTL;
  if (ttl !== undefined) config.elementTokenTtlSeconds = int(flags['element-token-ttl'] !== undefined ? '--element-token-ttl' : 'KAIROS_ELEMENT_TOKEN_TTL', ttl, 300, 86_400);
  const pageSize = flags['page-size'] ?? env.KAIROS_PAGE_SIZE;
  if (pageSize !== undefined) config.pageSize = int(flags['page-size'] !== undefined ? '--page-size' : 'KAIROS_PAGE_SIZE', pageSize, 1, 1000);
  const tokenRate = flags['rate-limit-token'] ?? env.KAIROS_RATE_LIMIT_TOKEN;
  if (tokenRate !== undefined) config.rateLimit.perElementToken = parseTokenRateLimit(tokenRate);
  const appRate = flags['rate-limit-app'] ?? env.KAIROS_RATE_LIMIT_APP;
  if (appRate !== undefined) config.rateLimit.perApplication = parseAppRateLimit(appRate);

  const logLevel = flags['log-level'] ?? env.KAIROS_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new UsageError(`--log-level must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  let demo = true;
  if (env.KAIROS_DEMO !== undefined) demo = bool('KAIROS_DEMO', env.KAIROS_DEMO);
  if (flags['no-demo']) demo = false;

  const baseUrlFromPort = port === 0 && flags['base-url'] === undefined && env.KAIROS_BASE_URL === undefined;
  return { host, port, publicHost, baseUrlFromPort, database: databaseUrl(flags.database, env), startAt, logLevel, demo, config, feeds: resolveFeedSettings(flags, env) };
}
