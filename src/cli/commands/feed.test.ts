/**
 * The feed command in-process, for what child processes cannot show reliably: several
 * `kairos feed add` started at the same instant (each opens its own store, as a process would)
 * on an account two feeds short of the limit, and with one URL for one account. On SQLite (a temp file) and, when
 * KAIROS_TEST_POSTGRES is set, on PostgreSQL in a fresh schema. The built CLI is tested in
 * test/blackbox/feeds.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, ensureApplicationCalendar } from '../../services/index.js';
import { createStore, type Store } from '../../store/index.js';
import { testPostgresUrl } from '../../store/testing/postgres-target.js';
import { MAX_FEEDS_PER_ACCOUNT, createFeedProfile, listFeeds } from '../../sync/feeds/index.js';
import { startFeedServer, type FeedServer } from '../../sync/feeds/test-helpers.js';
import { UsageError } from '../args.js';
import type { Output } from '../output.js';
import { feedCommand } from './feed.js';

const random = (n: number) => new Uint8Array(randomBytes(n));
const clock = () => Date.now();
const COMMANDS = 8;
const quiet: Output = { json: true, out: () => undefined, err: () => undefined };

let feeds: FeedServer;
let dir: string;
const pgUrl = testPostgresUrl();
const pgSchema = `kairos_feed_cmd_${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  feeds = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'kairos-feed-cmd-'));
});
afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
  if (pgUrl === null) return;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${pgSchema}" cascade`);
  } finally {
    await client.end();
  }
});

const targets: [string, () => string][] = [['sqlite', () => join(dir, 'kairos.db')]];
if (pgUrl !== null) targets.push(['postgres', () => `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${pgSchema}`]);

/**
 * Migrates the database at `db` and creates an application with one application calendar
 * account in it; `then` runs on the same store before it is closed. Returns the account's sub.
 */
async function newAccount(db: string, name: string, then?: (deps: { store: Store; clock: typeof clock; random: typeof random }, sub: string) => Promise<void>): Promise<string> {
  const store = await createStore(db);
  try {
    await store.migrate();
    const deps = { store, clock, random };
    const app = await createApplication(deps, { name: `Feed ${name}` });
    const { sub } = await ensureApplicationCalendar(deps, { applicationId: app.application.applicationId, applicationCalendarId: `room-${name}`, accessTokenTtlSeconds: 600 });
    await then?.(deps, sub);
    return sub;
  } finally {
    await store.close();
  }
}

for (const [engine, databaseUrl] of targets) {
  describe(`kairos feed add on ${engine}`, () => {
    it(`lets exactly two of ${COMMANDS} concurrent commands add a feed to an account with ${MAX_FEEDS_PER_ACCOUNT - 2}`, async () => {
      const db = databaseUrl();
      const sub = await newAccount(db, 'limit', async (deps, sub) => {
        for (let i = 0; i < MAX_FEEDS_PER_ACCOUNT - 2; i++) await createFeedProfile(deps, { sub, url: `https://example.invalid/${i}.ics`, name: `f${i}`, intervalSeconds: 900 });
      });

      // The feed server answers 404: each added feed is kept with a failed first fetch.
      const runs = await Promise.allSettled(
        Array.from({ length: COMMANDS }, (_, i) => feedCommand(['add', '--sub', sub, '--url', feeds.url(`/none-${i}.ics`), '--feed-allow-private', '--database', db], quiet)),
      );
      const added = runs.filter((r) => r.status === 'fulfilled');
      expect(added.map((r) => r.value)).toEqual([0, 0]);
      for (const r of runs.filter((x) => x.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(UsageError);
        expect((r.reason as Error).message).toBe(`the account already has ${MAX_FEEDS_PER_ACCOUNT} feeds, the most allowed`);
      }
      const after = await createStore(db);
      try {
        expect(await listFeeds(after, sub)).toHaveLength(MAX_FEEDS_PER_ACCOUNT);
      } finally {
        await after.close();
      }
    }, 60_000);

    it(`lets exactly one of ${COMMANDS} concurrent commands subscribe an account to the same URL`, async () => {
      const db = databaseUrl();
      const sub = await newAccount(db, 'duplicates');

      const url = feeds.url('/same.ics');
      const runs = await Promise.allSettled(
        Array.from({ length: COMMANDS }, (_, i) => feedCommand(['add', '--sub', sub, '--url', url, '--name', `Same ${i}`, '--feed-allow-private', '--database', db], quiet)),
      );
      expect(runs.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([0]);
      const after = await createStore(db);
      let kept: Awaited<ReturnType<typeof listFeeds>>;
      try {
        kept = await listFeeds(after, sub);
      } finally {
        await after.close();
      }
      expect(kept).toHaveLength(1);
      const rejected = runs.filter((x) => x.status === 'rejected');
      expect(rejected).toHaveLength(COMMANDS - 1);
      for (const r of rejected) {
        // A refusal by what is stored, not a bad command line: status 1, not 2.
        expect(r.reason).not.toBeInstanceOf(UsageError);
        expect((r.reason as Error).message).toBe(
          `the account already subscribes to this URL: feed ${kept[0]!.profileId} "${kept[0]!.profileName}" (see: kairos feed list --sub ${sub}); nothing was added`,
        );
      }
    }, 60_000);
  });
}
