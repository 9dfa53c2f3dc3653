/**
 * Authentication and the order of checks (PROTOCOL §2.4, §4.1): credential placement, lookup
 * by hash, expiry, validity, origin binding, permission or scope, rate limit. Input validation
 * and ownership scoping happen afterwards, in the route.
 */
import { ApiError, normalizeOrigin, type Permission, type Application, type Credential } from '../../core/index.js';
import type { AppDeps } from '../deps.js';
import type { RateLimiter } from '../rate-limit.js';
import { LookupCache } from './lookup-cache.js';
import { hashSecret } from './hash.js';
import type { Principal, RouteAuth } from './principal.js';

export interface AuthContext {
  deps: AppDeps;
  limiter: RateLimiter;
  credentials: LookupCache<Credential>;
  applications: LookupCache<Application>;
}

/** A fresh authentication context for an app. */
export function createAuthContext(deps: AppDeps, limiter: RateLimiter): AuthContext {
  return { deps, limiter, credentials: new LookupCache<Credential>(60_000), applications: new LookupCache<Application>(5_000) };
}

/** Finds a credential by the hash of its secret, through the cache. */
export function lookupCredential(ctx: AuthContext, secret: string): Promise<Credential | null> {
  const hash = hashSecret(secret);
  return ctx.credentials.get(hash, ctx.deps.clock(), () => ctx.deps.store.findCredential(hash));
}

function lookupApplication(ctx: AuthContext, applicationId: string): Promise<Application | null> {
  return ctx.applications.get(applicationId, ctx.deps.clock(), () => ctx.deps.store.getApplication(applicationId));
}

const BEARER_RE = /^bearer[ \t]+(\S+)[ \t]*$/i;

/** Reads the `et` query parameter without decoding surprises; undefined when absent. */
export function elementTokenParam(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  const params = new URLSearchParams(url.slice(q + 1));
  return params.has('et') ? (params.get('et') ?? '') : undefined;
}

/** Authenticates a request for a route, throwing an ApiError on any refusal. */
export async function authenticate(req: Request, auth: RouteAuth, ctx: AuthContext): Promise<Principal> {
  const { deps } = ctx;
  const et = elementTokenParam(req.url);
  const authorization = req.headers.get('authorization');

  if (et !== undefined) {
    if (authorization !== null) throw new ApiError('ambiguous_credentials', 'Send either the et parameter or an Authorization header, not both.');
    return authenticateElementToken(req, et, auth, ctx);
  }

  if (authorization === null || authorization.trim() === '') {
    throw new ApiError(
      'invalid_credentials',
      auth.element !== undefined && auth.element.length > 0
        ? 'No credentials were sent: use an Authorization: Bearer header, or the et parameter with an element token (add it to next_page links too).'
        : 'No credentials were sent: use an Authorization: Bearer header.',
    );
  }
  const m = BEARER_RE.exec(authorization);
  if (!m) throw new ApiError('invalid_credentials', 'The Authorization header must be "Bearer <credential>".');
  const now = deps.clock();
  const credential = await lookupCredential(ctx, m[1]!);
  // Element and refresh tokens are never accepted from a header: treat them as unknown.
  if (!credential || credential.revoked || (credential.kind !== 'api_key' && credential.kind !== 'access_token')) {
    throw new ApiError('invalid_credentials', 'The credential is not recognised.');
  }
  if (credential.expiresAt !== null && now >= credential.expiresAt) {
    throw new ApiError('token_expired', 'The access token has expired; refresh it.');
  }
  const application = await activeApplication(ctx, credential);

  let principal: Principal;
  if (credential.kind === 'api_key') {
    if (!auth.apiKey) throw new ApiError('credential_not_accepted', 'This endpoint does not accept an API key.');
    principal = { kind: 'api_key', credential, application };
  } else {
    const sub = credential.sub!;
    const grant = await deps.store.getAuthorization(application.applicationId, sub);
    if (!grant || grant.status !== 'active') throw new ApiError('invalid_credentials', 'The account no longer authorises this application.');
    if (!auth.accessToken) throw new ApiError('credential_not_accepted', 'This endpoint does not accept an access token.');
    const scopes = new Set((credential.scope ?? '').split(/\s+/).filter(Boolean));
    const accepted: readonly string[] = auth.scope === undefined ? [] : typeof auth.scope === 'string' ? [auth.scope] : auth.scope;
    if (accepted.length > 0 && !scopes.has('read_write') && !accepted.some((s) => scopes.has(s))) {
      throw new ApiError('insufficient_scope', `The access token lacks the ${accepted.join(' or ')} scope.`);
    }
    principal = { kind: 'access_token', credential, application, sub, scopes };
  }
  ctx.limiter.checkApplication(application.applicationId, now);
  return principal;
}

