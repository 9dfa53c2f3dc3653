/**
 * Refreshes feed profiles: a conditional fetch, a parse in a worker thread, then one
 * transaction that replaces the calendar's events and records the outcome. A failure of any
 * kind leaves the events as they were, marks the profile disconnected and records the reason;
 * the next success reconnects it. At most one refresh per profile runs at a time (a second
 * request joins the running one) and at most `concurrency` run at once.
 */
import type { RandomBytes } from '../../core/index.js';
import type { ReplaceResult, Store } from '../../store/index.js';
import { FetchError, fetchCalendarUrl } from '../fetch/index.js';
import { IcsError, cleanCalendarName, defaultImportHorizon, endsWithEndVcalendar, outsideWindowNote, storeParsedIcs, type IcsCounts, type IcsIssue } from '../ics/index.js';
import { FeedError } from './feed-error.js';
import { isCurrentFeed, feedCalendar, type FeedSource } from './feed-profile.js';
import type { FeedSettings } from './feed-settings.js';
import { feedUrlFingerprint, redactFeedUrl } from './feed-url.js';
import { IcsParsePool, type IcsParser } from './ics-parse-pool.js';

const DAY_MS = 86_400_000;

/**
 * Whether the copy held may be confirmed by a 304. A 304 keeps the occurrences of the last
 * import, expanded over the horizon around that time, and the horizon moves with the clock: a
 * feed that never changes would run out of future occurrences of its series once the clock
 * passes that horizon. So, once the last import is older than a day (half the days ahead, for
 * a shorter horizon), the feed is fetched without validators and expanded again.
 */
export function mayConfirmCopy(source: Pick<FeedSource, 'importedAt'>, now: number, aheadDays: number): boolean {
  const importedAt = source.importedAt ?? null;
  return importedAt !== null && now - importedAt < Math.min(DAY_MS, (aheadDays * DAY_MS) / 2);
}

/** The logging the refresher needs (a pino logger fits). */
export interface FeedLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Skipped items and warnings a refresh result lists (the counts cover all of them). */
export const FEED_ISSUES_SHOWN = 100;

export interface FeedRefreshResult {
  profileId: string;
  /** `updated`: a new copy was imported (possibly with no change); `not_modified`: the server answered 304. */
  status: 'updated' | 'not_modified' | 'failed';
  /** The recorded reason when failed. */
  error: string | null;
  /** What the import did to the stored events (updated only). */
  stored: ReplaceResult | null;
  counts: IcsCounts | null;
  /** Components or values of the feed that were not imported (see the ICS importer). */
  skipped: number;
  warnings: number;
  /** The first FEED_ISSUES_SHOWN skipped items and warnings, with their UID, line and reason (updated only). */
  skippedItems?: IcsIssue[];
  warningItems?: IcsIssue[];
  /** Said when the feed has events but none falls in the window imported (see outsideWindowNote). */
  note?: string | null;
  /** Epoch ms of the outcome (the recorded lastFetchedAt). */
  at: number;
  /** False when a failure was left off the feed's status (see recordRefusedAddresses). */
  recorded?: false;
}

export interface FeedRefresherDeps {
  store: Store;
  clock: () => number;
  random: RandomBytes;
  logger: FeedLogger;
  settings: FeedSettings;
  /** Default: a worker-thread pool of its own (closed by `close`). */
  parse?: IcsParser;
  /** Default: fetchCalendarUrl. */
  fetch?: typeof fetchCalendarUrl;
  /**
   * When false, a fetch that this process's own address policy refused is reported but not
   * recorded on the feed: the CLI's settings may differ from the server's, so its refusal says
   * nothing about the feed. Default true.
   */
  recordRefusedAddresses?: boolean;
}

/**
 * @example
 *   const feeds = new FeedRefresher({ store, clock, random, logger, settings: DEFAULT_FEED_SETTINGS });
 *   const r = await feeds.refresh('pro_…'); // { status: 'updated', stored: { created: 12, … }, … } or null
 *   await feeds.close();
 */
