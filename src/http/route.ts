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
 * NUL characters in path segments or query values never name anything (and PostgreSQL cannot
 * compare them): a path with one is not found, a query value with one is invalid.
 */
function rejectNulInUrl(c: Context): void {
  const params = c.req.param() as Record<string, string>;
  if (Object.values(params).some((v) => v.includes('\u0000'))) throw new ApiError('not_found', 'There is no such resource.');
  const url = c.req.url;
  const q = url.indexOf('?');
  if (q === -1 || !/%00/.test(url.slice(q))) return;
  const problems = new Problems();
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    if (k.includes('\u0000') || v.includes('\u0000')) problems.add(k.replace(/\[\]$/, '').replaceAll('\u0000', ''), 'errors.invalid', `${k.replaceAll('\u0000', '\\0')} must not contain NUL characters`);
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
      rejectNulInUrl(c);
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
