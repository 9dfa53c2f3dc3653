/**
 * The real server for browser tests: the built `kairos serve` (dist/kairos.js) on
 * http://127.0.0.1:<port>, a different origin from the host page on http://localhost:<port>.
 * Databases are prepared either by the server itself (the demo seed on an empty database) or
 * here, through the same seed with other calendars, before the server opens them.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { seedDemo, type DemoCalendarSource, type DemoSeed } from '../../../src/services/index.js';
import { createStore } from '../../../src/store/index.js';
import { startServer, type RunningServer } from '../../helpers/cli.js';
import { ROOT } from './host.js';

/** Builds dist/kairos.js and dist/elements/ (scripts/build.mjs), so the server under test is current. */
export function buildAll(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

/** A port that was free a moment ago: the server is told it, so its base URL (next_page links) is right. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', () => ok()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((ok) => probe.close(() => ok()));
  return port;
}

/**
 * Starts the built server on 127.0.0.1 with `args` (a `--database` among them). `env` is
 * added to the environment, e.g. `TZ` for the zone the demo account gets.
 *
 * @example const server = await startKairos(['--database', db, '--now', '2026-03-25T09:00:00Z'], { TZ: 'Europe/Berlin' });
 */
export async function startKairos(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  return startServer(['--port', String(await freePort()), '--log-level', 'warn', ...args], env);
}

/** The demo credentials `kairos serve` prints once after seeding. */
export function printedDemo(server: RunningServer): { apiKey: string; sub: string; events: number } {
  const err = server.stderr();
  const apiKey = /client_secret:\s+(\S+)/.exec(err)?.[1];
  const sub = /account sub:\s+(\S+)\s+\((\d+) events/.exec(err);
  if (apiKey === undefined || sub === null) throw new Error(`the server printed no demo credentials:\n${err}`);
  return { apiKey, sub: sub[1]!, events: Number(sub[2]) };
}

/** Mints an Agenda element token for `origin` through POST /v1/element_tokens. */
export async function mintAgendaToken(server: RunningServer, apiKey: string, sub: string, origin: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/element_tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: '1', permissions: ['agenda'], subs: [sub], origin }),
  });
  if (res.status !== 200) throw new Error(`minting failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { element_token: { token: string } }).element_token.token;
}

/**
 * The folder of real exports: KAIROS_FIXTURES_DIR, else ../shared/fixtures/ics beside the
 * checkout (as the corpus test finds it). Throws when it is missing: CI has it, and a test that
 * needs it must fail there rather than pass without it.
 */
export function fixturesDir(): string {
  const dir = process.env.KAIROS_FIXTURES_DIR ?? resolve(ROOT, '../shared/fixtures/ics');
  if (!existsSync(dir)) throw new Error(`the real ICS exports are missing: ${dir} does not exist (set KAIROS_FIXTURES_DIR to their folder)`);
  return dir;
}

/** The bytes of one real export from the fixtures folder. */
export function readFixture(name: string): Uint8Array {
  const path = join(fixturesDir(), name);
  if (!existsSync(path)) throw new Error(`the real ICS export ${name} is missing from ${fixturesDir()}`);
  return new Uint8Array(readFileSync(path));
}

/**
 * Seeds an account with `calendars` into a new SQLite database at `path`, with the clock at
 * `now` (the import horizon follows it), and closes the database for a server to open.
 */
export async function seedDatabase(path: string, opts: { now: string; tzid: string; calendars: DemoCalendarSource[] }): Promise<DemoSeed> {
  const store = await createStore(path);
  try {
    await store.migrate();
    const now = Date.parse(opts.now);
    return await seedDemo({ store, clock: () => now, random: (n) => new Uint8Array(randomBytes(n)) }, { tzid: opts.tzid, calendars: opts.calendars });
  } finally {
    await store.close();
  }
}
