/**
 * `POST /v1/availability` (PROTOCOL §5.7, E5) and `POST /v1/availability/explain` (why an
 * interval is or is not available; host credentials only, not part of the Cronofy protocol).
 */
import {
  Problems,
  computeAvailability,
  explainAvailability,
  validateAvailabilityRequest,
  validateExplainRequest,
  type AvailabilityQuery,
  type AvailabilityRequest,
  type MemberInput,
  type MemberRequest,
} from '../../core/index.js';
import type { Principal } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';
import type { Handler } from '../route.js';
import { availabilityToJson } from '../wire/availability-json.js';
import { explanationToJson } from '../wire/explain-json.js';
import { authoriseMembers, loadMembers } from './availability-members.js';

/**
 * The engine's query for a validated request, with each member's loaded input.
 *
 * @example engineQuery(request, input, deps.clock())
 */
export function engineQuery(r: AvailabilityRequest, input: (m: MemberRequest) => MemberInput, now: number): AvailabilityQuery {
  const q: AvailabilityQuery = {
    groups: r.groups.map((g) => ({ required: g.required, members: g.members.map(input) })),
    requiredDuration: r.requiredDuration,
    buffer: { before: r.buffer.before, after: r.buffer.after },
    now,
  };
  if (r.querySlots !== null) q.querySlots = r.querySlots;
  else q.queryPeriods = r.queryPeriods ?? [];
  if (r.startInterval !== undefined) q.startInterval = r.startInterval;
  if (r.responseFormat !== undefined) q.responseFormat = r.responseFormat;
  if (r.maxResults !== undefined) q.maxResults = r.maxResults;
  return q;
}

/** E5: available periods or slots. */
export function availability(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const { request, members } = validateAvailabilityRequest(body, problems);
    const accounts = await authoriseMembers(deps, principal, members, 'participants', problems);
    const r = request!;
    const input = await loadMembers(deps, principal.application.applicationId, members, accounts, r.window, r.buffer.before + r.buffer.after);
    return json(200, availabilityToJson(computeAvailability(engineQuery(r, input, deps.clock()))));
  };
}

/**
 * Whether the caller may see which events keep `sub` busy: the application's API key may (it
 * holds every authorised account's tokens anyway); an access token only for its own account,
 * with a scope that reads events. Availability alone tells any authorised member's busy times.
 */
function mayReadEvents(principal: Principal, sub: string): boolean {
  if (principal.kind === 'api_key') return true;
  if (principal.kind !== 'access_token' || principal.sub !== sub) return false;
  return principal.scopes.has('read_write') || principal.scopes.has('read_events');
}

/** Explains one interval against an availability query. */
export function explainAvailabilityRoute(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const { request, members } = validateExplainRequest(body, problems);
    const accounts = await authoriseMembers(deps, principal, members, 'participants', problems);
    const { query, interval } = request!;
    const span = { start: Math.min(query.window.start, interval.start), end: Math.max(query.window.end, interval.end) };
    const input = await loadMembers(deps, principal.application.applicationId, members, accounts, span, query.buffer.before + query.buffer.after);
    const explanation = explainAvailability(engineQuery(query, input, deps.clock()), interval);
    return json(200, explanationToJson(explanation, interval, (sub) => mayReadEvents(principal, sub)));
  };
}
