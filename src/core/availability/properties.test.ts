/**
 * Property tests: the engine against a slow, independent model built straight from the protocol
 * text (§5.7.2–§5.7.4) with millisecond arithmetic and Temporal, over random queries around
 * DST transitions.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { WeeklyPeriod } from '../types.js';
import { eventBlocks } from './busy-blocks.js';
import { computeAvailability } from './compute-availability.js';
import { queryArb } from './test-arbitraries.js';
import type { AvailabilityQuery, AvailableInterval, MemberInput, TimeRange } from './types.js';

const MIN = 60_000;
const DAY_MS = 86_400_000;
const RUNS = { numRuns: 250 };

function merge(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function inside(ranges: readonly TimeRange[], s: number, e: number): boolean {
  return ranges.some((r) => r.start <= s && e <= r.end);
}

/** Whole minutes inside a range, as the protocol rounds query and available bounds. */
function inward(r: TimeRange): TimeRange {
  return { start: Math.ceil(r.start / MIN) * MIN, end: Math.floor(r.end / MIN) * MIN };
}

const DAY_INDEX: Record<WeeklyPeriod['day'], number> = { sunday: 7, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** A member, modelled once per query: the sets that decide whether it is free. */
interface MemberModel {
  member: MemberInput;
  own: TimeRange[] | null;
  managed: TimeRange[] | null;
  busy: TimeRange[];
}

function modelMember(m: MemberInput, from: number, to: number): MemberModel {
  let managed: TimeRange[] | null = null;
  if (m.managedAvailability === true) {
    const occ: TimeRange[] = (m.accountAvailablePeriods ?? []).map(inward);
    for (const rule of m.rules ?? []) {
      const first = Temporal.Instant.fromEpochMilliseconds(from - 2 * DAY_MS).toZonedDateTimeISO(rule.tzid).toPlainDate();
      for (let d = first; Temporal.PlainDate.compare(d, Temporal.Instant.fromEpochMilliseconds(to + 2 * DAY_MS).toZonedDateTimeISO(rule.tzid).toPlainDate()) <= 0; d = d.add({ days: 1 })) {
        for (const p of rule.weeklyPeriods) {
          if (DAY_INDEX[p.day] !== d.dayOfWeek) continue;
          const at = (date: Temporal.PlainDate, hm: string): number => {
            const [h, mi] = hm.split(':').map(Number) as [number, number];
            const pdt = h === 24 ? date.add({ days: 1 }).toPlainDateTime() : date.toPlainDateTime({ hour: h, minute: mi });
            return pdt.toZonedDateTime(rule.tzid, { disambiguation: 'compatible' }).epochMilliseconds;
          };
          occ.push({ start: at(d, p.startTime), end: at(d, p.endTime) });
        }
      }
    }
    managed = merge(occ);
  }
  const busy = m.events.filter(eventBlocks).map((e) => ({
    start: e.start.kind === 'time' ? e.start.ms : Temporal.PlainDate.from(e.start.date).toZonedDateTime(m.zoneinfo).epochMilliseconds,
    end: e.end.kind === 'time' ? e.end.ms : Temporal.PlainDate.from(e.end.date).toZonedDateTime(m.zoneinfo).epochMilliseconds,
  }));
  return { member: m, own: m.availablePeriods ? merge(m.availablePeriods.map(inward)) : null, managed, busy };
}

interface QueryModel {
  query: TimeRange[];
  nowFloor: number;
  duration: number;
  before: number;
  after: number;
  members: { model: MemberModel; group: number }[];
  needs: number[];
}

function modelQuery(q: AvailabilityQuery): QueryModel {
  const duration = q.requiredDuration * MIN;
  const query = q.querySlots ? merge(q.querySlots.map((s) => ({ start: s, end: s + duration }))) : merge((q.queryPeriods ?? []).map(inward));
  const from = query[0]?.start ?? q.now;
  const to = query[query.length - 1]?.end ?? q.now;
  return {
    query,
    nowFloor: Math.ceil(q.now / MIN) * MIN,
    duration,
    before: (q.buffer?.before ?? 0) * MIN,
    after: (q.buffer?.after ?? 0) * MIN,
    members: q.groups.flatMap((g, gi) => g.members.map((m) => ({ model: modelMember(m, from, to), group: gi }))),
    needs: q.groups.map((g) => (g.required === 'all' ? g.members.length : g.required)),
  };
}

/** §5.7.2 word for word: is this member free throughout [s, e)? */
function freeThroughout(qm: QueryModel, mm: MemberModel, s: number, e: number): boolean {
  if (!inside(qm.query, s, e) || s < qm.nowFloor) return false;
  if (mm.own && !inside(mm.own, s, e)) return false;
  if (mm.managed && !inside(mm.managed, s, e)) return false;
  // Block [bs, be) widened to [bs − after, be + before) must not meet [s, e).
  return !mm.busy.some((b) => b.end > b.start && b.start - qm.after < e && b.end + qm.before > s);
}

/** Subs free throughout [s, e), in request order; and whether every group is satisfied. */
function judge(qm: QueryModel, s: number, e: number): { valid: boolean; subs: string[] } {
  const counts = qm.needs.map(() => 0);
  const subs: string[] = [];
  for (const { model, group } of qm.members) {
    if (freeThroughout(qm, model, s, e)) {
      counts[group]!++;
      subs.push(model.member.sub);
    }
  }
  return { valid: counts.every((c, g) => c >= qm.needs[g]!), subs };
}

/** Every valid candidate by brute force over the grid (or the query slots). */
function modelSlots(q: AvailabilityQuery, qm: QueryModel): { start: number; subs: string[] }[] {
  const out: { start: number; subs: string[] }[] = [];
  const candidates: number[] = [];
  if (q.querySlots) {
    candidates.push(...new Set(q.querySlots));
    candidates.sort((a, b) => a - b);
  } else if (qm.query.length > 0) {
    const step = (q.startInterval ?? 15) * MIN;
    for (let t = Math.ceil(qm.query[0]!.start / step) * step; t < qm.query[qm.query.length - 1]!.end; t += step) candidates.push(t);
  }
  for (const t of candidates) {
    const j = judge(qm, t, t + qm.duration);
    if (j.valid) out.push({ start: t, subs: j.subs });
  }
  return out;
}

function shown(items: readonly AvailableInterval[]): { start: number; subs: string[] }[] {
  return items.map((i) => ({ start: i.start, subs: i.participants.map((p) => p.sub) }));
}

describe('engine properties', () => {
  it('overlapping_slots equal the brute-force model (grid and query slots)', () => {
    fc.assert(
      fc.property(fc.boolean().chain((slots) => queryArb({ format: 'overlapping_slots', slots })), (q) => {
        expect(shown(computeAvailability(q).items)).toEqual(modelSlots(q, modelQuery(q)));
      }),
      RUNS,
    );
  });

  it('slots are the greedy scan of the valid candidates', () => {
    fc.assert(
      fc.property(queryArb({ format: 'slots' }), (q) => {
        const qm = modelQuery(q);
        const greedy: { start: number; subs: string[] }[] = [];
        for (const s of modelSlots(q, qm)) if (greedy.length === 0 || s.start >= greedy[greedy.length - 1]!.start + qm.duration) greedy.push(s);
        const items = computeAvailability(q).items;
        expect(shown(items)).toEqual(greedy);
        for (let i = 1; i < items.length; i++) expect(items[i]!.start).toBeGreaterThanOrEqual(items[i - 1]!.end);
      }),
      RUNS,
    );
  });

  it('no slot meets a required member’s busy block widened by the buffers, and every slot is inside the query, the managed window and after now', () => {
    fc.assert(
      fc.property(queryArb({ format: 'overlapping_slots' }), (q) => {
        const qm = modelQuery(q);
        for (const slot of computeAvailability(q).items) {
          expect(slot.end - slot.start).toBe(qm.duration);
          expect(inside(qm.query, slot.start, slot.end)).toBe(true);
          expect(slot.start).toBeGreaterThanOrEqual(qm.nowFloor);
          expect(slot.start % MIN).toBe(0);
          const subs = new Set(slot.participants.map((p) => p.sub));
          q.groups.forEach((g, gi) => {
            const required = g.required === 'all';
            for (const { model, group } of qm.members) {
              if (group !== gi || (!required && !subs.has(model.member.sub))) continue;
              expect(subs.has(model.member.sub)).toBe(true);
              for (const b of model.busy) {
                if (b.end > b.start) expect(b.start - qm.after < slot.end && b.end + qm.before > slot.start).toBe(false);
              }
              if (model.managed) expect(inside(model.managed, slot.start, slot.end)).toBe(true);
            }
          });
        }
      }),
      RUNS,
    );
  });

  it('for `all` groups, periods are the union of valid slots at a 1-minute interval', () => {
    fc.assert(
      fc.property(queryArb({ allOnly: true, format: 'periods' }), (q) => {
        const periods = computeAvailability(q).items;
        const slots = computeAvailability({ ...q, responseFormat: 'overlapping_slots', startInterval: 1 }).items;
        expect(periods.map((p) => ({ start: p.start, end: p.end }))).toEqual(merge(slots.map((s) => ({ start: s.start, end: s.end }))));
        const everyone = q.groups.flatMap((g) => g.members.map((m) => m.sub));
        for (const p of periods) expect(p.participants.map((x) => x.sub)).toEqual(everyone);
      }),
      RUNS,
    );
  });

  it('N-of-M periods: at least N free members per group, maximal, sorted, covering every valid slot', () => {
    fc.assert(
      fc.property(queryArb({ format: 'periods' }), (q) => {
        const qm = modelQuery(q);
        const periods = computeAvailability(q).items;
        for (let i = 0; i < periods.length; i++) {
          const p = periods[i]!;
          expect(p.end - p.start).toBeGreaterThanOrEqual(qm.duration);
          const j = judge(qm, p.start, p.end);
          expect(j.valid).toBe(true);
          expect(p.participants.map((x) => x.sub)).toEqual(j.subs);
          q.groups.forEach((g, gi) => {
            const subs = new Set(g.members.map((m) => m.sub));
            expect(p.participants.filter((x) => subs.has(x.sub)).length).toBeGreaterThanOrEqual(qm.needs[gi]!);
          });
          expect(judge(qm, p.start - MIN, p.end).valid).toBe(false);
          expect(judge(qm, p.start, p.end + MIN).valid).toBe(false);
          if (i > 0) {
            const prev = periods[i - 1]!;
            expect(prev.start < p.start || (prev.start === p.start && prev.end < p.end)).toBe(true);
          }
        }
        const slots = computeAvailability({ ...q, responseFormat: 'overlapping_slots', startInterval: 1 }).items;
        for (const s of slots) expect(periods.some((p) => p.start <= s.start && s.end <= p.end)).toBe(true);
      }),
      RUNS,
    );
  });
});
