/** The outcome of one feed refresh as JSON: the `refresh` object of the feed API and of `kairos feed --json`. */
import { formatTime } from '../../core/index.js';
import type { FeedRefreshResult } from './feed-refresher.js';

/**
 * `{ status, error, events, occurrences, skipped, warnings, skipped_items, warning_items, note, at }`.
 *
 * @example refreshToJson(await refresher.refresh(profileId)) // { status: 'updated', events: { created: 2, … }, … }
 */
export function refreshToJson(r: FeedRefreshResult): Record<string, unknown> {
  return {
    status: r.status,
    error: r.error,
    events: r.stored,
    occurrences: r.counts?.occurrences ?? null,
    skipped: r.skipped,
    warnings: r.warnings,
    skipped_items: r.skippedItems ?? [],
    warning_items: r.warningItems ?? [],
    note: r.note ?? null,
    at: formatTime(r.at),
  };
}
