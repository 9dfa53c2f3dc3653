import { sql } from 'kysely';
import type { PageSnapshot } from '../../core/index.js';
import type { SavePagesOptions, SavePagesResult } from '../store.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { pageToRow, rowToPage } from '../rows/page-row.js';

/** A page body can be large; few rows per statement keep each statement reasonable. */
const PAGE_CHUNK = 50;

/**
 * Inserts the snapshot's pages. With `keepPerBinding`, then deletes the oldest pages of each
 * binding the snapshot names beyond that many; first, with `protectExpiringAfter`, it stores
 * nothing when a binding's pages expiring after that instant and its new ones would together
 * exceed `keepPerBinding` (see Store.savePages). Call inside a transaction, holding each
 * binding's key on PostgreSQL, so that a snapshot is stored whole and the count stays true.
 */
export async function savePages(db: Db, pages: PageSnapshot[], opts: SavePagesOptions = {}): Promise<SavePagesResult> {
  const { keepPerBinding, protectExpiringAfter, liveCalendarIds } = opts;
  if (liveCalendarIds !== undefined) {
    for (const ids of chunk([...new Set(liveCalendarIds)], PAGE_CHUNK * 10)) {
      const gone = await db
        .selectFrom('calendars')
        .innerJoin('profiles', 'profiles.profile_id', 'calendars.profile_id')
        .select('calendars.calendar_id')
        .where('calendars.calendar_id', 'in', ids)
        .where('profiles.revoked', '=', 1)
        .limit(1)
        .executeTakeFirst();
      if (gone !== undefined) return { saved: false, reason: 'revoked' };
    }
  }
  if (keepPerBinding !== undefined && protectExpiringAfter !== undefined) {
    const adding = new Map<string, number>();
    for (const p of pages) adding.set(p.credentialHash, (adding.get(p.credentialHash) ?? 0) + 1);
    for (const [binding, n] of adding) {
      const kept = await db
        .selectFrom('pages')
        .select(sql<number>`count(*)`.as('n'))
        .where('credential_hash', '=', binding)
        .where('expires_at', '>', protectExpiringAfter)
        .executeTakeFirstOrThrow();
      const excess = Number(kept.n) + n - keepPerBinding;
      if (excess > 0) {
        // The excess-th oldest protected page: once it is unprotected, the new pages fit.
        const freeing = await db
          .selectFrom('pages')
          .select('expires_at')
          .where('credential_hash', '=', binding)
          .where('expires_at', '>', protectExpiringAfter)
          .orderBy('expires_at')
          .limit(1)
          .offset(excess - 1)
          .executeTakeFirstOrThrow();
        return { saved: false, reason: 'full', freesAt: Number(freeing.expires_at) };
      }
    }
  }
  for (const rows of chunk(pages.map(pageToRow), PAGE_CHUNK)) {
    await db.insertInto('pages').values(rows).execute();
  }
  if (keepPerBinding === undefined) return { saved: true };
  for (const binding of new Set(pages.map((p) => p.credentialHash))) {
    const newest = db.selectFrom('pages').select('id_hash').where('credential_hash', '=', binding).orderBy('expires_at', 'desc').orderBy('id_hash').limit(keepPerBinding);
    await db.deleteFrom('pages').where('credential_hash', '=', binding).where('id_hash', 'not in', newest).execute();
  }
  return { saved: true };
}

/** The stored page, expired or not: the caller compares `expiresAt` with its clock. */
export async function getPage(db: Db, idHash: string): Promise<PageSnapshot | null> {
  const row = await db.selectFrom('pages').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row ? rowToPage(row) : null;
}

/** Deletes every page holding data of `sub`; returns how many. */
export async function deletePagesOf(db: Db, sub: string): Promise<number> {
  const res = await db.deleteFrom('pages').where('sub', '=', sub).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deletes pages with `expiresAt <= now` (a page is no longer valid at its expiry instant). */
export async function deleteExpiredPages(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom('pages').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
