/** `POST /oauth/token` (PROTOCOL §5.2.2). Errors are RFC 6749 bodies with status 400. */
import { OAuthError, ValidationError } from '../../core/index.js';
import { issueAccessToken, sha256, verifyClientCredentials } from '../../services/index.js';
import { readJsonOrForm } from '../body.js';
import type { AppDeps } from '../deps.js';
import { json } from '../respond.js';

function basicCredentials(req: Request): { id: string; secret: string } | null {
  const h = req.headers.get('authorization');
  const m = h ? /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i === -1) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  } catch {
    return null;
  }
}

export function oauthToken(deps: AppDeps) {
  return async (req: Request): Promise<Response> => {
    let body: Record<string, unknown>;
    try {
      body = await readJsonOrForm(req);
    } catch (err) {
      if (err instanceof ValidationError) throw new OAuthError('invalid_request', 'The body must be JSON or form-encoded.');
      throw err;
    }
    const basic = basicCredentials(req);
    const clientId = basic?.id ?? body.client_id;
    const clientSecret = basic?.secret ?? body.client_secret;
    if (typeof body.grant_type !== 'string' || body.grant_type === '') throw new OAuthError('invalid_request', 'grant_type is required.');
    if (body.grant_type !== 'refresh_token' && body.grant_type !== 'authorization_code') {
      throw new OAuthError('unsupported_grant_type', 'grant_type must be refresh_token or authorization_code.');
    }
    // RFC 6749 §5.2: missing client authentication is invalid_client, like wrong credentials.
    if (clientId === undefined || clientSecret === undefined) throw new OAuthError('invalid_client', 'client_id and client_secret are required.');
    const app = await verifyClientCredentials(deps, clientId, clientSecret);
    if (!app) throw new OAuthError('invalid_client', 'client_id and client_secret do not identify an application.');

    if (body.grant_type === 'authorization_code') {
      if (typeof body.code !== 'string' || body.code === '') throw new OAuthError('invalid_request', 'code is required.');
      // Codes are only issued by the authorisation flow of connected calendar sources.
      throw new OAuthError('invalid_grant', 'The authorization code is not valid.');
    }

    if (typeof body.refresh_token !== 'string' || body.refresh_token === '') throw new OAuthError('invalid_request', 'refresh_token is required.');
    const refresh = await deps.store.findCredential(sha256(body.refresh_token));
    if (!refresh || refresh.kind !== 'refresh_token' || refresh.revoked || refresh.applicationId !== app.applicationId || refresh.sub === null) {
      throw new OAuthError('invalid_grant', 'The refresh token is not valid.');
    }
    const grant = await deps.store.getAuthorization(app.applicationId, refresh.sub);
    if (!grant || grant.status !== 'active') throw new OAuthError('invalid_grant', 'The account no longer authorises this application.');
    const tokens = await issueAccessToken(deps, {
      applicationId: app.applicationId,
      sub: refresh.sub,
      scope: refresh.scope ?? grant.scope,
      ttlSeconds: deps.config.accessTokenTtlSeconds,
      refreshToken: body.refresh_token,
    });
    return json(
      200,
      {
        token_type: 'bearer',
        access_token: tokens.accessToken,
        expires_in: tokens.expiresIn,
        refresh_token: tokens.refreshToken,
        scope: refresh.scope ?? grant.scope,
        account_id: refresh.sub,
        sub: refresh.sub,
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  };
}
