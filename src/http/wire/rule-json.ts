/** Availability rules and available periods on the wire (PROTOCOL §5.9, §5.10). */
import { formatTime, type AvailabilityRule, type AvailablePeriod } from '../../core/index.js';

/** The rule as stored: periods in request order, `calendar_ids` always present. */
export function ruleToJson(r: AvailabilityRule): Record<string, unknown> {
  return {
    availability_rule_id: r.availabilityRuleId,
    tzid: r.tzid,
    calendar_ids: r.calendarIds,
    weekly_periods: r.weeklyPeriods.map((p) => ({ day: p.day, start_time: p.startTime, end_time: p.endTime })),
  };
}

/** `{ available_period_id, start, end }`. */
export function availablePeriodToJson(p: AvailablePeriod): Record<string, unknown> {
  return { available_period_id: p.availablePeriodId, start: formatTime(p.start), end: formatTime(p.end) };
}
