/**
 * AvailabilityRules (PROTOCOL §7.5): options are validated; the editor itself is not built yet.
 */
import type { AvailabilityRulesOptions, ElementFactory } from '../api.js';
import { WEEKDAYS, checkEnum, parseHHMM } from '../lib/checks.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import { isObject } from '../lib/json.js';
import { show, type Report } from '../lib/report.js';
import { noticeView } from './notice.js';

function checkWeeklyPeriods(value: unknown, report: Report): void {
  const path = 'config.default_weekly_periods';
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) return report.error(path, 'must be a non-empty array of { day, start_time, end_time }');
  value.forEach((p, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(p)) return report.error(at, 'must be an object');
    if (!(WEEKDAYS as readonly unknown[]).includes(p.day)) report.error(at, `day ${show(p.day)} is not a weekday name`);
    const s = parseHHMM(p.start_time);
    const e = parseHHMM(p.end_time, true);
    if (s === null) report.error(at, 'start_time must be HH:mm');
    if (e === null) report.error(at, 'end_time must be HH:mm');
    if (s !== null && e !== null && s >= e) report.error(at, 'start_time must be before end_time');
  });
}

const AVAILABILITY_RULES: ElementDefinition<unknown> = {
  display: 'Availability Rules',
  slug: 'availability-rules',
  prefix: 'AR',
  aliases: [
    { from: 'duration', to: 'config.duration' },
    { from: 'start_time', to: 'config.start_time' },
    { from: 'end_time', to: 'config.end_time' },
  ],
  css: '',
  validate(raw, common, report) {
    const c = common.config;
    let ruleId = raw.availability_rule_id;
    if (typeof ruleId !== 'string' || ruleId === '') {
      report.warn('No availability_rule_id was given: using "default"');
      ruleId = 'default';
    }
    if (c.duration !== undefined && ![15, 30, 60].includes(c.duration as number)) report.warn(`config.duration ${show(c.duration)} must be 15, 30 or 60: using 60`);
    for (const k of ['start_time', 'end_time'] as const) {
      if (c[k] !== undefined && parseHHMM(c[k], k === 'end_time') === null) report.warn(`config.${k} ${show(c[k])} is not a valid HH:mm time: using the default`);
    }
    checkEnum(c, 'week_start_day', WEEKDAYS, 'sunday', report, true);
    checkEnum(c, 'keyboard_support', ['basic'], 'basic', report, false);
    checkWeeklyPeriods(c.default_weekly_periods, report);
    if (raw.calendar_ids !== undefined && !(Array.isArray(raw.calendar_ids) && raw.calendar_ids.every((x) => typeof x === 'string'))) {
      report.warn('calendar_ids should be an array of calendar ids: it is ignored');
    }
    return { ruleId };
  },
  create: noticeView,
};

/** Mounts an AvailabilityRules editor (validation and a "not available yet" panel for now). */
export const AvailabilityRules: ElementFactory<AvailabilityRulesOptions> = function AvailabilityRules(options: AvailabilityRulesOptions) {
  return mount<unknown, AvailabilityRulesOptions>(AVAILABILITY_RULES, options);
};
