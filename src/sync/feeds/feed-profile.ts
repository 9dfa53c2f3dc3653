/** Feed profiles: creating one (with its calendar), and telling one apart from other profiles. */
import { newCalendarId, newProfileId, type Calendar, type Profile, type ProfileSource, type RandomBytes } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { MAX_FEEDS_PER_ACCOUNT } from './feed-settings.js';

export type FeedSource = Extract<ProfileSource, { type: 'ics_feed' }>;
export type FeedProfile = Profile & { source: FeedSource };

/** `provider_name` and `provider_service` of feed profiles in userinfo (elements show unknown names with a generic icon). */
export const FEED_PROVIDER = 'ics';

/** A profile that is a current (not revoked) feed subscription. */
export function isCurrentFeed(p: Profile | null | undefined): p is FeedProfile {
  return p != null && !p.revoked && p.source.type === 'ics_feed';
}

/** A checked request for a new feed. */
export interface NewFeed {
  sub: string;
  /** Already checked and normalised by checkFeedUrl. */
  url: string;
  /** Profile and calendar name. */
  name: string;
  /** True when `name` is only the URL's host: the first copy's X-WR-CALNAME replaces it. */
  nameFromFeed?: boolean;
  intervalSeconds: number;
}

/** The account's current feeds, oldest first. */
export async function listFeeds(store: Store, sub: string): Promise<FeedProfile[]> {
  return (await store.listProfiles(sub)).filter(isCurrentFeed);
}

/**
 * The account's current feed whose stored URL is `url` (already normalised by checkFeedUrl, so
 * `webcal://host/a.ics` and `https://host/a.ics` are the same feed), or null. Revoked feeds do
 * not count; user information is part of the stored URL, so it is compared with the rest.
 */
export async function findFeedByUrl(store: Store, sub: string, url: string): Promise<FeedProfile | null> {
  return (await listFeeds(store, sub)).find((p) => p.source.url === url) ?? null;
}

/** The feed's calendar (each feed profile has exactly one). */
export async function feedCalendar(store: Store, profile: Profile): Promise<Calendar | null> {
  return (await store.listCalendars(profile.sub, { includeDeleted: true })).find((c) => c.profileId === profile.profileId) ?? null;
}

/**
 * The account already has MAX_FEEDS_PER_ACCOUNT current feeds, so no feed was created.
 *
 * @example if (err instanceof TooManyFeedsError) problems.add('url', 'errors.too_many', err.message);
 */
export class TooManyFeedsError extends Error {
  constructor() {
    super(`an account can subscribe to at most ${MAX_FEEDS_PER_ACCOUNT} feeds`);
    this.name = 'TooManyFeedsError';
  }
}

/**
 * The account already has a current feed with this URL, so no feed was created. The message
 * names that feed (never the URL, which may hold a secret).
 *
 * @example if (err instanceof DuplicateFeedError) problems.add('url', 'errors.invalid', err.message);
 */
export class DuplicateFeedError extends Error {
  constructor(readonly existing: FeedProfile) {
    super(`the account already subscribes to this URL as feed ${existing.profileId} ("${existing.profileName}")`);
    this.name = 'DuplicateFeedError';
  }
}

/**
 * Creates the feed profile and its read-only calendar in one transaction, or throws, creating
 * nothing: DuplicateFeedError when the account already has a current feed with this URL,
 * TooManyFeedsError when it already has MAX_FEEDS_PER_ACCOUNT current feeds. The checks and
 * the insert share the transaction and the key `feeds:<sub>`, so concurrent creations
 * (requests, `kairos feed add`, other server processes) take turns: they never pass the limit,
 * and never both add the same URL. The profile starts connected with an initial sync
 * required; nothing is fetched here.
 *
 * @example
 *   const { profile, calendar } = await createFeedProfile({ store, clock, random }, { sub, url, name: 'Team rota', intervalSeconds: 900 });
 */
export async function createFeedProfile(
  deps: { store: Store; clock: () => number; random: RandomBytes },
  feed: NewFeed,
): Promise<{ profile: FeedProfile; calendar: Calendar }> {
  const now = deps.clock();
  const profile: FeedProfile = {
    profileId: newProfileId(deps.random),
    sub: feed.sub,
    providerName: FEED_PROVIDER,
    providerService: FEED_PROVIDER,
    profileName: feed.name,
    connected: true,
    initialSyncRequired: true,
    revoked: false,
    source: {
      type: 'ics_feed',
      url: feed.url,
      intervalSeconds: feed.intervalSeconds,
      etag: null,
      lastModified: null,
      lastFetchedAt: null,
      lastSuccessAt: null,
      importedAt: null,
      lastError: null,
      ...(feed.nameFromFeed === true ? { nameFromFeed: true } : {}),
    },
    createdAt: now,
  };
  const calendar: Calendar = {
    calendarId: newCalendarId(deps.random),
    profileId: profile.profileId,
    sub: feed.sub,
    name: feed.name,
    // Its events come from the feed: pushing events into it would be overwritten by the next fetch.
    readonly: true,
    deleted: false,
    primary: false,
    color: null,
    createdAt: now,
  };
  return deps.store.transaction(async (tx) => {
    await tx.lockKey(`feeds:${feed.sub}`);
    const current = await listFeeds(tx, feed.sub);
    const same = current.find((p) => p.source.url === feed.url);
    if (same) throw new DuplicateFeedError(same);
    if (current.length >= MAX_FEEDS_PER_ACCOUNT) throw new TooManyFeedsError();
    await tx.createProfile(profile);
    await tx.createCalendar(calendar);
    return { profile, calendar };
  });
}
