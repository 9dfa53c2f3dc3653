import { describe, expect, it } from 'vitest';
import { MAX_PROBLEM_DESCRIPTION, Problems, ValidationError, cutText } from './errors.js';

describe('problem descriptions', () => {
  it('are kept whole up to the limit, and cut with … beyond it', () => {
    const p = new Problems();
    const exact = 'x'.repeat(MAX_PROBLEM_DESCRIPTION);
    p.add('a', 'errors.invalid', exact);
    p.add('b', 'errors.invalid', 'y'.repeat(100_000));
    expect(p.map.a![0]!.description).toBe(exact);
    expect(p.map.b![0]!.description).toBe('y'.repeat(MAX_PROBLEM_DESCRIPTION - 1) + '…');
    expect(ValidationError.one('c', 'errors.invalid', 'z'.repeat(600)).errors.c![0]!.description).toHaveLength(MAX_PROBLEM_DESCRIPTION);
  });

  it('never split a surrogate pair at the cut', () => {
    const p = new Problems();
    // The pair 😀 would straddle the cut: it goes whole.
    const text = 'x'.repeat(MAX_PROBLEM_DESCRIPTION - 2) + '😀' + 'tail'.repeat(10);
    p.add('a', 'errors.invalid', text);
    const d = p.map.a![0]!.description;
    expect(d).toBe('x'.repeat(MAX_PROBLEM_DESCRIPTION - 2) + '…');
    expect(/[\ud800-\udfff]/.test(d)).toBe(false);
  });
});

describe('cutText', () => {
  it('keeps short text, cuts long text to the limit with …, and never splits a pair', () => {
    expect(cutText('abcd', 4)).toBe('abcd');
    expect(cutText('abcdef', 4)).toBe('abc…');
    // Three units before the …: a pair that fits stays, one that would be split goes whole.
    expect(cutText('x😀😀😀', 4)).toBe('x😀…');
    expect(cutText('xx😀😀', 4)).toBe('xx…');
    expect(cutText('😀😀😀', 4)).toBe('😀…');
  });
});
