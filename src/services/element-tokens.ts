/** Issuing element tokens (PROTOCOL §3.4): random, stored only as a hash, bound at mint time. */
import { newSecret, type Permission } from '../core/index.js';
import { sha256, type ServiceDeps } from './credentials.js';

/**
 * Stores and returns a new element token. The caller has validated the request and checked
 * that every sub authorises the application.
 */
export async function issueElementToken(
  deps: ServiceDeps,
  opts: { applicationId: string; permissions: Permission[]; subs: string[]; origin: string; ttlSeconds: number },
): Promise<string> {
  const token = newSecret(deps.random);
  const now = deps.clock();
  await deps.store.insertCredential({
    hash: sha256(token),
    kind: 'element_token',
    applicationId: opts.applicationId,
    sub: null,
    scope: null,
    permissions: opts.permissions,
    subs: opts.subs,
    origin: opts.origin,
    issuedAt: now,
    expiresAt: now + opts.ttlSeconds * 1000,
    revoked: false,
  });
  return token;
}
