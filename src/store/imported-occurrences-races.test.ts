/**
 * Imported occurrences (migration 0007) under concurrency: a read that runs while a re-import
 * commits, and an API delete of an occurrence that runs while a re-import of its calendar is
 * under way. Both engines where the race can happen; PostgreSQL only when KAIROS_TEST_POSTGRES
 * is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedOccurrence } from '../core/index.js';
import { APP_A, CAL_1, HOUR, SUB_1, T0, makeImportedContent, seed } from './contract/fixtures.js';
import { KyselyStore } from './kysely-store.js';
import { openPostgres } from './postgres/open-postgres.js';
import { openSqlite } from './sqlite/open-sqlite.js';
import type { Db } from './db-schema.js';
import type { EventQuery, Store } from './store.js';
import { testPostgresUrl } from './testing/postgres-target.js';

const DAY = 24 * HOUR;
const NOW = T0 + 5 * HOUR;
const everything: EventQuery = { sub: SUB_1, managed: 'include', applicationId: APP_A, includeDeleted: true };

/** `n` daily instances of one series, sharing one content. */
function series(uid: string, n: number, summary: string): ImportedOccurrence[] {
  const c = makeImportedContent({ summary, recurring: true });
  return Array.from({ length: n }, (_, i) => ({ sourceKey: `${uid}#${i}`, content: c, allDay: false, startMs: T0 + i * DAY, endMs: T0 + i * DAY + HOUR }));
}

let uidCounter = 0;
const newEventUid = (): string => `evt_external_race${String(++uidCounter).padStart(20, '0')}`;

/**
 * A plugin that, once armed, holds the result of the next select that reads
 * `imported_occurrences` until released: a read made of several statements has its occurrence
 * rows then, and has not yet fetched the rest (their contents, say).
 */
class HoldAfterOccurrenceSelect implements KyselyPlugin {
  #armed = false;
  #ids = new Set<unknown>();
  #reach: () => void = () => {};
  #release: () => void = () => {};
  reached: Promise<void> = Promise.resolve();
  #released: Promise<void> = Promise.resolve();

