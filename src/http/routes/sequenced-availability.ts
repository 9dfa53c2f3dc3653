/** `POST /v1/sequenced_availability` (PROTOCOL §5.8, E6). */
import {
  Problems,
  computeSequencedAvailability,
  validateSequencedRequest,
  type SequenceItemInput,
  type SequencedQuery,
} from '../../core/index.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';
import type { Handler } from '../route.js';
import { sequencesToJson } from '../wire/availability-json.js';
import { authoriseMembers, loadMembers } from './availability-members.js';

/** E6: one result per feasible first slot, completed as early as possible. */
export function sequencedAvailability(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const { request, members } = validateSequencedRequest(body, problems);
    const accounts = await authoriseMembers(deps, principal, members, 'sequence', problems);
    const r = request!;
    const margin = Math.max(...r.items.map((it) => it.buffer.before + it.buffer.after));
    const input = await loadMembers(deps, principal.application.applicationId, members, accounts, r.window, margin);
    const items = r.items.map((it): SequenceItemInput => {
      const item: SequenceItemInput = {
        sequenceId: it.sequenceId,
        ordinal: it.ordinal,
        groups: it.groups.map((g) => ({ required: g.required, members: g.members.map(input) })),
        requiredDuration: it.requiredDuration,
        buffer: { before: it.buffer.before, after: it.buffer.after },
        gapBefore: it.buffer.gapBefore,
        gapAfter: it.buffer.gapAfter,
      };
      if (it.startInterval !== undefined) item.startInterval = it.startInterval;
      if (it.queryPeriods !== null) item.queryPeriods = it.queryPeriods;
      return item;
    });
    const query: SequencedQuery = { items, queryPeriods: r.queryPeriods, now: deps.clock() };
    if (r.maxResults !== undefined) query.maxResults = r.maxResults;
    return json(200, sequencesToJson(computeSequencedAvailability(query)));
  };
}
