/**
 * The storage seam. One interface, two engines (SQLite through better-sqlite3, PostgreSQL
 * through pg), one query builder (Kysely). Methods take and return domain types from
 * src/core; rows never leave the store.
 *
 * Every method that writes more than one row does so atomically. `transaction` groups
 * several calls into one unit: all of them commit, or none does.
 */
import type {
  Account,
  Application,
  Authorization,
  AvailabilityRule,
  AvailablePeriod,
  Calendar,
  CalendarEvent,
  Credential,
  ImportedOccurrence,
  ImportSource,
  PageSnapshot,
  Profile,
  ProfileSource,
} from '../core/index.js';

export type ManagedFilter = 'exclude' | 'include' | 'only';

/** Selection for `queryEvents` (PROTOCOL §5.6.1 selection rules). */
export interface EventQuery {
  /** Events of this account only. */
  sub: string;
  /** Restrict to these calendars (already checked to belong to `sub`). */
  calendarIds?: string[];
  /**
   * Window. Timed events match when `start < toMs && end > fromMs`; all-day events when
   * `startDate < toDate && endDate > fromDate` (dates compare as strings).
   * Absent = no window.
   */
  window?: { fromMs: number; toMs: number; fromDate: string; toDate: string };
  /** When true, managed events (of `applicationId`) are returned whatever the window. */
  managedIgnoresWindow?: boolean;
  /**
   * exclude: drop events managed by `applicationId`; include: keep them;
   * only: return only events managed by `applicationId`.
   * Events managed by other applications are treated as ordinary events.
   */
  managed: ManagedFilter;
  applicationId: string;
  includeDeleted: boolean;
  /** Only events with `updated >= updatedSince`. */
  updatedSince?: number;
  /** At most this many events (which ones is unspecified): bounds the work of a read. */
  limit?: number;
}

/** Selection for `queryBusyEvents`: every non-deleted event of the subs that may overlap. */
export interface BusyQuery {
  subs: string[];
  /** Timed events with `start < toMs && end > fromMs`. */
  fromMs: number;
  toMs: number;
  /** All-day events with `startDate < toDate && endDate > fromDate`. Callers widen by a day for zones. */
  fromDate: string;
  toDate: string;
}

/**
 * The fields of an event that availability reads. `queryBusyEvents` selects only their
 * columns: materialising whole rows (about 30 columns, some JSON) for thousands of events cost
 * several times the rest of an availability query.
 */
export type BusyEventRecord = Pick<
  CalendarEvent,
  'eventUid' | 'calendarId' | 'sub' | 'summary' | 'start' | 'end' | 'transparency' | 'status' | 'participationStatus' | 'eventPrivate' | 'deleted'
>;

/** Outcome of replacing the imported events of one calendar. */
export interface SavePagesOptions {
  keepPerBinding?: number;
  protectExpiringAfter?: number;
  liveCalendarIds?: readonly string[];
}

/** Whether savePages stored the snapshot (see Store.savePages). */
export type SavePagesResult =
  | { saved: true }
  /** The binding holds too many protected pages; enough of them stop being protected at `freesAt`'s expiry. */
  | { saved: false; reason: 'full'; freesAt: number }
  /** A calendar of `liveCalendarIds` belongs to a revoked profile now. */
  | { saved: false; reason: 'revoked' };

/** How replaceImportedOccurrences stamps and names what it creates. */
export interface ReplaceImportedOptions {
  /** Epoch ms: `created` of new occurrences and `updated` of new and changed ones. */
  now: number;
  /** An id for a new occurrence (`evt_external_…`); called once per occurrence created. */
  newEventUid: () => string;
}

export interface ReplaceResult {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';

  /**
   * Runs `fn` inside one transaction. Nested calls join the outer transaction (no savepoint:
   * a throw escaping the inner call rolls back all of it). Inside `fn`, use only `tx`: calling
   * the outer store there throws, because on SQLite it would wait for the transaction forever
   * and on PostgreSQL it would run outside the transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction only: waits until no other transaction holds `key`, then holds it
   * until this one commits or rolls back. A writer that checks and then inserts (counts
   * against a limit, looks up before it creates) calls it first, with a key naming what it
   * counts or creates, so that its check sees what the previous holder committed. The keys
   * of a transaction are taken in one fixed order, or two transactions could wait for each
   * other (PostgreSQL would then fail one of them).
   *
   * PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the key and the
   * current schema, so it holds across every process on the database. SQLite: nothing to do,
   * because every write transaction already holds the database's write lock from its first
   * statement (`BEGIN IMMEDIATE`), for every process. Called on a root store it throws, as
   * the lock would end with the statement.
   *
   * @example
   *   await store.transaction(async (tx) => {
   *     await tx.lockKey(`rules:${applicationId}:${sub}`);
   *     if ((await tx.countRules(applicationId, sub)) >= 50) throw tooMany();
   *     await tx.upsertRule(rule);
   *   });
   */
  lockKey(key: string): Promise<void>;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Applications. The API key is stored as a credential row of kind api_key.
  createApplication(app: Application): Promise<void>;
  getApplication(applicationId: string): Promise<Application | null>;
  getApplicationByClientId(clientId: string): Promise<Application | null>;
  listApplications(): Promise<Application[]>;
  countApplications(): Promise<number>;

