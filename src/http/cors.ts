/**
 * CORS for element-facing routes (PROTOCOL §4.3). Only these paths ever carry CORS headers;
 * `OPTIONS` anywhere else is a 404, so browsers can never use host credentials.
 */
import { ApiError } from '../core/index.js';

const ELEMENT_PATHS: RegExp[] = [
  /^\/v1\/userinfo$/,
  /^\/v1\/events$/,
  /^\/v1\/events\/pages\/[^/]+$/,
  /^\/v1\/free_busy$/,
  /^\/v1\/free_busy\/pages\/[^/]+$/,
  /^\/v1\/availability$/,
  /^\/v1\/sequenced_availability$/,
  /^\/v1\/availability_rules$/,
  /^\/v1\/availability_rules\/[^/]+$/,
  /^\/v1\/profiles\/[^/]+\/revoke$/,
];

/** True for paths that take element tokens (preflights are answered on them). */
export function isElementPath(path: string): boolean {
  return ELEMENT_PATHS.some((re) => re.test(path));
}

/** Headers of a preflight response. `tokenOrigin` is the origin of the token named by `et`, if any. */
export function preflightHeaders(req: Request, tokenOrigin: string | null): Headers {
  const h = new Headers();
  const origin = tokenOrigin ?? req.headers.get('origin');
  if (origin !== null) h.set('access-control-allow-origin', origin);
  h.set('access-control-allow-methods', 'GET, POST, OPTIONS');
  h.set('access-control-allow-headers', 'Cronofy-Element, Content-Type');
  h.set('access-control-max-age', '600');
  h.set('vary', 'Origin');
  if (req.headers.get('access-control-request-private-network') === 'true') {
    h.set('access-control-allow-private-network', 'true');
  }
  return h;
}

/**
 * Adds the headers every response of an element route carries. Successful element-token
 * responses answer the token's origin; other responses reflect the request's Origin so the
 * page can read the status — except an origin mismatch, which gives a foreign page nothing.
 */
export function decorateElementResponse(res: Response, req: Request, opts: { tokenOrigin: string | null; error: unknown }): Response {
  const h = res.headers;
  h.set('vary', 'Origin');
  h.set('cache-control', 'no-store');
  h.set('referrer-policy', 'no-referrer');
  h.set('access-control-expose-headers', 'Retry-After');
  const requestOrigin = req.headers.get('origin');
  if (requestOrigin === null) return res;
  if (opts.error instanceof ApiError && opts.error.code === 'origin_mismatch') return res;
  h.set('access-control-allow-origin', opts.error === null && opts.tokenOrigin !== null ? opts.tokenOrigin : requestOrigin);
  return res;
}
