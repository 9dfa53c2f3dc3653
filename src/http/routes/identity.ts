/** `GET /v1/userinfo` (E1) and `GET /v1/account` (PROTOCOL §5.4). */
import { ApiError } from '../../core/index.js';
import { accountSub } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';
import type { Handler } from '../route.js';
import { buildUserinfo } from '../wire/userinfo-json.js';

export function userinfo(deps: AppDeps): Handler {
  return async ({ principal }) => {
    const account = await deps.store.getAccount(accountSub(principal));
    if (!account) throw new ApiError('not_found', 'The account does not exist.');
    return json(200, await buildUserinfo(deps.store, account, principal.application.applicationId, deps.config.baseUrl));
  };
}

export function account(deps: AppDeps): Handler {
  return async ({ principal }) => {
    const sub = accountSub(principal);
    const [acc, grant] = await Promise.all([deps.store.getAccount(sub), deps.store.getAuthorization(principal.application.applicationId, sub)]);
    if (!acc) throw new ApiError('not_found', 'The account does not exist.');
    return json(200, {
      account: {
        account_id: acc.sub,
        email: acc.kind === 'application_calendar' ? null : acc.email,
        name: acc.kind === 'application_calendar' ? null : acc.name,
        scope: grant?.scope ?? '',
        default_tzid: acc.zoneinfo,
      },
    });
  };
}
