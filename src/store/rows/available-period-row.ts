import type { Insertable, Selectable } from 'kysely';
import type { AvailablePeriod } from '../../core/index.js';
import type { AvailablePeriodsTable } from '../db-schema.js';

export function availablePeriodToRow(p: AvailablePeriod): Insertable<AvailablePeriodsTable> {
  return {
    application_id: p.applicationId,
    sub: p.sub,
    available_period_id: p.availablePeriodId,
    start_ms: p.start,
    end_ms: p.end,
    tzid: p.tzid,
  };
}

export function rowToAvailablePeriod(r: Selectable<AvailablePeriodsTable>): AvailablePeriod {
  return {
    applicationId: r.application_id,
    sub: r.sub,
    availablePeriodId: r.available_period_id,
    start: r.start_ms,
    end: r.end_ms,
    tzid: r.tzid,
  };
}
