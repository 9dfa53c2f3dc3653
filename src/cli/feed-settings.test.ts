import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED_SETTINGS } from '../sync/feeds/index.js';
import { UsageError } from './args.js';
import { resolveFeedSettings } from './feed-settings.js';
import { resolveServeSettings } from './serve-config.js';

describe('feed settings', () => {
  it('defaults to polling every 15 minutes, 60 s fetches, public addresses only', () => {
    const s = resolveServeSettings({}, {}).feeds;
    expect(s).toEqual(DEFAULT_FEED_SETTINGS);
    expect(s).toMatchObject({ defaultIntervalSeconds: 900, poll: true, timeoutMs: 60_000, connectTimeoutMs: 10_000, allowPrivateAddresses: false });
  });

  it('reads the environment, and flags win', () => {
    const env = { KAIROS_FEED_INTERVAL: '600', KAIROS_FEED_TIMEOUT: '20', KAIROS_FEED_CONNECT_TIMEOUT: '3', KAIROS_FEED_ALLOW_PRIVATE: 'true', KAIROS_FEED_POLL: 'false' };
    expect(resolveFeedSettings({}, env)).toMatchObject({ defaultIntervalSeconds: 600, timeoutMs: 20_000, connectTimeoutMs: 3000, allowPrivateAddresses: true, poll: false });
    expect(resolveFeedSettings({ 'feed-interval': '120', 'feed-timeout': '5' }, env)).toMatchObject({ defaultIntervalSeconds: 120, timeoutMs: 5000 });
    expect(resolveFeedSettings({ 'feed-allow-private': true, 'no-feed-poll': true }, {})).toMatchObject({ allowPrivateAddresses: true, poll: false });
    expect(resolveFeedSettings({}, { KAIROS_FEED_HORIZON: '30:90' }).horizonDays).toEqual({ back: 30, ahead: 90 });
    expect(resolveFeedSettings({ 'feed-horizon': ' 0 : 14 ' }, { KAIROS_FEED_HORIZON: '30:90' }).horizonDays).toEqual({ back: 0, ahead: 14 });
    expect(resolveFeedSettings({}, {}).horizonDays).toEqual({ back: 365, ahead: 731 });
    expect(resolveFeedSettings({}, {}).maxOccurrences).toBe(50_000);
    expect(resolveFeedSettings({}, { KAIROS_FEED_MAX_OCCURRENCES: '120000' }).maxOccurrences).toBe(120_000);
    expect(resolveFeedSettings({ 'feed-max-occurrences': '2000' }, { KAIROS_FEED_MAX_OCCURRENCES: '120000' }).maxOccurrences).toBe(2000);
  });

  it.each([
    [{ 'feed-interval': '59' }, {}, '--feed-interval must be between 60 and 604800 seconds (got 59)'],
    [{ 'feed-interval': '15m' }, {}, '--feed-interval must be a whole number of seconds (got "15m")'],
    [{ 'feed-timeout': '0' }, {}, '--feed-timeout must be between 1 and 600 seconds (got 0)'],
    [{ 'feed-connect-timeout': '121' }, {}, '--feed-connect-timeout must be between 1 and 120 seconds (got 121)'],
    [{}, { KAIROS_FEED_POLL: 'sometimes' }, 'KAIROS_FEED_POLL must be true or false (got "sometimes")'],
    [{ 'feed-horizon': '365' }, {}, '--feed-horizon must be DAYS_BACK:DAYS_AHEAD, e.g. 365:731 (got "365")'],
    [{ 'feed-horizon': '30:0' }, {}, '--feed-horizon: days back must be 0–3650 and days ahead 1–3650 (got 30:0)'],
    [{}, { KAIROS_FEED_HORIZON: '4000:10' }, 'KAIROS_FEED_HORIZON: days back must be 0–3650 and days ahead 1–3650 (got 4000:10)'],
    [{ 'feed-max-occurrences': '99' }, {}, '--feed-max-occurrences must be a whole number from 100 to 200000 (got "99")'],
    [{}, { KAIROS_FEED_MAX_OCCURRENCES: '1e6' }, 'KAIROS_FEED_MAX_OCCURRENCES must be a whole number from 100 to 200000 (got "1e6")'],
  ])('refuses %o %o', (flags, env, message) => {
    expect(() => resolveFeedSettings(flags, env)).toThrow(UsageError);
    expect(() => resolveFeedSettings(flags, env)).toThrow(message);
  });
});
