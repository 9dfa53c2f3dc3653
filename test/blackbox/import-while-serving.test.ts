/**
 * Black-box: a large `kairos import` (120,000 occurrences) runs in its own process against the
 * database of a running `kairos serve`. The server must keep answering reads while the import
 * holds SQLite's write lock (WAL), and a write must wait for the lock rather than fail, without
 * stopping the server: reads sent while the write waits are answered. Afterwards the imported events read back over HTTP and block free/busy.
 *
 * To tell when the import holds the write lock, the test asks SQLite itself: a connection of
 * its own tries BEGIN IMMEDIATE with no busy timeout every few milliseconds and records when
 * that is refused.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kairos, kairosAsync, requireBuild, startServer, type RunningServer } from '../helpers/cli.js';

const DAY_MS = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY_MS) * DAY_MS;
// Large enough that the import holds the write lock for a good while (most of a second here).
const SERIES = 600;
const PER_SERIES = 200;

const isoDay = (offset: number): string => new Date(TODAY + offset * DAY_MS).toISOString().slice(0, 10);

/** 600 daily series of 200 occurrences from 50 days ago, a minute apart: 120,000 occurrences, 600 on each day. */
function largeCalendar(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//black box//EN', 'X-WR-CALNAME:Large'];
  const start = isoDay(-50).replace(/-/g, '');
  for (let i = 0; i < SERIES; i++) {
    const minutes = 7 * 60 + i;
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:series-${i}@blackbox.example`,
      `DTSTART:${start}T${hhmm}00Z`,
      'DURATION:PT5M',
      `RRULE:FREQ=DAILY;COUNT=${PER_SERIES}`,
      `SUMMARY:Series ${i}`,
      `DESCRIPTION:Occurrence text for series ${i}, long enough to look like a real export.`,
      'LOCATION:Room 1',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

/** Start and end of the longest run of consecutive busy probes: the import's transaction. */
function longestBusyRun(probes: { at: number; busy: boolean }[]): [number, number] {
  let best: [number, number] = [0, 0];
  let from: number | null = null;
  for (const p of probes) {
    if (!p.busy) {
      from = null;
      continue;
    }
    from ??= p.at;
    if (p.at - from > best[1] - best[0]) best = [from, p.at];
  }
  return best;
}

interface Sample {
  at: number;
  status: number;
}

describe('kairos import while kairos serve is running', () => {
  let dir: string;
  let db: string;
  let server: RunningServer;
  let sub: string;
  let token: string;
  let calendarId: string;

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'kairos-import-serve-'));
    db = join(dir, 'kairos.db');
    const app = kairos(['app', 'create', '--name', 'Import while serving', '--json', '--database', db]);
    expect(app.status, app.stderr).toBe(0);
    const clientId = (JSON.parse(app.stdout) as { client_id: string }).client_id;
    const acc = kairos(['account', 'create', '--client-id', clientId, '--id', 'room-1', '--json', '--database', db]);
    expect(acc.status, acc.stderr).toBe(0);
    ({ sub, access_token: token } = JSON.parse(acc.stdout) as { sub: string; access_token: string });
    server = await startServer(['--database', db, '--no-demo', '--log-level', 'warn', '--page-size', '1000']);
    const cals = (await (await fetch(`${server.url}/v1/calendars`, { headers: { authorization: `Bearer ${token}` } })).json()) as { calendars: { calendar_id: string }[] };
    calendarId = cals.calendars[0]!.calendar_id;
    writeFileSync(join(dir, 'large.ics'), largeCalendar());
  });

  afterAll(async () => {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering reads during the import, lets a write wait for it, and then serves the imported events', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const reads: Sample[] = [];
    const probes: { at: number; busy: boolean }[] = [];
    let writeStatus: number | null = null;
    let writeSentAt = 0;
    let writeAnsweredAt = 0;
    let writeDone: Promise<void> | null = null;

    const probe = new Database(db);
    probe.pragma('busy_timeout = 0');
    const begin = probe.prepare('BEGIN IMMEDIATE');
    const rollback = probe.prepare('ROLLBACK');

    const importing = kairosAsync(['import', '--database', db, '--sub', sub, '--json', join(dir, 'large.ics')]);
    let running = true;
    void importing.then(() => (running = false));

    const readLoop = (async () => {
      const paths = [`/v1/events?from=${isoDay(0)}&to=${isoDay(1)}&tzid=Etc/UTC`, '/v1/userinfo', '/v1/calendars'];
      for (let i = 0; running; i++) {
        const res = await fetch(`${server.url}${paths[i % paths.length]}`, { headers: auth });
        await res.arrayBuffer();
        reads.push({ at: performance.now(), status: res.status });
      }
    })();

    const probeLoop = (async () => {
      let busySince: number | null = null;
      while (running) {
        const at = performance.now();
        try {
          begin.run();
          rollback.run();
          probes.push({ at, busy: false });
          busySince = null;
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
          probes.push({ at, busy: true });
          busySince ??= at;
          // Well inside the import's transaction (not a short write such as its migration
          // check), and once reads have been answered in it, the server takes a write: it must
          // wait for the lock, not fail.
          if (at - busySince >= 200 && reads.filter((r) => r.at >= busySince!).length >= 5) {
            writeDone ??= (async () => {
              writeSentAt = performance.now();
              const res = await fetch(`${server.url}/v1/calendars/${calendarId}/events`, {
                method: 'POST',
                headers: { ...auth, 'content-type': 'application/json' },
                body: JSON.stringify({ event_id: 'during-import', summary: 'Pushed during the import', start: `${isoDay(0)}T20:00:00Z`, end: `${isoDay(0)}T21:00:00Z` }),
              });
              writeStatus = res.status;
              writeAnsweredAt = performance.now();
            })();
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const done = await importing;
    await Promise.all([readLoop, probeLoop]);
    await writeDone;
    probe.close();

    expect(done.status, done.stderr).toBe(0);
    const result = JSON.parse(done.stdout) as { calendar_id: string; counts: { occurrences: number }; stored: { created: number } };
    expect(result.counts.occurrences).toBe(SERIES * PER_SERIES);
    expect(result.stored.created).toBe(SERIES * PER_SERIES);

    // Every read succeeded, and the import's write lock was seen with reads answered inside it.
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.filter((r) => r.status !== 200)).toEqual([]);
    const [lockFrom, lockTo] = longestBusyRun(probes);
    expect(lockTo - lockFrom, 'the import was seen holding the write lock').toBeGreaterThan(0);
    const duringLock = reads.filter((r) => r.at >= lockFrom && r.at <= lockTo);
    const duringImport = reads.filter((r) => r.at >= done.startedAt && r.at <= done.endedAt);
    expect(duringImport.length).toBeGreaterThanOrEqual(5);
    expect(duringLock.length, `lock seen for ${Math.round(lockTo - lockFrom)} ms`).toBeGreaterThanOrEqual(5);
    expect(writeStatus).toBe(202);
    // The write waited for the import's lock without stopping the server: reads sent after it
    // were answered before it was.
    const whileWriteWaited = reads.filter((r) => r.at > writeSentAt && r.at < writeAnsweredAt);
    expect(writeAnsweredAt - writeSentAt, 'the write waited for the lock').toBeGreaterThan(100);
    expect(whileWriteWaited.length, `reads answered during the write's ${Math.round(writeAnsweredAt - writeSentAt)} ms wait`).toBeGreaterThanOrEqual(3);

    // The imported events read back with the access token, next to the pushed one…
    const day = await fetch(`${server.url}/v1/events?from=${isoDay(0)}&to=${isoDay(1)}&tzid=Etc/UTC&include_managed=true`, { headers: auth });
    expect(day.status).toBe(200);
    const events = (await day.json()) as { pages: { total: number }; events: { calendar_id: string; summary: string; start: string; end: string; event_uid: string }[] };
    expect(events.pages.total).toBe(1);
    const imported = events.events.filter((e) => e.calendar_id === result.calendar_id);
    expect(imported.length).toBe(SERIES);
    expect(imported[0]).toMatchObject({ summary: 'Series 0', start: `${isoDay(0)}T07:00:00Z`, end: `${isoDay(0)}T07:05:00Z` });
    expect(imported.every((e) => e.event_uid.startsWith('evt_external_'))).toBe(true);
    expect(events.events.map((e) => e.summary)).toContain('Pushed during the import');

    // …and block in free/busy.
    const fb = await fetch(`${server.url}/v1/free_busy?from=${isoDay(0)}&to=${isoDay(1)}&tzid=Etc/UTC`, { headers: auth });
    expect(fb.status).toBe(200);
    const busy = ((await fb.json()) as { free_busy: { calendar_id: string; start: string; end: string; free_busy_status: string }[] }).free_busy;
    const importedBusy = busy.filter((b) => b.calendar_id === result.calendar_id);
    expect(importedBusy.length).toBe(SERIES);
    expect(importedBusy[SERIES - 1]).toEqual({ calendar_id: result.calendar_id, start: `${isoDay(0)}T16:59:00Z`, end: `${isoDay(0)}T17:04:00Z`, free_busy_status: 'busy' });
  }, 120_000);
});
