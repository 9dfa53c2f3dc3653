import type { AvailablePeriod } from '../../core/index.js';
import { compareBytewise } from '../compare-bytewise.js';
import type { Db } from '../db-schema.js';
import { availablePeriodToRow, rowToAvailablePeriod } from '../rows/available-period-row.js';

/** Creates the period or replaces it whole. */
export async function upsertAvailablePeriod(db: Db, p: AvailablePeriod): Promise<void> {
  const row = availablePeriodToRow(p);
  await db
    .insertInto('available_periods')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['application_id', 'sub', 'available_period_id']).doUpdateSet({ start_ms: row.start_ms, end_ms: row.end_ms, tzid: row.tzid }),
    )
    .execute();
}

const byStartThenId = (a: AvailablePeriod, b: AvailablePeriod): number =>
  a.start - b.start || compareBytewise(a.availablePeriodId, b.availablePeriodId) || compareBytewise(a.sub, b.sub);

/** Sorted by start, then id bytewise; `range` selects `start < toMs && end > fromMs`. */
export async function listAvailablePeriods(
  db: Db,
  applicationId: string,
  subs: string[],
  range?: { fromMs: number; toMs: number },
): Promise<AvailablePeriod[]> {
  if (subs.length === 0) return [];
  let q = db
    .selectFrom('available_periods')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('sub', 'in', [...new Set(subs)]);
  if (range !== undefined) q = q.where('start_ms', '<', range.toMs).where('end_ms', '>', range.fromMs);
  const rows = await q.execute();
  return rows.map(rowToAvailablePeriod).sort(byStartThenId);
}

export async function deleteAvailablePeriod(db: Db, applicationId: string, sub: string, id: string): Promise<void> {
  await db
    .deleteFrom('available_periods')
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .where('available_period_id', '=', id)
    .execute();
}

export async function deleteAllAvailablePeriods(db: Db, applicationId: string, sub: string): Promise<void> {
  await db.deleteFrom('available_periods').where('application_id', '=', applicationId).where('sub', '=', sub).execute();
}

export async function countAvailablePeriods(db: Db, applicationId: string, sub: string): Promise<number> {
  const row = await db
    .selectFrom('available_periods')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