  // Credentials (API keys, access/refresh/element tokens), looked up by hash only.
  insertCredential(c: Credential): Promise<void>;
  findCredential(hash: string): Promise<Credential | null>;
  /** Revokes every credential of the application for the account (access, refresh, element tokens naming it). */
  revokeCredentialsFor(applicationId: string, sub: string): Promise<void>;
  /** Deletes credentials that expired before `before` (housekeeping). */
  deleteExpiredCredentials(before: number): Promise<number>;

  // Accounts and the applications they authorise.
  createAccount(a: Account): Promise<void>;
  getAccount(sub: string): Promise<Account | null>;
  /** Creates it, or updates scope and status (keeping the first createdAt). */
  upsertAuthorization(a: Authorization): Promise<void>;
  getAuthorization(applicationId: string, sub: string): Promise<Authorization | null>;
  /** Of `subs`, those whose authorisation of the application is active. */
  authorizedSubs(applicationId: string, subs: string[]): Promise<Set<string>>;
  /** The sub of an application calendar, or null. */
  findApplicationCalendar(applicationId: string, applicationCalendarId: string): Promise<string | null>;
  /** Links the id to the account; an existing link is kept (the first one wins). */
  linkApplicationCalendar(applicationId: string, applicationCalendarId: string, sub: string): Promise<void>;

  // Profiles.
  createProfile(p: Profile): Promise<void>;
  getProfile(profileId: string): Promise<Profile | null>;
  /** Profiles of an account, oldest first; revoked ones only when asked. */
  listProfiles(sub: string, opts?: { includeRevoked?: boolean }): Promise<Profile[]>;
  /** Non-revoked profiles whose source has this type (for feed polling). */
  listProfilesBySource(type: 'ics_feed' | 'caldav'): Promise<Profile[]>;
  updateProfile(profileId: string, patch: Partial<Pick<Profile, 'profileName' | 'connected' | 'initialSyncRequired' | 'revoked' | 'source'>>): Promise<void>;
  /**
   * Compare and set: replaces the source of a current (non-revoked) profile with `next` only
   * while it still equals `expected`, and says whether it did. Several server processes on one
   * database use it to claim a feed fetch, so that only one of them fetches it.
   */
  replaceProfileSourceIf(profileId: string, expected: ProfileSource, next: ProfileSource): Promise<boolean>;

  // Calendars. Calendars of revoked profiles are never listed.
  createCalendar(c: Calendar): Promise<void>;
  /** Null when unknown, and for calendars of revoked profiles (they have disappeared). */
  getCalendar(calendarId: string): Promise<Calendar | null>;
  /** Calendars of an account's current profiles, oldest first; deleted ones only when asked. */
  listCalendars(sub: string, opts?: { includeDeleted?: boolean }): Promise<Calendar[]>;
  updateCalendar(calendarId: string, patch: Partial<Pick<Calendar, 'name' | 'readonly' | 'deleted' | 'color'>>): Promise<void>;
  /** The source recorded with the calendar's imported content, or null (none recorded, or no such calendar). */
  getCalendarImportSource(calendarId: string): Promise<ImportSource | null>;
  /** Records (or, with null, forgets) where the calendar's imported content came from. */
  setCalendarImportSource(calendarId: string, source: ImportSource | null): Promise<void>;
  /**
   * How many imported events (sourceKey != null) the calendar holds: deleted ones included,
   * unless `includeDeleted` is false.
   */
  countImportedEvents(calendarId: string, opts?: { includeDeleted?: boolean }): Promise<number>;

