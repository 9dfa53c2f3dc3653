/**
 * Deleting an imported occurrence through the API (DELETE /v1/calendars/{id}/events with
 * event_uid: getEvent, then putEvent with deleted: true) moves it into `events`. Its source key
 * may be long: the importer keeps UIDs of up to 1000 characters, 3000 bytes of UTF-8 in CJK
 * text, more than a PostgreSQL B-tree index entry may hold (2704 bytes), so no index of
 * `events` may hold the source key (migration 0007 dropped the one there was). SQLite, and
 * PostgreSQL when KAIROS_TEST_POSTGRES is set.
 */
import { describe, expect, it } from 'vitest';
import { APP_A, CAL_1, HOUR, SUB_1, T0, makeImportedContent, seed } from './contract/fixtures.js';
import { useFreshStore } from './contract/harness.js';
import type { EventQuery } from './store.js';
import { postgresTarget, testPostgresUrl } from './testing/postgres-target.js';
import { sqliteTarget } from './testing/sqlite-target.js';

const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };

const content = makeImportedContent();

/** 1000 distinct-looking CJK characters (so that PostgreSQL cannot compress the index entry). */
function longCjkUid(): string {
  let s = '';
  let x = 12345;
  for (let i = 0; i < 1000; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCodePoint(0x4e00 + (x % 20000));
  }
  return s;
}

const targets = [sqliteTarget];
const pgUrl = testPostgresUrl();
if (pgUrl !== null) targets.push(postgresTarget(pgUrl));

for (const target of targets) {
  describe(`deleting an imported occurrence with a long UID (${target.name})`, () => {
    const ctx = useFreshStore(target);

    it('moves it into events as deleted, as for any other imported occurrence', async () => {
      const { store } = ctx;
      await seed(store);
      const uid = longCjkUid();
      await store.replaceImportedOccurrences(CAL_1, [{ sourceKey: uid, content, allDay: false, startMs: T0, endMs: T0 + HOUR }], {
        now: T0,
        newEventUid: () => 'evt_external_longkey00000000000000001',
      });
      const [event] = await store.queryEvents(everything);
      expect(event!.sourceKey).toBe(uid);

      // What the DELETE route does.
      await store.transaction(async (tx) => {
        const found = await tx.getEvent(event!.eventUid);
        await tx.putEvent({ ...found!, deleted: true, updated: T0 + 1 });
      });
      expect((await store.queryEvents(everything)).map((e) => e.deleted)).toEqual([true]);
    });
  });
}
