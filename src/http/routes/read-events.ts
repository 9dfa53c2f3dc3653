/** `GET /v1/events`, `GET /v1/free_busy` and their pages (PROTOCOL §5.6.1, §5.6.2, E2–E4). */
import {
  Problems,
  ValidationError,
  addDays,
  dateInZone,
  isValidTzid,
  dateProblem,
  parseDate,
  parseTime,
  startOfDay,
  type CalendarEvent,
} from '../../core/index.js';
import type { EventQuery, ManagedFilter } from '../../store/index.js';
import { accountSub, type Principal } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { firstPage, laterPage, type PagedResource } from '../paging.js';
import { Query } from '../query.js';
import { JSON_TYPE, json } from '../respond.js';
import type { Handler } from '../route.js';
import { eventBlocks, eventToJson, freeBusyToJson } from '../wire/event-json.js';
import { buildUserinfo } from '../wire/userinfo-json.js';

/**
 * The most events one read selects (before paging), and the most characters of event text
 * (summary, description, location, attendees, organizer) they may carry. A read must be
 * bounded work (§8.10): the first request reads, sorts and serialises every page of its
 * snapshot. Beyond either, the caller is asked for a shorter window or fewer calendars (see
 * docs/decisions/0002-credentials-and-pages.md).
 */
export const MAX_READ_ITEMS = 10_000;
export const MAX_READ_TEXT_CHARS = 32 * 1024 * 1024;

/** Reads the events of `query`, or a 422 when they are more than a read may serve. */
async function boundedEvents(deps: AppDeps, query: EventQuery): Promise<CalendarEvent[]> {
  const size = await deps.store.measureEvents(query);
  if (size.count > MAX_READ_ITEMS) {
    throw ValidationError.one('to', 'errors.too_many', `the window holds more than ${MAX_READ_ITEMS.toLocaleString('en')} events: ask for a shorter one (from, to) or fewer calendars (calendar_ids)`);
  }
  if (size.textChars > MAX_READ_TEXT_CHARS) {
    throw ValidationError.one('to', 'errors.too_many', `the events of the window carry more than ${MAX_READ_TEXT_CHARS / 1024 / 1024} Mi characters of text: ask for a shorter window (from, to) or fewer calendars (calendar_ids)`);
  }
  // The limit keeps the read bounded even if events arrived since they were counted.
  return deps.store.queryEvents({ ...query, limit: MAX_READ_ITEMS });
}

interface ParsedRead {
  tzid: string;
  query: EventQuery;
  includeGeo: boolean;
  includeUserinfo: boolean;
}

async function parseRead(deps: AppDeps, principal: Principal, url: string, resource: PagedResource): Promise<ParsedRead> {
  const q = new Query(url);
  const problems = new Problems();
  const sub = accountSub(principal);

  let tzid = 'Etc/UTC';
  const tz = q.get('tzid');
  if (tz !== undefined) {
    if (isValidTzid(tz)) tzid = tz;
    else problems.add('tzid', 'errors.invalid', 'tzid must be a known IANA time zone identifier');
  }
  const fromRaw = q.get('from');
  const toRaw = q.get('to');
  const from = fromRaw === undefined ? undefined : parseDate(fromRaw);
  const to = toRaw === undefined ? undefined : parseDate(toRaw);
  if (from === null) problems.add('from', 'errors.invalid', dateProblem('from', fromRaw));
  if (to === null) problems.add('to', 'errors.invalid', dateProblem('to', toRaw));

  const includeManaged = q.bool('include_managed', false, problems);
  const onlyManaged = resource === 'events' ? q.bool('only_managed', false, problems) : false;
  const includeDeleted = resource === 'events' ? q.bool('include_deleted', false, problems) : false;
  const includeGeo = q.bool('include_geo', false, problems);
  const includeUserinfo = q.bool('include_userinfo', false, problems);
  q.bool('localized_times', false, problems);
  if (resource === 'events') q.bool('include_moved', false, problems);

  let updatedSince: number | undefined;
  const lm = q.get('last_modified');
  if (resource === 'events' && lm !== undefined) {
    const t = parseTime(lm);
    if (t === null) problems.add('last_modified', 'errors.invalid', 'last_modified must be a Time (YYYY-MM-DDTHH:mm:ssZ)');
    else updatedSince = t;
  }

  let calendarIds: string[] | undefined;
  const requested = q.list('calendar_ids');
  if (requested.length > 0) {
    const own = new Set((await deps.store.listCalendars(sub, { includeDeleted: true })).map((c) => c.calendarId));
    const unknown = requested.filter((id) => !own.has(id));
    if (unknown.length > 0) problems.add('calendar_ids', 'errors.not_recognized', `not calendars of this account: ${unknown.slice(0, 5).join(', ')}`);
    calendarIds = [...new Set(requested)];
  }

  const today = problems.has('tzid') ? '1970-01-01' : dateInZone(deps.clock(), tzid);
  const fromDate = from ?? addDays(today, -16);
  const toDate = to ?? addDays(today, 201);
  if (from && to && fromDate >= toDate) problems.add('from', 'errors.invalid', 'from must be before to');
  else if (!problems.has('from') && !problems.has('to') && fromDate >= toDate) {
    problems.add(from ? 'from' : 'to', 'errors.invalid', 'from must be before to');
  }
  problems.throwIfAny();

  const managed: ManagedFilter = onlyManaged ? 'only' : includeManaged ? 'include' : 'exclude';
  const query: EventQuery = {
    sub,
    window: { fromMs: startOfDay(fromDate, tzid), toMs: startOfDay(toDate, tzid), fromDate, toDate },
    managedIgnoresWindow: from === undefined && to === undefined,
    managed,
    applicationId: principal.application.applicationId,
    includeDeleted,
  };
  if (calendarIds) query.calendarIds = calendarIds;
  if (updatedSince !== undefined) query.updatedSince = updatedSince;
  return { tzid, query, includeGeo, includeUserinfo };
}

