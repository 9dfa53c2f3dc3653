/**
 * The import command in-process, for what a child process cannot show: the progress bar on a
 * terminal (a fake TTY here), drawn over the importer's phases and cleared before anything
 * else is printed. The built CLI is tested in test/blackbox/import.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../store/index.js';
import type { Output } from '../output.js';
import { runImport, shellQuoted } from './import.js';

const SUB = 'acc_0123456789abcdef01234567';
const DAY_MS = 86_400_000;

function calendarText(n: number, name = 'Busy'): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN', `X-WR-CALNAME:${name}`];
  const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  for (let i = 0; i < n; i++) lines.push('BEGIN:VEVENT', `UID:s${i}`, `DTSTART:${start}T0${i % 10}0000Z`, 'DURATION:PT30M', 'RRULE:FREQ=DAILY;COUNT=10', `SUMMARY:S${i}`, 'END:VEVENT');
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

describe('kairos import on a terminal', () => {
  let dir: string;
  let db: string;
  let server: Server;
  let base: string;
  const log: string[] = [];
  const o: Output = { json: false, out: (t) => log.push(`out:${t}`), err: (t) => log.push(`err:${t}`) };
  const tty = { isTTY: true, columns: 100, write: (t: string) => (log.push(`bar:${t}`), true) };
  const pipe = { isTTY: false, write: (t: string) => (log.push(`bar:${t}`), true) };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-import-tty-'));
    db = join(dir, 'k.db');
    const store = await createStore(db);
    await store.migrate();
    await store.createAccount({ sub: SUB, kind: 'account', email: null, name: null, zoneinfo: 'Etc/UTC', createdAt: Date.now() });
    await store.close();
    writeFileSync(join(dir, 'busy.ics'), calendarText(1200));
    const cut = calendarText(3, 'Cut');
    writeFileSync(join(dir, 'cut.ics'), cut.slice(0, cut.lastIndexOf('END:VEVENT')));
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(calendarText(3, 'Small')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws a bar over reading, expanding and storing, then clears it before the summary', async () => {
    log.length = 0;
    // A clock that moves a second per reading, so that every report may redraw the bar
    // whatever the speed of the machine.
    let t = 0;
    expect(await runImport(['--sub', SUB, '--database', db, join(dir, 'busy.ics')], o, { progress: tty, clock: () => (t += 1000) })).toBe(0);
    const bars = log.filter((l) => l.startsWith('bar:')).map((l) => l.slice(4));
    for (const b of bars) expect(b.startsWith('\r\x1b[K')).toBe(true);
    const shown = bars.map((b) => b.slice(4)).filter((b) => b !== '');
    expect(shown[0]).toBe('Reading lines…');
    expect(shown).toContain('Expanding series 1,200/1,200 [##############################] 100%');
    expect(shown).toContain('Storing occurrences 0/12,000 [------------------------------]   0%');
    expect(shown.at(-1)).toBe('Storing occurrences 12,000/12,000 [##############################] 100%');
    // Expansion reports every 500 series: the bar moves in between.
    expect(shown.some((b) => /^Expanding series (500|1,000)\/1,200/.test(b))).toBe(true);
    // Cleared, then exactly one summary line.
    expect(log.slice(-2)).toEqual(['bar:\r\x1b[K', expect.stringMatching(/^out:Imported into "Busy" \(cal_\w+, new\): 1200 events, 12000 occurrences, 0 overrides; 12000 created/)]);
  });

  it('shows the download of a URL', async () => {
    log.length = 0;
    expect(await runImport(['--sub', SUB, '--database', db, `${base}/small.ics`], o, { progress: tty })).toBe(0);
    expect(log.some((l) => /^bar:\r\x1b\[KDownloading bytes \d+/.test(l))).toBe(true);
  });

  it('clears the bar before an error is reported', async () => {
    log.length = 0;
    await expect(runImport(['--sub', SUB, '--database', db, join(dir, 'cut.ics')], o, { progress: tty })).rejects.toThrow(/the file is cut short/);
    expect(log[0]).toBe('bar:\r\x1b[KReading lines…');
    expect(log.at(-1)).toBe('bar:\r\x1b[K');
    expect(log.filter((l) => !l.startsWith('bar:'))).toEqual([]);
  });

  it('draws nothing when stderr is not a terminal', async () => {
    log.length = 0;
    expect(await runImport(['--sub', SUB, '--database', db, join(dir, 'busy.ics')], o, { progress: pipe })).toBe(0);
    expect(log).toEqual([expect.stringMatching(/^out:Imported into "Busy" \(cal_\w+\): .* 12000 unchanged/)]);
  });
});

describe('shellQuoted', () => {
  it.each([
    ['Kalender', '"Kalender"'],
    ['Team Holidays (2024)', '"Team Holidays (2024)"'],
    ["Tom's", '"Tom\'s"'],
    ['Say "hi"', `'Say "hi"'`],
    ["$HOME's \\ `x` !", `'$HOME'\\''s \\ \`x\` !'`],
  ])('%s → %s', (name, quoted) => {
    expect(shellQuoted(name)).toBe(quoted);
  });
});
