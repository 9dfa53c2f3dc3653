/**
 * In-process benchmark of the availability engine, and a side-by-side run against the npm
 * package `slot-calculator` on an equivalent single-person input.
 *
 *   npx tsx bench/availability/engine.ts [--iterations 500]
 *
 * Inputs are generated from a fixed seed, so runs are comparable.
 */
import { parseArgs } from 'node:util';
import { getSlots } from 'slot-calculator';
import { Temporal } from 'temporal-polyfill';
import { computeAvailability } from '../../src/core/availability/index.js';
import type { AvailabilityQuery, BusyEvent, MemberInput, ResponseFormat, WeeklyRule } from '../../src/core/availability/index.js';
import { seededRandom } from '../../test/helpers/seeded-random.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '500' } } });
const ITERATIONS = Number(values.iterations);

const MIN = 60_000;
const DAY = 86_400_000;
/** 35 days that include the US (03-08) and EU (03-29) spring-forward dates. */
const WINDOW_START = Date.UTC(2026, 2, 2);
const WINDOW_END = WINDOW_START + 35 * DAY;
const NOW = WINDOW_START - DAY;
const RULE_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'] as const;

function event(uid: string, start: number, end: number, extra: Partial<BusyEvent> = {}): BusyEvent {
  return {
    eventUid: uid,
    summary: uid,
    start: { kind: 'time', ms: start },
    end: { kind: 'time', ms: end },
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    deleted: false,
    eventPrivate: false,
    ...extra,
  };
}

/**
 * 500 events for one person: expanded recurring series (daily standup, daily lunch, weekly
 * one-to-one and team meeting), a few all-day events, and random meetings of which some are
 * cancelled, declined or transparent.
 */
function calendar(person: number): BusyEvent[] {
  const rand = seededRandom(1000 + person);
  const out: BusyEvent[] = [];
  const shift = (person % 4) * 30 * MIN;
  for (let d = 0; d < 35; d++) {
    const day = WINDOW_START + d * DAY;
    out.push(event(`p${person}-standup-${d}`, day + 9 * 3_600_000 + shift, day + 9 * 3_600_000 + shift + 15 * MIN));
    out.push(event(`p${person}-lunch-${d}`, day + 12 * 3_600_000, day + 13 * 3_600_000, { transparency: d % 2 === 0 ? 'opaque' : 'transparent' }));
    if (d % 7 === 1) out.push(event(`p${person}-1on1-${d}`, day + 14 * 3_600_000 + shift, day + 14 * 3_600_000 + shift + 30 * MIN));
    if (d % 7 === 3) out.push(event(`p${person}-team-${d}`, day + 15 * 3_600_000, day + 16 * 3_600_000));
  }
  for (let i = 0; i < 3; i++) {
    const d = Math.floor(rand() * 35);
    const date = new Date(WINDOW_START + d * DAY).toISOString().slice(0, 10);
    const next = new Date(WINDOW_START + (d + 1) * DAY).toISOString().slice(0, 10);
    out.push({ ...event(`p${person}-allday-${i}`, 0, 0), start: { kind: 'date', date }, end: { kind: 'date', date: next } });
  }
  for (let i = 0; out.length < 500; i++) {
    const start = WINDOW_START + Math.floor(rand() * 35 * 96) * 15 * MIN;
    const length = (1 + Math.floor(rand() * 3)) * 15 * MIN;
    const r = rand();
    const extra: Partial<BusyEvent> =
      r < 0.04 ? { status: 'cancelled' } : r < 0.08 ? { participationStatus: 'declined' } : r < 0.12 ? { transparency: 'transparent' } : r < 0.2 ? { status: 'tentative' } : {};
    out.push(event(`p${person}-m${i}`, start, start + length, extra));
  }
  return out;
}

function workweek(tzid: string, from: string, to: string): WeeklyRule {
  return {
    tzid,
    weeklyPeriods: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => ({ day, startTime: from, endTime: to })),
  };
}

const members: MemberInput[] = Array.from({ length: 10 }, (_, i) => {
  const tz = RULE_ZONES[i % 3]!;
  return { sub: `acc_${i}`, zoneinfo: tz, events: calendar(i), managedAvailability: true, rules: [workweek(tz, '07:00', '21:00')] };
});

