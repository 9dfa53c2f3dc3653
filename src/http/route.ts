/**
 * The route wrapper: authentication per the route's credential rules, then the handler, with
 * errors mapped in one place and element-route headers (CORS, no-store) added to every answer.
 */
import type { Context } from 'hono';
import { authenticate, type AuthContext } from './auth/authenticate.js';
import type { Principal, RouteAuth } from './auth/principal.js';
import { decorateElementResponse } from './cors.js';
import { errorToResponse } from './respond.js';
import { ApiError, Problems } from '../core/index.js';
import { isStorableText, pathHoldsUnstorableText, unstorableParams } from './storable-text.js';

export interface RouteCall {
  req: Request;
  principal: Principal;
  param: (name: string) => string;
  url: string;
}

export type Handler = (call: RouteCall) => Promise<Response>;

export interface RouteOptions {
  auth: RouteAuth;
  /** Element-facing route (§4.5): CORS and no-store headers. */
  element?: boolean;
}

/**
 * Text that cannot be stored (NUL, unpaired surrogates, percent-encoded bytes that are not
 * UTF-8; see storable-text.ts) never names anything: a path with it is not found, a query
 * parameter with it is invalid, keyed by the parameter's name without `[]`.
 */
function rejectUnstorableUrl(c: Context): void {
  const url = c.req.url;
  const q = url.indexOf('?');
  const params = c.req.param() as Record<string, string>;
  if ((url.includes('%') && pathHoldsUnstorableText(new URL(url).pathname)) || Object.values(params).some((v) => !isStorableText(v))) {
    throw new ApiError('not_found', 'There is no such resource.');
  }
  if (q === -1) return;
  const problems = new Problems();
  for (const p of unstorableParams(url.slice(q + 1))) {
    problems.add(p.name.replace(/\[\]$/, ''), 'errors.invalid', `${p.nameAtFault ? 'the parameter name' : p.name} must be text without NUL characters or bytes that are not UTF-8`);
  }
  problems.throwIfAny();
}

/** Wraps a handler with authentication and error mapping. */
export function route(ctx: AuthContext, opts: RouteOptions, handler: Handler) {
  return async (c: Context): Promise<Response> => {
    const req = c.req.raw;
    let principal: Principal | null = null;
    let res: Response;
    let error: unknown = null;
    try {
      principal = await authenticate(req, opts.auth, ctx);
      c.set('principal' as never, principal as never);
      rejectUnstorableUrl(c);
      res = await handler({ req, principal, param: (n) => c.req.param(n) ?? '', url: req.url });
    } catch (err) {
      error = err;
      res = errorToResponse(err, ctx.deps.logger, { method: req.method, path: new URL(req.url).pathname });
    }
    if (opts.element) {
      const tokenOrigin = principal?.kind === 'element_token' ? principal.origin : null;
      res = decorateElementResponse(res, req, { tokenOrigin, error });
    }
    return res;
  };
}
