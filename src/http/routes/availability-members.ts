/**
 * From the members a query names to the engine's member inputs (PROTOCOL §5.7.4, §4.5 E5/E6):
 * sub permission or authorisation, calendar ownership, then every member's events, rules and
 * available periods in one store call per table.
 */
import {
  ApiError,
  DAY_MS,
  MINUTE_MS,
  cutText,
  dayToDate,
  isValidTzid,
  type AvailabilityRule,
  type AvailablePeriod,
  type BusyEvent,
  type Calendar,
  type MemberInput,
  type MemberRequest,
  type Problems,
  type TimeRange,
} from '../../core/index.js';
import type { BusyEventRecord } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';

/** What the query needs to know about one account. */
export interface MemberAccount {
  zoneinfo: string;
  /** The account's calendars, deleted ones included. */
  calendars: Calendar[];
}

/** An identifier as quoted in a message: the request is the caller's, so keep it short. */
function quote(id: string): string {
  return cutText(id, 65);
}

function listSample(items: readonly string[]): string {
  return items.slice(0, 10).map(quote).join(', ') + (items.length > 10 ? ', …' : '');
}

/**
 * Checks that the query may name its members' subs and calendars, and loads each account's
 * zone and calendars. With an element token, syntax problems come first (422), then a sub
 * outside the token is 403 `sub_not_permitted` (§4.1 steps 6–7). With host credentials, a sub
 * that does not authorise the application joins the same 422 as every other problem, keyed
 * `param`. Unknown member calendars are `errors.not_recognized` in either case. Throws on any
 * refusal; otherwise returns the accounts by sub.
 */
export async function authoriseMembers(
  deps: AppDeps,
  principal: Principal,
  members: readonly MemberRequest[],
  param: string,
  problems: Problems,
): Promise<Map<string, MemberAccount>> {
  const subs = [...new Set(members.map((m) => m.sub))];
  let allowed: Set<string>;
  if (principal.kind === 'element_token') {
    problems.throwIfAny();
    const own = new Set(principal.subs);
    const foreign = subs.filter((s) => !own.has(s));
    if (foreign.length > 0) throw new ApiError('sub_not_permitted', `The element token does not include these subs: ${listSample(foreign)}.`);
    allowed = new Set(subs);
  } else {
    allowed = subs.length > 0 ? await deps.store.authorizedSubs(principal.application.applicationId, subs) : new Set();
    for (const m of members) {
      if (!allowed.has(m.sub)) problems.add(param, 'errors.not_recognized', `${m.path}.sub ${quote(m.sub)} does not authorise this application`);
    }
  }

  const accounts = new Map<string, MemberAccount>();
  await Promise.all(
    [...allowed].map(async (sub) => {
      const [account, calendars] = await Promise.all([deps.store.getAccount(sub), deps.store.listCalendars(sub, { includeDeleted: true })]);
      const zone = account?.zoneinfo;
      accounts.set(sub, { zoneinfo: zone !== undefined && isValidTzid(zone) ? zone : 'Etc/UTC', calendars });
    }),
  );
  for (const m of members) {
    const account = accounts.get(m.sub);
    if (!account || m.calendarIds === null) continue;
    const own = new Set(account.calendars.map((c) => c.calendarId));
    m.calendarIds.forEach((id, i) => {
      if (!own.has(id)) problems.add(param, 'errors.not_recognized', `${m.path}.calendar_ids[${i}] ${quote(id)} is not a calendar of ${m.sub}`);
    });
  }
  problems.throwIfAny();
  return accounts;
}

function groupBySub<T extends { sub: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const list = out.get(it.sub);
    if (list) list.push(it);
    else out.set(it.sub, [it]);
  }
  return out;
}

/**
 * Loads the events, rules and available periods of authorised members and returns the
 * builder of each member's engine input. `span` is every instant the engine will look at
 * (query window and, for explanations, the interval); `margin` the largest buffer in minutes.
 *
 * @example
 *   const input = await loadMembers(deps, applicationId, members, accounts, request.window, 30);
 *   const groups = request.groups.map((g) => ({ required: g.required, members: g.members.map(input) }));
 */
export async function loadMembers(
  deps: AppDeps,
  applicationId: string,
  members: readonly MemberRequest[],
  accounts: ReadonlyMap<string, MemberAccount>,
  span: TimeRange,
  margin: number,
): Promise<(m: MemberRequest) => MemberInput> {
  const subs = [...new Set(members.map((m) => m.sub))];
  const managed = [...new Set(members.filter((m) => m.managedAvailability).map((m) => m.sub))];
  const fromMs = span.start - margin * MINUTE_MS;
  const toMs = span.end + margin * MINUTE_MS;
  const noRules: AvailabilityRule[] = [];
  const noPeriods: AvailablePeriod[] = [];
  const [events, rules, periods] = await Promise.all([
    deps.store.queryBusyEvents({
      subs,
      fromMs,
      toMs,
      // All-day events are 00:00 to 00:00 in the account's zone: a day either side covers every zone.
      fromDate: dayToDate(Math.floor(fromMs / DAY_MS) - 1),
      toDate: dayToDate(Math.floor(toMs / DAY_MS) + 2),
    }),
    managed.length > 0 ? deps.store.listRulesForSubs(applicationId, managed) : noRules,
    managed.length > 0 ? deps.store.listAvailablePeriods(applicationId, managed, { fromMs: span.start, toMs: span.end }) : noPeriods,
  ]);
  const eventsBySub = groupBySub<BusyEventRecord>(events);
  const rulesBySub = groupBySub(rules);
  const periodsBySub = groupBySub(periods);
  // Members with the same counted calendars share one events array, so the engine computes
  // their busy blocks once.
  const counted = new Map<string, BusyEvent[]>();

  return (m) => {
    const account = accounts.get(m.sub)!;
    const ownRules = rulesBySub.get(m.sub) ?? noRules;
    const ids = m.availabilityRuleIds === null ? null : new Set(m.availabilityRuleIds);
    const applicable = ids === null ? ownRules : ownRules.filter((r) => ids.has(r.availabilityRuleId));
    let calendarIds: string[];
    if (m.calendarIds !== null) calendarIds = m.calendarIds;
    else if (m.managedAvailability && applicable.length > 0 && applicable.every((r) => r.calendarIds.length > 0)) {
      calendarIds = [...new Set(applicable.flatMap((r) => r.calendarIds))];
    } else calendarIds = account.calendars.filter((c) => !c.deleted).map((c) => c.calendarId);
    const key = m.sub + '\n' + [...calendarIds].sort().join('\n');
    let mine = counted.get(key);
    if (mine === undefined) {
      const set = new Set(calendarIds);
      mine = (eventsBySub.get(m.sub) ?? []).filter((e) => set.has(e.calendarId));
      counted.set(key, mine);
    }
    const input: MemberInput = { sub: m.sub, zoneinfo: account.zoneinfo, events: mine, availablePeriods: m.availablePeriods };
    if (m.managedAvailability) {
      input.managedAvailability = true;
      input.rules = applicable;
      input.accountAvailablePeriods = periodsBySub.get(m.sub) ?? noPeriods;
    }
    return input;
  };
}
