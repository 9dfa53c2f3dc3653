/**
 * What the import's database writes cost by themselves, against ical.js parsing the same text
 * in the same run: the floor under the store half of an import.
 *
 *   1. ical.js alone (`ICAL.parse` + `new ICAL.Component`), as in run.ts: the baseline;
 *   2. the rows the store writes for the benchmark calendar (9,620 content rows, 64,380
 *      occurrence rows, built beforehand with the store's own row functions), inserted with
 *      bare better-sqlite3 into a fresh database of the real schema, as the store does (50 and
 *      100 rows a statement, one transaction, WAL), commit included;
 *   3. the same occurrences in a packed layout that the current schema does not have: one row per
 *      series (its occurrences sharing one content) holding its instances' bounds in a blob,
 *      and a thin row for the rest. A measure of what fewer rows would save, not a design.
 *
 * Nothing of Kairos runs in the timed part of 2 and 3 but the database: no parsing, no row
 * building, no ids, no comparisons. The store's own figure (run.ts, phase 3 minus the parse)
 * minus phase 2 here is what the store spends around its writes.
 *
 *   npx tsx bench/ics/floor.ts [--rounds 7] [--warmup 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import Database from 'better-sqlite3';
import type { ImportedContent } from '../../src/core/index.js';
import { bufferedRandom, externalEventUids } from '../../src/core/index.js';
import { CONTENT_COLUMNS, contentToRow, splitSourceKey, type ContentRow } from '../../src/store/rows/imported-row.js';
import { generateCalendar } from './generate-calendar.js';
import { CALENDAR_ID, openBenchStore, runIcalJs, runParse } from './phases.js';

const NOW = Date.UTC(2026, 2, 1);
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, warmup: { type: 'string', default: '2' } } });
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const cal = generateCalendar({ components: 10_000, seed: 20_260_301, now: NOW });
const expansion = runParse(cal.text, NOW, cal.accountEmail);

// The rows, as the store builds them (untimed).
const rowOf = new Map<ImportedContent, ContentRow>();
const contentRows: ContentRow[] = [];
const contentIds = new Set<string>();
const occurrenceValues: unknown[][] = [];
const newUid = externalEventUids(NOW, bufferedRandom((n) => new Uint8Array(randomBytes(n))));
const uses = new Map<ImportedContent, number>();
for (const o of expansion.occurrences) uses.set(o.content, (uses.get(o.content) ?? 0) + 1);
/** Occurrences that share their content: the instances of a series, by content. */
const series = new Map<ContentRow, { kind: string; bounds: number[] }>();
const lone: unknown[][] = [];
for (const o of expansion.occurrences) {
  const [base, suffix] = splitSourceKey(o.sourceKey);
  let row = rowOf.get(o.content);
  if (row === undefined || row.key_base !== base) {
    row = contentToRow(CALENDAR_ID, base, o.content);
    rowOf.set(o.content, row);
    // Two content objects alike are one row, as in the store.
    if (!contentIds.has(row.content_id)) contentRows.push(row);
    contentIds.add(row.content_id);
  }
  const kind = o.allDay ? 'date' : 'time';
  const values = [newUid(), CALENDAR_ID, suffix, row.content_id, kind, o.startMs, o.endMs, 0, NOW, NOW];
  occurrenceValues.push(values);
  if (uses.get(o.content)! > 1) {
    const s = series.get(row) ?? { kind, bounds: [] };
    s.bounds.push(o.startMs, o.endMs);
    series.set(row, s);
  } else lone.push(values);
}
const seriesRows = [...series].map(([row, s]) => [
  newUid(), CALENDAR_ID, row.key_base, row.content_id, s.kind, s.bounds[0]!, s.bounds[s.bounds.length - 1]!,
  Buffer.from(new Float64Array(s.bounds).buffer), NOW, NOW,
]);

const dir = mkdtempSync(join(tmpdir(), 'kairos-floor-'));
let fresh = 0;

