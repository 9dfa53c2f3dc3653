/**
 * The Elements library, ESM entry (PROTOCOL §6.1): the six factories and `version` as named
 * exports, and a default object holding them.
 *
 * @example
 *   import * as CronofyElements from './CronofyElements.v0.1.0.mjs';
 *   CronofyElements.Agenda({ demo: true, target_id: 'agenda' });
 */
import type { CronofyElementsLibrary } from './api.js';
import { Agenda } from './agenda/index.js';
import { AvailabilityRules } from './placeholders/availability-rules.js';
import { AvailabilityViewer } from './placeholders/availability-viewer.js';
import { CalendarSync } from './placeholders/calendar-sync.js';
import { DateTimePicker } from './placeholders/date-time-picker.js';
import { SlotPicker } from './placeholders/slot-picker.js';
import { VERSION } from './version.js';

/** The library version, for example `0.1.0`. */
export const version: string = VERSION;

export { Agenda, AvailabilityRules, AvailabilityViewer, CalendarSync, DateTimePicker, SlotPicker };

/** Everything in one object: the classic script's `CronofyElements` global. */
const CronofyElements: CronofyElementsLibrary = Object.freeze({
  version,
  Agenda,
  SlotPicker,
  AvailabilityViewer,
  DateTimePicker,
  AvailabilityRules,
  CalendarSync,
});

export default CronofyElements;
