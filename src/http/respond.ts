/** JSON responses and the one place that maps errors onto protocol error bodies (§2.5). */
import { ApiError, OAuthError, ValidationError } from '../core/index.js';
import { StoreBusyError } from '../store/index.js';
import type { Logger } from './logger.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON response with the protocol's content type. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** 202 with an empty body. */
export function accepted(): Response {
  return new Response(null, { status: 202 });
}

/** Turns any thrown value into a response. Unknown errors are logged and become a bare 500. */
export function errorToResponse(err: unknown, logger: Logger, context: Record<string, unknown> = {}): Response {
  if (err instanceof ValidationError) return json(422, { errors: err.errors });
  if (err instanceof ApiError) {
    const headers: Record<string, string> = {};
    if (err.status === 401) headers['www-authenticate'] = 'Bearer';
    if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
    return json(err.status, { error: err.code, error_description: err.description }, headers);
  }
  if (err instanceof StoreBusyError) {
    // Another process held the database's write lock for too long (a large import on SQLite).
    logger.warn({ ...context, waitedMs: err.waitedMs }, 'database busy');
    return json(503, { error: 'service_unavailable', error_description: 'The database is busy; try again shortly.' }, { 'retry-after': '5' });
  }
  if (err instanceof OAuthError) {
    return json(400, { error: err.code, error_description: err.description }, { 'cache-control': 'no-store' });
  }
  logger.error({ ...context, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error');
  return json(500, { error: 'server_error', error_description: 'The server could not complete the request.' });
}