/** A fresh database with the real schema (the store's migrations) and the bench calendar, closed again. */
async function freshDatabase(): Promise<string> {
  const path = join(dir, `f${fresh++}.db`);
  const store = await openBenchStore(path, cal.accountEmail, NOW);
  await store.close();
  return path;
}

function open(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

function insertAll(db: Database.Database, table: string, columns: readonly string[], rows: readonly unknown[][], perStatement: number): void {
  const statements = new Map<number, Database.Statement>();
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    let st = statements.get(part.length);
    if (st === undefined) {
      st = db.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(part.length).fill(row).join(', ')}`);
      statements.set(part.length, st);
    }
    st.run(part.flat());
  }
}

const OCCURRENCE_COLUMNS = ['event_uid', 'calendar_id', 'key_suffix', 'content_id', 'kind', 'start_ms', 'end_ms', 'deleted', 'created', 'updated'];
const contentValues = contentRows.map((r) => CONTENT_COLUMNS.map((c) => r[c]));

function writeRows(db: Database.Database): void {
  db.exec('begin immediate');
  insertAll(db, 'imported_contents', CONTENT_COLUMNS, contentValues, 50);
  insertAll(db, 'imported_occurrences', OCCURRENCE_COLUMNS, occurrenceValues, 100);
  db.exec('commit');
}

function writePacked(db: Database.Database): void {
  db.exec('begin immediate');
  insertAll(db, 'imported_contents', CONTENT_COLUMNS, contentValues, 50);
  insertAll(db, 'imported_occurrences', OCCURRENCE_COLUMNS, lone, 100);
  insertAll(db, 'packed_series', ['series_uid', 'calendar_id', 'key_base', 'content_id', 'kind', 'first_ms', 'last_ms', 'instances', 'created', 'updated'], seriesRows, 50);
  db.exec('commit');
}

const PACKED_TABLE = `create table packed_series (series_uid text primary key, calendar_id text not null references calendars (calendar_id) on delete cascade,
  key_base text not null, content_id text not null, kind text not null, first_ms bigint not null, last_ms bigint not null, instances blob not null,
  created bigint not null, updated bigint not null); create index packed_series_calendar_first on packed_series (calendar_id, first_ms)`;

type Phase = 'icaljs' | 'rows' | 'packed';
const PHASES: Phase[] = ['icaljs', 'rows', 'packed'];

async function once(phase: Phase): Promise<number> {
  if (phase === 'icaljs') {
    gc();
    const t = performance.now();
    runIcalJs(cal.text);
    return performance.now() - t;
  }
  const path = await freshDatabase();
  const db = open(path);
  if (phase === 'packed') db.exec(PACKED_TABLE);
  gc();
  const t = performance.now();
  if (phase === 'rows') writeRows(db);
  else writePacked(db);
  const ms = performance.now() - t;
  db.close();
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const times: Record<Phase, number[]> = { icaljs: [], rows: [], packed: [] };
try {
  for (let r = 0; r < warmup + rounds; r++) {
    const order = PHASES.map((_, i) => PHASES[(i + r) % PHASES.length]!);
    const got: Partial<Record<Phase, number>> = {};
    for (const p of order) got[p] = await once(p);
    if (r >= warmup) for (const p of PHASES) times[p].push(got[p]!);
    process.stderr.write(`round ${r + 1}/${warmup + rounds}: ${PHASES.map((p) => `${p} ${got[p]!.toFixed(0)} ms`).join(', ')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const base = median(times.icaljs);
console.log(`\n${contentRows.length} content rows; ${occurrenceValues.length} occurrence rows, or ${lone.length} thin rows and ${seriesRows.length} packed series`);
console.log('| phase | wall ms (median) | vs ical.js |\n|---|---|---|');
for (const p of PHASES) console.log(`| ${p} | ${median(times[p]).toFixed(0)} | ${(median(times[p]) / base).toFixed(2)}× |`);
