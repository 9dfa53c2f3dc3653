/** What `kairos import` prints: one summary line, or a JSON result with --json. */
import { formatTime } from '../core/index.js';
import { outsideWindowNote } from '../sync/ics/index.js';
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
  const note = outsideWindowLine(r);
  if (note !== null) parts.push(note);
  const how = r.created ? ', new' : r.tookOverFrom !== null ? `, taken over from ${r.tookOverFrom}, which had left it empty` : '';
  return `Imported into "${r.calendar.name}" (${r.calendar.calendarId}${how}): ${parts.join('; ')}`;
}

/**
 * The note when nothing of the file falls in the window (see outsideWindowNote), with the
 * `note: ` that the summary line shows; it suggests --from and --to unless they were given.
 */
export function outsideWindowLine(r: ImportIcsOutcome): string | null {
  const note = windowNote(r);
  return note === null ? null : `note: ${note}`;
}

function windowNote(r: ImportIcsOutcome): string | null {
  return outsideWindowNote(r, r.horizonGiven ? { window: 'the window asked for' } : { window: 'the import window', hint: 'pass --from and --to to import another window' });
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
    notes: [windowNote(r)].filter((n) => n !== null),
  };
}
