import type { Credential } from '../../core/index.js';
import type { Db } from '../db-schema.js';
import { credentialToRow, rowToCredential } from '../rows/credential-row.js';

/** Inserts the credential and indexes the subs it names. Call inside a transaction. */
export async function insertCredential(db: Db, c: Credential): Promise<void> {
  await db.insertInto('credentials').values(credentialToRow(c)).execute();
  const subs = [...new Set(c.subs)];
  if (subs.length > 0) {
    await db.insertInto('credential_subs').values(subs.map((sub) => ({ credential_hash: c.hash, sub }))).execute();
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
