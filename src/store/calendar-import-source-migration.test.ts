/**
 * Migration 0005 on a database that already holds calendars and imported events (made by the
 * migrations before it): every calendar reads as before, with no import source recorded.
 * SQLite, and PostgreSQL in a fresh schema when KAIROS_TEST_POSTGRES is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CAL_1, PRO_1, SUB_1, T0, importedEvent, makeAccount, makeCalendar, makeProfile } from './contract/fixtures.js';
import { createStore, type CreateStoreOptions } from './create-store.js';
import type { DbSchema } from './db-schema.js';
import { migrations } from './migrations.js';
import { openPostgres } from './postgres/open-postgres.js';
import { calendarToRow } from './rows/calendar-row.js';
import { runMigrations, type Engine } from './run-migrations.js';
import { openSqlite } from './sqlite/open-sqlite.js';
import { testPostgresUrl } from './testing/postgres-target.js';

interface Engines {
  name: Engine;
  /** A fresh database: the URL createStore takes, its raw handle, and how to drop it. */
  open(): Promise<{ url: string; opts: CreateStoreOptions; db: Kysely<DbSchema>; drop(): Promise<void> }>;
}

const engines: Engines[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'kairos-m5-'));
      const url = join(dir, 'kairos.db');
      return { url, opts: {}, db: openSqlite(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const pgUrl = testPostgresUrl();
if (pgUrl !== null) {
  engines.push({
    name: 'postgres',
    async open() {
      const schema = `kairos_m5_${randomBytes(6).toString('hex')}`;
      return {
        url: pgUrl,
        opts: { schema },
        db: await openPostgres(pgUrl, { schema }),
        async drop() {
          const client = new pg.Client({ connectionString: pgUrl });
          await client.connect();
          try {
            await client.query(`drop schema if exists "${schema}" cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
  });
}

for (const engine of engines) {
  describe(`migration 0005_calendar_import_source on ${engine.name}`, () => {
    it('keeps existing calendars and events, with no source recorded', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0005');
        expect(before.map((m) => m.name)).toEqual(['0001_initial_schema', '0002_settings', '0003_pages_by_binding', '0004_no_credential_subs']);
        await runMigrations(db, engine.name, before, T0);
        await db.destroy();

        // Written through the current store, but into the old schema: everything but the new column.
        const old = await createStore(url, opts);
        const calendar = makeCalendar(CAL_1, PRO_1, SUB_1);
        try {
          await old.createAccount(makeAccount(SUB_1));
          await old.createProfile(makeProfile(PRO_1, SUB_1));
          expect(Object.keys(calendarToRow(calendar))).not.toContain('import_source');
          await old.createCalendar(calendar);
          await old.replaceImportedEvents(CAL_1, [importedEvent('a'), importedEvent('b')]);
          await old.migrate();
          expect(await old.getCalendar(CAL_1)).toEqual(calendar);
          expect(await old.getCalendarImportSource(CAL_1)).toBeNull();
          expect(await old.countImportedEvents(CAL_1)).toBe(2);
          await old.setCalendarImportSource(CAL_1, { key: 'file:/a.ics', shown: '/a.ics' });
          expect(await old.getCalendarImportSource(CAL_1)).toEqual({ key: 'file:/a.ics', shown: '/a.ics' });
        } finally {
          await old.close();
        }
      } finally {
        await drop();
      }
    });
  });
}
