import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, HOUR, SUB_1, SUB_2, T0, makeApplication, makeCredential, seed } from './fixtures.js';

export function applicationsContract(ctx: ContractContext): void {
  describe('applications', () => {
    it('round-trips and finds by id and client id', async () => {
      const app = makeApplication(APP_A, { active: false, redirectUris: [] });
      await ctx.store.createApplication(app);
      expect(await ctx.store.getApplication(APP_A)).toEqual(app);
      expect(await ctx.store.getApplicationByClientId(app.clientId)).toEqual(app);
      expect(await ctx.store.getApplication(APP_B)).toBeNull();
      expect(await ctx.store.getApplicationByClientId('kairos_nope')).toBeNull();
    });

    it('lists oldest first and counts', async () => {
      expect(await ctx.store.countApplications()).toBe(0);
      expect(await ctx.store.listApplications()).toEqual([]);
      const b = makeApplication(APP_B, { createdAt: T0 });
      const a = makeApplication(APP_A, { createdAt: T0 + 5 });
      await ctx.store.createApplication(a);
      await ctx.store.createApplication(b);
      expect(await ctx.store.listApplications()).toEqual([b, a]);
      expect(await ctx.store.countApplications()).toBe(2);
    });

    it('rejects a duplicate client id', async () => {
      await ctx.store.createApplication(makeApplication(APP_A, { clientId: 'kairos_same' }));
      await expect(ctx.store.createApplication(makeApplication(APP_B, { clientId: 'kairos_same' }))).rejects.toThrow();
    });
  });

  describe('credentials', () => {
    it('round-trips every kind by hash', async () => {
      await seed(ctx.store);
      const creds = [
        makeCredential('h_api', { kind: 'api_key', sub: null, scope: null, expiresAt: null }),
        makeCredential('h_access'),
        makeCredential('h_refresh', { kind: 'refresh_token', expiresAt: null }),
        makeCredential('h_element', {
          kind: 'element_token',
          sub: null,
          scope: null,
          permissions: ['agenda', 'availability'],
          subs: [SUB_2, SUB_1],
          origin: 'https://host.example',
          revoked: true,
        }),
      ];
      for (const c of creds) await ctx.store.insertCredential(c);
      for (const c of creds) expect(await ctx.store.findCredential(c.hash)).toEqual(c);
      expect(await ctx.store.findCredential('h_unknown')).toBeNull();
    });

    it('rejects a duplicate hash', async () => {
      await seed(ctx.store);
      await ctx.store.insertCredential(makeCredential('h'));
      await expect(ctx.store.insertCredential(makeCredential('h'))).rejects.toThrow();
    });

    it('stores concurrent inserts (grouped into one commit) each exactly, failing only a duplicate', async () => {
      await seed(ctx.store);
      const many = Array.from({ length: 30 }, (_, i) =>
        makeCredential(`h_many_${i}`, { kind: 'element_token', sub: null, scope: null, permissions: ['agenda'], subs: i % 2 ? [SUB_1, SUB_2] : [SUB_1], origin: 'https://host.example' }),
      );
      const results = await Promise.allSettled([...many, makeCredential('h_many_3')].map((c) => ctx.store.insertCredential(c)));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(results.at(-1)?.status).toBe('rejected');
      for (const c of many) expect(await ctx.store.findCredential(c.hash)).toEqual(c);
      // Each names its subs: revoking SUB_2 reaches exactly the odd ones.
      await ctx.store.revokeCredentialsFor(APP_A, SUB_2);
      for (const [i, c] of many.entries()) expect((await ctx.store.findCredential(c.hash))?.revoked, c.hash).toBe(i % 2 === 1);
    });

    it('revokes what names the account for the application, nothing else', async () => {
      await seed(ctx.store);
      const element = (hash: string, subs: string[], applicationId = APP_A) =>
        makeCredential(hash, { kind: 'element_token', sub: null, scope: null, permissions: ['agenda'], subs, origin: 'https://h.example', applicationId });
      const creds = [
        makeCredential('access_1'),
        makeCredential('refresh_1', { kind: 'refresh_token' }),
        element('element_1', [SUB_1]),
        element('element_21', [SUB_2, SUB_1]),
        makeCredential('api_a', { kind: 'api_key', sub: null, scope: null }),
        makeCredential('access_2', { sub: SUB_2 }),
        element('element_2', [SUB_2]),
        makeCredential('access_1_b', { applicationId: APP_B }),
        element('element_1_b', [SUB_1], APP_B),
      ];
      for (const c of creds) await ctx.store.insertCredential(c);
      await ctx.store.revokeCredentialsFor(APP_A, SUB_1);
      const revoked: Record<string, boolean> = {};
      for (const c of creds) revoked[c.hash] = (await ctx.store.findCredential(c.hash))!.revoked;
      expect(revoked).toEqual({
        access_1: true,
        refresh_1: true,
        element_1: true,
        element_21: true,
        api_a: false,
        access_2: false,
        element_2: false,
        access_1_b: false,
        element_1_b: false,
      });
    });

    it('revokes the element tokens that name the sub exactly: not another case, prefix or pattern', async () => {
      await seed(ctx.store);
      const named = {
        exact: ['acc_Ab_1'],
        among: ['acc_zz', 'acc_Ab_1', 'acc_yy'],
        otherCase: ['acc_ab_1'],
        longer: ['acc_Ab_12'],
        shorter: ['acc_Ab_'],
        wildcard: ['accXAbY1'],
        quoted: ['"acc_Ab_1"'],
      };
      for (const [hash, subs] of Object.entries(named)) {
        await ctx.store.insertCredential(makeCredential(hash, { kind: 'element_token', sub: null, scope: null, permissions: ['agenda'], subs, origin: 'https://h.example' }));
      }
      await ctx.store.revokeCredentialsFor(APP_A, 'acc_Ab_1');
      const revoked: Record<string, boolean> = {};
      for (const hash of Object.keys(named)) revoked[hash] = (await ctx.store.findCredential(hash))!.revoked;
      expect(revoked).toEqual({ exact: true, among: true, otherCase: false, longer: false, shorter: false, wildcard: false, quoted: false });
      // A sub with LIKE's own characters is matched literally too.
      await ctx.store.revokeCredentialsFor(APP_A, '%');
      expect((await ctx.store.findCredential('otherCase'))!.revoked).toBe(false);
    });

    it('deletes credentials that expired before the instant, keeping non-expiring ones', async () => {
      await seed(ctx.store);
      await ctx.store.insertCredential(makeCredential('old', { expiresAt: T0 - 1 }));
      await ctx.store.insertCredential(
        makeCredential('old_element', { kind: 'element_token', sub: null, subs: [SUB_1], permissions: ['agenda'], expiresAt: T0 - HOUR }),
      );
      await ctx.store.insertCredential(makeCredential('edge', { expiresAt: T0 }));
      await ctx.store.insertCredential(makeCredential('forever', { kind: 'api_key', sub: null, expiresAt: null }));
      expect(await ctx.store.deleteExpiredCredentials(T0)).toBe(2);
      expect(await ctx.store.findCredential('old')).toBeNull();
      expect(await ctx.store.findCredential('old_element')).toBeNull();
      expect(await ctx.store.findCredential('edge')).not.toBeNull();
      expect(await ctx.store.findCredential('forever')).not.toBeNull();
      expect(await ctx.store.deleteExpiredCredentials(T0)).toBe(0);
      // A deleted token is gone whole: a new token with the same hash is fine.
      await ctx.store.insertCredential(makeCredential('old_element', { kind: 'element_token', sub: null, subs: [SUB_1], permissions: ['agenda'] }));
    });
  });
}
