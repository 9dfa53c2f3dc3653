/**
 * Validation of `POST /v1/sequenced_availability` bodies (PROTOCOL §5.8): 1–10 items with
 * distinct ordinals, each with its own participants, duration, interval and buffer; top-level
 * query periods (or their alias) are required. Item problems are keyed `sequence`.
 */
import type { TimeRange } from '../availability/index.js';
import type { Problems } from '../errors.js';
import { isObject } from '../validate.js';
import {
  LIMITS,
  checkBuffer,
  checkMaxResults,
  checkPeriods,
  checkQueryPeriods,
  checkRequiredDuration,
  checkStartInterval,
  child,
  periodsParam,
  problemCount,
  roundInwards,
  type At,
} from './fields.js';
import { checkDistinctSubs, checkParticipants } from './participants.js';
import type { MemberRequest, SequenceItemRequest, SequencedRequest, Validated } from './types.js';

const MAX_SEQUENCE_ID = 255;

function checkSequenceId(problems: Problems, at: At, value: unknown): string | number | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add(at.param, 'errors.required', `${at.path} is required`);
    return undefined;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value !== 'string') {
    problems.add(at.param, 'errors.invalid', `${at.path} must be a string or an integer`);
    return undefined;
  }
  if ([...value].length > MAX_SEQUENCE_ID) {
    problems.add(at.param, 'errors.too_long', `${at.path} must be at most ${MAX_SEQUENCE_ID} characters`);
    return undefined;
  }
  return value;
}

function checkItem(problems: Problems, at: At, value: unknown, index: number, collect: MemberRequest[]): SequenceItemRequest | undefined {
  if (!isObject(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an object`);
    return undefined;
  }
  const before = problemCount(problems);
  const sequenceId = checkSequenceId(problems, child(at, '.sequence_id'), value.sequence_id);
  let ordinal = index + 1;
  if (value.ordinal !== undefined && value.ordinal !== null) {
    if (typeof value.ordinal !== 'number' || !Number.isSafeInteger(value.ordinal) || value.ordinal < 1) {
      problems.add(at.param, 'errors.invalid', `${at.path}.ordinal must be a positive integer`);
    } else ordinal = value.ordinal;
  }
  const groups = checkParticipants(problems, child(at, '.participants'), value.participants, collect);
  const requiredDuration = checkRequiredDuration(problems, child(at, '.required_duration'), value.required_duration);
  const startInterval = checkStartInterval(problems, child(at, '.start_interval'), value.start_interval);
  const buffer = checkBuffer(problems, child(at, '.buffer'), value.buffer);

  let queryPeriods: TimeRange[] | null = null;
  const qp = value.query_periods !== undefined && value.query_periods !== null;
  const ap = value.available_periods !== undefined && value.available_periods !== null;
  if (qp && ap) {
    problems.add(at.param, 'errors.invalid', `${at.path}.available_periods is an alias of query_periods: give only one of them`);
  } else if (qp || ap) {
    const name = qp ? 'query_periods' : 'available_periods';
    queryPeriods = checkPeriods(problems, child(at, '.' + name), value[name])?.map(roundInwards) ?? null;
  }
  if (problemCount(problems) !== before || sequenceId === undefined || !groups || requiredDuration === undefined) return undefined;
  return { sequenceId, ordinal, groups, requiredDuration, startInterval, buffer, queryPeriods };
}

/** Records `errors.invalid` for every ordinal used by more than one item. */
function checkOrdinals(problems: Problems, items: readonly SequenceItemRequest[]): void {
  const first = new Map<number, number>();
  items.forEach((it, i) => {
    const prev = first.get(it.ordinal);
    if (prev === undefined) first.set(it.ordinal, i);
    else problems.add('sequence', 'errors.invalid', `sequence[${i}].ordinal ${it.ordinal} is also the ordinal of sequence[${prev}]`);
  });
}

/**
 * Validates a sequenced availability body. Unknown item fields (`sequence_title`, `event`)
 * and a top-level `response_format` are ignored.
 *
 * @example
 *   validateSequencedRequest({ sequence: [{ sequence_id: 1, participants, required_duration: { minutes: 60 } }], query_periods }, problems)
 */
export function validateSequencedRequest(body: Record<string, unknown>, problems: Problems): Validated<SequencedRequest> {
  const members: MemberRequest[] = [];
  const seq = body.sequence;
  let items: SequenceItemRequest[] | undefined;
  if (seq === undefined || seq === null || (Array.isArray(seq) && seq.length === 0)) {
    problems.add('sequence', 'errors.required', `sequence is required: 1 to ${LIMITS.sequence} items`);
  } else if (!Array.isArray(seq)) {
    problems.add('sequence', 'errors.invalid', 'sequence must be an array of items');
  } else if (seq.length > LIMITS.sequence) {
    problems.add('sequence', 'errors.too_many', `sequence has ${seq.length} items; at most ${LIMITS.sequence} are allowed`);
  } else {
    const checked = seq.map((it, i) => checkItem(problems, { param: 'sequence', path: `sequence[${i}]` }, it, i, members));
    if (checked.every((it) => it !== undefined)) {
      items = checked as SequenceItemRequest[];
      checkOrdinals(problems, items);
    }
  }
  checkDistinctSubs(problems, 'sequence', members);

  const which = periodsParam(problems, body, false);
  const top = which === null || which === 'query_slots' ? undefined : checkQueryPeriods(problems, which, body[which]);
  const maxResults = checkMaxResults(problems, { param: 'max_results', path: 'max_results' }, body.max_results);

  if (problems.any() || !items || !top) return { request: null, members };
  return { request: { items, queryPeriods: top.periods, maxResults, window: top.window }, members };
}
