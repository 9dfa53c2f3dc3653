import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher.js';

describe('WriteBatcher', () => {
  it('applies writes requested in one turn of the loop together, and each promise after its commit', async () => {
    const batches: number[][] = [];
    const committed = new Set<number>();
    const b = new WriteBatcher<number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      for (const i of items) committed.add(i);
    });
    const done = await Promise.all([1, 2, 3].map((i) => b.add(i).then(() => committed.has(i))));
    expect(done).toEqual([true, true, true]);
    await b.add(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits large batches', async () => {
    const sizes: number[] = [];
    const b = new WriteBatcher<number>(async (items) => void sizes.push(items.length), { maxBatch: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => b.add(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails only the bad item of a failed batch', async () => {
    const applied: number[] = [];
    const b = new WriteBatcher<number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky');
      applied.push(...items);
    });
    const results = await Promise.allSettled([11, 12, 13, 14].map((i) => b.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('unlucky'));
    expect(applied.sort()).toEqual([11, 12, 14]);
  });
});
