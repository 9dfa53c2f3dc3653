/**
 * Subscribed ICS feeds (Kairos only; see docs/decisions/0010-ics-feeds.md):
 * `POST /v1/feeds`, `GET /v1/feeds`, `GET /v1/feeds/{profile_id}`,
 * `POST /v1/feeds/{profile_id}/refresh`. Removal is the protocol's profile revoke.
 */
import type { Hono } from 'hono';
import { ApiError, Problems, ValidationError } from '../../core/index.js';
import {
  DEFAULT_FEED_SETTINGS,
  DuplicateFeedError,
  FeedRefresher,
  MAX_FEEDS_PER_ACCOUNT,
  TooManyFeedsError,
  checkNewFeed,
  createFeedProfile,
  findFeedByUrl,
  isCurrentFeed,
  listFeeds,
  refreshToJson,
  type FeedProfile,
  type FeedRefreshResult,
} from '../../sync/feeds/index.js';
import type { AuthContext } from '../auth/authenticate.js';
import { accountSub } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { accepted, json } from '../respond.js';
import { route, type Handler } from '../route.js';
import { feedToJson } from '../wire/feed-json.js';

function notFound(): ApiError {
  return new ApiError('not_found', 'The feed does not exist.');
}

/** `wait`: an optional boolean, `dflt` when absent. */
function readWait(problems: Problems, value: unknown, dflt: boolean): boolean {
  if (value === undefined || value === null) return dflt;
  if (typeof value !== 'boolean') {
    problems.add('wait', 'errors.invalid', 'wait must be true or false');
    return dflt;
  }
  return value;
}

/** The feed object of the account's feed `profileId`; 404 when it is not one. */
async function feedBody(deps: AppDeps, sub: string, profileId: string, refresh: FeedRefreshResult | null): Promise<Record<string, unknown>> {
  const profile = await deps.store.getProfile(profileId);
  if (!isCurrentFeed(profile) || profile.sub !== sub) throw notFound();
  const calendars = (await deps.store.listCalendars(sub, { includeDeleted: true })).filter((c) => c.profileId === profileId);
  const out: Record<string, unknown> = { feed: feedToJson(profile, calendars, deps.config.baseUrl) };
  if (refresh !== null) out.refresh = refreshToJson(refresh);
  return out;
}

/**
 * Subscribes the account to a feed: a profile with one read-only calendar. Unless `wait` is
 * false, the first fetch happens before the answer, whose `refresh` tells how it went; the
 * feed is kept when it fails (disconnected, with the reason).
 */
export function createFeed(deps: AppDeps, feeds: FeedRefresher): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const sub = accountSub(principal);
    const { value, url, problems } = checkNewFeed({ url: body.url, name: body.name, interval_seconds: body.interval_seconds }, feeds.settings);
    const wait = readWait(problems, body.wait, true);
    // Checked here too so that a URL the account already has, or a full account, is reported
    // with the other problems (§2.5); createFeedProfile checks again, in the transaction that
    // inserts, which is what holds against concurrent requests.
    if (url !== null) {
      const same = await findFeedByUrl(deps.store, sub, url);
      if (same) problems.add('url', 'errors.invalid', new DuplicateFeedError(same).message);
    }
    if (!problems.has('url') && (await listFeeds(deps.store, sub)).length >= MAX_FEEDS_PER_ACCOUNT) problems.add('url', 'errors.too_many', new TooManyFeedsError().message);
    problems.throwIfAny();
    let profile: FeedProfile;
    try {
      ({ profile } = await createFeedProfile(deps, { sub, ...value! }));
    } catch (err) {
      // §2.5's key vocabulary is closed: a URL the account already subscribes to is an invalid value.
      if (err instanceof DuplicateFeedError) throw ValidationError.one('url', 'errors.invalid', err.message);
      if (err instanceof TooManyFeedsError) throw ValidationError.one('url', 'errors.too_many', err.message);
      throw err;
    }
    let refresh: FeedRefreshResult | null = null;
    if (wait) refresh = await feeds.refresh(profile.profileId);
    else void feeds.refresh(profile.profileId);
    return json(200, await feedBody(deps, sub, profile.profileId, refresh));
  };
}

export function listFeedsRoute(deps: AppDeps): Handler {
  return async ({ principal }) => {
    const sub = accountSub(principal);
    const [profiles, calendars] = await Promise.all([listFeeds(deps.store, sub), deps.store.listCalendars(sub, { includeDeleted: true })]);
    return json(200, {
      feeds: profiles.map((p) =>
        feedToJson(
          p,
          calendars.filter((c) => c.profileId === p.profileId),
          deps.config.baseUrl,
        ),
      ),
    });
  };
}

export function readFeed(deps: AppDeps): Handler {
  return async ({ principal, param }) => json(200, await feedBody(deps, accountSub(principal), param('profile_id'), null));
}

/** Refreshes now: 202 at once (the refresh runs on), or 200 with the outcome when `wait` is true. */
export function refreshFeed(deps: AppDeps, feeds: FeedRefresher): Handler {
  return async ({ req, principal, param }) => {
    const sub = accountSub(principal);
    const profileId = param('profile_id');
    const body = await readJsonObject(req);
    const problems = new Problems();
    const wait = readWait(problems, body.wait, false);
    problems.throwIfAny();
    const profile = await deps.store.getProfile(profileId);
    if (!isCurrentFeed(profile) || profile.sub !== sub) throw notFound();
    if (!wait) {
      void feeds.refresh(profileId);
      return accepted();
    }
    const refresh = await feeds.refresh(profileId);
    if (refresh === null) throw notFound();
    return json(200, await feedBody(deps, sub, profileId, refresh));
  };
}

/**
 * Registers the feed routes. Access tokens only: feeds are managed by the host backend, never
 * from a browser page. Adding and refreshing a feed writes a calendar source, so it takes
 * `create_calendar`; reading feeds takes `list_calendars` (`read_write` implies both).
 */
export function feedRoutes(app: Hono, ctx: AuthContext, deps: AppDeps): void {
  const feeds = deps.feeds ?? new FeedRefresher({ store: deps.store, clock: deps.clock, random: deps.random, logger: deps.logger, settings: DEFAULT_FEED_SETTINGS });
  app.post('/v1/feeds', route(ctx, { auth: { accessToken: true, scope: 'create_calendar' } }, createFeed(deps, feeds)));
  app.get('/v1/feeds', route(ctx, { auth: { accessToken: true, scope: 'list_calendars' } }, listFeedsRoute(deps)));
  app.get('/v1/feeds/:profile_id', route(ctx, { auth: { accessToken: true, scope: 'list_calendars' } }, readFeed(deps)));
  app.post('/v1/feeds/:profile_id/refresh', route(ctx, { auth: { accessToken: true, scope: 'create_calendar' } }, refreshFeed(deps, feeds)));
}
