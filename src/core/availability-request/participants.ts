/**
 * `participants` (PROTOCOL §5.7.1): 1–10 groups of 1–50 members, each member an object or a
 * bare sub string, and `required` as `"all"` or an integer 1…members.
 */
import type { Problems } from '../errors.js';
import { isMissing, isObject } from '../validate.js';
import { LIMITS, checkPeriods, child, problemCount, type At } from './fields.js';
import type { GroupRequest, MemberRequest } from './types.js';

/** A list of strings, deduplicated in order; `[]` allowed only when `allowEmpty`. */
function stringList(problems: Problems, at: At, value: unknown, allowEmpty: boolean): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an array of strings`);
    return undefined;
  }
  if (value.length === 0 && !allowEmpty) {
    problems.add(at.param, 'errors.required', `${at.path} must not be empty`);
    return undefined;
  }
  const bad = value.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad !== -1) {
    problems.add(at.param, 'errors.invalid', `${at.path}[${bad}] must be a non-empty string`);
    return undefined;
  }
  return [...new Set(value as string[])];
}

function checkMember(problems: Problems, at: At, value: unknown): MemberRequest | undefined {
  const base = { path: at.path, calendarIds: null, availablePeriods: null, managedAvailability: false, availabilityRuleIds: null };
  if (typeof value === 'string') {
    if (value === '') {
      problems.add(at.param, 'errors.required', `${at.path} must be a sub`);
      return undefined;
    }
    return { sub: value, ...base };
  }
  if (!isObject(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an object with a sub, or a sub string`);
    return undefined;
  }
  const before = problemCount(problems);
  const member: MemberRequest = { sub: '', ...base };
  if (isMissing(value.sub)) problems.add(at.param, 'errors.required', `${at.path}.sub is required`);
  else if (typeof value.sub !== 'string') problems.add(at.param, 'errors.invalid', `${at.path}.sub must be a string`);
  else member.sub = value.sub;

  if (value.calendar_ids !== undefined && value.calendar_ids !== null) {
    member.calendarIds = stringList(problems, child(at, '.calendar_ids'), value.calendar_ids, false) ?? null;
  }
  if (value.available_periods !== undefined && value.available_periods !== null) {
    member.availablePeriods = checkPeriods(problems, child(at, '.available_periods'), value.available_periods) ?? null;
  }
  if (value.managed_availability !== undefined && value.managed_availability !== null) {
    if (typeof value.managed_availability !== 'boolean') {
      problems.add(at.param, 'errors.invalid', `${at.path}.managed_availability must be true or false`);
    } else member.managedAvailability = value.managed_availability;
  }
  if (value.availability_rule_ids !== undefined && value.availability_rule_ids !== null) {
    member.availabilityRuleIds = stringList(problems, child(at, '.availability_rule_ids'), value.availability_rule_ids, true) ?? null;
  }
  if (value.availability_constraints !== undefined && value.availability_constraints !== null) {
    problems.add(at.param, 'errors.not_supported', `${at.path}.availability_constraints is not supported`);
  }
  return problemCount(problems) === before ? member : undefined;
}

function checkRequired(problems: Problems, at: At, value: unknown, size: number | undefined): 'all' | number | undefined {
  if (value === undefined || value === null || value === 'all') return 'all';
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || (size !== undefined && value > size)) {
    const limit = size === undefined ? 'the number of members' : String(size);
    problems.add(at.param, 'errors.invalid', `${at.path} must be "all" or an integer from 1 to ${limit}`);
    return undefined;
  }
  return value;
}

/**
 * Checks a `participants` value. Well-formed members are appended to `collect` even when other
 * parts are wrong, so that the caller can check their subs in the same 422.
 *
 * @example checkParticipants(problems, { param: 'participants', path: 'participants' }, body.participants, members)
 */
export function checkParticipants(problems: Problems, at: At, value: unknown, collect: MemberRequest[]): GroupRequest[] | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    problems.add(at.param, 'errors.required', `${at.path} is required: 1 to ${LIMITS.groups} groups of members`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(at.param, 'errors.invalid', `${at.path} must be an array of { members, required }`);
    return undefined;
  }
  if (value.length > LIMITS.groups) {
    problems.add(at.param, 'errors.too_many', `${at.path} has ${value.length} groups; at most ${LIMITS.groups} are allowed`);
    return undefined;
  }
  const before = problemCount(problems);
  const groups: GroupRequest[] = [];
  value.forEach((g, gi) => {
    const gat = child(at, `[${gi}]`);
    if (!isObject(g)) {
      problems.add(at.param, 'errors.invalid', `${gat.path} must be an object with members`);
      return;
    }
    const mat = child(gat, '.members');
    let members: MemberRequest[] | undefined;
    if (g.members === undefined || g.members === null || (Array.isArray(g.members) && g.members.length === 0)) {
      problems.add(at.param, 'errors.required', `${mat.path} is required: 1 to ${LIMITS.members} members`);
    } else if (!Array.isArray(g.members)) {
      problems.add(at.param, 'errors.invalid', `${mat.path} must be an array of members`);
    } else if (g.members.length > LIMITS.members) {
      problems.add(at.param, 'errors.too_many', `${mat.path} has ${g.members.length} members; at most ${LIMITS.members} are allowed`);
    } else {
      members = [];
      g.members.forEach((m, mi) => {
        const member = checkMember(problems, child(mat, `[${mi}]`), m);
        if (member) {
          members!.push(member);
          collect.push(member);
        }
      });
    }
    const required = checkRequired(problems, child(gat, '.required'), g.required, Array.isArray(g.members) ? g.members.length : undefined);
    if (members && required !== undefined) groups.push({ members, required });
  });
  return problemCount(problems) === before ? groups : undefined;
}

/** Records `errors.too_many` when the members name more than 100 distinct subs. */
export function checkDistinctSubs(problems: Problems, param: string, members: readonly MemberRequest[]): void {
  const subs = new Set(members.map((m) => m.sub));
  if (subs.size > LIMITS.subs) {
    problems.add(param, 'errors.too_many', `the query names ${subs.size} distinct subs; at most ${LIMITS.subs} are allowed`);
  }
}
