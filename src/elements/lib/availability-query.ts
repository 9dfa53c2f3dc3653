/**
 * Validation of `availability_query` shared by SlotPicker, AvailabilityViewer and
 * DateTimePicker (PROTOCOL §7.2–§7.4). Errors are reported per index
 * (`availability_query.query_periods[2]`).
 */
import { isObject } from './json.js';
import type { RawOptions } from './options.js';
import { show, type Report } from './report.js';

const P = 'availability_query';

/** What each element allows. */
export interface QueryRules {
  /** `query_slots` allowed (fatal otherwise). */
  slots: boolean;
  /** `sequence` queries allowed (DateTimePicker). */
  sequence: boolean;
  /** An empty `query_periods` is only a warning (AvailabilityViewer). */
  emptyPeriodsWarn: boolean;
}

function parseable(v: unknown): boolean {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function checkDuration(q: Record<string, unknown>, report: Report): void {
  const d = q.required_duration;
  if (d === undefined || d === null) return report.error(`${P}.required_duration`, 'is required');
  if (!isObject(d) || (d.minutes === undefined && d.hours === undefined)) {
    return report.error(`${P}.required_duration`, 'must be an object with minutes and/or hours');
  }
  for (const k of ['minutes', 'hours'] as const) {
    if (d[k] !== undefined && !(Number.isInteger(d[k]) && (d[k] as number) >= 0)) report.error(`${P}.required_duration`, `${k} must be a non-negative integer`);
  }
  if (d.hours !== undefined && typeof d.minutes === 'number' && d.minutes > 59) {
    report.error(`${P}.required_duration`, 'minutes must be at most 59 when hours is given');
  }
}

function checkSequence(q: Record<string, unknown>, report: Report): void {
  const seq = Array.isArray(q.sequence) ? q.sequence : [];
  const titled = seq.filter((s) => isObject(s) && s.sequence_title !== undefined).length;
  if (titled !== 0 && titled !== seq.length) report.error(`${P}.sequence`, 'sequence_title must be given on every item or on none');
}

/**
 * Validates and normalises the query: `available_periods` becomes `query_periods`, an
 * unknown `response_format` is dropped. Returns the query to send, or null when missing.
 */
export function validateQuery(raw: RawOptions, rules: QueryRules, report: Report): Record<string, unknown> | null {
  const given = raw.availability_query;
  if (!isObject(given)) {
    report.error(P, given === undefined ? 'is required' : 'must be an object');
    return null;
  }
  if ('bookable_events' in given) return given;
  const q: Record<string, unknown> = { ...given };
  if (rules.sequence && 'sequence' in q) {
    checkSequence(q, report);
    return q;
  }
  if ('available_periods' in q) {
    if ('query_periods' in q) report.error(P, 'give query_periods or available_periods, not both');
    else q.query_periods = q.available_periods;
    delete q.available_periods;
  }
  const hasPeriods = q.query_periods !== undefined;
  const hasSlots = q.query_slots !== undefined;
  if (hasSlots && !rules.slots) report.error(`${P}.query_slots`, 'is not supported by this element: use query_periods');
  else if (hasPeriods === hasSlots) report.error(P, 'exactly one of query_periods and query_slots is required');

  if (hasPeriods) {
    const periods = q.query_periods;
    if (!Array.isArray(periods)) report.error(`${P}.query_periods`, 'must be an array');
    else if (periods.length === 0 && rules.emptyPeriodsWarn) report.warn(`${P}.query_periods is empty: no availability will be shown`);
    else
      periods.forEach((p, i) => {
        if (!isObject(p) || !parseable(p.start) || !parseable(p.end)) report.error(`${P}.query_periods[${i}]`, 'needs a valid start and end');
      });
  }
  if (hasSlots && rules.slots) {
    const slots = q.query_slots;
    if (!Array.isArray(slots)) report.error(`${P}.query_slots`, 'must be an array');
    else
      slots.forEach((s, i) => {
        if (!isObject(s) || !parseable(s.start)) report.error(`${P}.query_slots[${i}]`, 'needs a valid start');
      });
  }
  checkDuration(q, report);
  const rf = q.response_format;
  if (rf !== undefined && rf !== 'slots' && rf !== 'overlapping_slots') {
    report.warn(`${P}.response_format ${show(rf)} is not supported: it is removed`);
    delete q.response_format;
  }
  return q;
}
