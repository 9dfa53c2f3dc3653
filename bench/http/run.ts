/**
 * HTTP benchmark: requests/s and p99 latency of `POST /v1/element_tokens` and of an element
 * `GET /v1/events` (100 events in the window, SQLite), each against a bare node:http
 * hello-world measured in the same run, and against a floor server doing only the work each
 * route cannot avoid (bench/http/floor.mjs). Servers run on CPU 0, the load generator on CPU 1.
 *
 *   npm run build && npx tsx bench/http/run.ts [--duration 10] [--connections 50]
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

// The generator runs on CPU 1; servers are started on CPU 0.
if (hasTaskset) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const cmd = hasTaskset ? 'taskset' : process.execPath;
  const full = hasTaskset ? ['-c', '0', process.execPath, ...args] : args;
  const child = spawn(cmd, full, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident set size (VmHWM) of a process, in MiB. */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections, duration, ...opts });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

function kairos(args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/kairos.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-'));
const db = join(dir, 'bench.db');
const app = JSON.parse(kairos(['app', 'create', '--name', 'bench', '--json', '--database', db])) as { client_id: string; client_secret: string };
const account = JSON.parse(kairos(['account', 'create', '--client-id', app.client_id, '--id', 'bench', '--json', '--database', db])) as { sub: string; access_token: string };

const hello = await start(['bench/http/hello.mjs']);
const floor = await start(['bench/http/floor.mjs']);
const server = await start(['bin/kairos.js', 'serve', '--port', '0', '--database', db, '--no-demo', '--log-level', 'warn', '--rate-limit-token', 'off']);
try {
  // 100 events in the window read by the element.
  const cal = (await (await fetch(`${server.url}/v1/calendars`, { headers: { authorization: `Bearer ${account.access_token}` } })).json()) as { calendars: { calendar_id: string }[] };
  const calendarId = cal.calendars[0]!.calendar_id;
  const day0 = Date.UTC(2026, 5, 1);
  for (let i = 0; i < 100; i++) {
    const start = new Date(day0 + i * 3_600_000 * 3).toISOString().slice(0, 19) + 'Z';
    const end = new Date(day0 + i * 3_600_000 * 3 + 1_800_000).toISOString().slice(0, 19) + 'Z';
    const res = await fetch(`${server.url}/v1/calendars/${calendarId}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${account.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: `e${i}`, summary: `Event ${i}`, start, end, location: { description: 'Room 1' } }),
    });
    if (res.status !== 202) throw new Error(`upsert ${res.status}`);
  }
  const mintBody = JSON.stringify({ version: '1', permissions: ['agenda'], subs: [account.sub], origin: 'http://localhost:5555' });
  const mint = await fetch(`${server.url}/v1/element_tokens`, { method: 'POST', headers: { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' }, body: mintBody });
  const token = ((await mint.json()) as { element_token: { token: string } }).element_token.token;
  const eventsPath = `/v1/events?et=${token}&from=2026-06-01&to=2026-06-14&tzid=Europe/Berlin&include_managed=true`;
  const check = (await (await fetch(server.url + eventsPath, { headers: { origin: 'http://localhost:5555' } })).json()) as { events: unknown[] };
  if (check.events.length !== 100) throw new Error(`expected 100 events, got ${check.events.length}`);

  // Warm-up of every server and route, then measure: baseline, then each route, then the baseline again.
  await load({ url: hello.url, duration: 2 });
  await load({ url: server.url + eventsPath, headers: { origin: 'http://localhost:5555' }, duration: 2 });
  await load({ url: `${server.url}/v1/element_tokens`, method: 'POST', headers: { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' }, body: mintBody, duration: 2 });
  await load({ url: `${floor.url}/mint`, method: 'POST', headers: { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' }, body: mintBody, duration: 2 });
  await load({ url: `${floor.url}/events`, duration: 2 });
  const base1 = await load({ url: hello.url });
  const mintRes = await load({ url: `${server.url}/v1/element_tokens`, method: 'POST', headers: { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' }, body: mintBody });
  const eventsRes = await load({ url: server.url + eventsPath, headers: { origin: 'http://localhost:5555', 'cronofy-element': 'v1.0.0, agenda' } });
  const floorMint = await load({ url: `${floor.url}/mint`, method: 'POST', headers: { authorization: `Bearer ${app.client_secret}`, 'content-type': 'application/json' }, body: mintBody });
  const floorEvents = await load({ url: `${floor.url}/events` });
  const base2 = await load({ url: hello.url });
  const base = { rps: Math.round((base1.rps + base2.rps) / 2), p50: (base1.p50 + base2.p50) / 2, p99: Math.max(base1.p99, base2.p99) };
  const rss = peakRssMiB(server.child.pid!);

  const row = (name: string, r: { rps: number; p50: number; p99: number }, ratio?: number) =>
    `| ${name} | ${r.rps} | ${r.p50} | ${r.p99} | ${ratio === undefined ? '–' : ratio.toFixed(2) + '×'} |`;
  console.log(`\n${connections} connections, ${duration} s per run, servers on CPU 0, generator on CPU 1${hasTaskset ? '' : ' (taskset missing: not pinned)'}\n`);
  console.log('| route | req/s | p50 ms | p99 ms | vs hello-world |');
  console.log('|---|---|---|---|---|');
  console.log(row('node:http hello-world (mean of 2 runs)', base));
  console.log(row('POST /v1/element_tokens', mintRes, mintRes.rps / base.rps));
  console.log(row('GET /v1/events (element token, 100 events)', eventsRes, eventsRes.rps / base.rps));
  console.log(row('floor: node:http + one SQLite insert per token, group commit', floorMint, floorMint.rps / base.rps));
  console.log(row('floor: node:http + 100 rows as JSON', floorEvents, floorEvents.rps / base.rps));
  console.log(`\nKairos against the floor: mint ${(mintRes.rps / floorMint.rps).toFixed(2)}×, events ${(eventsRes.rps / floorEvents.rps).toFixed(2)}×`);
  console.log(`\nserver peak RSS: ${rss} MiB; errors: mint ${mintRes.errors + mintRes.non2xx}, events ${eventsRes.errors + eventsRes.non2xx}`);
} finally {
  await stop(server.child);
  await stop(hello.child);
  await stop(floor.child);
  rmSync(dir, { recursive: true, force: true });
}
