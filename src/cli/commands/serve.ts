/** `kairos serve`: migrations, demo seed on an empty database, HTTP server, graceful shutdown. */
import { serve as serveNode } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { clientErrorListener, createApp, createLogger } from '../../http/index.js';
import { seedDemo } from '../../services/index.js';
import { FeedPoller, FeedRefresher } from '../../sync/feeds/index.js';
import { displayDatabase, parse } from '../args.js';
import { FEED_OPTIONS } from '../feed-settings.js';
import type { Output } from '../output.js';
import { openStore, realRandom } from '../runtime.js';
import { resolveServeSettings } from '../serve-config.js';

export const SERVE_HELP = `Usage: kairos serve [options]

  --host HOST                 interface to listen on (default 127.0.0.1; env KAIROS_HOST)
  --port PORT                 port (default 8080; env PORT)
  --database DB               SQLite file path or postgres:// URL (default ./data/kairos.db; env KAIROS_DATABASE)
  --base-url URL              public base URL for absolute links (default http://HOST:PORT; env KAIROS_BASE_URL)
  --element-token-ttl SECS    element token lifetime, 300–86400 (default 64800; env KAIROS_ELEMENT_TOKEN_TTL)
  --page-size N               items per page, 1–1000 (default 100; env KAIROS_PAGE_SIZE)
  --rate-limit-token SPEC     per element token, e.g. 100/10s, or off (default 100/10s; env KAIROS_RATE_LIMIT_TOKEN)
  --rate-limit-app SPEC       per application: off, on (50/s,500/min) or e.g. 20/s,300/min (default off; env KAIROS_RATE_LIMIT_APP)
  --now TIME                  testing aid: start the clock at TIME, e.g. 2026-06-01T10:00:00Z (env KAIROS_NOW)
  --no-demo                   do not seed demo data into an empty database (env KAIROS_DEMO=false)
  --log-level LEVEL           fatal, error, warn, info, debug, trace or silent (default info; env KAIROS_LOG_LEVEL)

Subscribed ICS feeds:
  --feed-interval SECS        polling interval of feeds added without one, 60–604800 (default 900; env KAIROS_FEED_INTERVAL)
  --feed-timeout SECS         time allowed for one fetch, redirects and body included, 1–600 (default 60; env KAIROS_FEED_TIMEOUT)
  --feed-connect-timeout SECS time allowed to resolve and connect (TLS included), 1–120 (default 10; env KAIROS_FEED_CONNECT_TIMEOUT)
  --feed-allow-private        allow feed URLs on loopback and private addresses (default off; env KAIROS_FEED_ALLOW_PRIVATE=true)
  --feed-horizon BACK:AHEAD   days around each refresh that feed series are expanded over (default 365:731; env KAIROS_FEED_HORIZON)
  --feed-max-occurrences N    occurrences one feed may store, 100–200000; the rest are skipped (default 50000; env KAIROS_FEED_MAX_OCCURRENCES)
  --no-feed-poll              do not poll feeds; refreshes on demand still work (env KAIROS_FEED_POLL=false)`;

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Etc/UTC';
}

