/**
 * Black-box: the built CLI and server, as a user runs them. A fresh database, an application
 * and an account from the CLI, events pushed over HTTP, an element token for
 * http://localhost:5555, and reads with `et` from that origin and from another.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, kairos, requireBuild, startServer, type RunningServer } from '../helpers/cli.js';

describe('kairos serve, end to end', () => {
  let dir: string;
  let db: string;
  let server: RunningServer;
  let apiKey: string;
  let clientId: string;
  let sub: string;
  let accessToken: string;

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'kairos-bb-'));
    db = join(dir, 'kairos.db');
    const app = kairos(['app', 'create', '--name', 'Black box', '--redirect-uri', 'https://app.example.com/cb', '--json', '--database', db]);
    expect(app.status, app.stderr).toBe(0);
    const created = JSON.parse(app.stdout) as { client_id: string; client_secret: string };
    apiKey = created.client_secret;
    clientId = created.client_id;
    const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-1', '--tzid', 'Europe/Berlin', '--json', '--database', db]);
    expect(acc.status, acc.stderr).toBe(0);
    const account = JSON.parse(acc.stdout) as { sub: string; access_token: string };
    sub = account.sub;
    accessToken = account.access_token;
    server = await startServer(['--database', db, '--no-demo']);
  });

  afterAll(async () => {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the application it created', () => {
    const list = kairos(['app', 'list', '--json', '--database', db]);
    expect(list.status).toBe(0);
    const apps = JSON.parse(list.stdout) as { client_id: string; name: string }[];
    expect(apps.map((a) => a.client_id)).toEqual([clientId]);
    expect(list.stdout).not.toContain(apiKey);
  });

  it('pushes events, mints an origin-bound token and reads with it', async () => {
    const cals = (await (await fetch(`${server.url}/v1/calendars`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { calendars: { calendar_id: string }[] };
    const calendarId = cals.calendars[0]!.calendar_id;
    const today = new Date().toISOString().slice(0, 10);
    for (const [id, hour] of [['standup', '09'], ['review', '14']] as const) {
      const res = await fetch(`${server.url}/v1/calendars/${calendarId}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ event_id: id, summary: id, start: `${today}T${hour}:00:00Z`, end: `${today}T${hour}:30:00Z` }),
      });
      expect(res.status).toBe(202);
      expect(await res.text()).toBe('');
    }

    const mint = await fetch(`${server.url}/v1/element_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: '1', permissions: ['agenda'], subs: [sub], origin: 'http://localhost:5555' }),
    });
    expect(mint.status).toBe(200);
    const { element_token } = (await mint.json()) as { element_token: { token: string; origin: string; expires_in: number } };
    expect(element_token.origin).toBe('http://localhost:5555');
    expect(element_token.expires_in).toBe(64800);

    const url = `${server.url}/v1/events?et=${encodeURIComponent(element_token.token)}&tzid=Europe/Berlin&include_managed=true&include_userinfo=true`;
    const ok = await fetch(url, { headers: { origin: 'http://localhost:5555', 'cronofy-element': 'v1.0.0, agenda' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5555');
    const body = (await ok.json()) as { events: { summary: string }[]; userinfo: { sub: string } };
    expect(body.events.map((e) => e.summary)).toEqual(['standup', 'review']);
    expect(body.userinfo.sub).toBe(sub);

    const other = await fetch(url, { headers: { origin: 'http://localhost:6666' } });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: string }).error).toBe('origin_mismatch');

    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:6666', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5555');

    // Secrets never reach the server's logs.
    const logs = server.stdout() + server.stderr();
    for (const secret of [apiKey, accessToken, element_token.token]) expect(logs).not.toContain(secret);
    expect(logs).toContain('et=[redacted]');
  });

  it('refuses bad command lines with a message and a non-zero status', () => {
    const r = kairos(['account', 'create', '--client-id', 'nope', '--id', 'x', '--database', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no application has client_id nope');
    const r2 = kairos(['app', 'create', '--database', db]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('--name is required');
    const r3 = kairos(['serve', '--port', 'eighty', '--database', db]);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain('--port must be a whole number');
  });

  it('refuses to work on a SQLite database that does not exist, creating none; app create makes one and says so', () => {
    const elsewhere = join(dir, 'elsewhere', 'kairos.db');
    for (const args of [
      ['app', 'list'],
      ['account', 'create', '--client-id', clientId, '--id', 'x'],
      ['import', '--sub', sub, join(dir, 'none.ics')],
      ['feed', 'list', '--sub', sub],
    ]) {
      const r = kairos([...args, '--database', elsewhere]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`no database at ${elsewhere}: run this from the directory the server runs in`);
      expect(existsSync(elsewhere), args.join(' ')).toBe(false);
    }
    // An in-memory or empty database would be thrown away on exit: refused, not "No applications".
    for (const args of [['app', 'list', '--database', ':memory:'], ['app', 'create', '--name', 'Gone', '--database', ':memory:'], ['app', 'list', '--database', '']]) {
      const r = kairos(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/in-memory database|got an empty value/);
    }
    // A directory, a file that is not a database and a file: URI are named in a usage error.
    writeFileSync(join(dir, 'notes.txt'), 'not a database\n');
    for (const [db, message] of [
      [dir, `--database ${dir} is a directory: pass the database file, such as ${join(dir, 'kairos.db')}`],
      [join(dir, 'notes.txt'), `cannot open ${join(dir, 'notes.txt')} as a SQLite database: file is not a database`],
      [`file:${join(dir, 'x.db')}`, '--database takes a file path, not a file: URI'],
    ] as const) {
      const r = kairos(['app', 'create', '--name', 'X', '--database', db]);
      expect(r.status, db).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('not a database\n');
    // Commands on existing data say the same, before looking for the file.
    for (const target of [`file:${db}`, dir]) {
      const r = kairos(['app', 'list', '--database', target]);
      expect(r.status, target).toBe(2);
      expect(r.stderr).toMatch(/takes a file path, not a file: URI|is a directory: pass the database file/);
    }
    // An empty KAIROS_DATABASE counts as unset: the default ./data/kairos.db of the checkout.
    const emptyEnv = kairos(['app', 'list', '--json'], { KAIROS_DATABASE: '' });
    expect(emptyEnv.stderr).not.toMatch(/in-memory|empty value/);
    if (emptyEnv.status !== 0) expect(emptyEnv.stderr).toContain(`no database at ${join(ROOT, 'data', 'kairos.db')}`);
    else expect(Array.isArray(JSON.parse(emptyEnv.stdout))).toBe(true);
    const created = kairos(['app', 'create', '--name', 'Second', '--database', elsewhere]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain(`(A new database was created at ${elsewhere}.)`);
    const again = kairos(['app', 'create', '--name', 'Third', '--database', elsewhere]);
    expect(again.stdout).not.toContain('A new database was created');
    expect(kairos(['app', 'list', '--database', elsewhere]).stdout).toMatch(/Second[\s\S]*Third|Third[\s\S]*Second/);
  });

  it('with --port 0, links name the port it got', () => {
    expect(server.stderr()).toContain(`(public base URL http://127.0.0.1:${server.port})`);
  });

  it('prints help with status 0 when asked, and with status 2 when a subcommand is missing', () => {
    for (const args of [['--help'], ['app', '--help'], ['account', '-h'], ['serve', '--help'], ['app', 'create', '--help']]) {
      const r = kairos(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Usage');
    }
    const bare = kairos(['app']);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('kairos app create');
  });

  it('stops gracefully on SIGTERM', async () => {
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.stderr()).toContain('Kairos stopped.');
  });
});

describe('kairos serve on an empty database', () => {
  it('seeds the demo, prints its credentials once, and serves them', async () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), 'kairos-demo-'));
    const db = join(dir, 'demo.db');
    const first = await startServer(['--database', db]);
    try {
      const err = first.stderr();
      const key = /client_secret:\s+(\S+)/.exec(err)?.[1];
      const sub = /account sub:\s+(\S+)/.exec(err)?.[1];
      const token = /access_token:\s+(\S+)/.exec(err)?.[1];
      expect(key && sub && token).toBeTruthy();
      // The built server found the shipped calendars (assets/demo/) beside dist/.
      expect(err).toMatch(/account sub:\s+\S+\s+\(105 events around today\)/);
      const res = await fetch(`${first.url}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { events: unknown[] };
      expect(body.events.length).toBeGreaterThan(40);
      const userinfo = (await (await fetch(`${first.url}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } })).json()) as { sub: string };
      expect(userinfo.sub).toBe(sub);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // A second start finds data and does not seed again or print credentials.
    const second = await startServer(['--database', db]);
    try {
      expect(second.stderr()).not.toContain('client_secret');
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns when the clock is set with --now and uses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-now-'));
    // TZ makes the server's own zone, and so the demo account's, Europe/Berlin.
    const server = await startServer(['--database', join(dir, 'now.db'), '--now', '2026-03-29T00:30:00Z'], { TZ: 'Europe/Berlin' });
    try {
      const logs = server.stdout();
      expect(logs).toContain('testing aid');
      const token = /access_token:\s+(\S+)/.exec(server.stderr())?.[1];
      // The demo was moved to the week of the --now date (Monday 2026-03-23), not the real
      // date: the five weeks around it hold 70 occurrences (see test/http/demo-seed.test.ts).
      const res = await fetch(`${server.url}/v1/events?from=2026-03-09&to=2026-04-13&tzid=Europe/Berlin`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { events: { summary: string; start: string }[] };
      expect(body.events).toHaveLength(70);
      // Sunday 2026-03-29, the day Europe moves to summer time: the birthday (all-day) and a
      // floating 17:00, which is 15:00 UTC on summer time.
      const sunday = await fetch(`${server.url}/v1/events?from=2026-03-29&to=2026-03-30&tzid=Europe/Berlin`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await sunday.json()) as { events: { summary: string; start: string }[] }).events.map((e) => [e.summary, e.start])).toEqual([
        ["Mum's birthday", '2026-03-29'],
        ['Video call with Grandma', '2026-03-29T15:00:00Z'],
      ]);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
