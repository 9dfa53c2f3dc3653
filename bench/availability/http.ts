/**
 * HTTP benchmark of `POST /v1/availability` against the real server (built with
 * `npm run build`, SQLite): 10 participants × 500 events pushed through the API, managed
 * availability rules in three zones, a 35-day query. The server runs on CPU 0, autocannon on
 * CPU 1 (when `taskset` exists).
 *
 *   npm run build && npx tsx bench/availability/http.ts [--duration 10] [--connections 10]
 *
 * The server's clock is the real one, so the window is the 35 days from the next Monday.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../../test/helpers/seeded-random.js';

const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const pinned = spawnSync('taskset', ['--version']).status === 0;
if (pinned) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'] as const;
const today = Math.floor(Date.now() / DAY) * DAY;
/** The next Monday 00:00Z after tomorrow (1970-01-05 was a Monday). */
const WINDOW_START = today + DAY + ((((4 - Math.floor((today + DAY) / DAY)) % 7) + 7) % 7) * DAY;
const WINDOW_END = WINDOW_START + 35 * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 500 event bodies for one person: daily and weekly series, 3 all-day events, random meetings. */
function calendar(person: number): Record<string, unknown>[] {
  const rand = seededRandom(1000 + person);
  const out: Record<string, unknown>[] = [];
  const add = (id: string, start: number, end: number, extra: Record<string, unknown> = {}) =>
    out.push({ event_id: id, summary: id, start: iso(start), end: iso(end), ...extra });
  const shift = (person % 4) * 30 * MIN;
  for (let d = 0; d < 35; d++) {
    const day = WINDOW_START + d * DAY;
    add(`standup-${d}`, day + 9 * 60 * MIN + shift, day + 9 * 60 * MIN + shift + 15 * MIN);
    add(`lunch-${d}`, day + 12 * 60 * MIN, day + 13 * 60 * MIN, d % 2 === 0 ? {} : { transparency: 'transparent' });
    if (d % 7 === 1) add(`1on1-${d}`, day + 14 * 60 * MIN + shift, day + 14 * 60 * MIN + shift + 30 * MIN);
    if (d % 7 === 3) add(`team-${d}`, day + 15 * 60 * MIN, day + 16 * 60 * MIN);
  }
  for (let i = 0; i < 3; i++) {
    const d = Math.floor(rand() * 35);
    out.push({ event_id: `allday-${i}`, summary: 'Away', start: date(WINDOW_START + d * DAY), end: date(WINDOW_START + (d + 1) * DAY) });
  }
  for (let i = 0; out.length < 500; i++) {
    const start = WINDOW_START + Math.floor(rand() * 35 * 96) * 15 * MIN;
    add(`m${i}`, start, start + (1 + Math.floor(rand() * 3)) * 15 * MIN, rand() < 0.1 ? { transparency: 'transparent' } : {});
  }
  return out;
}

function kairos(args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/kairos.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const args = ['bin/kairos.js', 'serve', '--port', '0', '--database', db, '--no-demo', '--log-level', 'warn', '--rate-limit-token', 'off'];
  const child = pinned ? spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-availability-'));
const db = join(dir, 'bench.db');
const app = JSON.parse(kairos(['app', 'create', '--name', 'bench', '--json', '--database', db])) as { client_id: string; client_secret: string };
const people = Array.from({ length: 10 }, (_, i) => {
  const zone = ZONES[i % 3]!;
  const acc = JSON.parse(kairos(['account', 'create', '--client-id', app.client_id, '--id', `person-${i}`, '--tzid', zone, '--json', '--database', db])) as { sub: string; access_token: string };
  return { ...acc, zone };
});

const server = await startServer(db);
try {
  const call = async (path: string, token: string, body?: unknown): Promise<Response> =>
    fetch(server.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const t0 = performance.now();
  await Promise.all(
    people.map(async (p, i) => {
      const { calendars } = (await (await call('/v1/calendars', p.access_token)).json()) as { calendars: { calendar_id: string }[] };
      const rule = { availability_rule_id: 'work', tzid: p.zone, weekly_periods: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, start_time: '07:00', end_time: '21:00' })) };
      if ((await call('/v1/availability_rules', p.access_token, rule)).status !== 200) throw new Error('rule upsert failed');
      for (const e of calendar(i)) {
        const res = await call(`/v1/calendars/${calendars[0]!.calendar_id}/events`, p.access_token, e);
        if (res.status !== 202) throw new Error(`event upsert ${res.status}: ${await res.text()}`);
      }
    }),
  );
  const loadSeconds = ((performance.now() - t0) / 1000).toFixed(1);

  const query = (format: string, required: 'all' | number) =>
    JSON.stringify({
      participants: [{ members: people.map((p) => ({ sub: p.sub, managed_availability: true })), required }],
      required_duration: { minutes: 30 },
      start_interval: { minutes: 15 },
      query_periods: [{ start: iso(WINDOW_START), end: iso(WINDOW_END) }],
      response_format: format,
    });
  const scenarios = [
    ['periods, required all', query('periods', 'all')],
    ['slots, required 3 of 10', query('slots', 3)],
    ['overlapping_slots, required 3 of 10', query('overlapping_slots', 3)],
  ] as const;
  const headers = { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' };

  console.log(`\nNode ${process.version}; ${connections} connections, ${duration} s per run${pinned ? ', server on CPU 0, generator on CPU 1' : ' (not pinned)'}`);
  console.log(`10 participants × 500 events (pushed in ${loadSeconds} s), rules in 3 zones, ${date(WINDOW_START)} + 35 days\n`);
  console.log('| scenario | results | body KiB | req/s | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, body] of scenarios) {
    const check = await fetch(server.url + '/v1/availability', { method: 'POST', headers, body });
    const text = await check.text();
    if (check.status !== 200) throw new Error(`${name}: ${check.status} ${text}`);
    const parsed = JSON.parse(text) as Record<string, unknown[]>;
    const results = (parsed.available_periods ?? parsed.available_slots)!.length;
    await autocannon({ url: server.url + '/v1/availability', method: 'POST', headers, body, connections, duration: 2 });
    const r = await autocannon({ url: server.url + '/v1/availability', method: 'POST', headers, body, connections, duration });
    if (r.errors + r.non2xx > 0) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
    console.log(`| ${name} | ${results} | ${(text.length / 1024).toFixed(1)} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} |`);
  }
} finally {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
  rmSync(dir, { recursive: true, force: true });
}
