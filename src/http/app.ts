/**
 * createApp: the whole HTTP API as a Hono app, built from its dependencies. In-process tests
 * call `app.request()`; `serve` in src/cli mounts it on node:http.
 */
import { Hono, type Context } from 'hono';
import { ApiError, OAuthError } from '../core/index.js';
import { createAuthContext, elementTokenParam, lookupCredential, refuseElementToken, type AuthContext } from './auth/authenticate.js';
import type { Principal } from './auth/principal.js';
import { elementDocPage, elementDocsIndex } from './element-docs.js';
import { loadElementAssets } from './assets.js';
import { isElementPath, preflightHeaders } from './cors.js';
import { createDemoPage } from './demo-page.js';
import type { AppDeps } from './deps.js';
import { redactUrl } from './logger.js';
import { RateLimiter } from './rate-limit.js';
import { errorToResponse, json } from './respond.js';
import { route } from './route.js';
import { applicationCalendars } from './routes/application-calendars.js';
import { createCalendar, listCalendars } from './routes/calendars.js';
import { mintElementToken } from './routes/element-tokens.js';
import { deleteEvent, upsertEvent } from './routes/event-writes.js';
import { account, userinfo } from './routes/identity.js';
import { oauthToken } from './routes/oauth-token.js';
import { feedRoutes } from './routes/feeds.js';
import { revokeProfile } from './routes/profiles.js';
import { relinkPage } from './relink-page.js';
import { readEvents, readFreeBusy, readPage } from './routes/read-events.js';
import { availability, explainAvailabilityRoute } from './routes/availability.js';
import { deleteAvailabilityRule, listAvailabilityRules, readAvailabilityRule, upsertAvailabilityRule } from './routes/availability-rules.js';
import { deleteAvailablePeriods, readAvailablePeriods, upsertAvailablePeriod } from './routes/available-periods.js';
import { sequencedAvailability } from './routes/sequenced-availability.js';

export interface KairosApp {
  fetch: (req: Request) => Promise<Response>;
  /** Convenience for tests: like Hono's app.request(). */
  request: (input: string, init?: RequestInit) => Promise<Response>;
  /** Extension point for routes added by other modules (static files, demo page). */
  hono: Hono;
}

/** `read_events` grants free/busy too (§5.1). */
const FREE_BUSY_SCOPES = ['read_free_busy', 'read_events'] as const;

/** Paths of the protocol's API, as opposed to the library, documentation and demo pages. */
function isApiPath(path: string): boolean {
  return path.startsWith('/v1/') || path.startsWith('/oauth/');
}

function notFound(): Response {
  return json(404, { error: 'not_found', error_description: 'There is no such resource.' });
}

