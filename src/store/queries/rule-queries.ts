import type { AvailabilityRule } from '../../core/index.js';
import { compareBytewise } from '../compare-bytewise.js';
import type { Db } from '../db-schema.js';
import { rowToRule, ruleToRow } from '../rows/rule-row.js';

/** Creates the rule or replaces it whole. */
export async function upsertRule(db: Db, r: AvailabilityRule): Promise<void> {
  const row = ruleToRow(r);
  await db
    .insertInto('availability_rules')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['application_id', 'sub', 'availability_rule_id']).doUpdateSet({
        tzid: row.tzid,
        calendar_ids: row.calendar_ids,
        weekly_periods: row.weekly_periods,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function getRule(db: Db, applicationId: string, sub: string, ruleId: string): Promise<AvailabilityRule | null> {
  const row = await db
    .selectFrom('availability_rules')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .where('availability_rule_id', '=', ruleId)
    .executeTakeFirst();
  return row ? rowToRule(row) : null;
}

const byRuleId = (a: AvailabilityRule, b: AvailabilityRule): number =>
  compareBytewise(a.availabilityRuleId, b.availabilityRuleId) || compareBytewise(a.sub, b.sub);

/** Sorted by id, bytewise (sorted here: SQL ORDER BY would follow PostgreSQL's collation). */
export async function listRules(db: Db, applicationId: string, sub: string): Promise<AvailabilityRule[]> {
  return listRulesForSubs(db, applicationId, [sub]);
}

/** Rules of several accounts, sorted by id then sub. */
export async function listRulesForSubs(db: Db, applicationId: string, subs: string[]): Promise<AvailabilityRule[]> {
  if (subs.length === 0) return [];
  const rows = await db
    .selectFrom('availability_rules')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('sub', 'in', [...new Set(subs)])
    .execute();
  return rows.map(rowToRule).sort(byRuleId);
}

export async function deleteRule(db: Db, applicationId: string, sub: string, ruleId: string): Promise<void> {
  await db
    .deleteFrom('availability_rules')
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .where('availability_rule_id', '=', ruleId)
    .execute();
}

export async function countRules(db: Db, applicationId: string, sub: string): Promise<number> {
  const row = await db
    .selectFrom('availability_rules')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('application_id', '=', applicationId)
    .where('sub', '=', sub)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
