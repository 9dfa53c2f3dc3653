/** `kairos feed add|list|refresh|remove`: subscribed ICS feeds, straight on the database. */
import { formatTime } from '../../core/index.js';
import { revokeProfile } from '../../services/index.js';
import type { Store } from '../../store/index.js';
import {
  DuplicateFeedError,
  FeedRefresher,
  MAX_FEEDS_PER_ACCOUNT,
  TooManyFeedsError,
  checkNewFeed,
  createFeedProfile,
  feedCalendar,
  feedUrlFingerprint,
  isCurrentFeed,
  listFeeds,
  redactFeedUrl,
  refreshToJson,
  type FeedProfile,
  type FeedRefreshResult,
  type FeedSettings,
} from '../../sync/feeds/index.js';
import { UsageError, databaseUrl, parse } from '../args.js';
import { FEED_OPTIONS, resolveFeedSettings } from '../feed-settings.js';
import { print, type Output } from '../output.js';
import { withStore } from '../runtime.js';
import type { ServiceDeps } from '../../services/index.js';

export const FEED_HELP = `Usage:
  kairos feed add --sub SUB --url URL [--name NAME] [--interval SECS] [--json] [FETCH OPTIONS]
  kairos feed list [--sub SUB] [--json]
  kairos feed refresh PROFILE_ID [--json] [FETCH OPTIONS]
  kairos feed remove PROFILE_ID [--json]

add      subscribes the account SUB to an ICS feed (http, https or webcal URL) as a profile
         with one read-only calendar, fetches it once and reports how that went. The feed is
         kept when the first fetch fails, and the command still exits 0; \`kairos serve\` tries
         again on its interval (default 900 s, or KAIROS_FEED_INTERVAL; 60–604800). A URL the
         account already subscribes to is refused (status 1). --name, when given, must not be
         empty; without it the feed is named after the URL's host, then after the first
         copy's X-WR-CALNAME when it has one.
list     shows the feeds of SUB, or of every account, with their status. URLs are shown
         redacted, with a fingerprint (the first 8 hex digits of the URL's SHA-256).
refresh  fetches the feed now (conditionally); exits with status 1 when that fails.
remove   removes the feed, its calendar and its events (as POST /v1/profiles/{id}/revoke).

Every command takes --database DB. FETCH OPTIONS are those of \`kairos serve\`, with their
KAIROS_FEED_* variables: --feed-allow-private (needed for a feed on this machine or a private
network, e.g. http://127.0.0.1:…), --feed-timeout, --feed-connect-timeout, --feed-horizon and
--feed-max-occurrences.`;

/** A feed for display and --json. */
async function feedRow(store: Store, p: FeedProfile): Promise<Record<string, unknown>> {
  const s = p.source;
  const t = (ms: number | null) => (ms === null ? null : formatTime(ms));
  // The field names of the HTTP feed object (GET /v1/feeds), plus the account's sub.
  return {
    profile_id: p.profileId,
    sub: p.sub,
    calendar_id: (await feedCalendar(store, p))?.calendarId ?? null,
    profile_name: p.profileName,
    profile_connected: p.connected,
    profile_initial_sync_required: p.initialSyncRequired,
    feed_url: redactFeedUrl(s.url),
    feed_url_fingerprint: feedUrlFingerprint(s.url),
    feed_interval_seconds: s.intervalSeconds,
    feed_etag: s.etag,
    feed_last_modified: s.lastModified,
    feed_last_fetched_at: t(s.lastFetchedAt),
    feed_last_success_at: t(s.lastSuccessAt),
    feed_last_error: s.lastError,
  };
}

function describeRefresh(r: FeedRefreshResult): string {
  if (r.status === 'failed' && r.recorded === false) {
    return `not fetched: ${r.error} (this command's own setting: pass --feed-allow-private or set KAIROS_FEED_ALLOW_PRIVATE=true; the feed's status is unchanged)`;
  }
  if (r.status === 'failed') return `failed: ${r.error}`;
  if (r.status === 'not_modified') return 'not modified since the last fetch';
  const s = r.stored!;
  const more = [r.skipped > 0 ? `${r.skipped} skipped` : '', r.warnings > 0 ? `${r.warnings} ${r.warnings === 1 ? 'warning' : 'warnings'}` : ''].filter((x) => x !== '');
  const listed = more.length > 0 ? `; ${more.join(', ')} (see --json)` : '';
  const note = r.note ? `; note: ${r.note}` : '';
  return `imported ${r.counts?.occurrences ?? 0} occurrences (${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged, ${s.removed} removed)${listed}${note}`;
}

function describeFeed(row: Record<string, unknown>): string {
  const status = row.profile_connected ? (row.profile_initial_sync_required ? 'pending' : 'connected') : `disconnected: ${String(row.feed_last_error)}`;
  return `${String(row.profile_id)}  ${String(row.profile_name)}  ${String(row.feed_url)} #${String(row.feed_url_fingerprint)}  every ${String(row.feed_interval_seconds)} s  ${status}  (sub ${String(row.sub)}, last success ${String(row.feed_last_success_at ?? 'never')})`;
}