function query(format: ResponseFormat, required: 'all' | number, maxResults = 512): AvailabilityQuery {
  return {
    groups: [{ required, members }],
    requiredDuration: 30,
    startInterval: 15,
    queryPeriods: [{ start: WINDOW_START, end: WINDOW_END }],
    responseFormat: format,
    maxResults,
    now: NOW,
  };
}

interface Figures {
  p50: number;
  p99: number;
  results: number;
}

function measure(run: () => number, iterations: number, warmup = Math.min(100, iterations)): Figures {
  let results = 0;
  for (let i = 0; i < warmup; i++) results = run();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    results = run();
    times[i] = performance.now() - t0;
  }
  times.sort();
  return { p50: times[Math.floor(iterations * 0.5)]!, p99: times[Math.min(iterations - 1, Math.floor(iterations * 0.99))]!, results };
}

function row(name: string, f: Figures): string {
  return `| ${name} | ${f.p50.toFixed(3)} | ${f.p99.toFixed(3)} | ${f.results} |`;
}

console.log(`Node ${process.version}, ${ITERATIONS} iterations after warm-up`);
console.log('\n10 participants × 500 events, rules in 3 zones, 35 days, 30 min, 15-min interval\n');
console.log('| scenario | p50 ms | p99 ms | results |');
console.log('|---|---|---|---|');
for (const [format, required, max] of [
  ['periods', 'all', 512],
  ['slots', 'all', 512],
  ['overlapping_slots', 'all', 512],
  ['periods', 3, 512],
  ['slots', 3, 512],
  ['overlapping_slots', 3, 512],
] as const) {
  const q = query(format, required, max);
  console.log(row(`${format}, required ${required}, max ${max}`, measure(() => computeAvailability(q).items.length, ITERATIONS)));
}

// Side by side: one person, Mon–Fri 09:00–17:00 Europe/Berlin, the same 500 events, 35 days,
// 30-minute slots, every slot (no cap). slot-calculator has no grid: it scans minute by minute.
const person = calendar(0);
const blocking = person.filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent' && e.participationStatus !== 'declined');
const iso = (ms: number): string => new Date(ms).toISOString();
const berlinMidnight = (b: BusyEvent['start']): number =>
  b.kind === 'time' ? b.ms : Temporal.PlainDate.from(b.date).toZonedDateTime('Europe/Berlin').epochMilliseconds;
const single: AvailabilityQuery = {
  groups: [{ required: 'all', members: [{ sub: 'acc_0', zoneinfo: 'Europe/Berlin', events: person, managedAvailability: true, rules: [workweek('Europe/Berlin', '09:00', '17:00')] }] }],
  requiredDuration: 30,
  startInterval: 15,
  queryPeriods: [{ start: WINDOW_START, end: WINDOW_END }],
  responseFormat: 'slots',
  maxResults: Number.MAX_SAFE_INTEGER,
  now: NOW,
};
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const calculatorInput = {
  from: iso(WINDOW_START),
  to: iso(WINDOW_END),
  duration: 30,
  outputTimezone: 'UTC',
  availability: days.map((day) => ({ day, from: '09:00', to: '17:00', timezone: 'Europe/Berlin' })),
  unavailability: blocking.map((e) =>
    e.start.kind === 'time' && e.end.kind === 'time'
      ? { from: iso(e.start.ms), to: iso(e.end.ms) }
      : // All-day: midnight to midnight in the account's zone, as the engine reads them.
        { from: iso(berlinMidnight(e.start)), to: iso(berlinMidnight(e.end)) },
  ),
};
const calcIterations = Math.max(5, Math.floor(ITERATIONS / 50));
const ours = measure(() => computeAvailability(single).items.length, ITERATIONS);
const theirs = measure(() => getSlots(calculatorInput).availableSlots.length, calcIterations, 2);
console.log('\nSingle person, Mon–Fri 09:00–17:00 Europe/Berlin, 500 events, 35 days, 30-minute slots\n');
console.log('| engine | p50 ms | p99 ms | slots |');
console.log('|---|---|---|---|');
console.log(row('Kairos (slots, 15-min grid)', ours));
console.log(row(`slot-calculator 2.2.1 (${calcIterations} iterations)`, theirs));
console.log(`\nratio of p50: ${(theirs.p50 / ours.p50).toFixed(0)}× faster`);
