import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../core/index.js';
import type { ContractContext } from './harness.js';
import { T0 } from './fixtures.js';

const page = (idHash: string, expiresAt: number, over: Partial<PageSnapshot> = {}): PageSnapshot => ({
  idHash,
  credentialHash: 'cred-hash',
  resource: 'events',
  body: JSON.stringify({ pages: { current: 2, total: 3 }, events: [{ summary: 'ü “x”' }] }),
  expiresAt,
  ...over,
});

export function pagesContract(ctx: ContractContext): void {
  describe('page snapshots', () => {
    it('saves a snapshot and reads pages back by id hash', async () => {
      const pages = [page('p1', T0), page('p2', T0, { resource: 'free_busy' }), page('p3', T0, { resource: 'available_periods', body: '' })];
      await ctx.store.savePages(pages);
      for (const p of pages) expect(await ctx.store.getPage(p.idHash)).toEqual(p);
      expect(await ctx.store.getPage('unknown')).toBeNull();
      await ctx.store.savePages([]);
    });

    it('stores large snapshots whole', async () => {
      const pages = Array.from({ length: 120 }, (_, i) => page(`big-${i}`, T0, { body: 'x'.repeat(50_000) }));
      await ctx.store.savePages(pages);
      expect(await ctx.store.getPage('big-119')).toEqual(pages[119]);
    });

    it('deletes pages that have expired at the given instant', async () => {
      await ctx.store.savePages([page('old', T0 - 1), page('edge', T0), page('live', T0 + 1)]);
      expect(await ctx.store.deleteExpiredPages(T0)).toBe(2);
      expect(await ctx.store.getPage('old')).toBeNull();
      expect(await ctx.store.getPage('edge')).toBeNull();
      expect(await ctx.store.getPage('live')).not.toBeNull();
      expect(await ctx.store.deleteExpiredPages(T0)).toBe(0);
    });
  });
}
