/**
 * DateTimePicker (PROTOCOL §7.4): options are validated; the picker itself is not built yet.
 */
import type { DateTimePickerOptions, ElementFactory } from '../api.js';
import { validateQuery } from '../lib/availability-query.js';
import { WEEKDAYS, checkEnum, checkLocaleModifiers } from '../lib/checks.js';
import { isValidTimeZone, parseDateOption } from '../lib/dates.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import { show } from '../lib/report.js';
import { noticeView } from './notice.js';
import { QUERY_ALIAS } from './slot-picker.js';

const DATE_TIME_PICKER: ElementDefinition<unknown> = {
  display: 'Date Time Picker',
  slug: 'date-time-picker',
  prefix: 'DTP',
  aliases: [QUERY_ALIAS],
  css: '',
  validate(raw, common, report) {
    const query = validateQuery(raw, { slots: true, sequence: true, emptyPeriodsWarn: false }, report);
    const c = common.config;
    const mode = checkEnum(c, 'mode', ['confirm', 'no_confirm'], 'confirm', report, true);
    checkEnum(c, 'week_start_day', WEEKDAYS, 'sunday', report, true);
    checkEnum(c, 'month_view_mode', ['overflow', 'minimal_overflow', 'single'], 'overflow', report, false);
    const button = checkEnum(c, 'slot_button_mode', ['summary', 'detailed'], 'summary', report, false);
    if (button === 'detailed' && query && !('sequence' in query)) report.warn('config.slot_button_mode "detailed" only applies to sequence queries');
    if (c.selected_date !== undefined && parseDateOption(c.selected_date) === null) report.warn(`config.selected_date ${show(c.selected_date)} is not a valid date: it is ignored`);
    if (c.tz_list !== undefined && !(Array.isArray(c.tz_list) && c.tz_list.every(isValidTimeZone))) report.warn('config.tz_list should be an array of valid time zones: invalid entries are ignored');
    if (raw.on_month_changed !== undefined && typeof raw.on_month_changed !== 'function') report.warn('on_month_changed should be a function: it is ignored');
    checkLocaleModifiers(raw.locale_modifiers, report);
    return { query, mode };
  },
  create: noticeView,
};

/** Mounts a DateTimePicker (validation and a "not available yet" panel for now). */
export const DateTimePicker: ElementFactory<DateTimePickerOptions> = function DateTimePicker(options: DateTimePickerOptions) {
  return mount<unknown, DateTimePickerOptions>(DATE_TIME_PICKER, options);
};
