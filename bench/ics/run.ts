/**
 * iCalendar import benchmark: a generated 10,000-VEVENT calendar (fixed seed) through
 *   1. ical.js alone: `ICAL.parse` + `new ICAL.Component` (parsing only, no expansion): the baseline;
 *   2. Kairos `expandIcs` (the importer's parse): parse, zones, expansion over the default import horizon;
 *   3. `importIcsIntoCalendar` into a fresh SQLite store: parse plus the store transaction;
 *   4. the same import again into that store (the idempotent path: everything unchanged).
 * Timings: one process, phases alternated round by round (order rotated), after warm-up
 * rounds, with a GC before each timed run; medians of wall-clock and of process CPU time
 * reported. Peak memory: each phase once in its own child process, VmHWM from
 * /proc/self/status.
 *
 *   npx tsx bench/ics/run.ts [--rounds 7] [--warmup 2] [--components 10000] [--check]
 *
 * `--check` also expands the file with ical.js (untimed) and compares the occurrences' starts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { defaultImportHorizon } from '../../src/sync/ics/index.js';
import { generateCalendar } from './generate-calendar.js';
import { openBenchStore, runIcalJs, runImport, runParse, type PhaseName } from './phases.js';

/** The import's `now`: fixed, so the horizon (a year back, two years ahead) is the same every run. */
const NOW = Date.UTC(2026, 2, 1);
const SEED = 20_260_301;
const PHASES: readonly PhaseName[] = ['icaljs', 'parse', 'import', 'reimport'];

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    components: { type: 'string', default: '10000' },
    check: { type: 'boolean', default: false },
    // Child mode: run one phase once and print its memory figures as JSON.
    phase: { type: 'string' },
    file: { type: 'string' },
    db: { type: 'string' },
    email: { type: 'string' },
  },
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** VmHWM (peak resident set) and VmRSS of this process, in MiB. */
function memory(): { peak: number; rss: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Child mode: the modules are loaded and the text read before the baseline is taken. */
async function child(phase: PhaseName, file: string, db: string, email: string): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const store = phase === 'import' || phase === 'reimport' ? await openBenchStore(db, email, NOW) : null;
  gc();
  const before = memory();
  let detail: string;
  if (phase === 'icaljs') detail = `${runIcalJs(text)} VEVENTs`;
  else if (phase === 'parse') detail = `${runParse(text, NOW, email).counts.occurrences} occurrences`;
  else {
    const r = await runImport(store!, text, NOW);
    detail = JSON.stringify(r.stored);
  }
  const after = memory();
  await store?.close();
  process.stdout.write(JSON.stringify({ phase, before, after, detail }) + '\n');
}

