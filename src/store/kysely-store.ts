import { AsyncLocalStorage } from 'node:async_hooks';
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
import type { Db } from './db-schema.js';
import { migrations, withdrawnMigrations } from './migrations.js';
import * as accounts from './queries/account-queries.js';
import * as applications from './queries/application-queries.js';
import * as periods from './queries/available-period-queries.js';
import * as calendars from './queries/calendar-queries.js';
import * as credentials from './queries/credential-queries.js';
import * as events from './queries/event-queries.js';
import { lockKey } from './queries/key-lock.js';
import * as pages from './queries/page-queries.js';
import * as settings from './queries/setting-queries.js';
import * as profiles from './queries/profile-queries.js';
import { importLockKey, replaceImportedEvents, replaceImportedOccurrences } from './queries/replace-imported.js';
import * as rules from './queries/rule-queries.js';
import { runMigrations, type Engine } from './run-migrations.js';
import type { BusyEventRecord, BusyQuery, EventQuery, ReplaceImportedOptions, ReplaceResult, SavePagesOptions, SavePagesResult, Store } from './store.js';
import { WriteBatcher } from './write-batcher.js';

/** A transaction in progress, and the root store it belongs to. */
interface TxScope {
  root: object;
  open: boolean;
  parent: TxScope | undefined;
}

/**
 * The transactions whose callbacks are running in the current async context. It lets the
 * store refuse a call made on the root store from inside `transaction(fn)`: on SQLite that
 * call would wait forever for the connection the transaction holds, and on PostgreSQL it would
 * silently run outside the transaction.
 */
const scopes = new AsyncLocalStorage<TxScope>();

function insideTransactionOf(root: object): boolean {
  for (let s = scopes.getStore(); s !== undefined; s = s.parent) if (s.root === root && s.open) return true;
  return false;
}