/** Runs `fn` with a refresher over the command's store, closing it afterwards. */
async function withRefresher<T>(deps: ServiceDeps, settings: FeedSettings, fn: (r: FeedRefresher) => Promise<T>): Promise<T> {
  const logger = { info: () => undefined, warn: () => undefined, error: (obj: object, msg: string) => void process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`) };
  // The server's address policy is its own: a refusal by this command's settings is reported,
  // not recorded on the feed.
  const refresher = new FeedRefresher({ ...deps, logger, settings, recordRefusedAddresses: false });
  try {
    return await fn(refresher);
  } finally {
    await refresher.close();
  }
}

async function currentFeed(store: Store, profileId: string): Promise<FeedProfile> {
  const p = await store.getProfile(profileId);
  if (!isCurrentFeed(p)) throw new UsageError(`there is no feed ${profileId} (see: kairos feed list)`);
  return p;
}

export async function feedCommand(argv: string[], o: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') return o.out(FEED_HELP), 0;
  if (sub !== 'add' && sub !== 'list' && sub !== 'refresh' && sub !== 'remove') throw new UsageError(sub ? `unknown feed command: ${sub}\n\n${FEED_HELP}` : FEED_HELP);
  const { values, positionals } = parse(
    rest,
    { sub: { type: 'string' }, url: { type: 'string' }, name: { type: 'string' }, interval: { type: 'string' }, ...FEED_OPTIONS },
    { positionals: sub === 'refresh' || sub === 'remove' ? 1 : 0 },
  );
  if (values.help) return o.out(FEED_HELP), 0;
  const out = { ...o, json: o.json || values.json === true };
  const settings = resolveFeedSettings(values);
  const db = databaseUrl(values.database);
  const onlyFor = (flags: string[]) => {
    for (const f of ['sub', 'url', 'name', 'interval'] as const) if (values[f] !== undefined && !flags.includes(f)) throw new UsageError(`--${f} does not apply to feed ${sub}`);
  };

  if (sub === 'add') {
    onlyFor(['sub', 'url', 'name', 'interval']);
    if (!values.sub) throw new UsageError('--sub is required');
    if (values.url === undefined) throw new UsageError('--url is required');
    let interval: number | undefined;
    if (values.interval !== undefined) {
      if (!/^\d+$/.test(values.interval.trim())) throw new UsageError(`--interval must be a whole number of seconds (got "${values.interval}")`);
      interval = Number(values.interval.trim());
    }
    const { value, problems } = checkNewFeed({ url: values.url, name: values.name, interval_seconds: interval }, settings);
    if (problems.any()) {
      const flag: Record<string, string> = { url: '--url', name: '--name', interval_seconds: '--interval' };
      throw new UsageError(Object.entries(problems.map).flatMap(([k, errs]) => errs.map((e) => `${flag[k] ?? k}: ${e.description}`)).join('\n'));
    }
    const accountSub = values.sub;
    const { row, refresh } = await withStore(db, async (deps) => {
      if (!(await deps.store.getAccount(accountSub))) throw new UsageError(`there is no account ${accountSub}`);
      let profile: FeedProfile;
      try {
        ({ profile } = await createFeedProfile(deps, { sub: accountSub, ...value! }));
      } catch (err) {
        if (err instanceof TooManyFeedsError) throw new UsageError(`the account already has ${MAX_FEEDS_PER_ACCOUNT} feeds, the most allowed`);
        // Not a bad command line but a refusal by what is stored: status 1.
        if (err instanceof DuplicateFeedError) {
          const { profileId, profileName } = err.existing;
          throw new Error(`the account already subscribes to this URL: feed ${profileId} "${profileName}" (see: kairos feed list --sub ${accountSub}); nothing was added`);
        }
        throw err;
      }
      const refresh = await withRefresher(deps, settings, (r) => r.refresh(profile.profileId));
      return { row: await feedRow(deps.store, await currentFeed(deps.store, profile.profileId)), refresh };
    });
    const lines = [`Added feed ${String(row.profile_id)} (calendar ${String(row.calendar_id)}).`, `  first fetch: ${refresh ? describeRefresh(refresh) : 'not done'}`];
    // Still status 0: the feed exists, and the server fetches it on its own.
    if (refresh?.status === 'failed') {
      lines.push(`  The feed was added all the same: kairos serve ${refresh.recorded === false ? 'fetches it' : 'tries it again'} on its interval (every ${String(row.feed_interval_seconds)} s). See its status with: kairos feed list --sub ${accountSub}`);
    }
    print(out, { ...row, refresh: refresh ? refreshToJson(refresh) : null }, lines.join('\n'));
    return 0;
  }

  if (sub === 'list') {
    onlyFor(['sub']);
    const rows = await withStore(db, async ({ store }) => {
      const feeds = values.sub ? await listFeeds(store, values.sub) : (await store.listProfilesBySource('ics_feed')).filter(isCurrentFeed);
      return Promise.all(feeds.map((p) => feedRow(store, p)));
    });
    if (out.json) out.out(JSON.stringify(rows, null, 2));
    else out.out(rows.length === 0 ? 'No feeds.' : rows.map(describeFeed).join('\n'));
    return 0;
  }

  onlyFor([]);
  const profileId = positionals[0];
  if (!profileId) throw new UsageError(`a PROFILE_ID is required\n\n${FEED_HELP}`);
  if (sub === 'refresh') {
    const { row, refresh } = await withStore(db, async (deps) => {
      await currentFeed(deps.store, profileId);
      const refresh = await withRefresher(deps, settings, (r) => r.refresh(profileId));
      if (refresh === null) throw new Error(`the feed ${profileId} was removed meanwhile`);
      return { row: await feedRow(deps.store, await currentFeed(deps.store, profileId)), refresh };
    });
    print(out, { ...row, refresh: refreshToJson(refresh) }, `Feed ${profileId}: ${describeRefresh(refresh)}`);
    return refresh.status === 'failed' ? 1 : 0;
  }

  await withStore(db, async ({ store }) => {
    await currentFeed(store, profileId);
    if (!(await revokeProfile(store, profileId, null))) throw new UsageError(`there is no feed ${profileId}`);
  });
  print(out, { profile_id: profileId, removed: true }, `Removed feed ${profileId}, its calendar and its events.`);
  return 0;
}