/** Builds the API. */
export function createApp(deps: AppDeps): KairosApp {
  const ctx: AuthContext = createAuthContext(deps, new RateLimiter(deps.config.rateLimit));
  const app = new Hono();
  const { logger } = deps;

  app.use('*', async (c, next) => {
    const started = performance.now();
    // The API's routes take the methods PROTOCOL §4.5 and §5 list; any other on a known path is
    // 404 (§2.5), HEAD included (Hono would answer it with the GET route, doing the whole read).
    // The library, the element pages and the demo page answer HEAD as web pages do.
    if (c.req.raw.method === 'HEAD' && isApiPath(new URL(c.req.url).pathname)) c.res = notFound();
    else await next();
    const principal = c.get('principal' as never) as Principal | undefined;
    logger.info(
      {
        method: c.req.method,
        url: redactUrl(c.req.url),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        credential: principal ? principal.credential.hash.slice(0, 8) : undefined,
        element: c.req.header('cronofy-element'),
      },
      'request',
    );
  });

  // A route that takes client credentials in the body; an element token is refused (§2.4).
  const clientCredentials = (handler: (req: Request) => Promise<Response>) => async (c: Context) => {
    try {
      await refuseElementToken(c.req.raw, ctx);
      return await handler(c.req.raw);
    } catch (err) {
      return errorToResponse(err, logger, { method: c.req.method });
    }
  };

  // CORS preflights on element routes (§4.3): no authentication, never rate limited.
  app.options('*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (!isElementPath(path)) return notFound();
    let tokenOrigin: string | null = null;
    const et = elementTokenParam(c.req.url);
    if (et) {
      const credential = await lookupCredential(ctx, et);
      if (credential?.kind === 'element_token') tokenOrigin = credential.origin;
    }
    return new Response(null, { status: 204, headers: preflightHeaders(c.req.raw, tokenOrigin) });
  });

  // Host-backend routes.
  app.post('/v1/element_tokens', route(ctx, { auth: { apiKey: true } }, mintElementToken(deps)));
  app.post('/v1/application_calendars', clientCredentials(applicationCalendars(deps)));
  // The token endpoint answers every error with 400 and an RFC 6749 body (§5.2.2, §9.29),
  // an element token sent to it included.
  const tokenEndpoint = oauthToken(deps);
  app.post('/oauth/token', async (c) => {
    try {
      if (elementTokenParam(c.req.url) !== undefined) throw new OAuthError('invalid_request', 'The token endpoint takes client credentials in the body, not an element token.');
      return await tokenEndpoint(c.req.raw);
    } catch (err) {
      return errorToResponse(err, logger, { method: c.req.method });
    }
  });
  app.get('/v1/account', route(ctx, { auth: { accessToken: true, scope: 'read_account' } }, account(deps)));
  app.get('/v1/calendars', route(ctx, { auth: { accessToken: true, scope: 'list_calendars' } }, listCalendars(deps)));
  app.post('/v1/calendars', route(ctx, { auth: { accessToken: true, scope: 'create_calendar' } }, createCalendar(deps)));
  app.post('/v1/calendars/:calendar_id/events', route(ctx, { auth: { accessToken: true, scope: 'create_event' } }, upsertEvent(deps)));
  app.delete('/v1/calendars/:calendar_id/events', route(ctx, { auth: { accessToken: true, scope: 'delete_event' } }, deleteEvent(deps)));
  // Availability: explanations (host credentials only, not an element route), rule list and
  // delete, available periods (§5.9, §5.10).
  app.post('/v1/availability/explain', route(ctx, { auth: { apiKey: true, accessToken: true } }, explainAvailabilityRoute(deps)));
  app.get('/v1/availability_rules', route(ctx, { auth: { accessToken: true } }, listAvailabilityRules(deps)));
  app.delete('/v1/availability_rules/:availability_rule_id', route(ctx, { auth: { accessToken: true } }, deleteAvailabilityRule(deps)));
  app.post('/v1/available_periods', route(ctx, { auth: { accessToken: true } }, upsertAvailablePeriod(deps)));
  app.get('/v1/available_periods', route(ctx, { auth: { accessToken: true } }, readAvailablePeriods(deps)));
  app.get('/v1/available_periods/pages/:page_id', route(ctx, { auth: { accessToken: true } }, readPage(deps, 'available_periods')));
  app.delete('/v1/available_periods', route(ctx, { auth: { accessToken: true } }, deleteAvailablePeriods(deps)));
  // Subscribed ICS feeds (Kairos only), and the page a disconnected profile's relink URL opens.
  feedRoutes(app, ctx, deps);
  app.get('/profiles/:profile_id/relink', (c) => relinkPage(deps, c.req.param('profile_id')).catch((err: unknown) => errorToResponse(err, logger, { method: 'GET', path: '/profiles/relink' })));

  // Element-facing routes (§4.5), which also accept host credentials.
  const element = { element: true } as const;
  app.get('/v1/userinfo', route(ctx, { ...element, auth: { accessToken: true, scope: 'read_account', element: ['agenda', 'managed_availability', 'account_management'] } }, userinfo(deps)));
  app.get('/v1/events', route(ctx, { ...element, auth: { accessToken: true, scope: 'read_events', element: ['agenda'] } }, readEvents(deps)));
  app.get('/v1/events/pages/:page_id', route(ctx, { ...element, auth: { accessToken: true, scope: 'read_events', element: ['agenda'] } }, readPage(deps, 'events')));
  app.get('/v1/free_busy', route(ctx, { ...element, auth: { accessToken: true, scope: FREE_BUSY_SCOPES, element: ['agenda'] } }, readFreeBusy(deps)));
  app.get('/v1/free_busy/pages/:page_id', route(ctx, { ...element, auth: { accessToken: true, scope: FREE_BUSY_SCOPES, element: ['agenda'] } }, readPage(deps, 'free_busy')));

  app.post('/v1/profiles/:profile_id/revoke', route(ctx, { ...element, auth: { accessToken: true, element: ['account_management'] } }, revokeProfile(deps)));
  app.post('/v1/availability', route(ctx, { ...element, auth: { apiKey: true, accessToken: true, element: ['availability'] } }, availability(deps)));
  app.post('/v1/sequenced_availability', route(ctx, { ...element, auth: { apiKey: true, accessToken: true, element: ['availability'] } }, sequencedAvailability(deps)));
  app.get('/v1/availability_rules/:availability_rule_id', route(ctx, { ...element, auth: { accessToken: true, element: ['managed_availability'] } }, readAvailabilityRule(deps)));
  app.post('/v1/availability_rules', route(ctx, { ...element, auth: { accessToken: true, element: ['managed_availability'] } }, upsertAvailabilityRule(deps)));

  // The browser library and the demo host page.
  const assets = loadElementAssets(deps.elementsDir ?? null);
  app.get('/js/:name', (c) => assets.respond(c.req.param('name'), c.req.header('accept-encoding') ?? null, c.req.header('if-none-match') ?? null) ?? notFound());
  const demoPage = createDemoPage(deps, assets.version);
  // The pages the elements' notifications link to (§6.8).
  app.get('/docs/elements', () => elementDocsIndex());
  app.get('/docs/elements/:slug', (c) => elementDocPage(c.req.param('slug'), deps.config.baseUrl, assets.version) ?? notFound());
  app.get('/', async (c) => {
    try {
      return await demoPage(c.req.url);
    } catch (err) {
      return errorToResponse(err, logger, { method: 'GET', path: '/' });
    }
  });

  app.notFound(() => notFound());
  app.onError((err) => errorToResponse(err, logger));

  return {
    fetch: async (req) => app.fetch(req),
    request: async (input, init) => app.request(input, init),
    hono: app,
  };
}

export { ApiError };