  // Events.
  getEvent(eventUid: string): Promise<CalendarEvent | null>;
  getManagedEvent(applicationId: string, calendarId: string, eventId: string): Promise<CalendarEvent | null>;
  /**
   * Inserts or replaces (by eventUid) one event. An imported event written this way (deleted
   * through the API, say) keeps its sourceKey, so a re-import still matches it.
   */
  putEvent(e: CalendarEvent): Promise<void>;
  /** Selection per EventQuery; order unspecified (callers sort by their own zone). */
  queryEvents(q: EventQuery): Promise<CalendarEvent[]>;
  /**
   * How many events `queryEvents(q)` would return and the characters of text they carry
   * (summary, description, location, attendees, organizer), without reading them.
   */
  measureEvents(q: EventQuery): Promise<{ count: number; textChars: number }>;
  /** Non-deleted events of several accounts that may overlap the window (for availability). */
  queryBusyEvents(q: BusyQuery): Promise<BusyEventRecord[]>;
  /**
   * Makes the imported (sourceKey != null) events of a calendar exactly `events`, in one
   * transaction: matching sourceKeys keep their eventUid (and created) and are updated, new
   * ones are inserted, vanished ones are marked deleted (`updated` = `opts.now`, default the
   * clock) and removed 30 days later, at a replace of the calendar (DELETED_RETENTION_MS). Managed events are not touched. A match
   * whose content is equal (ignoring eventUid, created, updated) counts as unchanged and is
   * not rewritten. Throws when an event lacks a sourceKey, belongs to another
   * calendar or account, is managed (applicationId or eventId set), mixes a time and a date,
   * or repeats a sourceKey (the importer must deduplicate), or when a new event brings an
   * eventUid another event holds; nothing is written then.
   */
  replaceImportedEvents(calendarId: string, events: CalendarEvent[], opts?: { now?: number }): Promise<ReplaceResult>;
  /**
   * The importer's replaceImportedEvents: makes the imported events of a calendar exactly
   * `occurrences`, in one transaction. A match by sourceKey keeps its eventUid and created
   * stamp, and is rewritten (with `updated = opts.now`) only when its content or bounds differ,
   * or it was deleted. New occurrences get `opts.newEventUid()` and `opts.now` as both stamps;
   * vanished ones are marked deleted, with `updated = opts.now`, so that reads with deleted
   * events (or by last change) see them go; a replace removes those deleted more than
   * DELETED_RETENTION_MS (30 days) before, and one that comes back is updated, under its uid.
   * `removed` counts those marked now. Occurrences with one content object share its stored row.
   * Imported rows of `events` (written before migration 0007, or by putEvent) that match move
   * over to the occurrence tables, keeping their stamps when they did not change. Throws, and
   * writes nothing, when a sourceKey repeats.
   */
  replaceImportedOccurrences(calendarId: string, occurrences: readonly ImportedOccurrence[], opts: ReplaceImportedOptions): Promise<ReplaceResult>;
  /** Hard-deletes every event of the given calendars (profile revoke). */
  deleteEventsOfCalendars(calendarIds: string[]): Promise<void>;

  // Availability rules, per (application, account).
  upsertRule(r: AvailabilityRule): Promise<void>;
  getRule(applicationId: string, sub: string, ruleId: string): Promise<AvailabilityRule | null>;
  /** Sorted by id, bytewise. */
  listRules(applicationId: string, sub: string): Promise<AvailabilityRule[]>;
  /** Rules of several accounts in one query. */
  listRulesForSubs(applicationId: string, subs: string[]): Promise<AvailabilityRule[]>;
  deleteRule(applicationId: string, sub: string, ruleId: string): Promise<void>;
  countRules(applicationId: string, sub: string): Promise<number>;

  // Available periods, per (application, account).
  upsertAvailablePeriod(p: AvailablePeriod): Promise<void>;
  /** Sorted by start, then id. Range selects `start < toMs && end > fromMs`. */
  listAvailablePeriods(applicationId: string, subs: string[], range?: { fromMs: number; toMs: number }): Promise<AvailablePeriod[]>;
  deleteAvailablePeriod(applicationId: string, sub: string, id: string): Promise<void>;
  deleteAllAvailablePeriods(applicationId: string, sub: string): Promise<void>;
  countAvailablePeriods(applicationId: string, sub: string): Promise<number>;

  // Server-wide settings (small key/value pairs).
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  // Page snapshots (PROTOCOL §2.6).
  /**
   * Stores a snapshot's pages, all or nothing. With `keepPerBinding`, the oldest pages (by
   * expiry) of each binding named are then deleted beyond that many, so one credential cannot
   * fill the database with snapshots. Pages that expire after `protectExpiringAfter` are never
   * deleted for it: when the binding's protected pages and the new ones together exceed
   * `keepPerBinding`, nothing is stored, and the answer gives the expiry of the protected page
   * whose coming of age makes room (the binding may try again once it is unprotected). With
   * `liveCalendarIds`, nothing is stored either when one of those calendars belongs to a
   * revoked profile: the snapshot was taken before the revoke, which deleted the account's
   * pages (and holds the same account key as this, so one of the two sees the other).
   */
  savePages(pages: PageSnapshot[], opts?: SavePagesOptions): Promise<SavePagesResult>;
  /** The page, expired or not: callers compare `expiresAt` with their clock. */
  getPage(idHash: string): Promise<PageSnapshot | null>;
  /** Deletes every page that holds data of `sub` (see PageSnapshot.sub); returns how many. */
  deletePagesOf(sub: string): Promise<number>;
  /** Deletes pages with `expiresAt <= now`. */
  deleteExpiredPages(now: number): Promise<number>;
}
