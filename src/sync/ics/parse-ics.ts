/**
 * The importer's result as full events: `expandIcs`, then each compact occurrence as an
 * `ImportedEvent`. For callers that want every occurrence as a self-contained object.
 */
import { expandIcs } from './expand-ics.js';
import { importedEventOf } from './imported-event-of.js';
import type { IcsParseOptions, IcsParseResult, ImportedEvent } from './types.js';

export { DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_TOTAL_OCCURRENCES, DEFAULT_MAX_WORK } from './expand-ics.js';

/**
 * Parses an iCalendar file and expands it over the horizon.
 *
 * Throws `IcsError` only when the input is not iCalendar at all or is too large; everything
 * else that is wrong inside a calendar is reported in `skipped` or `warnings`.
 *
 * @example
 *   const r = parseIcs(text, { defaultTzid: 'Europe/Berlin', horizon: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) } });
 *   r.occurrences[0] // { summary: 'Standup', start: { kind: 'time', ms: … }, recurring: true, sourceKey: 'uid#20260105T080000Z', … }
 */
export function parseIcs(input: string | Uint8Array, opts: IcsParseOptions): IcsParseResult {
  const r = expandIcs(input, opts);
  const occurrences: ImportedEvent[] = new Array<ImportedEvent>(r.occurrences.length);
  for (let i = 0; i < occurrences.length; i++) occurrences[i] = importedEventOf(r.occurrences[i]!);
  return {
    calendarName: r.calendarName,
    calendarTzid: r.calendarTzid,
    occurrences,
    counts: r.counts,
    skipped: r.skipped,
    warnings: r.warnings,
    extent: r.extent,
  };
}