/** Sorts by start (all-day dates at 00:00 in `tzid`), then by event_uid. */
export function sortEvents(events: CalendarEvent[], tzid: string): CalendarEvent[] {
  const dayStart = new Map<string, number>();
  const key = (e: CalendarEvent): number => {
    if (e.start.kind === 'time') return e.start.ms;
    let v = dayStart.get(e.start.date);
    if (v === undefined) dayStart.set(e.start.date, (v = startOfDay(e.start.date, tzid)));
    return v;
  };
  return events
    .map((e) => ({ e, k: key(e) }))
    .sort((a, b) => a.k - b.k || (a.e.eventUid < b.e.eventUid ? -1 : a.e.eventUid > b.e.eventUid ? 1 : 0))
    .map((x) => x.e);
}

async function userinfoFor(deps: AppDeps, principal: Principal): Promise<Record<string, unknown>> {
  const account = await deps.store.getAccount(accountSub(principal));
  return account ? { userinfo: await buildUserinfo(deps.store, account, principal.application.applicationId, deps.config.baseUrl) } : {};
}

export function readEvents(deps: AppDeps): Handler {
  return async ({ principal, url }) => {
    const r = await parseRead(deps, principal, url, 'events');
    const sub = r.query.sub;
    const [events, calendars, account] = await Promise.all([
      boundedEvents(deps, r.query),
      deps.store.listCalendars(sub, { includeDeleted: true }),
      deps.store.getAccount(sub),
    ]);
    const writable = new Set(calendars.filter((c) => !c.readonly && !c.deleted).map((c) => c.calendarId));
    const organizerFallback = { email: account?.email ?? '', displayName: account?.name ?? account?.email ?? '' };
    const applicationId = principal.application.applicationId;
    const items = sortEvents(events, r.tzid).map((e) =>
      eventToJson(e, { applicationId, includeGeo: r.includeGeo, writable: writable.has(e.calendarId), organizerFallback }),
    );
    const extra = r.includeUserinfo ? await userinfoFor(deps, principal) : {};
    return json(200, await firstPage(deps, principal, 'events', items, { extra, calendarIds: [...new Set(events.map((e) => e.calendarId))] }));
  };
}

export function readFreeBusy(deps: AppDeps): Handler {
  return async ({ principal, url }) => {
    const r = await parseRead(deps, principal, url, 'free_busy');
    const events = (await boundedEvents(deps, r.query)).filter(eventBlocks);
    const items = sortEvents(events, r.tzid).map(freeBusyToJson);
    const extra = r.includeUserinfo ? await userinfoFor(deps, principal) : {};
    return json(200, await firstPage(deps, principal, 'free_busy', items, { extra, calendarIds: [...new Set(events.map((e) => e.calendarId))] }));
  };
}

export function readPage(deps: AppDeps, resource: PagedResource): Handler {
  return async ({ principal, param }) => {
    const body = await laterPage(deps, principal, resource, param('page_id'));
    return new Response(body, { status: 200, headers: { 'content-type': JSON_TYPE } });
  };
}
