/** `POST /v1/element_tokens` (PROTOCOL §3): API key only; every problem in one 422. */
import { Problems, validateElementTokenRequest } from '../../core/index.js';
import { issueElementToken } from '../../services/index.js';
import { readJsonObject } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';
import type { Handler } from '../route.js';

export function mintElementToken(deps: AppDeps): Handler {
  return async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const problems = new Problems();
    const request = validateElementTokenRequest(body, problems);
    const subs = Array.isArray(body.subs) ? [...new Set(body.subs.filter((s): s is string => typeof s === 'string'))] : [];
    if (subs.length > 0 && subs.length <= 100 && !problems.has('subs')) {
      const ok = await deps.store.authorizedSubs(principal.application.applicationId, subs);
      const unknown = subs.filter((s) => !ok.has(s));
      if (unknown.length > 0) {
        problems.add('subs', 'errors.not_recognized', `these subs do not authorise this application: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`);
      }
    }
    problems.throwIfAny();
    const { permissions, origin, subs: grantedSubs } = request!;
    const ttl = deps.config.elementTokenTtlSeconds;
    const token = await issueElementToken(deps, { applicationId: principal.application.applicationId, permissions, subs: grantedSubs, origin, ttlSeconds: ttl });
    return json(200, { element_token: { permissions, origin, token, expires_in: ttl } }, { 'cache-control': 'no-store' });
  };
}
