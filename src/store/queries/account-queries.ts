import type { Account, Authorization } from '../../core/index.js';
import type { Db } from '../db-schema.js';
import { accountToRow, authorizationToRow, rowToAccount, rowToAuthorization } from '../rows/account-row.js';

export async function createAccount(db: Db, a: Account): Promise<void> {
  await db.insertInto('accounts').values(accountToRow(a)).execute();
}

export async function getAccount(db: Db, sub: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('sub', '=', sub).executeTakeFirst();
  return row ? rowToAccount(row) : null;
}

/** Creates the authorisation, or updates its scope and status; the first `createdAt` is kept. */
export async function upsertAuthorization(db: Db, a: Authorization): Promise<void> {
  await db
    .insertInto('authorizations')
    .values(authorizationToRow(a))
    .onConflict((oc) => oc.columns(['application_id', 'sub']).doUpdateSet({ scope: a.scope, status: a.status }))
    .execute();
}

export async function getAuthorization(db: Db, applicationId: string, sub: string): Promise<Authorization | null> {
  const row = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .executeTakeFirst();
  return row ? rowToAuthorization(row) : null;
}

export async function authorizedSubs(db: Db, applicationId: string, subs: string[]): Promise<Set<string>> {
  if (subs.length === 0) return new Set();
  const rows = await db
    .selectFrom('authorizations')
    .select('sub')
    .where('application_id', '=', applicationId)
    .where('status', '=', 'active')
    .where('sub', 'in', [...new Set(subs)])
    .execute();
  return new Set(rows.map((r) => r.sub));
}

export async function findApplicationCalendar(db: Db, applicationId: string, applicationCalendarId: string): Promise<string | null> {
  const row = await db
    .selectFrom('application_calendars')
    .select('sub')
    .where('application_id', '=', applicationId)
    .where('application_calendar_id', '=', applicationCalendarId)
    .executeTakeFirst();
  return row?.sub ?? null;
}

/**
 * Links an application calendar id to its account. An existing link is kept, so the first
 * link stays authoritative; ensureApplicationCalendar makes the creators of one id take turns
 * (Store.lockKey), so that a second one finds the link instead of making another account.
 */
export async function linkApplicationCalendar(db: Db, applicationId: string, applicationCalendarId: string, sub: string): Promise<void> {
  await db
    .insertInto('application_calendars')
    .values({ application_id: applicationId, application_calendar_id: applicationCalendarId, sub })
    .onConflict((oc) => oc.columns(['application_id', 'application_calendar_id']).doNothing())
    .execute();
}
