/** What `kairos import` prints: one summary line, or a JSON result with --json. */
import { formatTime } from '../core/index.js';
import type { ImportIcsOutcome } from '../services/index.js';
import type { IcsIssue } from '../sync/ics/index.js';

/** Most distinct skip reasons named in the summary line; --json lists every skipped item. */
const MAX_REASONS = 5;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Skip reasons with their counts, most frequent first (ties in order of first appearance). */
export function countReasons(skipped: readonly IcsIssue[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/**
 * The summary line, for example:
 * `Imported into "Team" (cal_…, new): 3 events, 5 occurrences, 1 override; 5 created, 0 updated, 0 unchanged, 0 removed; 0 skipped`
 *
 * @example importSummary(outcome) // 'Imported into "Team" (cal_…, new): …'
 */
export function importSummary(r: ImportIcsOutcome): string {
  const what = [plural(r.counts.events, 'event'), plural(r.counts.occurrences, 'occurrence'), plural(r.counts.overrides, 'override')];
  if (r.counts.freeBusyPeriods > 0) what.push(plural(r.counts.freeBusyPeriods, 'free/busy block'));
  const stored = `${r.stored.created} created, ${r.stored.updated} updated, ${r.stored.unchanged} unchanged, ${r.stored.removed} removed`;
  const reasons = countReasons(r.skipped);
  let skipped = `${r.skipped.length} skipped`;
  if (reasons.length > 0) {
    const named = reasons.slice(0, MAX_REASONS).map(([reason, n]) => `${n} × ${JSON.stringify(reason)}`);
    if (reasons.length > MAX_REASONS) named.push(`${reasons.length - MAX_REASONS} more reasons (see --json)`);
    skipped += ` (${named.join(', ')})`;
  }
  const parts = [what.join(', '), stored, skipped];
  if (r.warnings.length > 0) parts.push(`${plural(r.warnings.length, 'warning')} (see --json)`);
  const note = outsideWindowNote(r);
  if (note !== null) parts.push(note);
  const how = r.created ? ', new' : r.tookOverFrom !== null ? `, taken over from ${r.tookOverFrom}, which had left it empty` : '';
  return `Imported into "${r.calendar.name}" (${r.calendar.calendarId}${how}): ${parts.join('; ')}`;
}

/** What the file holds: `159 events`, `2 free/busy blocks`, `3 events and 1 free/busy block`; `one …` when it holds one thing. */
function contentPhrase(events: number, blocks: number): string {
  if (events + blocks === 1) return events === 1 ? 'one event' : 'one free/busy block';
  const parts: string[] = [];
  if (events > 0) parts.push(plural(events, 'event'));
  if (blocks > 0) parts.push(plural(blocks, 'free/busy block'));
  return parts.join(' and ');
}

/** Where the file's content lies (IcsExtent span), for the note: `they lie between … and …`. */
function spanPhrase(span: { fromMs: number; toMs: number | null }, one: boolean, day: (ms: number) => string): string {
  const first = day(span.fromMs);
  if (span.toMs === null) return one ? `it starts on ${first}` : `the earliest starts on ${first}`;
  // The end is exclusive: what ends at midnight lies on the day before.
  const last = day(Math.max(span.fromMs, span.toMs - 1));
  if (first === last) return one ? `it falls on ${first}` : `they all fall on ${first}`;
  return `${one ? 'it lies' : 'they lie'} between ${first} and ${last}`;
}

/**
 * A note when the file has events or free/busy blocks but none of them falls in the import
 * window (an old export, a holiday feed of past years, a window asked for that holds
 * nothing): the import then stores nothing, which is easy to mistake for a failure. It says
 * where the file's content lies, and suggests --from and --to unless they were given.
 */
export function outsideWindowNote(r: ImportIcsOutcome): string | null {
  const events = r.counts.events;
  const blocks = r.extent.freeBusyBlocks;
  if ((events === 0 && blocks === 0) || r.counts.occurrences > 0) return null;
  const day = (ms: number) => formatTime(ms).slice(0, 10);
  const one = events + blocks === 1;
  const what = contentPhrase(events, blocks);
  const window = `${r.horizonGiven ? 'the window asked for' : 'the import window'} (${day(r.horizon.fromMs)} to ${day(r.horizon.toMs)})`;
  const head = one ? `the file's ${what} falls outside ${window}` : `none of the file's ${what} falls inside ${window}`;
  const where = r.extent.span === null ? '' : `; ${spanPhrase(r.extent.span, one, day)}`;
  return `note: ${head}${where}${r.horizonGiven ? '' : ': pass --from and --to to import another window'}`;
}

/** The --json result: every count, and every skipped item and warning with its reason. */
export function importJson(r: ImportIcsOutcome, source: string): Record<string, unknown> {
  return {
    sub: r.calendar.sub,
    calendar_id: r.calendar.calendarId,
    calendar_name: r.calendar.name,
    calendar_created: r.created,
    taken_over_from: r.tookOverFrom,
    profile_id: r.profile.profileId,
    source,
    horizon: { from: formatTime(r.horizon.fromMs), to: formatTime(r.horizon.toMs) },
    counts: {
      events: r.counts.events,
      components: r.counts.components,
      overrides: r.counts.overrides,
      occurrences: r.counts.occurrences,
      free_busy_periods: r.counts.freeBusyPeriods,
    },
    stored: r.stored,
    skipped: r.skipped,
    skipped_reasons: Object.fromEntries(countReasons(r.skipped)),
    warnings: r.warnings,
    notes: [outsideWindowNote(r)].filter((n) => n !== null).map((n) => n.replace(/^note: /, '')),
  };
}
