import type { Application } from '../../core/index.js';
import type { Db } from '../db-schema.js';
import { applicationToRow, rowToApplication } from '../rows/application-row.js';

export async function createApplication(db: Db, app: Application): Promise<void> {
  await db.insertInto('applications').values(applicationToRow(app)).execute();
}

export async function getApplication(db: Db, applicationId: string): Promise<Application | null> {
  const row = await db.selectFrom('applications').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  return row ? rowToApplication(row) : null;
}

export async function getApplicationByClientId(db: Db, clientId: string): Promise<Application | null> {
  const row = await db.selectFrom('applications').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row ? rowToApplication(row) : null;
}

/** Oldest first. */
export async function listApplications(db: Db): Promise<Application[]> {
  const rows = await db.selectFrom('applications').selectAll().orderBy('created_at').orderBy('application_id').execute();
  return rows.map(rowToApplication);
}

export async function countApplications(db: Db): Promise<number> {
  const row = await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
