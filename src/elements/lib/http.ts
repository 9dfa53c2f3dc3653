/**
 * Element HTTP calls (PROTOCOL §6.7): URL building with a percent-encoded `et`, the
 * `Cronofy-Element` header, `credentials: "omit"`, status handling and the fixed messages.
 */
import { VERSION } from '../version.js';
import { isObject } from './json.js';

/** How a call's failures are worded and which statuses count as "not an HTTP error". */
export type CallKind = 'read' | 'availability' | 'rule_read' | 'rule_save' | 'revoke';

/** The fixed failure messages of §6.7. */
export const MESSAGES = {
  401: 'There was a problem fetching data: check your element_token is valid.',
  403: 'Incorrect permissions: check the `permissions` array when creating your element_token',
  429: 'Too many requests: try again later',
  query: 'There was a problem with your availability query.',
  save: 'Could not save availability rules',
  generic: 'There was a problem fetching data: the API could not be reached or returned an unexpected response.',
} as const;

/** A successful call: the parsed JSON body (undefined for revoke and rule-not-found bodies are kept). */
export interface CallSuccess {
  ok: true;
  status: number;
  body: unknown;
}

/** A failed call, with the server's `errors` map or `{}`. */
export interface CallFailure {
  ok: false;
  status: number;
  message: string;
  errors: Record<string, unknown>;
}

export type CallResult = CallSuccess | CallFailure;

/** One request to make. */
export interface CallRequest {
  url: string;
  /** The `<name>` part of `Cronofy-Element`, for example `agenda`. */
  element: string;
  kind: CallKind;
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * `{api_base}{path}` with `et` set and the given query parameters appended, all encoded by
 * the URL API (never by concatenation). Array values repeat the parameter.
 *
 * @example buildUrl('https://api.example.com', '/v1/events', 'a+b', [['from', '2026-03-01']])
 *   === 'https://api.example.com/v1/events?et=a%2Bb&from=2026-03-01'
 */
export function buildUrl(base: string, path: string, token: string, params: ReadonlyArray<readonly [string, string]> = []): string {
  const url = new URL(base + path);
  url.searchParams.set('et', token);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url.href;
}

/** A page path of §2.6: `/v1/<resource>/pages/<page_id>`. */
const PAGE_PATH = /^\/v1\/[a-z_]+\/pages\/[A-Za-z0-9_-]+$/;

/**
 * The URL to fetch for `pages.next_page`, with `et` set (replacing any value present). The
 * token must never be sent anywhere but the API base, so a page URL on another origin (a
 * server whose public base URL differs from the `api_domain` the page uses, say) is fetched
 * at the same page path on the API base, and anything that is not a page path is refused
 * (null).
 *
 * @example nextPageUrl('https://api.example.com/v1/events/pages/Zk3', 't', 'https://api.example.com') // '…/pages/Zk3?et=t'
 */
export function nextPageUrl(nextPage: unknown, token: string, base: string): string | null {
  if (typeof nextPage !== 'string') return null;
  let url: URL;
  let api: URL;
  try {
    api = new URL(base);
    url = new URL(nextPage, api);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.origin !== api.origin) {
    if (!PAGE_PATH.test(url.pathname)) return null;
    url = new URL(url.pathname + url.search, api);
  }
  url.searchParams.set('et', token);
  return url.href;
}

function failure(status: number, message: string, errors: Record<string, unknown> = {}): CallFailure {
  return { ok: false, status, message, errors };
}

function queryMessage(kind: CallKind): string {
  if (kind === 'availability') return MESSAGES.query;
  if (kind === 'rule_save') return MESSAGES.save;
  return MESSAGES.generic;
}

/**
 * Interprets a response per §6.7: 200/201/202/422 (and 404 on a rule read) are parsed as
 * JSON; a body with `errors` is a failure; 401/403/429 have fixed messages.
 */
export async function readResponse(res: Response, kind: CallKind): Promise<CallResult> {
  const s = res.status;
  const readable = s === 200 || s === 201 || s === 202 || s === 422 || (s === 404 && kind === 'rule_read');
  if (!readable) {
    if (s === 401 || s === 403 || s === 429) return failure(s, MESSAGES[s]);
    return failure(s, MESSAGES.generic);
  }
  if (kind === 'revoke') return { ok: true, status: s, body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    return failure(s, MESSAGES.generic);
  }
  if (isObject(body) && 'errors' in body) {
    return failure(s, queryMessage(kind), isObject(body.errors) ? body.errors : {});
  }
  if (s === 422) return failure(s, queryMessage(kind));
  return { ok: true, status: s, body };
}

/**
 * Makes one element call. Network and CORS failures resolve to the generic failure; an
 * aborted call rejects with the abort reason so that callers can drop it silently.
 */
export async function call(req: CallRequest): Promise<CallResult> {
  const headers: Record<string, string> = { 'Cronofy-Element': `v${VERSION}, ${req.element}` };
  const init: RequestInit = { method: req.method ?? 'GET', headers, credentials: 'omit' };
  if (req.signal) init.signal = req.signal;
  if (req.method === 'POST') {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    if (req.body !== undefined) init.body = JSON.stringify(req.body);
  }
  let res: Response;
  try {
    res = await fetch(req.url, init);
  } catch (e) {
    if (req.signal?.aborted) throw e;
    return failure(0, MESSAGES.generic);
  }
  return readResponse(res, req.kind);
}

/** Everything a paged list came to: its items and the first page's `userinfo`. */
export interface PagedResult {
  ok: true;
  items: unknown[];
  userinfo: unknown;
}

/** Safety net against a server that pages forever. */
const MAX_PAGES = 200;

/**
 * GETs `url` and follows `pages.next_page` until none is left, concatenating `body[listKey]`.
 * `userinfo` comes from the first page only.
 */
export async function fetchAllPages(
  url: string,
  listKey: string,
  opts: { token: string; base: string; element: string; signal?: AbortSignal },
): Promise<PagedResult | CallFailure> {
  const items: unknown[] = [];
  let userinfo: unknown;
  let next: string | null = url;
  for (let page = 0; next !== null; page++) {
    if (page >= MAX_PAGES) return failure(0, MESSAGES.generic);
    const req: CallRequest = { url: next, element: opts.element, kind: 'read' };
    if (opts.signal) req.signal = opts.signal;
    const r = await call(req);
    if (!r.ok) return r;
    const body = r.body;
    const list = isObject(body) ? body[listKey] : undefined;
    if (!isObject(body) || !Array.isArray(list)) return failure(r.status, MESSAGES.generic);
    if (page === 0) userinfo = body.userinfo;
    for (const item of list) items.push(item);
    const pages = body.pages;
    const link = isObject(pages) ? pages.next_page : undefined;
    if (link === undefined || link === null) next = null;
    else {
      next = nextPageUrl(link, opts.token, opts.base);
      if (next === null) return failure(r.status, MESSAGES.generic);
    }
  }
  return { ok: true, items, userinfo };
}
