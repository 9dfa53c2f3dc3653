/**
 * The first schema. Types are chosen to mean the same on SQLite and PostgreSQL: `text`,
 * `integer` (flags, 0/1) and `bigint` (epoch ms; SQLite stores it as an integer too).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await s
    .createTable('applications')
    .addColumn('application_id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('credentials')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.application_id').onDelete('cascade'))
    .addColumn('sub', 'text')
    .addColumn('scope', 'text')
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('subs', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('credentials_application_sub').on('credentials').columns(['application_id', 'sub']).execute();
  await s.createIndex('credentials_expires_at').on('credentials').column('expires_at').execute();

  await s
    .createTable('credential_subs')
    .addColumn('credential_hash', 'text', (c) => c.notNull().references('credentials.hash').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_subs_pk', ['sub', 'credential_hash'])
    .execute();
  // The cascade from credentials looks rows up by hash.
  await s.createIndex('credential_subs_hash').on('credential_subs').column('credential_hash').execute();

  await s
    .createTable('accounts')
    .addColumn('sub', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('zoneinfo', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('authorizations')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.application_id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull().references('accounts.sub').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('authorizations_pk', ['application_id', 'sub'])
    .execute();
  await s.createIndex('authorizations_sub').on('authorizations').column('sub').execute();

  await s
    .createTable('application_calendars')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.application_id').onDelete('cascade'))
    .addColumn('application_calendar_id', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull().references('accounts.sub').onDelete('cascade'))
    .addPrimaryKeyConstraint('application_calendars_pk', ['application_id', 'application_calendar_id'])
    .execute();
  await s.createIndex('application_calendars_sub').on('application_calendars').column('sub').execute();

  await s
    .createTable('profiles')
    .addColumn('profile_id', 'text', (c) => c.primaryKey())
    .addColumn('sub', 'text', (c) => c.notNull().references('accounts.sub').onDelete('cascade'))
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('provider_service', 'text', (c) => c.notNull())
    .addColumn('profile_name', 'text', (c) => c.notNull())
    .addColumn('connected', 'integer', (c) => c.notNull())
    .addColumn('initial_sync_required', 'integer', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('profiles_sub').on('profiles').columns(['sub', 'created_at']).execute();
  await s.createIndex('profiles_source_type').on('profiles').column('source_type').execute();

  await s
    .createTable('calendars')
    .addColumn('calendar_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.profile_id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('read_only', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addColumn('color', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('calendars_sub').on('calendars').columns(['sub', 'created_at']).execute();
  await s.createIndex('calendars_profile').on('calendars').column('profile_id').execute();

  await s
    .createTable('events')
    .addColumn('event_uid', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.calendar_id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint')
    .addColumn('end_ms', 'bigint')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('tzid', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('color', 'text')
    .addColumn('reminders', 'text', (c) => c.notNull())
    .addColumn('transparency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('participation_status', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('recurring', 'integer', (c) => c.notNull())
    .addColumn('event_private', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('created', 'bigint', (c) => c.notNull())
    .addColumn('updated', 'bigint', (c) => c.notNull())
    .addColumn('source_key', 'text')
    // Timed events carry start_ms/end_ms, all-day events start_date/end_date: never a mix.
    .addCheckConstraint(
      'events_bounds',
      sql`(kind = 'time' and start_ms is not null and end_ms is not null and start_date is null and end_date is null)
        or (kind = 'date' and start_date is not null and end_date is not null and start_ms is null and end_ms is null)`,
    )
    .execute();
  // Window queries per account, one index per kind of bound.
  await s.createIndex('events_sub_start_ms').on('events').columns(['sub', 'start_ms']).execute();
  await s.createIndex('events_sub_start_date').on('events').columns(['sub', 'start_date']).execute();
  // A managed event is identified by (application, calendar, event_id) (PROTOCOL §5.6.3).
  await s
    .createIndex('events_managed_key')
    .on('events')
    .columns(['application_id', 'calendar_id', 'event_id'])
    .unique()
    .where(sql.ref('event_id'), 'is not', null)
    .execute();
  // An imported event is identified by its source key within its calendar; this index also
  // serves every per-calendar lookup (re-import, deletion of a calendar's events).
  await s
    .createIndex('events_calendar_source_key')
    .on('events')
    .columns(['calendar_id', 'source_key'])
    .unique()
    .where(sql.ref('source_key'), 'is not', null)
    .execute();
  await s.createIndex('events_calendar').on('events').column('calendar_id').execute();

  await s
    .createTable('availability_rules')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.application_id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull().references('accounts.sub').onDelete('cascade'))
    .addColumn('availability_rule_id', 'text', (c) => c.notNull())
    .addColumn('tzid', 'text', (c) => c.notNull())
    .addColumn('calendar_ids', 'text', (c) => c.notNull())
    .addColumn('weekly_periods', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('availability_rules_pk', ['application_id', 'sub', 'availability_rule_id'])
    .execute();

  await s
    .createTable('available_periods')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.application_id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull().references('accounts.sub').onDelete('cascade'))
    .addColumn('available_period_id', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('tzid', 'text')
    .addPrimaryKeyConstraint('available_periods_pk', ['application_id', 'sub', 'available_period_id'])
    .execute();
  await s.createIndex('available_periods_start').on('available_periods').columns(['application_id', 'sub', 'start_ms']).execute();

  await s
    .createTable('pages')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('credential_hash', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('pages_expires_at').on('pages').column('expires_at').execute();
}

export const initialSchema: Migration = { name: '0001_initial_schema', up };