  arm(): void {
    this.#armed = true;
    this.reached = new Promise((r) => (this.#reach = r));
    this.#released = new Promise((r) => (this.#release = r));
  }

  release(): void {
    this.#release();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const text = JSON.stringify(args.node);
    if (this.#armed && args.node.kind === 'SelectQueryNode' && text.includes('"imported_occurrences"')) {
      this.#ids.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#armed && this.#ids.has(args.queryId)) {
      this.#armed = false;
      this.#reach();
      await this.#released;
    }
    return args.result;
  }
}

interface Engine {
  name: string;
  /** A plain store and a store whose db carries `plugin`, on one fresh database. */
  open(plugin: KyselyPlugin): Promise<{ store: Store; held: Store; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    async open(plugin) {
      const dir = mkdtempSync(join(tmpdir(), 'kairos-race-'));
      const path = join(dir, 'kairos.db');
      const store = new KyselyStore(openSqlite(path), 'sqlite');
      await store.migrate();
      const held = new KyselyStore(openSqlite(path).withPlugin(plugin) as Db, 'sqlite');
      return {
        store,
        held,
        async dispose() {
          await held.close();
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
const pgUrl = testPostgresUrl();
if (pgUrl !== null) {
  engines.push({
    name: 'postgres',
    async open(plugin) {
      const schema = `kairos_race_${randomBytes(6).toString('hex')}`;
      const store = new KyselyStore(await openPostgres(pgUrl, { schema, poolSize: 4 }), 'postgres');
      await store.migrate();
      const held = new KyselyStore((await openPostgres(pgUrl, { schema, poolSize: 4 })).withPlugin(plugin) as Db, 'postgres');
      return {
        store,
        held,
        async dispose() {
          await held.close();
          await store.close();
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
  describe(`imported occurrences under concurrency (${engine.name})`, () => {
    let dispose: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await dispose?.();
      dispose = null;
    });

    it('a window read that overlaps a re-import which changes the content returns events instead of throwing "corrupt row"', async () => {
      const plugin = new HoldAfterOccurrenceSelect();
      const h = await engine.open(plugin);
      dispose = h.dispose;
      await seed(h.store);
      await h.store.replaceImportedOccurrences(CAL_1, series('s', 5, 'version 1'), { now: NOW, newEventUid });

      // The read gets its occurrence rows (pointing to the content of version 1)...
      plugin.arm();
      const reading = h.held.queryEvents({ ...everything, window: { fromMs: T0 - DAY, toMs: T0 + 10 * DAY, fromDate: '2026-05-31', toDate: '2026-06-11' } });
      const outcome = reading.then(
        (events) => ({ events, error: null as unknown }),
        (error: unknown) => ({ events: null, error }),
      );
      await plugin.reached;
      // ...a re-import that changes every title commits (and drops version 1's content row)...
      await h.store.replaceImportedOccurrences(CAL_1, series('s', 5, 'version 2'), { now: NOW + HOUR, newEventUid });
      // ...and only then does the read fetch the contents.
      plugin.release();
      const { events, error } = await outcome;

      expect(error === null ? null : String(error)).toBeNull();
      expect(events).toHaveLength(5);
    });
  });
}

if (pgUrl !== null) {
  describe('API delete of an imported occurrence racing a re-import (postgres)', () => {
    let dispose: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await dispose?.();
      dispose = null;
    });

    /** Waits until some backend of the database waits for a lock. */
    async function untilSomeoneWaitsForALock(): Promise<void> {
      const client = new pg.Client({ connectionString: pgUrl! });
      await client.connect();
      try {
        for (let i = 0; i < 200; i++) {
          const r = await client.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
          if ((r.rows[0] as { n: number }).n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error('nobody waited for a lock');
      } finally {
        await client.end();
      }
    }

    it('leaves each event_uid in one place: a deleted occurrence is not also stored as a live occurrence', async () => {
      const h = await engines.find((e) => e.name === 'postgres')!.open(new HoldAfterOccurrenceSelect());
      dispose = h.dispose;
      const { store } = h;
      await seed(store);
      await store.replaceImportedOccurrences(CAL_1, series('s', 3, 'version 1'), { now: NOW, newEventUid });
      const target = (await store.queryEvents(everything)).find((e) => e.sourceKey === 's#1')!;

      // What DELETE /v1/calendars/{id}/events with event_uid does, in a transaction held open
      // after its writes (as a slow request would be).
      let wrote!: () => void;
      const written = new Promise<void>((r) => (wrote = r));
      let finish!: () => void;
      const finished = new Promise<void>((r) => (finish = r));
      const deleting = h.held.transaction(async (tx) => {
        const event = await tx.getEvent(target.eventUid);
        await tx.putEvent({ ...event!, deleted: true, updated: NOW + 1 });
        wrote();
        await finished;
      });
      await written;

      // A re-import that changes the series starts meanwhile, reads what the calendar holds and
      // waits for the delete's row lock before rewriting the occurrence.
      const importing = store.transaction((tx) => tx.replaceImportedOccurrences(CAL_1, series('s', 3, 'version 2'), { now: NOW + HOUR, newEventUid }));
      await untilSomeoneWaitsForALock();
      finish();
      await deleting;
      await importing;

      const all = await store.queryEvents(everything);
      const copies = all.filter((e) => e.eventUid === target.eventUid);
      expect(copies.map((e) => ({ summary: e.summary, deleted: e.deleted }))).toHaveLength(1);

      // And a second delete through the API's path then removes what reads show.
      const again = await store.getEvent(target.eventUid);
      if (again && !again.deleted) await store.transaction((tx) => tx.putEvent({ ...again, deleted: true, updated: NOW + 2 }));
      const live = (await store.queryEvents({ ...everything, includeDeleted: false })).filter((e) => e.eventUid === target.eventUid);
      expect(live).toEqual([]);
    });
  });
}
