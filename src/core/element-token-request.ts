/**
 * Validation of `POST /v1/element_tokens` bodies (PROTOCOL §3.2). Sub authorisation needs the
 * store and is checked by the caller, which adds to the same Problems so every error is
 * reported in one 422.
 */
import { Problems } from './errors.js';
import { normalizeOrigin } from './origin.js';
import { PERMISSIONS, type Permission } from './types.js';

export const MAX_TOKEN_SUBS = 100;

export interface ElementTokenRequest {
  permissions: Permission[];
  subs: string[];
  origin: string;
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Checks an array of strings; returns the deduplicated list or undefined after recording a problem. */
function stringArray(problems: Problems, param: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    problems.add(param, 'errors.required', `${param} must be a non-empty array`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(param, 'errors.invalid', `${param} must be an array of strings`);
    return undefined;
  }
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad !== -1) {
    problems.add(param, 'errors.invalid', `${param}[${bad}] must be a string`);
    return undefined;
  }
  return dedupe(value as string[]);
}

/**
 * Validates the syntax of an element token request.
 *
 * @example
 *   const p = new Problems();
 *   const req = validateElementTokenRequest({ permissions: ['agenda'], subs: ['acc_…'], origin: 'http://localhost' }, p);
 */
export function validateElementTokenRequest(body: Record<string, unknown>, problems: Problems): ElementTokenRequest | null {
  const version = body.version;
  if (version !== undefined && version !== '1' && version !== 1) {
    problems.add('version', 'errors.not_recognized', 'version must be "1"');
  }

  let permissions: Permission[] | undefined;
  const perms = stringArray(problems, 'permissions', body.permissions);
  if (perms) {
    const unknown = perms.filter((p) => !(PERMISSIONS as readonly string[]).includes(p));
    if (unknown.length > 0) {
      problems.add('permissions', 'errors.not_recognized', `unknown permissions: ${unknown.join(', ')} (allowed: ${PERMISSIONS.join(', ')})`);
    } else {
      permissions = perms as Permission[];
    }
  }

  let subs = stringArray(problems, 'subs', body.subs);
  if (subs && subs.length > MAX_TOKEN_SUBS) {
    problems.add('subs', 'errors.too_many', `at most ${MAX_TOKEN_SUBS} distinct subs are allowed`);
    subs = undefined;
  }

  let origin: string | undefined;
  if (body.origin === undefined || body.origin === null || body.origin === '') {
    problems.add('origin', 'errors.required', 'origin is required');
  } else if (typeof body.origin !== 'string') {
    problems.add('origin', 'errors.invalid', 'origin must be a string');
  } else {
    const n = normalizeOrigin(body.origin);
    if (n === null) {
      problems.add('origin', 'errors.invalid', 'origin must be an http(s) origin such as https://app.example.com, without path, query or fragment');
    } else origin = n;
  }

  const bookable = body.bookable_event_ids;
  if (bookable !== undefined && bookable !== null) {
    if (!Array.isArray(bookable)) problems.add('bookable_event_ids', 'errors.invalid', 'bookable_event_ids must be an array');
    else if (bookable.length > 0) problems.add('bookable_event_ids', 'errors.not_supported', 'bookable events are not supported');
  }

  if (!permissions || !subs || !origin) return null;
  return { permissions, subs, origin };
}
