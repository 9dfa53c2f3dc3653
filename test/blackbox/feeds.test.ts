/**
 * Black-box: feeds through the built CLI and server. `kairos feed add|list|refresh|remove`
 * against a local feed server, usage errors, and `kairos serve` polling a feed that is due (its
 * clock set ahead with --now), parsing in the built worker, and stopping cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcsParsePool, resolveParseWorkerEntry } from '../../src/sync/feeds/index.js';
import { feedIcs, startFeedServer, type FeedServer } from '../../src/sync/feeds/test-helpers.js';
import { BIN, ROOT, kairos, requireBuild, startServer } from '../helpers/cli.js';

/**
 * Runs the CLI without blocking this process: the feed server it fetches from runs here, and
 * `kairos()` (spawnSync) would stop it from answering.
 */
function kairosAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const ICS = feedIcs([
  { uid: 'standup', summary: 'Standup', start: '2026-06-02T09:00:00Z', end: '2026-06-02T09:15:00Z' },
  { uid: 'review', summary: 'Review', start: '2026-06-03T14:00:00Z', end: '2026-06-03T15:00:00Z' },
]);

describe('kairos feed and the poller, end to end', () => {
  let dir: string;
  let db: string;
  let feeds: FeedServer;
  let sub: string;
  let accessToken: string;
  let clientId: string;
  const env = { KAIROS_FEED_ALLOW_PRIVATE: 'true' };

  beforeAll(async () => {
    requireBuild();
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'kairos-feeds-'));
    db = join(dir, 'kairos.db');
    const app = kairos(['app', 'create', '--name', 'Feeds', '--redirect-uri', 'https://app.example.com/cb', '--json', '--database', db]);
    expect(app.status, app.stderr).toBe(0);
    clientId = (JSON.parse(app.stdout) as { client_id: string }).client_id;
    const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-1', '--json', '--database', db]);
    expect(acc.status, acc.stderr).toBe(0);
    ({ sub, access_token: accessToken } = JSON.parse(acc.stdout) as { sub: string; access_token: string });
  });

  afterAll(async () => {
    await feeds?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the bundle parses in the built worker beside it', async () => {
    const entry = resolveParseWorkerEntry(pathToFileURL(join(ROOT, 'dist', 'kairos.js')).href);
    expect(entry).toEqual({ kind: 'js', url: pathToFileURL(join(ROOT, 'dist', 'feed-parse-worker.js')) });
    const pool = new IcsParsePool({ entry });
    try {
      const r = await pool.parse(new TextEncoder().encode(ICS), { defaultTzid: 'Etc/UTC', horizon: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) } });
      expect(r.occurrences.map((o) => o.content.summary)).toEqual(['Standup', 'Review']);
    } finally {
      await pool.close();
    }
  });

  it('refuses bad command lines with status 2', () => {
    const cases: [string[], RegExp][] = [
      [['feed'], /Usage:/],
      [['feed', 'subscribe'], /unknown feed command: subscribe/],
      [['feed', 'add', '--url', feeds.url('/a.ics')], /--sub is required/],
      [['feed', 'add', '--sub', sub], /--url is required/],
      [['feed', 'add', '--sub', sub, '--url', 'ftp://example.com/a.ics'], /--url: url must be an http, https or webcal URL \(not ftp\)/],
      [['feed', 'add', '--sub', sub, '--url', feeds.url('/a.ics'), '--interval', '30'], /--interval: interval_seconds must be between 60 and 604800/],
      [['feed', 'add', '--sub', sub, '--url', feeds.url('/a.ics'), '--interval', 'hourly'], /--interval must be a whole number of seconds/],
      [['feed', 'add', '--sub', sub, '--url', feeds.url('/a.ics'), '--name', ''], /^kairos: --name: name must not be empty or blank when given \(leave it out to name the feed after the URL's host\)\n$/],
      [['feed', 'add', '--sub', sub, '--url', feeds.url('/a.ics'), '--name', '   '], /^kairos: --name: name must not be empty or blank when given/],
      [['feed', 'add', '--sub', 'acc_000000000000000000000000', '--url', feeds.url('/a.ics')], /there is no account acc_000000000000000000000000/],
      [['feed', 'refresh'], /a PROFILE_ID is required/],
      [['feed', 'refresh', 'pro_nosuchfeed0000'], /there is no feed pro_nosuchfeed0000/],
      [['feed', 'remove', 'pro_nosuchfeed0000', '--url', 'x'], /--url does not apply to feed remove/],
    ];
    for (const [args, message] of cases) {
      const r = kairos([...args, '--database', db], env);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).toMatch(message);
    }
    const help = kairos(['serve', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--feed-interval', '--feed-timeout', '--feed-connect-timeout', '--feed-allow-private', '--no-feed-poll']) expect(help.stdout).toContain(flag);
    expect(kairos(['--help']).stdout).toContain('feed add|list|refresh|remove');
    // Without KAIROS_FEED_ALLOW_PRIVATE the local feed server is refused.
    const strict = kairos(['feed', 'add', '--sub', sub, '--url', feeds.url('/a.ics'), '--database', db]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/loopback or private address/);
  });

  it('adds, lists, refreshes and removes feeds; the server polls a feed that is due', async () => {
    feeds.set('/team.ics', { kind: 'ics', body: ICS, etag: '"t1"' });
    const added = await kairosAsync(['feed', 'add', '--sub', sub, '--url', feeds.url('/team.ics?token=s3cret'), '--name', 'Team', '--interval', '60', '--json', '--database', db], env);
    expect(added.status, added.stderr).toBe(0);
    const feed = JSON.parse(added.stdout) as { profile_id: string; feed_url: string; profile_connected: boolean; refresh: { status: string; events: { created: number } } };
    expect(feed).toMatchObject({ feed_url: `${feeds.origin}/…`, profile_connected: true, refresh: { status: 'updated', events: { created: 2 } } });
    expect(added.stdout).not.toContain('s3cret');

    // A failing first fetch: the feed is kept, with its error shown.
    const broken = await kairosAsync(['feed', 'add', '--sub', sub, '--url', feeds.url('/gone.ics'), '--database', db], env);
    expect(broken.status, broken.stderr).toBe(0);
    const brokenId = /Added feed (pro_\w+)/.exec(broken.stdout)![1]!;
    expect(broken.stdout).toMatch(
      new RegExp(
        `^Added feed ${brokenId} \\(calendar cal_\\w+\\)\\.\\n  first fetch: failed: the server answered HTTP 404 \\(Not Found\\)\\n` +
          `  The feed was added all the same: kairos serve tries it again on its interval \\(every 900 s\\)\\. See its status with: kairos feed list --sub ${sub}\\n$`,
      ),
    );

    const list = kairos(['feed', 'list', '--sub', sub, '--json', '--database', db]);
    expect(list.status).toBe(0);
    const rows = JSON.parse(list.stdout) as { profile_id: string; profile_connected: boolean; feed_last_error: string | null }[];
    expect(rows.map((r) => [r.profile_id, r.profile_connected, r.feed_last_error])).toEqual([
      [feed.profile_id, true, null],
      [brokenId, false, 'the server answered HTTP 404 (Not Found)'],
    ]);
    expect(kairos(['feed', 'list', '--database', db]).stdout).toMatch(/disconnected: the server answered HTTP 404/);

    // A refresh from a command without --feed-allow-private is refused by that command's own
    // policy: it says so, and the healthy feed's status stays as it was.
    const refused = await kairosAsync(['feed', 'refresh', feed.profile_id, '--database', db]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/not fetched: .*loopback or private address.*--feed-allow-private.*status is unchanged/);
    const after = JSON.parse(kairos(['feed', 'list', '--sub', sub, '--json', '--database', db]).stdout) as { profile_id: string; profile_connected: boolean; feed_last_error: string | null }[];
    expect(after.find((r) => r.profile_id === feed.profile_id)).toMatchObject({ profile_connected: true, feed_last_error: null });

    feeds.set('/gone.ics', { kind: 'status', status: 500 });
    const failed = await kairosAsync(['feed', 'refresh', brokenId, '--database', db], env);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/failed: the server answered HTTP 500/);
    const removed = kairos(['feed', 'remove', brokenId, '--json', '--database', db]);
    expect(removed.status).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ profile_id: brokenId, removed: true });

    // The server's clock starts two hours ahead, so the 60-second feed is due at once.
    const seen = feeds.requests.length;
    const ahead = new Date(Date.now() + 2 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const server = await startServer(['--database', db, '--no-demo', '--now', ahead, '--feed-allow-private']);
    try {
      let status: { feeds: { profile_id: string; feed_last_fetched_at: string | null }[] } = { feeds: [] };
      for (let i = 0; i < 100; i++) {
        status = (await (await fetch(`${server.url}/v1/feeds`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as typeof status;
        if (feeds.requests.length > seen && status.feeds[0]?.feed_last_fetched_at?.slice(0, 13) === ahead.slice(0, 13)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status.feeds.map((f) => f.profile_id)).toEqual([feed.profile_id]);
      expect(status.feeds[0]!.feed_last_fetched_at!.slice(0, 13)).toBe(ahead.slice(0, 13));
      const polled = feeds.requests.slice(seen);
      expect(polled).toHaveLength(1);
      expect(polled[0]).toMatchObject({ path: '/team.ics?token=s3cret', status: 304 });
      expect(polled[0]!.headers['if-none-match']).toBe('"t1"');
      // On demand, through the built server: a changed feed goes through the worker.
      feeds.set('/team.ics', { kind: 'ics', body: feedIcs([{ uid: 'retro', summary: 'Retro', start: '2026-06-04T16:00:00Z', end: '2026-06-04T17:00:00Z' }]), etag: '"t2"' });
      const res = await fetch(`${server.url}/v1/feeds/${feed.profile_id}/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: '{"wait":true}',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { refresh: { events: unknown } }).refresh.events).toEqual({ created: 1, updated: 0, unchanged: 0, removed: 2 });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.stderr()).toContain('Kairos stopped.');
    expect(server.stdout()).not.toContain('parse worker was not found');
    expect(server.stdout()).toContain('"msg":"feed refreshed"');
    expect(server.stdout()).not.toContain('s3cret');
  });

  it('refuses a URL the account already subscribes to with status 1, naming that feed', async () => {
    feeds.set('/rota.ics', { kind: 'ics', body: ICS });
    const url = feeds.url('/rota.ics?token=s3cret');
    const first = await kairosAsync(['feed', 'add', '--sub', sub, '--url', url, '--name', 'Team rota', '--json', '--database', db], env);
    expect(first.status, first.stderr).toBe(0);
    const { profile_id: id, feed_url_fingerprint: fingerprint } = JSON.parse(first.stdout) as { profile_id: string; feed_url_fingerprint: string };
    const message = `the account already subscribes to this URL: feed ${id} "Team rota" (see: kairos feed list --sub ${sub}); nothing was added`;

    const seen = feeds.requests.length;
    const again = await kairosAsync(['feed', 'add', '--sub', sub, '--url', url, '--name', 'Team rota', '--database', db], env);
    expect([again.status, again.stdout, again.stderr]).toEqual([1, '', `kairos: ${message}\n`]);
    // Named otherwise, or with a fragment: still the same URL once stored.
    const json = await kairosAsync(['feed', 'add', '--sub', sub, '--url', url + '#today', '--name', 'Another', '--json', '--database', db], env);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: 'failed', message });
    expect(feeds.requests.length).toBe(seen);
    type Row = { profile_id: string; sub: string; feed_url_fingerprint: string };
    const listed = () => (JSON.parse(kairos(['feed', 'list', '--json', '--database', db]).stdout) as Row[]).filter((r) => r.feed_url_fingerprint === fingerprint);
    expect(listed().map((r) => r.profile_id)).toEqual([id]);

    // Another account may subscribe to it; once removed, this account may again.
    const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-2', '--json', '--database', db]);
    expect(acc.status, acc.stderr).toBe(0);
    const otherSub = (JSON.parse(acc.stdout) as { sub: string }).sub;
    const theirs = await kairosAsync(['feed', 'add', '--sub', otherSub, '--url', url, '--name', 'Team rota', '--database', db], env);
    expect(theirs.status, theirs.stderr).toBe(0);
    expect(kairos(['feed', 'remove', id, '--database', db]).status).toBe(0);
    const back = await kairosAsync(['feed', 'add', '--sub', sub, '--url', url, '--name', 'Team rota', '--database', db], env);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/^Added feed pro_\w+ \(calendar cal_\w+\)\.\n  first fetch: imported 2 occurrences/);
    expect(listed().map((r) => r.sub).sort()).toEqual([sub, otherSub].sort());
  });
});
