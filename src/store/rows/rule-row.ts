import type { Insertable, Selectable } from 'kysely';
import type { AvailabilityRule, WeeklyPeriod } from '../../core/index.js';
import type { AvailabilityRulesTable } from '../db-schema.js';
import { fromJson, toJson } from './columns.js';

export function ruleToRow(r: AvailabilityRule): Insertable<AvailabilityRulesTable> {
  return {
    application_id: r.applicationId,
    sub: r.sub,
    availability_rule_id: r.availabilityRuleId,
    tzid: r.tzid,
    calendar_ids: toJson(r.calendarIds),
    weekly_periods: toJson(r.weeklyPeriods),
    updated_at: r.updatedAt,
  };
}

export function rowToRule(r: Selectable<AvailabilityRulesTable>): AvailabilityRule {
  return {
    applicationId: r.application_id,
    sub: r.sub,
    availabilityRuleId: r.availability_rule_id,
    tzid: r.tzid,
    calendarIds: fromJson<string[]>(r.calendar_ids),
    weeklyPeriods: fromJson<WeeklyPeriod[]>(r.weekly_periods),
    updatedAt: r.updated_at,
  };
}