export async function serveCommand(argv: string[], o: Output): Promise<number> {
  const { values } = parse(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    'base-url': { type: 'string' },
    now: { type: 'string' },
    'element-token-ttl': { type: 'string' },
    'page-size': { type: 'string' },
    'rate-limit-token': { type: 'string' },
    'rate-limit-app': { type: 'string' },
    'log-level': { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
    ...FEED_OPTIONS,
    'no-feed-poll': { type: 'boolean', default: false },
  });
  if (values.help) return o.out(SERVE_HELP), 0;
  const settings = resolveServeSettings(values);
  const logger = createLogger({ level: settings.logLevel });

  const realStart = Date.now();
  const offset = settings.startAt === null ? 0 : settings.startAt - realStart;
  const clock = () => Date.now() + offset;
  if (settings.startAt !== null) {
    logger.warn({ now: new Date(settings.startAt).toISOString() }, 'the server clock was set with --now/KAIROS_NOW: a testing aid, not for production');
  }
  if (settings.feeds.allowPrivateAddresses) {
    logger.warn('feeds may fetch loopback and private addresses (--feed-allow-private/KAIROS_FEED_ALLOW_PRIVATE): anyone with an access token can make this server fetch from its own network');
  }

  const store = await openStore(settings.database);
  // The server bundle is dist/kairos.js; the browser library sits beside it in dist/elements.
  // (Under `npm run dev` this module runs from src/, so fall back to the built dist/elements.)
  const elementsDir = [new URL('./elements/', import.meta.url), new URL('../../../dist/elements/', import.meta.url)].map((u) => fileURLToPath(u)).find((d) => existsSync(d)) ?? null;
  const feeds = new FeedRefresher({ store, clock, random: realRandom, logger, settings: settings.feeds });
  const deps = { store, clock, random: realRandom, config: settings.config, logger, elementsDir, feeds };

  const app = createApp(deps);
  const server = serveNode({ fetch: app.fetch, port: settings.port, hostname: settings.host });
  // Requests the HTTP parser refuses (an unknown method, say) get a JSON answer too.
  server.on('clientError', clientErrorListener(logger));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  }).catch(async (err: NodeJS.ErrnoException) => {
    await feeds.close();
    await store.close();
    throw new Error(err.code === 'EADDRINUSE' ? `port ${settings.port} on ${settings.host} is already in use (choose another with --port)` : err.message);
  });
  const address = server.address() as AddressInfo;
  // With --port 0 the port is known only now; a base URL derived from it must name it, or
  // absolute links (pages.next_page) would point at port 0.
  if (settings.baseUrlFromPort) settings.config.baseUrl = `http://${settings.publicHost}:${address.port}`;

  if (settings.demo && (await store.countApplications()) === 0) {
    const seed = await seedDemo(deps, { tzid: localZone() });
    o.err(
      [
        '',
        'Seeded a demo application and account into the empty database. These credentials are shown once:',
        `  client_id:      ${seed.clientId}`,
        `  client_secret:  ${seed.clientSecret}   (the API key)`,
        `  account sub:    ${seed.sub}   (${seed.events} events around today)`,
        `  access_token:   ${seed.accessToken}   (valid 3 hours)`,
        `  refresh_token:  ${seed.refreshToken}`,
        '',
        'Mint an element token for a page on http://localhost:5555:',
        `  curl -s ${settings.config.baseUrl}/v1/element_tokens -H "Authorization: Bearer ${seed.clientSecret}" \\`,
        `    -H "Content-Type: application/json" -d '{"version":"1","permissions":["agenda"],"subs":["${seed.sub}"],"origin":"http://localhost:5555"}'`,
        '',
      ].join('\n'),
    );
  }

  logger.info({ host: address.address, port: address.port, database: displayDatabase(settings.database), baseUrl: settings.config.baseUrl }, 'listening');
  if (settings.demo) o.err(`Open ${settings.config.baseUrl}/ for the demo page.`);
  o.err(`Kairos is listening on http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port} (public base URL ${settings.config.baseUrl})`);

  // Housekeeping: expired page snapshots and credentials.
  const sweep = setInterval(() => {
    const now = clock();
    Promise.all([store.deleteExpiredPages(now), store.deleteExpiredCredentials(now - 86_400_000)]).catch((err: unknown) =>
      logger.error({ err: String(err) }, 'housekeeping failed'),
    );
  }, 10 * 60_000);
  sweep.unref();

  // Subscribed feeds: refreshed when their interval has passed (see docs/decisions/0010-ics-feeds.md).
  const poller = new FeedPoller({ store, clock, refresher: feeds, logger, tickMs: settings.feeds.pollTickMs });
  if (settings.feeds.poll) poller.start();

  let feedsStopped: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      clearInterval(sweep);
      // Stop polling and abandon feed fetches in flight: nothing is recorded for them, and the
      // feeds are fetched again on their next interval.
      feedsStopped = Promise.all([poller.stop(), feeds.close()]).then(() => undefined);
      const force = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, 10_000);
      force.unref();
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await feedsStopped;
  await store.close();
  o.err('Kairos stopped.');
  return 0;
}
