import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../core/index.js';
import type { ContractContext } from './harness.js';
import { APP_A, APP_B, SUB_1, SUB_2, SUB_3, T0, makeAccount, seed } from './fixtures.js';

const auth = (applicationId: string, sub: string, over: Partial<Authorization> = {}): Authorization => ({
  applicationId,
  sub,
  scope: 'read_write',
  status: 'active',
  createdAt: T0,
  ...over,
});

export function accountsContract(ctx: ContractContext): void {
  describe('accounts', () => {
    it('round-trips both kinds', async () => {
      const a = makeAccount(SUB_1);
      const c = makeAccount(SUB_3, { kind: 'application_calendar', email: null, name: null, zoneinfo: 'Etc/UTC' });
      await ctx.store.createAccount(a);
      await ctx.store.createAccount(c);
      expect(await ctx.store.getAccount(SUB_1)).toEqual(a);
      expect(await ctx.store.getAccount(SUB_3)).toEqual(c);
      expect(await ctx.store.getAccount(SUB_2)).toBeNull();
    });
  });

  describe('authorizations', () => {
    it('upserts: creates, then updates scope and status but keeps createdAt', async () => {
      await seed(ctx.store);
      expect(await ctx.store.getAuthorization(APP_A, SUB_1)).toBeNull();
      await ctx.store.upsertAuthorization(auth(APP_A, SUB_1));
      expect(await ctx.store.getAuthorization(APP_A, SUB_1)).toEqual(auth(APP_A, SUB_1));
      await ctx.store.upsertAuthorization(auth(APP_A, SUB_1, { scope: 'read_events', status: 'revoked', createdAt: T0 + 99 }));
      expect(await ctx.store.getAuthorization(APP_A, SUB_1)).toEqual(auth(APP_A, SUB_1, { scope: 'read_events', status: 'revoked' }));
      expect(await ctx.store.getAuthorization(APP_B, SUB_1)).toBeNull();
    });

    it('authorizedSubs keeps the active authorisations of that application only', async () => {
      await seed(ctx.store);
      await ctx.store.upsertAuthorization(auth(APP_A, SUB_1));
      await ctx.store.upsertAuthorization(auth(APP_A, SUB_2, { status: 'revoked' }));
      await ctx.store.upsertAuthorization(auth(APP_B, SUB_3));
      expect(await ctx.store.authorizedSubs(APP_A, [SUB_1, SUB_2, SUB_3, 'acc_unknown', SUB_1])).toEqual(new Set([SUB_1]));
      expect(await ctx.store.authorizedSubs(APP_B, [SUB_1, SUB_3])).toEqual(new Set([SUB_3]));
      expect(await ctx.store.authorizedSubs(APP_A, [])).toEqual(new Set());
    });
  });

  describe('application calendars', () => {
    it('links an id to an account per application and keeps the first link', async () => {
      await seed(ctx.store);
      expect(await ctx.store.findApplicationCalendar(APP_A, 'room-1')).toBeNull();
      await ctx.store.linkApplicationCalendar(APP_A, 'room-1', SUB_3);
      await ctx.store.linkApplicationCalendar(APP_A, 'room-1', SUB_2);
      expect(await ctx.store.findApplicationCalendar(APP_A, 'room-1')).toBe(SUB_3);
      expect(await ctx.store.findApplicationCalendar(APP_B, 'room-1')).toBeNull();
      await ctx.store.linkApplicationCalendar(APP_B, 'room-1', SUB_2);
      expect(await ctx.store.findApplicationCalendar(APP_B, 'room-1')).toBe(SUB_2);
    });
  });
}
