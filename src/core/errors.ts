/**
 * Domain errors. Core code throws or returns these; the HTTP layer maps them onto the
 * protocol's error bodies in one place (src/http/errors.ts).
 */

/** The closed vocabulary of 422 error keys (PROTOCOL §2.5). */
export type ErrorKey =
  | 'errors.required'
  | 'errors.invalid'
  | 'errors.not_recognized'
  | 'errors.too_long'
  | 'errors.too_many'
  | 'errors.out_of_range'
  | 'errors.not_supported';

export interface FieldError {
  key: ErrorKey;
  description: string;
}

export type ErrorMap = Record<string, FieldError[]>;

/**
 * Collects every problem found in a request, keyed by the top-level parameter at fault.
 *
 * @example
 *   const v = new Problems();
 *   v.add('origin', 'errors.required', 'origin is required');
 *   if (v.any()) throw new ValidationError(v.map);
 */
/** The longest description a 422 carries, in UTF-16 units; longer ones are cut with `…`. */
export const MAX_PROBLEM_DESCRIPTION = 500;

/**
 * `text` when it has at most `max` UTF-16 units, else its start and `…`, `max` units in all
 * at most: for quoting what a caller sent. A surrogate pair is never split.
 *
 * @example cutText('abcdef', 4) // 'abc…'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut) + '…';
}

/**
 * Descriptions quote what was sent (a sub, an origin, an id) to say what is wrong with it; a
 * value of 100,000 characters must not come back whole, once per problem.
 */
function boundedDescription(description: string): string {
  return cutText(description, MAX_PROBLEM_DESCRIPTION);
}

export class Problems {
  readonly map: ErrorMap = {};

  add(param: string, key: ErrorKey, description: string): void {
    const list = (this.map[param] ??= []);
    list.push({ key, description: boundedDescription(description) });
  }

  has(param: string): boolean {
    return (this.map[param]?.length ?? 0) > 0;
  }

  any(): boolean {
    return Object.keys(this.map).length > 0;
  }

  /** Throws a ValidationError when any problem was recorded. */
  throwIfAny(): void {
    if (this.any()) throw new ValidationError(this.map);
  }
}

/** Invalid input of any kind: 422 with an `errors` map. */
export class ValidationError extends Error {
  constructor(readonly errors: ErrorMap) {
    super('validation failed: ' + Object.keys(errors).join(', '));
    this.name = 'ValidationError';
  }

  static one(param: string, key: ErrorKey, description: string): ValidationError {
    return new ValidationError({ [param]: [{ key, description: boundedDescription(description) }] });
  }
}

/** Error codes of non-422 error bodies (PROTOCOL §2.5). */
export type ApiErrorCode =
  | 'invalid_credentials'
  | 'invalid_token'
  | 'token_expired'
  | 'ambiguous_credentials'
  | 'credential_not_accepted'
  | 'insufficient_permission'
  | 'insufficient_scope'
  | 'origin_mismatch'
  | 'sub_not_permitted'
  | 'not_found'
  | 'rate_limited';

const STATUS: Record<ApiErrorCode, 401 | 403 | 404 | 429> = {
  invalid_credentials: 401,
  invalid_token: 401,
  token_expired: 401,
  ambiguous_credentials: 401,
  credential_not_accepted: 403,
  insufficient_permission: 403,
  insufficient_scope: 403,
  origin_mismatch: 403,
  sub_not_permitted: 403,
  not_found: 404,
  rate_limited: 429,
};

/** An authentication, authorisation, lookup or rate-limit refusal. */
export class ApiError extends Error {
  readonly status: 401 | 403 | 404 | 429;
  constructor(
    readonly code: ApiErrorCode,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${description}`);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }
}

/** RFC 6749 token-endpoint error (400). */
export class OAuthError extends Error {
  constructor(
    readonly code: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
    this.name = 'OAuthError';
  }
}
