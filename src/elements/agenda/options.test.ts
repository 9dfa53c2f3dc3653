import { describe, expect, it } from 'vitest';
import { validateCommon } from '../lib/options.js';
import { Report } from '../lib/report.js';
import { parseDateOption } from '../lib/dates.js';
import { DEFAULT_CALENDAR_COLORS, validateAgenda } from './options.js';

function run(raw: Record<string, unknown>): { report: Report; out: ReturnType<typeof validateAgenda> } {
  const report = new Report();
  const common = validateCommon(raw, { prefix: 'CronofyAgenda' }, report);
  return { report, out: validateAgenda(raw, common, report) };
}

describe('Agenda options (§7.1)', () => {
  it('accepts the four modes and rejects others as fatal', () => {
    for (const mode of ['default', 'only_managed', 'free_busy', 'free_busy_managed']) {
      expect(run({ element_token: 't', config: { mode } }).out.mode).toBe(mode);
    }
    const { report } = run({ element_token: 't', config: { mode: 'busy' } });
    expect(report.errors).toEqual({ 'config.mode': ['"busy" must be one of default, only_managed, free_busy, free_busy_managed'] });
  });

  it('reads start_date from Dates and strings, warning on nonsense', () => {
    expect(parseDateOption(new Date(2026, 2, 8))).toBe('2026-03-08');
    expect(parseDateOption('2026-03-08')).toBe('2026-03-08');
    expect(parseDateOption(new Date('x'))).toBeNull();
    expect(parseDateOption('2026-02-30')).toBeNull();
    const { report, out } = run({ element_token: 't', start_date: 'someday' });
    expect(out.startDate).toBeNull();
    expect(report.failed).toBe(false);
    expect(report.warnings.some((w) => w.startsWith('start_date "someday" is not a valid date'))).toBe(true);
  });

  it('uses styles.colors.calendars when given', () => {
    expect(run({ element_token: 't' }).out.calendarColors).toEqual(DEFAULT_CALENDAR_COLORS);
    expect(run({ element_token: 't', styles: { colors: { calendars: ['#111', 'teal'] } } }).out.calendarColors).toEqual(['#111', 'teal']);
    const { report } = run({ element_token: 't', styles: { colors: { calendars: 'red' } } });
    expect(report.warnings).toContain('styles.colors.calendars should be an array of CSS colours: invalid entries are ignored');
  });
});
