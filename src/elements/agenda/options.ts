/**
 * Agenda option validation (PROTOCOL §7.1).
 */
import { dateInZone, parseDateOption } from '../lib/dates.js';
import { isColor, type CommonResolved, type RawOptions } from '../lib/options.js';
import { oneOf, show, type Report } from '../lib/report.js';

/** The four data modes. */
export const AGENDA_MODES = ['default', 'only_managed', 'free_busy', 'free_busy_managed'] as const;
export type AgendaMode = (typeof AGENDA_MODES)[number];

/** Built-in calendar colours, assigned in userinfo order; each keeps 3:1 contrast on white. */
export const DEFAULT_CALENDAR_COLORS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#c5221f', '#5f6368'];

/** Agenda options after validation. */
export interface AgendaResolved {
  mode: AgendaMode;
  /** The `start_date` as `YYYY-MM-DD`, or null for today in `tzid`. */
  startDate: string | null;
  calendarColors: string[];
}

/** Validates the Agenda's own options. */
export function validateAgenda(raw: RawOptions, common: CommonResolved, report: Report): AgendaResolved {
  const modeValue = common.config.mode ?? 'default';
  const mode = (AGENDA_MODES as readonly unknown[]).includes(modeValue) ? (modeValue as AgendaMode) : 'default';
  if (mode !== modeValue) report.error('config.mode', `${show(modeValue)} ${oneOf(AGENDA_MODES)}`);

  let startDate: string | null = null;
  if (raw.start_date !== undefined && raw.start_date !== null) {
    startDate = parseDateOption(raw.start_date);
    if (startDate === null) report.warn(`start_date ${show(raw.start_date)} is not a valid date: using today (${dateInZone(Date.now(), common.tzid)})`);
  }

  let calendarColors = DEFAULT_CALENDAR_COLORS;
  const given = common.rawColors.calendars;
  if (given !== undefined) {
    const list = Array.isArray(given) ? given.filter(isColor) : [];
    if (list.length > 0) calendarColors = list;
    if (!Array.isArray(given) || list.length !== given.length) report.warn('styles.colors.calendars should be an array of CSS colours: invalid entries are ignored');
  }
  return { mode, startDate, calendarColors };
}
