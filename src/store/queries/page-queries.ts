import type { PageSnapshot } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { pageToRow, rowToPage } from '../rows/page-row.js';

/** A page body can be large; few rows per statement keep each statement reasonable. */
const PAGE_CHUNK = 50;

/**
 * Inserts the snapshot's pages. With `keepPerBinding`, then deletes the oldest pages of each
 * binding the snapshot names beyond that many. Call inside a transaction so a snapshot is
 * stored whole.
 */
export async function savePages(db: Db, pages: PageSnapshot[], keepPerBinding?: number): Promise<void> {
  for (const rows of chunk(pages.map(pageToRow), PAGE_CHUNK)) {
    await db.insertInto('pages').values(rows).execute();
  }
  if (keepPerBinding === undefined) return;
  for (const binding of new Set(pages.map((p) => p.credentialHash))) {
    const newest = db.selectFrom('pages').select('id_hash').where('credential_hash', '=', binding).orderBy('expires_at', 'desc').orderBy('id_hash').limit(keepPerBinding);
    await db.deleteFrom('pages').where('credential_hash', '=', binding).where('id_hash', 'not in', newest).execute();
  }
}

/** The stored page, expired or not: the caller compares `expiresAt` with its clock. */
export async function getPage(db: Db, idHash: string): Promise<PageSnapshot | null> {
  const row = await db.selectFrom('pages').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row ? rowToPage(row) : null;
}

/** Deletes pages with `expiresAt <= now` (a page is no longer valid at its expiry instant). */
export async function deleteExpiredPages(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom('pages').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
