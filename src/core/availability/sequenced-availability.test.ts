import { describe, expect, it } from 'vitest';
import { formatTime } from '../time.js';
import { computeSequencedAvailability } from './sequenced-availability.js';
import { at, member, timed } from './test-helpers.js';
import type { GroupInput, Sequence, SequencedQuery, SequenceItemInput } from './types.js';

const NOW = at('2026-01-01T00:00:00Z');
const DAY = '2026-06-01';

function t(hhmm: string): number {
  return at(`${DAY}T${hhmm}:00Z`);
}

/** Each sequence as `id@HH:mm-HH:mm` steps joined by ` > `. */
function show(seqs: Sequence[]): string[] {
  return seqs.map((s) => s.steps.map((st) => `${String(st.sequenceId)}@${formatTime(st.start).slice(11, 16)}-${formatTime(st.end).slice(11, 16)}`).join(' > '));
}

const free: GroupInput[] = [{ required: 'all', members: [member('a')] }];

function item(extra: Partial<SequenceItemInput> & Pick<SequenceItemInput, 'sequenceId' | 'ordinal'>): SequenceItemInput {
  return { groups: free, requiredDuration: 30, startInterval: 15, ...extra };
}

function query(items: SequenceItemInput[], extra: Partial<SequencedQuery> = {}): SequencedQuery {
  return { items, queryPeriods: [{ start: t('09:00'), end: t('13:00') }], now: NOW, ...extra };
}

const first = item({ sequenceId: 'first', ordinal: 1, requiredDuration: 60, startInterval: 30, gapAfter: { minimum: 15, maximum: 30 } });
const second = item({ sequenceId: 'second', ordinal: 2 });

describe('sequenced availability', () => {
  it('gives each first slot its earliest completion, skipping first slots without one', () => {
    expect(show(computeSequencedAvailability(query([first, second])))).toEqual([
      'first@09:00-10:00 > second@10:15-10:45',
      'first@09:30-10:30 > second@10:45-11:15',
      'first@10:00-11:00 > second@11:15-11:45',
      'first@10:30-11:30 > second@11:45-12:15',
      'first@11:00-12:00 > second@12:15-12:45',
    ]);
  });

  it('orders items by ordinal and keeps the sequence id as given', () => {
    const a = item({ sequenceId: 7, ordinal: 2, requiredDuration: 60, startInterval: 60 });
    const b = item({ sequenceId: 'intro', ordinal: 1, requiredDuration: 60, startInterval: 60 });
    const seqs = computeSequencedAvailability(query([a, b]));
    expect(show(seqs)).toEqual(['intro@09:00-10:00 > 7@10:00-11:00', 'intro@10:00-11:00 > 7@11:00-12:00', 'intro@11:00-12:00 > 7@12:00-13:00']);
    expect(seqs[0]!.steps[1]!.sequenceId).toBe(7);
  });

  it('busy time pushes the completion to the next feasible slot', () => {
    const busy: GroupInput[] = [{ required: 'all', members: [member('a', { events: [timed('x', `${DAY}T10:15:00Z`, `${DAY}T10:30:00Z`)] })] }];
    const seqs = computeSequencedAvailability(query([{ ...first, groups: busy }, { ...second, groups: busy }]));
    expect(show(seqs).slice(0, 2)).toEqual(['first@09:00-10:00 > second@10:30-11:00', 'first@10:30-11:30 > second@11:45-12:15']);
  });

  it('item buffers widen busy blocks for that item', () => {
    const busy: GroupInput[] = [{ required: 'all', members: [member('a', { events: [timed('x', `${DAY}T09:45:00Z`, `${DAY}T10:00:00Z`)] })] }];
    const a = item({ sequenceId: 'a', ordinal: 1, groups: [{ required: 'all', members: [member('b')] }], startInterval: 60 });
    const b = item({ sequenceId: 'b', ordinal: 2, groups: busy, buffer: { before: 15 } });
    expect(show(computeSequencedAvailability(query([a, b]))).slice(0, 1)).toEqual(['a@09:00-09:30 > b@10:15-10:45']);
  });

  it('the gap lies between the larger minimum and the smaller maximum of both sides', () => {
    const a = item({ sequenceId: 'a', ordinal: 1, startInterval: 60, gapAfter: { minimum: 15, maximum: 120 } });
    const b = item({ sequenceId: 'b', ordinal: 2, gapBefore: { minimum: 45, maximum: 60 } });
    expect(show(computeSequencedAvailability(query([a, b])))).toEqual([
      'a@09:00-09:30 > b@10:15-10:45',
      'a@10:00-10:30 > b@11:15-11:45',
      'a@11:00-11:30 > b@12:15-12:45',
    ]);
  });

  it('without bounds the next item may start at the previous end', () => {
    const a = item({ sequenceId: 'a', ordinal: 1, requiredDuration: 60, startInterval: 60 });
    expect(show(computeSequencedAvailability(query([a, second]))).slice(0, 1)).toEqual(['a@09:00-10:00 > second@10:00-10:30']);
  });

  it('item-level query periods restrict that item', () => {
    const b = { ...second, queryPeriods: [{ start: t('12:00'), end: t('14:00') }] };
    expect(show(computeSequencedAvailability(query([first, b])))).toEqual(['first@10:30-11:30 > second@12:00-12:30', 'first@11:00-12:00 > second@12:15-12:45']);
  });

  it('three items: a later dead end removes the earlier choice', () => {
    const a = item({ sequenceId: 'a', ordinal: 1, startInterval: 60, gapAfter: { maximum: 0 } });
    const b = item({ sequenceId: 'b', ordinal: 2, gapAfter: { maximum: 0 } });
    const c = item({ sequenceId: 'c', ordinal: 3, queryPeriods: [{ start: t('11:00'), end: t('11:30') }] });
    expect(show(computeSequencedAvailability(query([a, b, c])))).toEqual(['a@10:00-10:30 > b@10:30-11:00 > c@11:00-11:30']);
  });

  it('maxResults counts sequences', () => {
    expect(computeSequencedAvailability(query([first, second], { maxResults: 2 }))).toHaveLength(2);
  });

  it('a single item is plain overlapping slots', () => {
    expect(show(computeSequencedAvailability(query([item({ sequenceId: 's', ordinal: 1, requiredDuration: 60, startInterval: 60 })])))).toEqual([
      's@09:00-10:00',
      's@10:00-11:00',
      's@11:00-12:00',
      's@12:00-13:00',
    ]);
  });

  it('the current minute bounds every item', () => {
    expect(show(computeSequencedAvailability(query([first, second], { now: t('10:50') })))).toEqual(['first@11:00-12:00 > second@12:15-12:45']);
  });

  it('repeated ordinals throw', () => {
    expect(() => computeSequencedAvailability(query([first, { ...second, ordinal: 1 }]))).toThrow(RangeError);
  });
});