/**
 * Which refreshes go first when all places are taken: one asked for (an API call or a CLI
 * command, often with someone waiting), then a poll of a working feed, then a poll of a
 * failing one. Within a kind, the order of asking.
 */
export type FeedRefreshPriority = 'demand' | 'due' | 'failing';

const RANK: Record<FeedRefreshPriority, number> = { demand: 0, due: 1, failing: 2 };

interface Waiter {
  rank: number;
  seq: number;
  /** Called with true when a running refresh hands its place over, false on close. */
  wake: (handed: boolean) => void;
}

/**
 * Why a feed's answer is not a calendar, told by its Content-Type and never by its body: the
 * reason reaches whoever chose the URL (feed_last_error), and with private addresses allowed
 * the body could be an internal service's.
 */
export function notCalendarMessage(contentType: string | null): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'not an iCalendar file: the server answered with an HTML page (often a sign-in or error page)';
  if (/^[a-z0-9!#$&^_.+-]{1,60}\/[a-z0-9!#$&^_.+-]{1,60}$/.test(type)) return `not an iCalendar file: the server answered with ${type} content that does not start with BEGIN:VCALENDAR`;
  return 'not an iCalendar file: the answer does not start with BEGIN:VCALENDAR';
}

export class FeedRefresher {
  readonly settings: FeedSettings;
  readonly #deps: FeedRefresherDeps;
  readonly #parse: IcsParser;
  readonly #pool: IcsParsePool | null;
  readonly #fetch: typeof fetchCalendarUrl;
  readonly #inFlight = new Map<string, Promise<FeedRefreshResult | null>>();
  readonly #abort = new AbortController();
  #running = 0;
  #seq = 0;
  readonly #waiting: Waiter[] = [];
  /** The place in the queue of each profile waiting for one. */
  readonly #queued = new Map<string, Waiter>();

  constructor(deps: FeedRefresherDeps) {
    this.#deps = deps;
    this.settings = deps.settings;
    this.#pool = deps.parse ? null : new IcsParsePool({ size: Math.min(2, deps.settings.concurrency), timeoutMs: deps.settings.parseTimeoutMs });
    this.#parse = deps.parse ?? this.#pool!.parse;
    this.#fetch = deps.fetch ?? fetchCalendarUrl;
    if (this.#pool?.mode === 'inline') deps.logger.warn({}, 'the feed parse worker was not found: feeds are parsed on the main thread');
  }

  /** Whether a refresh of this profile is running or queued in this process. */
  isRefreshing(profileId: string): boolean {
    return this.#inFlight.has(profileId);
  }

  /**
   * Refreshes the feed now, or joins the refresh of it already running or queued (moving a
   * queued one ahead when this asks with a higher priority). At most `concurrency` run at
   * once; the others wait in order of priority (see FeedRefreshPriority). Resolves to null when
   * the profile is not a current feed (unknown, revoked, another source, or removed meanwhile).
   * Feed failures resolve with status `failed`; this never rejects for them.
   */
  refresh(profileId: string, opts: { priority?: FeedRefreshPriority } = {}): Promise<FeedRefreshResult | null> {
    const rank = RANK[opts.priority ?? 'demand'];
    const running = this.#inFlight.get(profileId);
    if (running) {
      const queued = this.#queued.get(profileId);
      if (queued && rank < queued.rank) {
        // It joins the back of its new kind's line.
        queued.rank = rank;
        queued.seq = this.#seq++;
      }
      return running;
    }
    const p = this.#limited(profileId, rank, () => this.#refreshNow(profileId)).finally(() => this.#inFlight.delete(profileId));
    this.#inFlight.set(profileId, p);
    return p;
  }

  /** Stops: running fetches and parses are abandoned (nothing is recorded for them), then waits for them to settle. */
  async close(): Promise<void> {
    this.#abort.abort();
    for (const w of this.#waiting.splice(0)) w.wake(false);
    await this.#pool?.close();
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  async #limited<T>(profileId: string, rank: number, fn: () => Promise<T>): Promise<T> {
    if (this.#running >= Math.max(1, this.settings.concurrency) && !this.#abort.signal.aborted) {
      const handed = await new Promise<boolean>((resolve) => {
        const w: Waiter = { rank, seq: this.#seq++, wake: resolve };
        this.#waiting.push(w);
        this.#queued.set(profileId, w);
      });
      this.#queued.delete(profileId);
      // A place handed over is already counted; on close every waiter runs (and stops at once).
      if (!handed) this.#running++;
    } else {
      this.#running++;
    }
    try {
      return await fn();
    } finally {
      // The place goes straight to the most urgent waiter, so nothing can slip in between.
      const next = this.#takeNext();
      if (next) next.wake(true);
      else this.#running--;
    }
  }

  /** Removes and returns the waiter to run next: the lowest rank, then the earliest asked. */
  #takeNext(): Waiter | null {
    let best = -1;
    for (let i = 0; i < this.#waiting.length; i++) {
      const w = this.#waiting[i]!;
      const b = best < 0 ? null : this.#waiting[best]!;
      if (b === null || w.rank < b.rank || (w.rank === b.rank && w.seq < b.seq)) best = i;
    }
    return best < 0 ? null : this.#waiting.splice(best, 1)[0]!;
  }

  async #refreshNow(profileId: string): Promise<FeedRefreshResult | null> {
    const { store, clock, logger } = this.#deps;
    const profile = await store.getProfile(profileId);
    if (!isCurrentFeed(profile)) return null;
    const source = profile.source;
    const log = { profile: profileId, feed: redactFeedUrl(source.url), feed_fp: feedUrlFingerprint(source.url) };
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      if (this.#abort.signal.aborted) throw new FeedError('aborted', 'the refresh was stopped (server shutdown)');
      const [calendar, account] = await Promise.all([feedCalendar(store, profile), store.getAccount(profile.sub)]);
      if (calendar === null || account === null) throw new Error(`feed profile ${profileId} has no ${calendar === null ? 'calendar' : 'account'}`);
      if (this.#abort.signal.aborted) throw new FeedError('aborted', 'the refresh was stopped (server shutdown)');
      const validators = mayConfirmCopy(source, clock(), this.settings.horizonDays.ahead) ? { etag: source.etag, lastModified: source.lastModified } : { etag: null, lastModified: null };
      const fetched = await this.#fetch(source.url, validators, { ...this.settings, signal: this.#abort.signal });
      if (fetched.status === 'not_modified') {
        const at = clock();
        // The copy we hold is confirmed current: a success, with nothing to rewrite.
        const kept = await this.#record(profileId, source.url, (s) => ({ ...s, lastFetchedAt: at, lastSuccessAt: at, lastError: null, retryAfter: null }), true);
        if (!kept) return null;
        logger.info({ ...log, status: 'not_modified', ms: ms() }, 'feed refreshed');
        return { profileId, status: 'not_modified', error: null, stored: null, counts: null, skipped: 0, warnings: 0, at };
      }
      const anchor = clock();
      // Looked at before the bytes go to the parse worker (which takes them over). A copy cut
      // short would remove every event after the cut; it fails, and the last good copy stays.
      // A body that is not iCalendar at all is reported as such by the parse.
      const whole = endsWithEndVcalendar(fetched.body);
      const horizon = defaultImportHorizon(anchor, this.settings.horizonDays);
      const parsed = await this.#parse(fetched.body, {
        defaultTzid: account.zoneinfo,
        horizon,
        accountEmails: account.email ? [account.email] : [],
        maxTotalOccurrences: this.settings.maxOccurrences,
      }).catch((err: unknown) => {
        if (err instanceof IcsError && err.code === 'not_ics') throw new FeedError('parse', notCalendarMessage(fetched.contentType));
        throw err;
      });
      if (!whole) throw new FeedError('parse', 'the feed arrived cut short (it does not end with END:VCALENDAR), so the events of the last complete copy were kept');
      if (this.#abort.signal.aborted) throw new FeedError('aborted', 'the refresh was stopped (server shutdown)');
      const at = clock();
      const imported = await store.transaction(async (tx) => {
        // A revoke holds this key while it deletes the calendar's events, so the profile read
        // after it is the one that holds: otherwise (on PostgreSQL) a revoke could pass between
        // that read and the write and leave these events behind on the removed feed.
        await tx.lockKey(`calendar:${calendar.calendarId}`);
        // Revoked or changed while we fetched: the result belongs to nobody now.
        const current = await tx.getProfile(profileId);
        if (!isCurrentFeed(current) || current.source.url !== source.url) return null;
        const r = await storeParsedIcs(tx, { calendarId: calendar.calendarId, now: at, random: this.#deps.random }, parsed);
        const next: FeedSource = { ...current.source, etag: fetched.etag, lastModified: fetched.lastModified, lastFetchedAt: at, lastSuccessAt: at, importedAt: anchor, lastError: null, retryAfter: null };
        // Added without a name: the first copy names the feed, when it has a name of its own.
        const named = current.source.nameFromFeed === true && parsed.calendarName !== null ? cleanCalendarName(parsed.calendarName) : null;
        delete next.nameFromFeed;
        if (named !== null) await tx.updateCalendar(calendar.calendarId, { name: named });
        await tx.updateProfile(profileId, { connected: true, initialSyncRequired: false, source: next, ...(named !== null ? { profileName: named } : {}) });
        return r;
      });
      if (imported === null) return null;
      logger.info({ ...log, status: 'updated', ms: ms(), ...imported.stored, occurrences: imported.counts.occurrences, skipped: imported.skipped.length }, 'feed refreshed');
      const note = outsideWindowNote({ ...imported, horizon }, { window: "the feeds' window", hint: "a feed is imported over the server's --feed-horizon around each refresh" });
      return {
        profileId,
        status: 'updated',
        error: null,
        stored: imported.stored,
        counts: imported.counts,
        skipped: imported.skipped.length,
        warnings: imported.warnings.length,
        skippedItems: imported.skipped.slice(0, FEED_ISSUES_SHOWN),
        warningItems: imported.warnings.slice(0, FEED_ISSUES_SHOWN),
        note,
        at,
      };
    } catch (err) {
      if ((err instanceof FeedError || err instanceof FetchError) && err.code === 'aborted') {
        logger.info({ ...log, ms: ms() }, 'feed refresh stopped');
        return { profileId, status: 'failed', error: err.message, stored: null, counts: null, skipped: 0, warnings: 0, at: clock() };
      }
      if (err instanceof FetchError && err.code === 'refused_address' && this.#deps.recordRefusedAddresses === false) {
        return { profileId, status: 'failed', error: err.message, stored: null, counts: null, skipped: 0, warnings: 0, at: clock(), recorded: false };
      }
      const known = err instanceof FeedError || err instanceof FetchError || err instanceof IcsError;
      const reason = known ? err.message : 'the feed could not be stored (an internal error; see the server log)';
      if (known) logger.warn({ ...log, error: reason, ms: ms() }, 'feed refresh failed');
      else logger.error({ ...log, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'feed refresh failed');
      const at = clock();
      try {
        const retryAfter = err instanceof FetchError && err.retryAfterMs !== null ? at + err.retryAfterMs : null;
        const kept = await this.#record(profileId, source.url, (s) => ({ ...s, lastFetchedAt: at, lastError: reason, retryAfter }), false);
        if (!kept) return null;
      } catch (recordErr) {
        logger.error({ ...log, err: String(recordErr) }, 'feed refresh: the failure could not be recorded');
      }
      return { profileId, status: 'failed', error: reason, stored: null, counts: null, skipped: 0, warnings: 0, at };
    }
  }

  /** Updates the source and connected flag of a feed that is still current and still has `url`; false otherwise. */
  async #record(profileId: string, url: string, update: (s: FeedSource) => FeedSource, connected: boolean): Promise<boolean> {
    return this.#deps.store.transaction(async (tx) => {
      const current = await tx.getProfile(profileId);
      if (!isCurrentFeed(current) || current.source.url !== url) return false;
      await tx.updateProfile(profileId, { connected, source: update(current.source) });
      return true;
    });
  }
}
