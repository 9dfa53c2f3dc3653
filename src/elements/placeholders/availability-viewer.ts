/**
 * AvailabilityViewer (PROTOCOL §7.3): options are validated; the viewer itself is not built yet.
 */
import type { AvailabilityViewerOptions, ElementFactory } from '../api.js';
import { validateQuery } from '../lib/availability-query.js';
import { WEEKDAYS, checkEnum, parseHHMM } from '../lib/checks.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import type { CommonResolved } from '../lib/options.js';
import { show, type Report } from '../lib/report.js';
import { noticeView } from './notice.js';
import { QUERY_ALIAS } from './slot-picker.js';

const MODES = ['confirm', 'default', 'no_confirm', 'multi_select', 'free_select'] as const;

function time(config: Record<string, unknown>, key: 'start_time' | 'end_time', fallback: number, report: Report): number {
  const v = config[key];
  if (v === undefined) return fallback;
  const m = parseHHMM(v, key === 'end_time');
  if (m === null) {
    report.warn(`config.${key} ${show(v)} is not a valid HH:mm time: using the default`);
    return fallback;
  }
  const rounded = key === 'start_time' ? Math.floor(m / 15) * 15 : Math.ceil(m / 15) * 15;
  if (rounded !== m) report.warn(`config.${key} was rounded to a multiple of 15 minutes`);
  return key === 'end_time' && rounded === 0 ? 1440 : rounded;
}

function validateConfig(common: CommonResolved, report: Report): Record<string, unknown> {
  const c = common.config;
  const start = time(c, 'start_time', 540, report);
  const end = time(c, 'end_time', 1020, report);
  if (end <= start) report.error('config.end_time', 'must be after config.start_time');
  let interval = 15;
  if (c.interval !== undefined) {
    const n = Number(c.interval);
    if (!Number.isFinite(n) || n <= 0) report.warn(`config.interval ${show(c.interval)} is not a number of minutes: using 15`);
    else interval = Math.min(60, Math.ceil(n / 15) * 15 === 45 ? 60 : Math.ceil(n / 15) * 15);
    if (interval !== n && Number.isFinite(n) && n > 0) report.warn(`config.interval was changed to ${interval}`);
  }
  const mode = checkEnum(c, 'mode', MODES, 'confirm', report, true);
  const week = checkEnum(c, 'week_start_day', WEEKDAYS, 'sunday', report, true);
  const selection = checkEnum(c, 'slot_selection', ['available', 'unrestricted'], 'available', report, false);
  const max = c.max_selection_count;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) > 0)) report.warn('config.max_selection_count should be a positive integer: it is ignored');
  return { start, end, interval, mode, week, selection };
}

const AVAILABILITY_VIEWER: ElementDefinition<unknown> = {
  display: 'Availability Viewer',
  slug: 'availability-viewer',
  prefix: 'CronofyAvailabilityViewer',
  aliases: [QUERY_ALIAS, { from: 'extras', to: 'config' }],
  css: '',
  validate(raw, common, report) {
    const query = validateQuery(raw, { slots: false, sequence: false, emptyPeriodsWarn: true }, report);
    return { query, config: validateConfig(common, report) };
  },
  create: noticeView,
};

/** Mounts an AvailabilityViewer (validation and a "not available yet" panel for now). */
export const AvailabilityViewer: ElementFactory<AvailabilityViewerOptions> = function AvailabilityViewer(options: AvailabilityViewerOptions) {
  return mount<unknown, AvailabilityViewerOptions>(AVAILABILITY_VIEWER, options);
};
