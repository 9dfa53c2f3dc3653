/** Feed settings from flags and environment (flags win), shared by `kairos serve` and `kairos feed`. */
import { DEFAULT_FEED_SETTINGS, MAX_FEED_INTERVAL_SECONDS, MIN_FEED_INTERVAL_SECONDS, type FeedSettings } from '../sync/feeds/index.js';
import { UsageError } from './args.js';

export interface FeedFlags {
  'feed-interval'?: string | undefined;
  'feed-timeout'?: string | undefined;
  'feed-connect-timeout'?: string | undefined;
  'feed-allow-private'?: boolean | undefined;
  'no-feed-poll'?: boolean | undefined;
  'feed-horizon'?: string | undefined;
  'feed-max-occurrences'?: string | undefined;
}

/** The parseArgs options of FeedFlags. */
export const FEED_OPTIONS = {
  'feed-interval': { type: 'string' },
  'feed-timeout': { type: 'string' },
  'feed-connect-timeout': { type: 'string' },
  'feed-allow-private': { type: 'boolean', default: false },
  'feed-horizon': { type: 'string' },
  'feed-max-occurrences': { type: 'string' },
} as const;

/** `BACK:AHEAD` in days, e.g. `365:731`. */
function horizon(name: string, raw: string): { back: number; ahead: number } {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(raw);
  if (!m) throw new UsageError(`${name} must be DAYS_BACK:DAYS_AHEAD, e.g. 365:731 (got "${raw}")`);
  const back = Number(m[1]);
  const ahead = Number(m[2]);
  if (back > 3650 || ahead < 1 || ahead > 3650) throw new UsageError(`${name}: days back must be 0–3650 and days ahead 1–3650 (got ${back}:${ahead})`);
  return { back, ahead };
}

function seconds(name: string, raw: string, min: number, max: number): number {
  const v = raw.trim();
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} must be a whole number of seconds (got "${raw}")`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max} seconds (got ${n})`);
  return n;
}

function bool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new UsageError(`${name} must be true or false (got "${raw}")`);
}

/**
 * @example resolveFeedSettings({ 'feed-interval': '600' }, {}) // { ...DEFAULT_FEED_SETTINGS, defaultIntervalSeconds: 600 }
 */
export function resolveFeedSettings(flags: FeedFlags, env: NodeJS.ProcessEnv = process.env): FeedSettings {
  const s: FeedSettings = { ...DEFAULT_FEED_SETTINGS };
  const interval = flags['feed-interval'] ?? env.KAIROS_FEED_INTERVAL;
  if (interval !== undefined) s.defaultIntervalSeconds = seconds('--feed-interval', interval, MIN_FEED_INTERVAL_SECONDS, MAX_FEED_INTERVAL_SECONDS);
  const timeout = flags['feed-timeout'] ?? env.KAIROS_FEED_TIMEOUT;
  if (timeout !== undefined) s.timeoutMs = seconds('--feed-timeout', timeout, 1, 600) * 1000;
  const connect = flags['feed-connect-timeout'] ?? env.KAIROS_FEED_CONNECT_TIMEOUT;
  if (connect !== undefined) s.connectTimeoutMs = seconds('--feed-connect-timeout', connect, 1, 120) * 1000;
  if (env.KAIROS_FEED_ALLOW_PRIVATE !== undefined) s.allowPrivateAddresses = bool('KAIROS_FEED_ALLOW_PRIVATE', env.KAIROS_FEED_ALLOW_PRIVATE);
  if (flags['feed-allow-private']) s.allowPrivateAddresses = true;
  if (env.KAIROS_FEED_POLL !== undefined) s.poll = bool('KAIROS_FEED_POLL', env.KAIROS_FEED_POLL);
  if (flags['no-feed-poll']) s.poll = false;
  const h = flags['feed-horizon'] ?? env.KAIROS_FEED_HORIZON;
  if (h !== undefined) s.horizonDays = horizon(flags['feed-horizon'] !== undefined ? '--feed-horizon' : 'KAIROS_FEED_HORIZON', h);
  const max = flags['feed-max-occurrences'] ?? env.KAIROS_FEED_MAX_OCCURRENCES;
  if (max !== undefined) {
    const name = flags['feed-max-occurrences'] !== undefined ? '--feed-max-occurrences' : 'KAIROS_FEED_MAX_OCCURRENCES';
    const v = max.trim();
    if (!/^\d+$/.test(v) || Number(v) < 100 || Number(v) > 200_000) throw new UsageError(`${name} must be a whole number from 100 to 200000 (got "${max}")`);
    s.maxOccurrences = Number(v);
  }
  return s;
}
