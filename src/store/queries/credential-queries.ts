import type { Credential } from '../../core/index.js';
import { chunk } from '../chunk.js';
import type { Db } from '../db-schema.js';
import { credentialToRow, rowToCredential } from '../rows/credential-row.js';

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters (13 per credential). */
const INSERT_CHUNK = 200;

/** Inserts the credentials and indexes the subs they name. Call inside a transaction. */
export async function insertCredentials(db: Db, cs: readonly Credential[]): Promise<void> {
  for (const part of chunk([...cs], INSERT_CHUNK)) {
    await db.insertInto('credentials').values(part.map(credentialToRow)).execute();
  }
  const subRows = cs.flatMap((c) => [...new Set(c.subs)].map((sub) => ({ credential_hash: c.hash, sub })));
  for (const part of chunk(subRows, INSERT_CHUNK * 5)) {
    await db.insertInto('credential_subs').values(part).execute();
  }
}

export async function findCredential(db: Db, hash: string): Promise<Credential | null> {
  const row = await db.selectFrom('credentials').selectAll().where('hash', '=', hash).executeTakeFirst();
  return row ? rowToCredential(row) : null;
}

/**
 * Revokes the application's credentials for `sub`: those whose `sub` column is it (access and
 * refresh tokens) and those that name it among their subs (element tokens).
 */
export async function revokeCredentialsFor(db: Db, applicationId: string, sub: string): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ revoked: 1 })
    .where('application_id', '=', applicationId)
    .where('revoked', '=', 0)
    .where((eb) =>
      eb.or([
        eb('sub', '=', sub),
        eb('hash', 'in', eb.selectFrom('credential_subs').select('credential_hash').where('sub', '=', sub)),
      ]),
    )
    .execute();
}

/** Deletes credentials with `expiresAt < before`; their sub index rows go by cascade. */
export async function deleteExpiredCredentials(db: Db, before: number): Promise<number> {
  const res = await db.deleteFrom('credentials').where('expires_at', 'is not', null).where('expires_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
