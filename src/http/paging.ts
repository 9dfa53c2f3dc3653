/**
 * Paged list responses (PROTOCOL §2.6). The first request computes the whole result; pages
 * after the first are stored as snapshots under random ids, bound to the credential (element
 * token) or to the (application, account) pair (access token) that made the first request.
 */
import { ApiError, newSecret } from '../core/index.js';
import type { PageSnapshot } from '../core/index.js';
import { hashSecret } from './auth/hash.js';
import { accountSub, type Principal } from './auth/principal.js';
import type { AppDeps } from './deps.js';

export type PagedResource = PageSnapshot['resource'];

/**
 * Live page rows kept per binding (five snapshots of the largest read). A credential that
 * keeps asking for large windows drops its own oldest snapshots, and cannot fill the database
 * (§8.10); but a page younger than PAGE_MIN_LIFETIME_MS is never dropped for it: a read that
 * would need that is refused with 429 until the binding's oldest such page comes of age.
 */
export const MAX_PAGES_PER_BINDING = 500;

/** How long a page id stays valid at least (§2.6, §2.7). */
export const PAGE_MIN_LIFETIME_MS = 15 * 60_000;

/**
 * The last expiry given to a snapshot, per app. Snapshots taken in the same millisecond get
 * expiries one millisecond apart, so that "oldest first" is well defined when a binding's
 * pages are capped.
 */
const lastExpiry = new WeakMap<AppDeps, number>();

/** What a page is bound to: the exact element token, or the (application, account) of an access token. */
export function pageBinding(p: Principal): string {
  if (p.kind === 'element_token') return 'et:' + p.credential.hash;
  if (p.kind === 'access_token') return `at:${p.application.applicationId}:${p.sub}`;
  return 'ak:' + p.application.applicationId;
}

/**
 * Splits `items` into pages and stores every page after the first; returns the first page's
 * body. `extra` is merged into the first page only (for `userinfo`). `calendarIds`, the
 * calendars the items come from, lets a read that raced a profile revoke store no later pages:
 * the revoke has deleted the account's pages, and these would list the profile's events.
 */
export async function firstPage(
  deps: AppDeps,
  principal: Principal,
  resource: PagedResource,
  items: unknown[],
  opts: { extra?: Record<string, unknown>; calendarIds?: readonly string[] } = {},
): Promise<Record<string, unknown>> {
  const extra = opts.extra ?? {};
  const size = deps.config.pageSize;
  const total = Math.max(1, Math.ceil(items.length / size));
  const ids = Array.from({ length: total }, (_, i) => (i === 0 ? '' : newSecret(deps.random)));
  const body = (i: number): Record<string, unknown> => {
    const pages: Record<string, unknown> = { current: i + 1, total };
    if (i + 1 < total) pages.next_page = `${deps.config.baseUrl}/v1/${resource}/pages/${ids[i + 1]}`;
    return { pages, [resource]: items.slice(i * size, (i + 1) * size) };
  };
  if (total > 1) {
    const now = deps.clock();
    const ttl = deps.config.pageTtlMs;
    const expiresAt = Math.max(now + ttl, (lastExpiry.get(deps) ?? 0) + 1);
    lastExpiry.set(deps, expiresAt);
    const binding = pageBinding(principal);
    const sub = accountSub(principal);
    const snapshots: PageSnapshot[] = [];
    for (let i = 1; i < total; i++) {
      snapshots.push({ idHash: hashSecret(ids[i]!), credentialHash: binding, resource, sub, body: JSON.stringify(body(i)), expiresAt });
    }
    // A page expiring after this was stored less than PAGE_MIN_LIFETIME_MS ago.
    const protectExpiringAfter = now + ttl - PAGE_MIN_LIFETIME_MS;
    const keepPerBinding = Math.max(MAX_PAGES_PER_BINDING, snapshots.length);
    const saved = await deps.store.savePages(snapshots, { keepPerBinding, protectExpiringAfter, ...(opts.calendarIds ? { liveCalendarIds: opts.calendarIds } : {}) });
    // 'revoked': the later pages go unstored, as the revoke deleted the others: their URLs are 404.
    if (!saved.saved && saved.reason === 'full') {
      const retryS = Math.max(1, Math.ceil((saved.freesAt - protectExpiringAfter) / 1000));
      throw new ApiError(
        'rate_limited',
        `This credential holds as many result pages from the last ${PAGE_MIN_LIFETIME_MS / 60_000} minutes as it may (${keepPerBinding}), and they stay valid for at least that long: ask for a shorter window or fewer calendars, or try again in ${retryS} s.`,
        retryS,
      );
    }
  }
  return { ...body(0), ...extra };
}

/** The stored body of a later page, or a 404 when unknown, expired or bound to another credential. */
export async function laterPage(deps: AppDeps, principal: Principal, resource: PagedResource, pageId: string): Promise<string> {
  const page = pageId ? await deps.store.getPage(hashSecret(pageId)) : null;
  if (!page || page.resource !== resource || page.credentialHash !== pageBinding(principal) || deps.clock() >= page.expiresAt) {
    throw new ApiError('not_found', 'The page does not exist or has expired.');
  }
  return page.body;
}
