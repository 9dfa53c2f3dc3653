import { sql } from 'kysely';
import type { Credential } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { fromJson } from '../rows/columns.js';
import { credentialToRow, rowToCredential } from '../rows/credential-row.js';

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters (13 per credential). */
const INSERT_CHUNK = 200;

/**
 * Inserts the credentials, one row each. Minting an element token is this one insert; the subs
 * it names live in the row's JSON `subs` column only (see revokeCredentialsFor). Call inside a
 * transaction.
 */
export async function insertCredentials(db: Db, cs: readonly Credential[]): Promise<void> {
  for (const part of chunk([...cs], INSERT_CHUNK)) {
    await db.insertInto('credentials').values(part.map(credentialToRow)).execute();
  }
}

export async function findCredential(db: Db, hash: string): Promise<Credential | null> {
  const row = await db.selectFrom('credentials').selectAll().where('hash', '=', hash).executeTakeFirst();
  return row ? rowToCredential(row) : null;
}

/** `text` as a LIKE pattern that matches it literally, a backslash being the escape character. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Revokes the application's credentials for `sub`: those whose `sub` column is it (access and
 * refresh tokens) and those that name it among their subs (element tokens). Call inside a
 * transaction.
 *
 * Element tokens are found through their JSON `subs` column: a LIKE on the sub's JSON string
 * narrows the application's live tokens down (LIKE ignores ASCII case on SQLite), and the
 * decoded list decides. Revocation is rare and minting is not, so minting writes no index row
 * per sub for it.
 */
export async function revokeCredentialsFor(db: Db, applicationId: string, sub: string): Promise<void> {
  await db.updateTable('credentials').set({ revoked: 1 }).where('application_id', '=', applicationId).where('revoked', '=', 0).where('sub', '=', sub).execute();
  const candidates = await db
    .selectFrom('credentials')
    .select(['hash', 'subs'])
    .where('application_id', '=', applicationId)
    .where('kind', '=', 'element_token')
    .where('revoked', '=', 0)
    .where(sql<boolean>`subs like ${`%${likeLiteral(JSON.stringify(sub))}%`} escape '\\'`)
    .execute();
  const hashes = candidates.filter((c) => fromJson<string[]>(c.subs).includes(sub)).map((c) => c.hash);
  for (const part of chunk(hashes, INSERT_CHUNK)) {
    await db.updateTable('credentials').set({ revoked: 1 }).where('hash', 'in', part).execute();
  }
}

/** Deletes credentials with `expiresAt < before`. */
export async function deleteExpiredCredentials(db: Db, before: number): Promise<number> {
  const res = await db.deleteFrom('credentials').where('expires_at', 'is not', null).where('expires_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