async function activeApplication(ctx: AuthContext, credential: Credential): Promise<Application> {
  const application = await lookupApplication(ctx, credential.applicationId);
  if (!application || !application.active) throw new ApiError('invalid_credentials', 'The application is not active.');
  return application;
}

/**
 * For `POST /v1/application_calendars`, which takes client credentials in the body (§5.3) and
 * which `authenticate` does not guard: an `et` sent anyway is refused as on every route outside
 * §4.5 (§2.4): 401 when it is not a valid token (or comes with an Authorization header), 403
 * `credential_not_accepted` when it is one. (The token endpoint answers 400 instead, §9.29.)
 *
 * @example await refuseElementToken(req, ctx); // before reading the body
 */
export async function refuseElementToken(req: Request, ctx: AuthContext): Promise<void> {
  const et = elementTokenParam(req.url);
  if (et === undefined) return;
  if (req.headers.get('authorization') !== null) throw new ApiError('ambiguous_credentials', 'Send either the et parameter or an Authorization header, not both.');
  await validElementToken(et, ctx);
  throw new ApiError('credential_not_accepted', 'This endpoint does not accept an element token.');
}

/** §4.1 steps 1–2: the token is known, unexpired, and its application and subs still valid. */
async function validElementToken(et: string, ctx: AuthContext): Promise<{ credential: Credential; application: Application }> {
  const { deps } = ctx;
  if (et === '') throw new ApiError('invalid_token', 'The element token is empty.');
  const now = deps.clock();
  const credential = await lookupCredential(ctx, et);
  if (!credential || credential.kind !== 'element_token' || credential.revoked) {
    throw new ApiError('invalid_token', 'The element token is not recognised.');
  }
  if (credential.expiresAt !== null && now >= credential.expiresAt) {
    throw new ApiError('token_expired', 'The element token has expired: mint a new one and pass it with update().');
  }
  const application = await lookupApplication(ctx, credential.applicationId);
  if (!application || !application.active) throw new ApiError('invalid_token', 'The element token is no longer valid.');
  const authorised = await deps.store.authorizedSubs(application.applicationId, credential.subs);
  if (credential.subs.some((s) => !authorised.has(s))) {
    throw new ApiError('invalid_token', 'The element token is no longer valid: an account no longer authorises the application.');
  }
  return { credential, application };
}

async function authenticateElementToken(req: Request, et: string, auth: RouteAuth, ctx: AuthContext): Promise<Principal> {
  const { deps } = ctx;
  const { credential, application } = await validElementToken(et, ctx);
  const now = deps.clock();
  if (!auth.element) throw new ApiError('credential_not_accepted', 'This endpoint does not accept an element token.');

  // Origin binding (§4.1 step 3).
  const origin = req.headers.get('origin');
  if (origin === null) {
    const sameOrigin = req.headers.get('sec-fetch-site') === 'same-origin' && normalizeOrigin(deps.config.baseUrl) === credential.origin;
    if (!sameOrigin) throw new ApiError('origin_mismatch', 'Element requests must come from the page origin the token was minted for.');
  } else if (normalizeOrigin(origin) !== credential.origin) {
    throw new ApiError('origin_mismatch', 'The request Origin does not match the element token.');
  }

  if (!auth.element.some((p) => credential.permissions.includes(p))) {
    throw new ApiError('insufficient_permission', `The element token needs one of these permissions: ${auth.element.join(', ')}.`);
  }
  ctx.limiter.checkElementToken(credential.hash, now);
  ctx.limiter.checkApplication(application.applicationId, now);
  return {
    kind: 'element_token',
    credential,
    application,
    subs: credential.subs,
    primarySub: credential.subs[0]!,
    permissions: new Set<Permission>(credential.permissions),
    origin: credential.origin!,
  };
}
