/** `POST /v1/profiles/{profile_id}/revoke` (E9, PROTOCOL §5.11). */
import { ApiError } from '../../core/index.js';
import { revokeProfile as revoke } from '../../services/index.js';
import { accountSub } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { accepted } from '../respond.js';
import type { Handler } from '../route.js';

export function revokeProfile(deps: AppDeps): Handler {
  return async ({ principal, param }) => {
    if (!(await revoke(deps.store, param('profile_id'), accountSub(principal)))) throw new ApiError('not_found', 'The profile does not exist.');
    return accepted();
  };
}
