/** Issuing host credentials: application secrets and access/refresh token pairs. */
import { newSecret, type RandomBytes } from '../core/index.js';
import type { Store } from '../store/index.js';
import { createHash } from 'node:crypto';

export function sha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface ServiceDeps {
  store: Store;
  clock: () => number;
  random: RandomBytes;
}

/**
 * Issues a new access token, and a new refresh token unless `refreshToken` is given (refresh
 * tokens are not rotated, §5.2.2). Only hashes are stored.
 */
export async function issueAccessToken(
  deps: ServiceDeps,
  opts: { applicationId: string; sub: string; scope: string; ttlSeconds: number; refreshToken?: string },
): Promise<IssuedTokens> {
  const now = deps.clock();
  const accessToken = newSecret(deps.random);
  await deps.store.insertCredential({
    hash: sha256(accessToken),
    kind: 'access_token',
    applicationId: opts.applicationId,
    sub: opts.sub,
    scope: opts.scope,
    permissions: [],
    subs: [],
    origin: null,
    issuedAt: now,
    expiresAt: now + opts.ttlSeconds * 1000,
    revoked: false,
  });
  let refreshToken = opts.refreshToken;
  if (refreshToken === undefined) {
    refreshToken = newSecret(deps.random);
    await deps.store.insertCredential({
      hash: sha256(refreshToken),
      kind: 'refresh_token',
      applicationId: opts.applicationId,
      sub: opts.sub,
      scope: opts.scope,
      permissions: [],
      subs: [],
      origin: null,
      issuedAt: now,
      expiresAt: null,
      revoked: false,
    });
  }
  return { accessToken, refreshToken, expiresIn: opts.ttlSeconds };
}
