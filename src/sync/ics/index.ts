/**
 * Front door of the iCalendar importer (see README.md in this folder for the semantics).
 *
 * @example
 *   import { parseIcs, importIcsIntoCalendar, IcsError } from '../sync/ics/index.js';
 */
export { parseIcs, DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_TOTAL_OCCURRENCES, DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_WORK } from './parse-ics.js';
export {
  importIcsIntoCalendar,
  storeParsedIcs,
  defaultImportHorizon,
  newExternalEventUid,
  type ImportIcsOptions,
  type ImportIcsResult,
  type StoreParsedIcsOptions,
} from './import-ics-into-calendar.js';
export { decodeIcsBytes } from './decode-ics-bytes.js';
export { IcsError, type IcsErrorCode } from './ics-error.js';
export type { ImportedEvent, IcsIssue, IcsCounts, IcsPhase, IcsProgress, IcsParseOptions, IcsParseResult } from './types.js';
