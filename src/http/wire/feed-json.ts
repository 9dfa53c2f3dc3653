/** Feeds on the wire: the profile object of userinfo plus the feed's status (Kairos only). */
import { formatTime, type Calendar } from '../../core/index.js';
import { feedUrlFingerprint, redactFeedUrl, type FeedProfile } from '../../sync/feeds/index.js';
import { profileToJson } from './userinfo-json.js';

const time = (ms: number | null): string | null => (ms === null ? null : formatTime(ms));

/**
 * A feed: the profile (as in userinfo, with `profile_relink_url` when disconnected), its
 * calendar's id, and the `feed_*` status fields. The URL is shown redacted with its
 * fingerprint: it often holds a secret, and the caller already has it.
 */
export function feedToJson(p: FeedProfile, calendars: Calendar[], baseUrl: string): Record<string, unknown> {
  const s = p.source;
  return {
    ...profileToJson(p, calendars, baseUrl),
    calendar_id: calendars[0]?.calendarId ?? null,
    feed_url: redactFeedUrl(s.url),
    feed_url_fingerprint: feedUrlFingerprint(s.url),
    feed_interval_seconds: s.intervalSeconds,
    feed_etag: s.etag,
    feed_last_modified: s.lastModified,
    feed_last_fetched_at: time(s.lastFetchedAt),
    feed_last_success_at: time(s.lastSuccessAt),
    feed_last_error: s.lastError,
  };
}
