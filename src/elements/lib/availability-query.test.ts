import { describe, expect, it } from 'vitest';
import { validateQuery, type QueryRules } from './availability-query.js';
import { Report } from './report.js';

const SLOT_PICKER: QueryRules = { slots: true, sequence: false, emptyPeriodsWarn: false };
const VIEWER: QueryRules = { slots: false, sequence: false, emptyPeriodsWarn: true };
const DTP: QueryRules = { slots: true, sequence: true, emptyPeriodsWarn: false };
const period = { start: '2026-06-01T09:00:00Z', end: '2026-06-01T17:00:00Z' };
const base = { participants: [{ members: [{ sub: 'acc_1' }], required: 'all' }], required_duration: { minutes: 30 } };

function run(query: unknown, rules: QueryRules = SLOT_PICKER): { report: Report; q: Record<string, unknown> | null } {
  const report = new Report();
  return { report, q: validateQuery({ availability_query: query }, rules, report) };
}

describe('availability_query validation (§7.2)', () => {
  it('is required', () => {
    expect(run(undefined).report.errors).toEqual({ availability_query: ['is required'] });
  });

  it('renames available_periods and refuses both names', () => {
    expect(run({ ...base, available_periods: [period] }).q).toEqual({ ...base, query_periods: [period] });
    expect(run({ ...base, available_periods: [period], query_periods: [period] }).report.errors).toEqual({
      availability_query: ['give query_periods or available_periods, not both'],
    });
  });

  it('needs exactly one of query_periods and query_slots', () => {
    expect(run(base).report.errors).toEqual({ availability_query: ['exactly one of query_periods and query_slots is required'] });
    expect(run({ ...base, query_periods: [period], query_slots: [{ start: period.start }] }).report.failed).toBe(true);
    expect(run({ ...base, query_slots: [{ start: period.start }] }).report.failed).toBe(false);
  });

  it('reports each bad period or slot by index', () => {
    const { report } = run({ ...base, query_periods: [period, { start: 'x', end: period.end }, { start: period.start }] });
    expect(report.errors).toEqual({
      'availability_query.query_periods[1]': ['needs a valid start and end'],
      'availability_query.query_periods[2]': ['needs a valid start and end'],
    });
    expect(run({ ...base, query_slots: [{ start: 'nope' }] }).report.errors).toEqual({ 'availability_query.query_slots[0]': ['needs a valid start'] });
  });

  it('checks required_duration', () => {
    expect(run({ ...base, required_duration: undefined, query_periods: [period] }).report.errors).toEqual({ 'availability_query.required_duration': ['is required'] });
    expect(run({ ...base, required_duration: { hours: 1, minutes: 75 }, query_periods: [period] }).report.errors).toEqual({
      'availability_query.required_duration': ['minutes must be at most 59 when hours is given'],
    });
    expect(run({ ...base, required_duration: { minutes: 75 }, query_periods: [period] }).report.failed).toBe(false);
  });

  it('removes an unknown response_format with a warning', () => {
    const { report, q } = run({ ...base, query_periods: [period], response_format: 'periods' });
    expect(q).not.toHaveProperty('response_format');
    expect(report.warnings).toEqual(['availability_query.response_format "periods" is not supported: it is removed']);
    expect(run({ ...base, query_periods: [period], response_format: 'slots' }).q).toHaveProperty('response_format', 'slots');
  });

  it('passes bookable_events queries through unvalidated', () => {
    const q = { bookable_events: [{}], whatever: true };
    expect(run(q)).toMatchObject({ q });
    expect(run(q).report.failed).toBe(false);
  });

  it('applies the AvailabilityViewer rules: no query_slots, empty periods only warn', () => {
    expect(run({ ...base, query_slots: [{ start: period.start }] }, VIEWER).report.errors).toEqual({
      'availability_query.query_slots': ['is not supported by this element: use query_periods'],
    });
    const empty = run({ ...base, query_periods: [] }, VIEWER);
    expect(empty.report.failed).toBe(false);
    expect(empty.report.warnings).toEqual(['availability_query.query_periods is empty: no availability will be shown']);
  });

  it('checks sequence_title on all items or none (DateTimePicker)', () => {
    expect(run({ sequence: [{ sequence_title: 'a' }, { sequence_title: 'b' }] }, DTP).report.failed).toBe(false);
    expect(run({ sequence: [{}, {}] }, DTP).report.failed).toBe(false);
    expect(run({ sequence: [{ sequence_title: 'a' }, {}] }, DTP).report.errors).toEqual({ 'availability_query.sequence': ['sequence_title must be given on every item or on none'] });
  });
});
