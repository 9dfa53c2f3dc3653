/**
 * Front door of the iCalendar importer (see README.md in this folder for the semantics).
 *
 * @example
 *   import { parseIcs, expandIcs, importIcsIntoCalendar, IcsError } from '../sync/ics/index.js';
 */
export { parseIcs } from './parse-ics.js';
export { expandIcs, DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_TOTAL_OCCURRENCES, DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_WORK } from './expand-ics.js';
export { importedEventOf } from './imported-event-of.js';
export { importIcsIntoCalendar, defaultImportHorizon, DEFAULT_HORIZON_DAYS, type ImportIcsOptions, type ImportIcsResult } from './import-ics-into-calendar.js';
export { storeParsedIcs, type StoreParsedIcsOptions } from './store-parsed-ics.js';
export { endsWithEndVcalendar } from './ends-with-end-vcalendar.js';
export { outsideWindowNote, type OutsideWindowInput, type OutsideWindowWording } from './outside-window-note.js';
export { decodeIcsBytes } from './decode-ics-bytes.js';
export { cleanCalendarName } from './calendar-name.js';
export { IcsError, type IcsErrorCode } from './ics-error.js';
export type { ImportedEvent, IcsIssue, IcsCounts, IcsExtent, IcsPhase, IcsProgress, IcsParseOptions, IcsParseResult, IcsExpansion } from './types.js';
export { shiftIcsWeeks, type ShiftIcsOptions } from './shift-ics-weeks.js';
export { anchorIcsToWeekOf, icsAnchorWeek, mondayOf, ANCHOR_WEEK_PROPERTY, type AnchoredIcs } from './anchor-week.js';
