/**
 * Row types of the Kairos database, as Kysely sees them. These never leave src/store: the
 * converters in queries/ turn them into domain types.
 *
 * Conventions, identical on both engines so that one set of queries serves both:
 * - instants are epoch-ms integers (BIGINT on PostgreSQL);
 * - flags are INTEGER 0/1, because better-sqlite3 cannot bind booleans and PostgreSQL will not
 *   compare a boolean column with 0/1;
 * - nested values (arrays, objects) are TEXT holding JSON.
 */
import type { Kysely } from 'kysely';
import type {
  AccountKind,
  CredentialKind,
  EventStatus,
  ParticipationStatus,
  PageSnapshot,
  Transparency,
} from '../core/index.js';

/** 0 or 1. */
export type Flag = number;

export interface ApplicationsTable {
  application_id: string;
  client_id: string;
  name: string;
  /** JSON string[]. */
  redirect_uris: string;
  active: Flag;
  created_at: number;
}

export interface CredentialsTable {
  hash: string;
  kind: CredentialKind;
  application_id: string;
  sub: string | null;
  scope: string | null;
  /** JSON Permission[]. */
  permissions: string;
  /** JSON string[], ordered (the first is the primary sub). */
  subs: string;
  origin: string | null;
  issued_at: number;
  expires_at: number | null;
  revoked: Flag;
}

export interface AccountsTable {
  sub: string;
  kind: AccountKind;
  email: string | null;
  name: string | null;
  zoneinfo: string;
  created_at: number;
}

export interface AuthorizationsTable {
  application_id: string;
  sub: string;
  scope: string;
  status: 'active' | 'revoked';
  created_at: number;
}

export interface ApplicationCalendarsTable {
  application_id: string;
  application_calendar_id: string;
  sub: string;
}

export interface ProfilesTable {
  profile_id: string;
  sub: string;
  provider_name: string;
  provider_service: string;
  profile_name: string;
  connected: Flag;
  initial_sync_required: Flag;
  revoked: Flag;
  /** Copy of `source.type`, so feed polling can select profiles by it. */
  source_type: 'local' | 'ics_feed' | 'caldav';
  /** JSON ProfileSource. */
  source: string;
  created_at: number;
}

export interface CalendarsTable {
  calendar_id: string;
  profile_id: string;
  sub: string;
  name: string;
  read_only: Flag;
  deleted: Flag;
  is_primary: Flag;
  color: string | null;
  created_at: number;
  /** JSON ImportSource of the last import into the calendar, or null (none, or none recorded). */
  import_source: string | null;
}

export interface EventsTable {
  event_uid: string;
  calendar_id: string;
  sub: string;
  application_id: string | null;
  event_id: string | null;
  summary: string;
  description: string;
  /** Which pair of bound columns is set: start_ms/end_ms or start_date/end_date. */
  kind: 'time' | 'date';
  start_ms: number | null;
  end_ms: number | null;
  start_date: string | null;
  end_date: string | null;
  tzid: string;
  /** JSON EventLocation, or null. */
  location: string | null;
  url: string | null;
  color: string | null;
  /** JSON { minutes }[]. */
  reminders: string;
  transparency: Transparency;
  status: EventStatus;
  participation_status: ParticipationStatus;
  /** JSON Attendee[]. */
  attendees: string;
  /** JSON organizer object, or null. */
  organizer: string | null;
  /** JSON string[]. */
  categories: string;
  recurring: Flag;
  event_private: Flag;
  deleted: Flag;
  created: number;
  updated: number;
  source_key: string | null;
}

/**
 * Content shared by imported occurrences (migration 0007): every event field but identity,
 * bounds, flags and stamps, and the start of their source keys. The id is a digest of all of
 * it and the calendar, so the same content imported again finds its row.
 */
export interface ImportedContentsTable {
  content_id: string;
  calendar_id: string;
  /** The start of the source keys of the occurrences using the row (see imported-row.ts). */
  key_base: string;
  summary: string;
  description: string;
  tzid: string;
  /** JSON EventLocation, or null. */
  location: string | null;
  url: string | null;
  color: string | null;
  /** JSON { minutes }[]. */
  reminders: string;
  transparency: Transparency;
  status: EventStatus;
  participation_status: ParticipationStatus;
  /** JSON Attendee[]. */
  attendees: string;
  /** JSON organizer object, or null. */
  organizer: string | null;
  /** JSON string[]. */
  categories: string;
  recurring: Flag;
  event_private: Flag;
}

/** One imported occurrence (migration 0007): its account is its calendar's. */
export interface ImportedOccurrencesTable {
  event_uid: string;
  calendar_id: string;
  /** The source key is the content's key_base followed by this. */
  key_suffix: string;
  content_id: string;
  kind: 'time' | 'date';
  /** Epoch ms; for all-day occurrences the UTC midnight of the first day. */
  start_ms: number;
  /** Epoch ms; for all-day occurrences the UTC midnight of the (exclusive) end date. */
  end_ms: number;
  deleted: Flag;
  created: number;
  updated: number;
}

export interface AvailabilityRulesTable {
  application_id: string;
  sub: string;
  availability_rule_id: string;
  tzid: string;
  /** JSON string[]. */
  calendar_ids: string;
  /** JSON WeeklyPeriod[]. */
  weekly_periods: string;
  updated_at: number;
}

export interface AvailablePeriodsTable {
  application_id: string;
  sub: string;
  available_period_id: string;
  start_ms: number;
  end_ms: number;
  tzid: string | null;
}

export interface PagesTable {
  id_hash: string;
  credential_hash: string;
  resource: PageSnapshot['resource'];
  /** NULL for pages stored before migration 0006. */
  sub: string | null;
  body: string;
  expires_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface MigrationsTable {
  name: string;
  applied_at: number;
}

export interface DbSchema {
  applications: ApplicationsTable;
  credentials: CredentialsTable;
  accounts: AccountsTable;
  authorizations: AuthorizationsTable;
  application_calendars: ApplicationCalendarsTable;
  profiles: ProfilesTable;
  calendars: CalendarsTable;
  events: EventsTable;
  imported_contents: ImportedContentsTable;
  imported_occurrences: ImportedOccurrencesTable;
  availability_rules: AvailabilityRulesTable;
  available_periods: AvailablePeriodsTable;
  pages: PagesTable;
  settings: SettingsTable;
  kairos_migrations: MigrationsTable;
}

/** The database handle every query takes: the root Kysely instance or a transaction. */
export type Db = Kysely<DbSchema>;