/** The Store over Kysely: the same queries for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  readonly engine: Engine;
  readonly #db: Db;
  /** Identity shared by a root store and its transactions. */
  readonly #root: object;
  /** Set on transaction stores: the transaction they run in. */
  readonly #tx: TxScope | undefined;
  /** Root stores only: credential inserts waiting for their group commit. */
  readonly #credentialBatch: WriteBatcher<Credential> | null;

  constructor(db: Db, engine: Engine, root?: object, tx?: TxScope) {
    this.#db = db;
    this.engine = engine;
    this.#root = root ?? this;
    this.#tx = tx;
    this.#credentialBatch = tx === undefined ? new WriteBatcher((cs) => this.#atomic((q) => credentials.insertCredentials(q, cs))) : null;
  }

  /** The handle for the next query, after checking that it is used where it is valid. */
  get #q(): Db {
    this.#checkUsable();
    return this.#db;
  }

  #checkUsable(): void {
    if (this.#tx !== undefined) {
      if (!this.#tx.open) throw new Error('store: this transaction has ended; use the root store');
    } else if (insideTransactionOf(this.#root)) {
      throw new Error('store: inside transaction(fn), use the store passed to fn');
    }
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.#transaction(fn);
  }

  async #transaction<T>(fn: (tx: KyselyStore) => Promise<T>): Promise<T> {
    const db = this.#q;
    // Nested calls join the outer transaction: no savepoint, so a throw that escapes the
    // inner call rolls back everything once it reaches the outer one.
    if (this.#tx !== undefined) return fn(this);
    const scope: TxScope = { root: this.#root, open: true, parent: scopes.getStore() };
    try {
      return await scopes.run(scope, () =>
        db.transaction().execute((trx) => fn(new KyselyStore(trx, this.engine, this.#root, scope))),
      );
    } finally {
      scope.open = false;
    }
  }

  async lockKey(key: string): Promise<void> {
    const db = this.#q;
    if (this.#tx === undefined) throw new Error('store: lockKey() holds a key for a transaction; call it on the store passed to transaction(fn)');
    return lockKey(db, this.engine, key);
  }

  /** Runs a multi-statement query function atomically (joining a surrounding transaction). */
  #atomic<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.#transaction((tx) => fn(tx.#q));
  }

  async migrate(): Promise<void> {
    if (this.#tx !== undefined) throw new Error('store: migrate() cannot run inside a transaction');
    try {
      await runMigrations(this.#q, this.engine, migrations, Date.now(), withdrawnMigrations);
    } catch (err) {
      // PostgreSQL's "no schema has been selected to create in": the search_path names no
      // existing schema. Say what to do instead of the server's words.
      if ((err as { code?: unknown }).code === '3F000') {
        throw new Error('PostgreSQL has no schema to create the tables in (the search_path names none that exists): create it, or add ?schema=NAME to the database URL and Kairos creates it');
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.#tx !== undefined) throw new Error('store: close() the root store, not a transaction');
    await this.#db.destroy();
  }

  async createApplication(app: Application): Promise<void> {
    return applications.createApplication(this.#q, app);
  }
  async getApplication(applicationId: string): Promise<Application | null> {
    return applications.getApplication(this.#q, applicationId);
  }
  async getApplicationByClientId(clientId: string): Promise<Application | null> {
    return applications.getApplicationByClientId(this.#q, clientId);
  }
  async listApplications(): Promise<Application[]> {
    return applications.listApplications(this.#q);
  }
  async countApplications(): Promise<number> {
    return applications.countApplications(this.#q);
  }

  async insertCredential(c: Credential): Promise<void> {
    // Inside a transaction, as part of it; otherwise grouped with the credentials other
    // requests insert at the same time, in one transaction (see WriteBatcher).
    if (this.#credentialBatch === null) return credentials.insertCredentials(this.#q, [c]);
    this.#checkUsable();
    return this.#credentialBatch.add(c);
  }
  async findCredential(hash: string): Promise<Credential | null> {
    return credentials.findCredential(this.#q, hash);
  }
  async revokeCredentialsFor(applicationId: string, sub: string): Promise<void> {
    return this.#atomic((q) => credentials.revokeCredentialsFor(q, applicationId, sub));
  }
  async deleteExpiredCredentials(before: number): Promise<number> {
    return credentials.deleteExpiredCredentials(this.#q, before);
  }

  async createAccount(a: Account): Promise<void> {
    return accounts.createAccount(this.#q, a);
  }
  async getAccount(sub: string): Promise<Account | null> {
    return accounts.getAccount(this.#q, sub);
  }
  async upsertAuthorization(a: Authorization): Promise<void> {
    return accounts.upsertAuthorization(this.#q, a);
  }
  async getAuthorization(applicationId: string, sub: string): Promise<Authorization | null> {
    return accounts.getAuthorization(this.#q, applicationId, sub);
  }
  async authorizedSubs(applicationId: string, subs: string[]): Promise<Set<string>> {
    return accounts.authorizedSubs(this.#q, applicationId, subs);
  }
  async findApplicationCalendar(applicationId: string, applicationCalendarId: string): Promise<string | null> {
    return accounts.findApplicationCalendar(this.#q, applicationId, applicationCalendarId);
  }
  async linkApplicationCalendar(applicationId: string, applicationCalendarId: string, sub: string): Promise<void> {
    return accounts.linkApplicationCalendar(this.#q, applicationId, applicationCalendarId, sub);
  }

  async createProfile(p: Profile): Promise<void> {
    return profiles.createProfile(this.#q, p);
  }
  async getProfile(profileId: string): Promise<Profile | null> {
    return profiles.getProfile(this.#q, profileId);
  }
  async listProfiles(sub: string, opts?: { includeRevoked?: boolean }): Promise<Profile[]> {
    return profiles.listProfiles(this.#q, sub, opts);
  }
  async listProfilesBySource(type: 'ics_feed' | 'caldav'): Promise<Profile[]> {
    return profiles.listProfilesBySource(this.#q, type);
  }
  async updateProfile(profileId: string, patch: profiles.ProfilePatch): Promise<void> {
    return profiles.updateProfile(this.#q, profileId, patch);
  }
  async replaceProfileSourceIf(profileId: string, expected: ProfileSource, next: ProfileSource): Promise<boolean> {
    return profiles.replaceProfileSourceIf(this.#q, profileId, expected, next);
  }

  async createCalendar(c: Calendar): Promise<void> {
    return calendars.createCalendar(this.#q, c);
  }
  async getCalendar(calendarId: string): Promise<Calendar | null> {
    return calendars.getCalendar(this.#q, calendarId);
  }
  async listCalendars(sub: string, opts?: { includeDeleted?: boolean }): Promise<Calendar[]> {
    return calendars.listCalendars(this.#q, sub, opts);
  }
  async updateCalendar(calendarId: string, patch: calendars.CalendarPatch): Promise<void> {
    return calendars.updateCalendar(this.#q, calendarId, patch);
  }
  async getCalendarImportSource(calendarId: string): Promise<ImportSource | null> {
    return calendars.getCalendarImportSource(this.#q, calendarId);
  }
  async setCalendarImportSource(calendarId: string, source: ImportSource | null): Promise<void> {
    return calendars.setCalendarImportSource(this.#q, calendarId, source);
  }
  async countImportedEvents(calendarId: string, opts: { includeDeleted?: boolean } = {}): Promise<number> {
    return calendars.countImportedEvents(this.#q, calendarId, opts.includeDeleted ?? true);
  }

  async getEvent(eventUid: string): Promise<CalendarEvent | null> {
    return events.getEvent(this.#q, eventUid);
  }
  async getManagedEvent(applicationId: string, calendarId: string, eventId: string): Promise<CalendarEvent | null> {
    return events.getManagedEvent(this.#q, applicationId, calendarId, eventId);
  }
  async putEvent(e: CalendarEvent): Promise<void> {
    return this.#atomic(async (db) => {
      // An imported event may be an occurrence that a replace of its calendar is rewriting:
      // wait for it, or the occurrence it writes would stay beside this row (PostgreSQL).
      if (e.sourceKey !== null) await lockKey(db, this.engine, importLockKey(e.calendarId));
      await events.putEvent(db, e);
    });
  }
  async queryEvents(q: EventQuery): Promise<CalendarEvent[]> {
    return events.queryEvents(this.#q, q);
  }
  async measureEvents(q: EventQuery): Promise<{ count: number; textChars: number }> {
    return events.measureEvents(this.#q, q);
  }

  async queryBusyEvents(q: BusyQuery): Promise<BusyEventRecord[]> {
    return events.queryBusyEvents(this.#q, q);
  }
  async replaceImportedEvents(calendarId: string, list: CalendarEvent[], opts: { now?: number } = {}): Promise<ReplaceResult> {
    return this.#atomic((db) => replaceImportedEvents(db, this.engine, calendarId, list, opts.now));
  }
  async replaceImportedOccurrences(calendarId: string, occurrences: readonly ImportedOccurrence[], opts: ReplaceImportedOptions): Promise<ReplaceResult> {
    return this.#atomic((db) => replaceImportedOccurrences(db, this.engine, calendarId, occurrences, opts));
  }
  async deleteEventsOfCalendars(calendarIds: string[]): Promise<void> {
    return this.#atomic((db) => events.deleteEventsOfCalendars(db, calendarIds));
  }

  async upsertRule(r: AvailabilityRule): Promise<void> {
    return rules.upsertRule(this.#q, r);
  }
  async getRule(applicationId: string, sub: string, ruleId: string): Promise<AvailabilityRule | null> {
    return rules.getRule(this.#q, applicationId, sub, ruleId);
  }
  async listRules(applicationId: string, sub: string): Promise<AvailabilityRule[]> {
    return rules.listRules(this.#q, applicationId, sub);
  }
  async listRulesForSubs(applicationId: string, subs: string[]): Promise<AvailabilityRule[]> {
    return rules.listRulesForSubs(this.#q, applicationId, subs);
  }
  async deleteRule(applicationId: string, sub: string, ruleId: string): Promise<void> {
    return rules.deleteRule(this.#q, applicationId, sub, ruleId);
  }
  async countRules(applicationId: string, sub: string): Promise<number> {
    return rules.countRules(this.#q, applicationId, sub);
  }

  async upsertAvailablePeriod(p: AvailablePeriod): Promise<void> {
    return periods.upsertAvailablePeriod(this.#q, p);
  }
  async listAvailablePeriods(applicationId: string, subs: string[], range?: { fromMs: number; toMs: number }): Promise<AvailablePeriod[]> {
    return periods.listAvailablePeriods(this.#q, applicationId, subs, range);
  }
  async deleteAvailablePeriod(applicationId: string, sub: string, id: string): Promise<void> {
    return periods.deleteAvailablePeriod(this.#q, applicationId, sub, id);
  }
  async deleteAllAvailablePeriods(applicationId: string, sub: string): Promise<void> {
    return periods.deleteAllAvailablePeriods(this.#q, applicationId, sub);
  }
  async countAvailablePeriods(applicationId: string, sub: string): Promise<number> {
    return periods.countAvailablePeriods(this.#q, applicationId, sub);
  }

  async savePages(list: PageSnapshot[], opts: SavePagesOptions = {}): Promise<SavePagesResult> {
    return this.#transaction(async (tx) => {
      // Counting a binding's pages and adding to them is one step for concurrent readers too.
      if (opts.keepPerBinding !== undefined) for (const binding of new Set(list.map((p) => p.credentialHash)).values()) await tx.lockKey(`pages:${binding}`);
      // A profile revoke deletes the account's pages under this key (services/profiles.ts).
      if (opts.liveCalendarIds !== undefined) for (const sub of new Set(list.map((p) => p.sub)).values()) await tx.lockKey(`account-pages:${sub}`);
      return pages.savePages(tx.#q, list, opts);
    });
  }
  async getPage(idHash: string): Promise<PageSnapshot | null> {
    return pages.getPage(this.#q, idHash);
  }
  async deletePagesOf(sub: string): Promise<number> {
    return pages.deletePagesOf(this.#q, sub);
  }
  async deleteExpiredPages(now: number): Promise<number> {
    return pages.deleteExpiredPages(this.#q, now);
  }

  async getSetting(key: string): Promise<string | null> {
    return settings.getSetting(this.#q, key);
  }
  async setSetting(key: string, value: string): Promise<void> {
    return settings.setSetting(this.#q, key, value);
  }
}
