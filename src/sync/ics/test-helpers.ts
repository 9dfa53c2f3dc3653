/**
 * Helpers shared by this folder's tests (not part of the importer's API).
 */
import { parseIcs } from './parse-ics.js';
import type { IcsParseOptions, IcsParseResult, ImportedEvent } from './types.js';

/** Joins content lines with CRLF, as producers write them. */
export function ics(lines: readonly string[]): string {
  return lines.join('\r\n') + '\r\n';
}

/** Wraps VEVENT (or other) lines in a minimal VCALENDAR. */
export function calendar(lines: readonly string[], head: readonly string[] = []): string {
  return ics(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', ...head, ...lines, 'END:VCALENDAR']);
}

/** `2026-01-05T09:00:00Z` for an instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An occurrence's bounds as text: instants as `iso`, dates as `YYYY-MM-DD`. */
export function span(e: ImportedEvent): [string, string] {
  const f = (b: ImportedEvent['start']): string => (b.kind === 'time' ? iso(b.ms) : b.date);
  return [f(e.start), f(e.end)];
}

/** Parses with a wide default horizon (2000–2040) in UTC unless told otherwise. */
export function parse(text: string | Uint8Array, opts: Partial<IcsParseOptions> = {}): IcsParseResult {
  return parseIcs(text, {
    defaultTzid: 'Etc/UTC',
    horizon: { fromMs: Date.UTC(2000, 0, 1), toMs: Date.UTC(2040, 0, 1) },
    ...opts,
  });
}

/** Occurrences whose sourceKey belongs to `uid`. */
export function ofUid(r: IcsParseResult, uid: string): ImportedEvent[] {
  return r.occurrences.filter((e) => e.sourceKey === uid || e.sourceKey.startsWith(uid + '#'));
}

/** Horizon from two ISO instants. */
export function between(from: string, to: string): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(from), toMs: Date.parse(to) };
}
