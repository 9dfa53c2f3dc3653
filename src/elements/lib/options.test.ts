import { describe, expect, it } from 'vitest';
import { COMMON_ALIASES, mergeOptions, renameAliases, validateCommon } from './options.js';
import { Report } from './report.js';

describe('legacy aliases (§6.3)', () => {
  it('renames with one deprecation warning each; the current name wins', () => {
    const report = new Report();
    const out = renameAliases({ token: 'old', element_token: 'new', target: 'x', colors: { primary: 'red' }, styles: { prefix: 'P' } }, COMMON_ALIASES, report);
    expect(out).toEqual({ element_token: 'new', target_id: 'x', styles: { prefix: 'P', colors: { primary: 'red' } } });
    expect(report.warnings).toEqual([
      'The token option is deprecated: use element_token instead',
      'The target option is deprecated: use target_id instead',
      'The colors option is deprecated: use styles.colors instead',
    ]);
  });

  it('renames into nested config keys without touching the input', () => {
    const input = { duration: 30, config: { start_time: '08:00' } };
    const out = renameAliases(input, [{ from: 'duration', to: 'config.duration' }], new Report());
    expect(out).toEqual({ config: { start_time: '08:00', duration: 30 } });
    expect(input).toEqual({ duration: 30, config: { start_time: '08:00' } });
  });
});

describe('update merging (§6.5)', () => {
  it('merges config, availability_query and styles one level deep, the rest shallowly', () => {
    const current = { tzid: 'UTC', config: { mode: 'default', logs: 'none' }, styles: { prefix: 'A', colors: { a: '#000' } }, availability_query: { x: 1 }, extra: { a: 1 } };
    const out = mergeOptions(current, { config: { mode: 'free_busy' }, styles: { colors: { b: '#fff' } }, availability_query: { y: 2 }, extra: { b: 2 } });
    expect(out).toEqual({
      tzid: 'UTC',
      config: { mode: 'free_busy', logs: 'none' },
      styles: { prefix: 'A', colors: { b: '#fff' } },
      availability_query: { x: 1, y: 2 },
      extra: { b: 2 },
    });
  });
});

describe('common validation (§6.6)', () => {
  const check = (raw: Record<string, unknown>, tokenOptional = false): { report: Report; out: ReturnType<typeof validateCommon> } => {
    const report = new Report();
    return { report, out: validateCommon(raw, { prefix: 'CronofyAgenda', tokenOptional }, report) };
  };

  it('requires element_token unless demo (or the element makes it optional)', () => {
    expect(check({}).report.errors).toEqual({ element_token: ['is required unless demo is true'] });
    expect(check({ element_token: 42 }).report.errors).toEqual({ element_token: ['must be a string'] });
    expect(check({ demo: true }).report.failed).toBe(false);
    expect(check({}, true).report.failed).toBe(false);
  });

  it('falls back to the browser zone with a warning for an invalid tzid', () => {
    const { report, out } = check({ element_token: 't', tzid: 'Mars/Base' });
    expect(report.failed).toBe(false);
    expect(out.tzid).not.toBe('Mars/Base');
    expect(report.warnings[0]).toMatch(/^tzid "Mars\/Base" is not a valid time zone: using /);
    expect(check({ element_token: 't', tzid: 'Asia/Tokyo' }).out.tzid).toBe('Asia/Tokyo');
  });

  it('logs info when no callback is given and warns for a non-function', () => {
    expect(check({ element_token: 't' }).report.infos).toEqual(['No callback was provided: notifications are only logged']);
    expect(check({ element_token: 't', callback: 'x' }).report.warnings).toEqual(['callback should be a function: it is ignored']);
  });

  it('honours a valid styles.prefix and string colours', () => {
    const { report, out } = check({ element_token: 't', styles: { prefix: 'My-Agenda', colors: { primary: '#123456', calendars: ['red'] } } });
    expect(out.prefix).toBe('My-Agenda');
    expect(out.colors).toEqual({ primary: '#123456' });
    expect(report.warnings).toEqual([]);
    const bad = check({ element_token: 't', styles: { prefix: 'x"><script>' } });
    expect(bad.out.prefix).toBe('CronofyAgenda');
    expect(bad.report.warnings).toHaveLength(1);
  });

  it('resolves the API base and reads config.logs only as data', () => {
    const { out } = check({ element_token: 't', api_domain: 'cal.example.com', config: { logs: 'none', mode: 'free_busy' } });
    expect(out.apiBase).toBe('https://cal.example.com');
    expect(out.config).toEqual({ logs: 'none', mode: 'free_busy' });
  });
});
