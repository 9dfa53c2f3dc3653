/**
 * Availability rules (PROTOCOL §5.9, E7/E8): per (application, account); element tokens act
 * on their primary sub. At most 50 rules per account and application.
 */
import { ApiError, Problems, cutText, validateRuleUpsert, ValidationError } from '../../core/index.js';
import { accountSub } from '../auth/principal.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { accepted, json } from '../respond.js';
import type { Handler } from '../route.js';
import { ruleToJson } from '../wire/rule-json.js';

/** Rules per (application, account) (PROTOCOL §2.7). */
export const MAX_RULES = 50;

/** E8 / host: create or replace a rule; 200 with the rule as stored. */
export function upsertAvailabilityRule(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const upsert = validateRuleUpsert(body, problems);
    const sub = accountSub(principal);
    const applicationId = principal.application.applicationId;
    if (Array.isArray(body.calendar_ids) && !problems.has('calendar_ids')) {
      const own = new Set((await deps.store.listCalendars(sub, { includeDeleted: true })).map((c) => c.calendarId));
      const unknown = (body.calendar_ids as string[]).filter((id) => !own.has(id));
      if (unknown.length > 0) problems.add('calendar_ids', 'errors.not_recognized', `not calendars of this account: ${unknown.slice(0, 10).map((id) => cutText(id, 65)).join(', ')}`);
    }
    problems.throwIfAny();
    const rule = { ...upsert!, applicationId, sub, updatedAt: deps.clock() };
    await deps.store.transaction(async (tx) => {
      // Writers of one account's rules take turns, so that each counts the others' inserts.
      await tx.lockKey(`rules:${applicationId}:${sub}`);
      const existing = await tx.getRule(applicationId, sub, rule.availabilityRuleId);
      if (!existing && (await tx.countRules(applicationId, sub)) >= MAX_RULES) {
        throw ValidationError.one('availability_rule_id', 'errors.too_many', `an account has at most ${MAX_RULES} availability rules per application`);
      }
      await tx.upsertRule(rule);
    });
    return json(200, { availability_rule: ruleToJson(rule) });
  };
}

/** E7 / host: one rule, or a JSON 404. The path segment arrives percent-decoded. */
export function readAvailabilityRule(deps: AppDeps): Handler {
  return async ({ principal, param }) => {
    const rule = await deps.store.getRule(principal.application.applicationId, accountSub(principal), param('availability_rule_id'));
    if (!rule) throw new ApiError('not_found', 'There is no availability rule with this id.');
    return json(200, { availability_rule: ruleToJson(rule) });
  };
}

/** Host: every rule of the account, sorted by id bytewise. */
export function listAvailabilityRules(deps: AppDeps): Handler {
  return async ({ principal }) => {
    const rules = await deps.store.listRules(principal.application.applicationId, accountSub(principal));
    return json(200, { availability_rules: rules.map(ruleToJson) });
  };
}

/** Host: delete a rule; 202 whether or not it existed. */
export function deleteAvailabilityRule(deps: AppDeps): Handler {
  return async ({ principal, param }) => {
    await deps.store.deleteRule(principal.application.applicationId, accountSub(principal), param('availability_rule_id'));
    return accepted();
  };
}
