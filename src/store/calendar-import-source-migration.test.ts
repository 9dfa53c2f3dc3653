/**
 * Migration 0005 on a database that already holds calendars and imported events (made by the
 * migrations before it): every calendar reads as before, with no import source recorded.
 * SQLite, and PostgreSQL in a fresh schema when KAIROS_TEST_POSTGRES is set.
 */
import { describe, expect, it } from 'vitest';
import { CAL_1, PRO_1, SUB_1, T0, importedEvent, makeAccount, makeCalendar, makeProfile } from './contract/fixtures.js';
import { createStore } from './create-store.js';
import { migrations } from './migrations.js';
import { accountToRow } from './rows/account-row.js';
import { calendarToRow } from './rows/calendar-row.js';
import { eventToRow } from './rows/event-row.js';
import { profileToRow } from './rows/profile-row.js';
import { runMigrations } from './run-migrations.js';
import { migrationEngines } from './testing/migration-engines.js';

const engines = migrationEngines('m5');

for (const engine of engines) {
  describe(`migration 0005_calendar_import_source on ${engine.name}`, () => {
    it('keeps existing calendars and events, with no source recorded', async () => {
      const { url, opts, db, drop } = await engine.open();
      try {
        const before = migrations.filter((m) => m.name < '0005');
        expect(before.map((m) => m.name)).toEqual(['0001_initial_schema', '0002_settings', '0003_pages_by_binding', '0004_no_credential_subs']);
        await runMigrations(db, engine.name, before, T0);
        // Rows as the store wrote them then; imported events were rows of `events` with a source key.
        const calendar = makeCalendar(CAL_1, PRO_1, SUB_1);
        expect(Object.keys(calendarToRow(calendar))).not.toContain('import_source');
        await db.insertInto('accounts').values(accountToRow(makeAccount(SUB_1))).execute();
        await db.insertInto('profiles').values(profileToRow(makeProfile(PRO_1, SUB_1))).execute();
        await db.insertInto('calendars').values(calendarToRow(calendar)).execute();
        await db.insertInto('events').values([eventToRow(importedEvent('a')), eventToRow(importedEvent('b'))]).execute();
        await db.destroy();

        const old = await createStore(url, opts);
        try {
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
