import { describe, expect, it } from 'vitest';
import { UsageError } from './args.js';
import { parseAppRateLimit, parseTokenRateLimit, resolveServeSettings } from './serve-config.js';

describe('serve settings', () => {
  it('has the documented defaults', () => {
    const s = resolveServeSettings({}, {});
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBe(8080);
    expect(s.database).toBe('./data/kairos.db');
    expect(s.config.baseUrl).toBe('http://127.0.0.1:8080');
    expect(s.config.elementTokenTtlSeconds).toBe(64800);
    expect(s.config.pageSize).toBe(100);
    expect(s.config.rateLimit).toEqual({ perElementToken: { limit: 100, windowMs: 10_000 }, perApplication: null });
    expect(s.startAt).toBeNull();
    expect(s.demo).toBe(true);
  });

  it('reads the environment, and flags win', () => {
    const env = { PORT: '9000', KAIROS_DATABASE: 'postgres://u:p@db/k', KAIROS_BASE_URL: 'https://API.example.com/', KAIROS_NOW: '2026-06-01T10:00:00Z', KAIROS_DEMO: 'false' };
    const s = resolveServeSettings({ port: '9100' }, env);
    expect(s.port).toBe(9100);
    expect(s.database).toBe('postgres://u:p@db/k');
    expect(s.config.baseUrl).toBe('https://api.example.com');
    expect(s.startAt).toBe(Date.UTC(2026, 5, 1, 10));
    expect(s.demo).toBe(false);
    expect(resolveServeSettings({ host: '::1' }, {}).config.baseUrl).toBe('http://[::1]:8080');
  });

  it.each([
    [{ port: '70000' }, '--port must be between 0 and 65535'],
    [{ port: '-1' }, '--port must be a whole number'],
    [{ 'base-url': 'https://api.example.com/v1' }, '--base-url must be an http(s) origin'],
    [{ 'element-token-ttl': '100' }, '--element-token-ttl must be between 300 and 86400'],
    [{ 'page-size': '0' }, '--page-size must be between 1 and 1000'],
    [{ now: 'yesterday' }, '--now must be a time'],
    [{ 'log-level': 'loud' }, '--log-level must be one of'],
    [{ 'rate-limit-token': '10/10s' }, 'at least 20 requests per 10 seconds'],
  ])('refuses %o', (flags, message) => {
    expect(() => resolveServeSettings(flags, {})).toThrow(UsageError);
    expect(() => resolveServeSettings(flags, {})).toThrow(message);
  });

  it('names the environment variable a bad value came from', () => {
    expect(() => resolveServeSettings({}, { PORT: 'abc' })).toThrow('PORT must be a whole number (got "abc")');
    expect(() => resolveServeSettings({ port: 'abc' }, { PORT: '1' })).toThrow('--port must be a whole number');
    expect(() => resolveServeSettings({}, { KAIROS_PAGE_SIZE: '0' })).toThrow('KAIROS_PAGE_SIZE must be between 1 and 1000');
    expect(() => resolveServeSettings({}, { KAIROS_ELEMENT_TOKEN_TTL: '10' })).toThrow('KAIROS_ELEMENT_TOKEN_TTL must be between 300 and 86400');
  });

  it('derives the base URL from --port 0 only when none is given', () => {
    expect(resolveServeSettings({ port: '0' }, {})).toMatchObject({ baseUrlFromPort: true, publicHost: '127.0.0.1' });
    expect(resolveServeSettings({ port: '0', host: '::' }, {})).toMatchObject({ baseUrlFromPort: true, publicHost: '127.0.0.1' });
    expect(resolveServeSettings({ port: '0', host: '::1' }, {})).toMatchObject({ baseUrlFromPort: true, publicHost: '[::1]' });
    expect(resolveServeSettings({ port: '0', 'base-url': 'https://api.example.com' }, {}).baseUrlFromPort).toBe(false);
    expect(resolveServeSettings({ port: '0' }, { KAIROS_BASE_URL: 'https://api.example.com' }).baseUrlFromPort).toBe(false);
    expect(resolveServeSettings({ port: '8081' }, {}).baseUrlFromPort).toBe(false);
  });

  it('parses rate limit specs', () => {
    expect(parseTokenRateLimit('off')).toBeNull();
    expect(parseTokenRateLimit('100/10s')).toEqual({ limit: 100, windowMs: 10_000 });
    expect(parseTokenRateLimit('600/min')).toEqual({ limit: 600, windowMs: 60_000 });
    expect(parseTokenRateLimit('20/10s')).toEqual({ limit: 20, windowMs: 10_000 });
    expect(() => parseTokenRateLimit('19/10s')).toThrow(UsageError);
    expect(() => parseTokenRateLimit('lots')).toThrow(UsageError);
    expect(parseAppRateLimit('on')).toEqual({ perSecond: 50, perMinute: 500 });
    expect(parseAppRateLimit('off')).toBeNull();
    expect(parseAppRateLimit('20/s, 300/min')).toEqual({ perSecond: 20, perMinute: 300 });
    expect(() => parseAppRateLimit('fast')).toThrow(UsageError);
  });
});