async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  const warmup = Number(values.warmup);
  const components = Number(values.components);
  const loadStart = loadavg();

  const cal = generateCalendar({ components, seed: SEED, now: NOW });
  const text = cal.text;
  const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-ics-'));
  try {
    const file = join(dir, 'calendar.ics');
    writeFileSync(file, text);
    const bytes = statSync(file).size;

    // The input is what it claims to be: every component read, nothing skipped.
    const probe = runParse(text, NOW, cal.accountEmail);
    const { counts } = probe;
    if (counts.components !== components) throw new Error(`parseIcs read ${counts.components} VEVENTs, expected ${components}`);
    if (counts.overrides !== cal.counts.moved + cal.counts.cancelled) throw new Error(`parseIcs read ${counts.overrides} overrides, expected ${cal.counts.moved + cal.counts.cancelled}`);
    if (probe.skipped.length > 0) throw new Error(`parseIcs skipped: ${JSON.stringify(probe.skipped.slice(0, 3))}`);
    if (runIcalJs(text) !== components) throw new Error('ical.js read a different number of VEVENTs');
    const cancelledOccurrences = probe.occurrences.filter((o) => o.content.status === 'cancelled').length;

    console.log(`Input: ${components} VEVENT components, ${(bytes / 1024 / 1024).toFixed(2)} MiB (${text.length} UTF-16 units), seed ${SEED}`);
    console.log(`  ${cal.counts.lone} lone timed, ${cal.counts.allDay} all-day, ${cal.counts.series} series masters, ${cal.counts.moved} moved and ${cal.counts.cancelled} cancelled overrides`);
    const h = defaultImportHorizon(NOW);
    console.log(`  horizon ${new Date(h.fromMs).toISOString().slice(0, 10)} → ${new Date(h.toMs).toISOString().slice(0, 10)}: ${counts.events} events (UIDs), ${counts.occurrences} occurrences (${cancelledOccurrences} cancelled), ${probe.warnings.length} warnings`);

    if (values.check) {
      // An independent expansion of the same text (the corpus suite's ical.js helper), untimed.
      const { countWithIcalJs } = await import('../../test/corpus/icaljs-expand.js');
      const t0 = performance.now();
      const ref = countWithIcalJs(text, h.fromMs, h.toMs);
      const ms = performance.now() - t0;
      const tally = new Map<string, number>();
      for (const o of probe.occurrences) {
        const k = o.allDay ? new Date(o.startMs).toISOString().slice(0, 10) : new Date(o.startMs).toISOString().replace('.000Z', 'Z');
        tally.set(k, (tally.get(k) ?? 0) + 1);
      }
      for (const k of ref.starts) tally.set(k, (tally.get(k) ?? 0) - 1);
      const onlyKairos = [...tally].filter(([, n]) => n > 0);
      const onlyIcal = [...tally].filter(([, n]) => n < 0);
      console.log(`  check: ical.js expansion (${(ms / 1000).toFixed(1)} s, untimed): ${ref.events} events, ${ref.occurrences} occurrences; starts only in Kairos: ${onlyKairos.map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}; only in ical.js: ${onlyIcal.map(([k, n]) => `${k} ×${-n}`).join(', ') || 'none'}; overrides ical.js matched to no instance: ${ref.orphanOverrides.length}`);
    }

    // Timings: wall clock, and this process's CPU time (all threads, so GC helpers count),
    // which a machine shared with other work inflates far less than the wall clock.
    type Key = PhaseName | 'importParse' | 'importStore';
    type Sample = Record<Key, number> & { cpu: Record<PhaseName, number> };
    const samples: Sample[] = [];
    const cpuMs = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let dbCount = 0;
    const importPair = async (s: Sample): Promise<void> => {
      const store = await openBenchStore(join(dir, `t${dbCount++}.db`), cal.accountEmail, NOW);
      gc();
      const c0 = cpuMs();
      const t0 = performance.now();
      const first = await runImport(store, text, NOW);
      const t1 = performance.now();
      const c1 = cpuMs();
      if (first.stored.created !== counts.occurrences) throw new Error(`import created ${first.stored.created}, expected ${counts.occurrences}`);
      gc();
      const c2 = cpuMs();
      const t2 = performance.now();
      const again = await runImport(store, text, NOW);
      const t3 = performance.now();
      const c3 = cpuMs();
      if (again.stored.unchanged !== counts.occurrences || again.stored.created + again.stored.updated + again.stored.removed !== 0) {
        throw new Error(`re-import was not idempotent: ${JSON.stringify(again.stored)}`);
      }
      await store.close();
      s.import = t1 - t0;
      s.importParse = first.storeStartedAt - t0;
      s.importStore = t1 - first.storeStartedAt;
      s.reimport = t3 - t2;
      s.cpu.import = c1 - c0;
      s.cpu.reimport = c3 - c2;
    };
    const timed = (phase: 'icaljs' | 'parse', f: () => unknown) => async (s: Sample): Promise<void> => {
      gc();
      const c0 = cpuMs();
      const t0 = performance.now();
      f();
      s[phase] = performance.now() - t0;
      s.cpu[phase] = cpuMs() - c0;
    };
    const steps = [timed('icaljs', () => runIcalJs(text)), timed('parse', () => runParse(text, NOW, cal.accountEmail)), importPair];
    for (let round = 0; round < warmup + rounds; round++) {
      const s = { cpu: {} } as Sample;
      // Rotate the order each round, so no phase always runs right after the same other one.
      for (let i = 0; i < steps.length; i++) await steps[(round + i) % steps.length]!(s);
      if (round >= warmup) samples.push(s);
      process.stderr.write(`round ${round + 1}/${warmup + rounds}${round < warmup ? ' (warm-up)' : ''}: ${PHASES.map((p) => `${p} ${s[p].toFixed(0)} ms (CPU ${s.cpu[p].toFixed(0)})`).join(', ')}\n`);
    }
    const med = (k: Key): number => median(samples.map((s) => s[k]));
    const medCpu = (k: PhaseName): number => median(samples.map((s) => s.cpu[k]));

    // Peak memory, one child per phase; the re-import child reopens the import child's store.
    const self = fileURLToPath(import.meta.url);
    const memDb = join(dir, 'memory.db');
    const mem: Record<string, { before: { peak: number; rss: number }; after: { peak: number; rss: number }; detail: string }> = {};
    for (const phase of PHASES) {
      const r = spawnSync(process.execPath, [...process.execArgv, self, '--phase', phase, '--file', file, '--db', memDb, '--email', cal.accountEmail], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`memory child ${phase} failed: ${r.stderr}`);
      mem[phase] = JSON.parse(r.stdout.trim().split('\n').pop()!) as (typeof mem)[string];
    }
    // The re-import child must have found the import child's rows, or it measured a first import.
    if (mem.reimport!.detail !== JSON.stringify({ created: 0, updated: 0, unchanged: counts.occurrences, removed: 0 })) {
      throw new Error(`memory child reimport did not re-import: ${mem.reimport!.detail}`);
    }

    const base = med('icaljs');
    const baseCpu = medCpu('icaljs');
    const fmt = (ms: number): string => ms.toFixed(0);
    const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en-US');
    const mib = (x: number): string => x.toFixed(0);
    const row = (name: string, p: PhaseName, occurrences: boolean): string => {
      const ms = med(p);
      const all = samples.map((s) => s[p]);
      const m = mem[p]!;
      const cells = [
        name, fmt(ms), `${fmt(Math.min(...all))}–${fmt(Math.max(...all))}`, `${(ms / base).toFixed(2)}×`, fmt(medCpu(p)), `${(medCpu(p) / baseCpu).toFixed(2)}×`,
        rate(components, ms), occurrences ? rate(counts.occurrences, ms) : '–', mib(m.after.peak), mib(m.after.peak - m.before.rss),
      ];
      return `| ${cells.join(' | ')} |`;
    };
    console.log(`\n${rounds} timed rounds after ${warmup} warm-up rounds; Node ${process.version}; load average ${loadStart} at start, ${loadavg()} at end\n`);
    console.log('| phase | wall ms (median) | wall range | wall vs ical.js | CPU ms (median) | CPU vs ical.js | VEVENTs/s | occurrences/s | peak RSS MiB | peak above start MiB |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    console.log(row('1. ical.js `ICAL.parse` + `new ICAL.Component` (baseline)', 'icaljs', false));
    console.log(row('2. Kairos `expandIcs` (parse, zones, expansion)', 'parse', true));
    console.log(row('3. `importIcsIntoCalendar`, fresh SQLite store', 'import', true));
    console.log(row('4. the same import again (all unchanged)', 'reimport', true));
    console.log(`\nInside 3: parse ${fmt(med('importParse'))} ms, store (ids, rows, commit) ${fmt(med('importStore'))} ms (medians).`);
    console.log(`Memory: one child process per phase; each started measuring at ${PHASES.map((p) => `${p} ${mib(mem[p]!.before.rss)}`).join(', ')} MiB RSS (modules loaded, text read, store opened for 3 and 4).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.phase !== undefined) {
  if (!(PHASES as readonly string[]).includes(values.phase) || values.file === undefined || values.db === undefined || values.email === undefined) {
    throw new Error('child mode needs --phase icaljs|parse|import|reimport --file --db --email');
  }
  await child(values.phase as PhaseName, values.file, values.db, values.email);
} else {
  await main();
}
