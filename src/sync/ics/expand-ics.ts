/**
 * Provisional: the compact form of parseIcs's result (replaced by a direct expansion).
 */
import type { ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { parseIcs } from './parse-ics.js';
import type { IcsParseOptions, IcsParseResult } from './types.js';

export type IcsExpansion = Omit<IcsParseResult, 'occurrences'> & { occurrences: ImportedOccurrence[] };

export function expandIcs(input: string | Uint8Array, opts: IcsParseOptions): IcsExpansion {
  const r = parseIcs(input, opts);
  const occurrences = r.occurrences.map((e): ImportedOccurrence => {
    const content: ImportedContent = {
      summary: e.summary, description: e.description, tzid: e.tzid, location: e.location, url: e.url, color: e.color, reminders: e.reminders,
      transparency: e.transparency, status: e.status, participationStatus: e.participationStatus, attendees: e.attendees, organizer: e.organizer,
      categories: e.categories, recurring: e.recurring, eventPrivate: e.eventPrivate,
    };
    const allDay = e.start.kind === 'date';
    const ms = (b: typeof e.start): number => (b.kind === 'time' ? b.ms : Date.parse(`${b.date}T00:00:00Z`));
    return { sourceKey: e.sourceKey, content, allDay, startMs: ms(e.start), endMs: ms(e.end) };
  });
  return { ...r, occurrences };
}
