/**
 * The engine must not depend on the process time zone (`TZ`): every wall-clock computation goes
 * through explicit zones. This file computes a fixed set of results in-process, then runs
 * itself in child processes under `TZ=Pacific/Auckland` and `TZ=America/St_Johns` (a +13/+12
 * and a −02:30/−03:30 zone) and requires identical results.
 *
 * In the child (`KAIROS_TZ_PROBE_OUT` set) the same file only writes its results to that path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAvailability } from './compute-availability.js';
import { explainAvailability } from './explain.js';
import { computeSequencedAvailability } from './sequenced-availability.js';
import { queryArb, ZONES } from './test-arbitraries.js';
import { allDay, at, member, rule, timed } from './test-helpers.js';
import type { AvailabilityQuery, ResponseFormat } from './types.js';

/** Rules and all-day events in DST zones over a 35-day window spanning their transitions. */
function dstScenarios(): AvailabilityQuery[] {
  const windows = [
    { start: '2026-03-01T00:00:00Z', end: '2026-04-05T00:00:00Z' },
    { start: '2026-09-28T00:00:00Z', end: '2026-11-02T00:00:00Z' },
  ];
  const formats: ResponseFormat[] = ['periods', 'slots', 'overlapping_slots'];
  const out: AvailabilityQuery[] = [];
  for (const w of windows) {
    for (const format of formats) {
      const members = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'].map((tz, i) =>
        member(`m${i}`, {
          zoneinfo: tz,
          managedAvailability: true,
          rules: [rule(tz, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:30', '24:00')],
          events: [
            allDay(`ad${i}`, w.start.slice(0, 8) + '10', w.start.slice(0, 8) + '11'),
            timed(`t${i}`, w.start.slice(0, 8) + '12T10:00:30Z', w.start.slice(0, 8) + '12T11:15:00Z'),
          ],
        }),
      );
      out.push({
        groups: [{ required: 2, members }],
        requiredDuration: 60,
        startInterval: 60,
        buffer: { before: 15, after: 5 },
        queryPeriods: [{ start: at(w.start), end: at(w.end) }],
        responseFormat: format,
        now: at('2026-01-01T00:00:00Z'),
      });
    }
  }
  return out;
}

/** Everything the engine answers for a fixed, seeded set of inputs, as JSON. */
function results(): string {
  const queries = [
    ...dstScenarios(),
    ...(['periods', 'slots', 'overlapping_slots'] as const).flatMap((format) => fc.sample(queryArb({ format }), { seed: 20_260_329, numRuns: 60 })),
    ...fc.sample(queryArb({ slots: true }), { seed: 20_261_025, numRuns: 30 }),
  ];
  const availability = queries.map((q) => computeAvailability(q));
  const explanations = queries.map((q, i) => {
    const first = availability[i]!.items[0];
    const start = first?.start ?? (q.queryPeriods?.[0]?.start ?? q.querySlots?.[0] ?? q.now);
    return explainAvailability(q, { start, end: start + q.requiredDuration * 60_000 });
  });
  const sequenced = fc.sample(fc.tuple(queryArb(), queryArb()), { seed: 20_260_308, numRuns: 30 }).map(([a, b]) =>
    computeSequencedAvailability({
      items: [a, b].map((q, i) => ({
        sequenceId: i === 0 ? 'first' : 2,
        ordinal: i + 1,
        groups: q.groups,
        requiredDuration: q.requiredDuration,
        startInterval: q.startInterval,
        buffer: q.buffer,
        gapAfter: i === 0 ? { minimum: 15, maximum: 240 } : undefined,
      })),
      queryPeriods: a.queryPeriods ?? [],
      now: a.now,
    }),
  );
  return JSON.stringify({ availability, explanations, sequenced });
}

/** Minutes west of UTC on two dates, which tells which zone the process runs in. */
function processOffsets(): number[] {
  return [new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(), new Date(Date.UTC(2026, 6, 15)).getTimezoneOffset()];
}

const probeOut = process.env.KAIROS_TZ_PROBE_OUT;
const thisFile = fileURLToPath(import.meta.url);
const root = join(dirname(thisFile), '..', '..', '..');

if (probeOut !== undefined) {
  it('writes its results for the parent process', () => {
    writeFileSync(probeOut, JSON.stringify({ offsets: processOffsets(), results: results() }));
  });
} else {
  describe('results do not depend on the process time zone', () => {
    const here = results();

    // Compared with children in zones other than this process's own (npm test also runs this
    // whole suite under Pacific/Auckland and America/St_Johns; UTC then stands in).
    const zones = [
      { tz: 'Pacific/Auckland', offsets: [-780, -720] },
      { tz: 'America/St_Johns', offsets: [210, 150] },
      { tz: 'Etc/UTC', offsets: [0, 0] },
    ].filter((z) => JSON.stringify(z.offsets) !== JSON.stringify(processOffsets()));

    it.each(zones.slice(0, 2))(
      'TZ=$tz',
      ({ tz, offsets }) => {
        expect(processOffsets()).not.toEqual(offsets);
        const dir = mkdtempSync(join(tmpdir(), 'kairos-tz-'));
        const out = join(dir, 'results.json');
        try {
          const r = spawnSync('npx', ['vitest', 'run', relative(root, thisFile)], {
            cwd: root,
            env: { ...process.env, TZ: tz, KAIROS_TZ_PROBE_OUT: out },
            encoding: 'utf8',
          });
          expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
          const child = JSON.parse(readFileSync(out, 'utf8')) as { offsets: number[]; results: string };
          // Proves the child really ran in that zone.
          expect(child.offsets).toEqual(offsets);
          // Compare the text first (cheap); on a difference let the matcher show where.
          if (child.results !== here) expect(JSON.parse(child.results)).toEqual(JSON.parse(here));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      120_000,
    );

    it('the scenarios exercise every zone and produce results', () => {
      const parsed = JSON.parse(here) as { availability: { items: unknown[] }[]; sequenced: unknown[][] };
      expect(parsed.availability.filter((r) => r.items.length > 0).length).toBeGreaterThan(50);
      expect(parsed.sequenced.filter((s) => s.length > 0).length).toBeGreaterThan(0);
      expect(ZONES).toContain('America/St_Johns');
    });
  });
}
