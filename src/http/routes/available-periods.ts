/**
 * Available periods (PROTOCOL §5.10): per (application, account), access tokens only. Reads are
 * paged like events.
 */
import { Problems, ValidationError, dateProblem, isValidTzid, parseDate, startOfDay, validateAvailablePeriodUpsert } from '../../core/index.js';
import { accountSub } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { firstPage } from '../paging.js';
import { Query } from '../query.js';
import { accepted, json } from '../respond.js';
import type { Handler } from '../route.js';
import { availablePeriodToJson } from '../wire/rule-json.js';

/** Available periods per (application, account). The protocol asks for at least 1000. */
export const MAX_AVAILABLE_PERIODS = 1000;

/** Create or replace a period; 202. */
export function upsertAvailablePeriod(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const p = validateAvailablePeriodUpsert(body, problems);
    problems.throwIfAny();
    const applicationId = principal.application.applicationId;
    const sub = accountSub(principal);
    await deps.store.transaction(async (tx) => {
      // Writers of one account's periods take turns, so that each counts the others' inserts.
      await tx.lockKey(`periods:${applicationId}:${sub}`);
      // Replacing an existing period is always allowed; only a new one counts against the limit.
      const full = (await tx.countAvailablePeriods(applicationId, sub)) >= MAX_AVAILABLE_PERIODS;
      if (full && !(await tx.listAvailablePeriods(applicationId, [sub])).some((x) => x.availablePeriodId === p!.availablePeriodId)) {
        throw ValidationError.one('available_period_id', 'errors.too_many', `an account has at most ${MAX_AVAILABLE_PERIODS} available periods per application`);
      }
      await tx.upsertAvailablePeriod({ applicationId, sub, ...p! });
    });
    return accepted();
  };
}

/** The periods overlapping `from`–`to` (local Dates in `tzid`), paged. */
export function readAvailablePeriods(deps: AppDeps): Handler {
  return async ({ principal, url }) => {
    const q = new Query(url);
    const problems = new Problems();
    const fromRaw = q.get('from');
    const toRaw = q.get('to');
    const tzRaw = q.get('tzid');
    const from = fromRaw === undefined ? undefined : parseDate(fromRaw);
    const to = toRaw === undefined ? undefined : parseDate(toRaw);
    if (from === null) problems.add('from', 'errors.invalid', dateProblem('from', fromRaw));
    if (to === null) problems.add('to', 'errors.invalid', dateProblem('to', toRaw));
    let tzid: string | undefined;
    if (tzRaw === undefined || tzRaw === '') {
      if (fromRaw !== undefined || toRaw !== undefined) problems.add('tzid', 'errors.required', 'tzid is required with from or to');
    } else if (!isValidTzid(tzRaw)) problems.add('tzid', 'errors.invalid', 'tzid must be a known IANA time zone identifier');
    else tzid = tzRaw;
    if (from && to && from >= to) problems.add('from', 'errors.invalid', 'from must be before to');
    problems.throwIfAny();

    let range: { fromMs: number; toMs: number } | undefined;
    if (tzid !== undefined && (from || to)) {
      range = { fromMs: from ? startOfDay(from, tzid) : -8.64e15, toMs: to ? startOfDay(to, tzid) : 8.64e15 };
    }
    const periods = await deps.store.listAvailablePeriods(principal.application.applicationId, [accountSub(principal)], range);
    return json(200, await firstPage(deps, principal, 'available_periods', periods.map(availablePeriodToJson)));
  };
}

/** Delete one period (`available_period_id`) or all of them (`delete_all: true`); 202. */
export function deleteAvailablePeriods(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const id = body.available_period_id;
    const all = body.delete_all;
    const hasId = id !== undefined && id !== null;
    if (all !== undefined && all !== null && typeof all !== 'boolean') problems.add('delete_all', 'errors.invalid', 'delete_all must be true or false');
    else if (hasId && all === true) problems.add('delete_all', 'errors.invalid', 'give available_period_id or delete_all, not both');
    else if (!hasId && all !== true) problems.add('available_period_id', 'errors.required', 'give available_period_id, or delete_all: true');
    else if (hasId && (typeof id !== 'string' || id === '')) problems.add('available_period_id', 'errors.invalid', 'available_period_id must be a string');
    problems.throwIfAny();
    const applicationId = principal.application.applicationId;
    const sub = accountSub(principal);
    if (all === true) await deps.store.deleteAllAvailablePeriods(applicationId, sub);
    else await deps.store.deleteAvailablePeriod(applicationId, sub, id as string);
    return accepted();
  };
}
