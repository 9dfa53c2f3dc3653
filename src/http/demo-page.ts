/**
 * The demo host page served at `/`: an Agenda over the demo account's real data (the server
 * mints an element token for the page's own origin), a demo-mode Agenda beside it, and a
 * snippet to copy. It is an ordinary host page: it loads the library from /js/ and talks to
 * the API with `et`, exactly as a customer page would.
 */
import { randomBytes } from 'node:crypto';
import { normalizeOrigin } from '../core/index.js';
import { findDemo, issueElementToken, type DemoIdentity } from '../services/index.js';
import type { AppDeps } from './deps.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f6f7f9; color: #1f2430; }
  header { padding: 24px 32px 8px; }
  h1 { margin: 0 0 4px; font-size: 1.6rem; }
  header p { margin: 0; color: #4b5565; max-width: 60rem; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 24px; padding: 16px 32px; }
  section { background: #fff; border: 1px solid #e3e6eb; border-radius: 10px; padding: 16px; }
  h2 { font-size: 1.05rem; margin: 0 0 4px; }
  section > p { margin: 0 0 12px; color: #4b5565; font-size: .92rem; }
  .agenda { min-height: 420px; }
  pre { background: #0f172a; color: #e2e8f0; padding: 14px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; }
  footer { padding: 0 32px 32px; color: #4b5565; font-size: .9rem; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
`;

/** The demo's element token for one page origin, reused while at least half its life is left. */
interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * The page origins the demo page mints tokens for: the public base URL's, and the three
 * loopback names of its port (`localhost`, `127.0.0.1`, `[::1]`), for a developer who opens
 * the page under another name than the base URL's. At most four, so a flood of Host headers
 * cannot make the server mint a token (and keep a cache entry) per header; any other Host gets
 * the page without a token.
 *
 * @example demoOrigins('http://127.0.0.1:8080') → ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']
 */
export function demoOrigins(baseUrl: string): string[] {
  const base = normalizeOrigin(baseUrl);
  if (base === null) return [];
  const url = new URL(base);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const loopback = ['localhost', '127.0.0.1', '[::1]'].map((host) => normalizeOrigin(`http://${host}:${port}`));
  return [...new Set([base, ...loopback])].filter((o): o is string => o !== null);
}

/** Whether the demo page mints a token for a (normalised) page origin. */
export function demoOriginAllowed(origin: string, baseUrl: string): boolean {
  return demoOrigins(baseUrl).includes(origin);
}

/**
 * The `/` handler. Tokens are cached per page origin (at most the four of `demoOrigins`), so
 * reloading the page (or a client hammering it) does not add a credential row per request.
 */
export function createDemoPage(deps: AppDeps, libraryVersion: string | null): (requestUrl: string) => Promise<Response> {
  const tokens = new Map<string, CachedToken>();
  const ttlSeconds = Math.min(3600, deps.config.elementTokenTtlSeconds);

  async function tokenFor(applicationId: string, sub: string, origin: string): Promise<string> {
    const now = deps.clock();
    const cached = tokens.get(origin);
    if (cached && cached.expiresAt - now > (ttlSeconds * 1000) / 2) return cached.token;
    const token = await issueElementToken(deps, { applicationId, permissions: ['agenda'], subs: [sub], origin, ttlSeconds });
    tokens.set(origin, { token, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  return async (requestUrl) => {
    const pageOrigin = normalizeOrigin(new URL(requestUrl).origin);
    const demo = await findDemo(deps.store);
    let token: string | null = null;
    // The base URL can change once, when `serve --port 0` learns its port: drop what it left.
    const origins = demoOrigins(deps.config.baseUrl);
    for (const cached of tokens.keys()) if (!origins.includes(cached)) tokens.delete(cached);
    const allowed = pageOrigin !== null && origins.includes(pageOrigin);
    if (demo && pageOrigin && allowed) {
      const grant = await deps.store.authorizedSubs(demo.applicationId, [demo.sub]);
      if (grant.has(demo.sub)) token = await tokenFor(demo.applicationId, demo.sub, pageOrigin);
    }
    return renderPage(deps, { demo, pageOrigin, allowed, token, libraryVersion });
  };
}

function renderPage(
  deps: AppDeps,
  { demo, pageOrigin, allowed, token, libraryVersion }: { demo: DemoIdentity | null; pageOrigin: string | null; allowed: boolean; token: string | null; libraryVersion: string | null },
): Response {
  const api = deps.config.baseUrl;
  const nonce = randomBytes(16).toString('base64');
  const script = libraryVersion ? `/js/CronofyElements.v${libraryVersion}.js` : null;
  const snippet = `<div id="cronofy-agenda"></div>
<script src="${api}${script ?? '/js/CronofyElements.js'}"></script>
<script>
  CronofyElements.Agenda({
    element_token: "ELEMENT_TOKEN",   // minted by your backend for this page's origin
    target_id: "cronofy-agenda",
    api_domain: "${api}"
  });
</script>`;
  const mint = `curl -s ${api}/v1/element_tokens \\
  -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \\
  -d '{"version":"1","permissions":["agenda"],"subs":["${demo?.sub ?? 'acc_…'}"],"origin":"${pageOrigin ?? 'https://your.app'}"}'`;

  const realSection = token
    ? `<p>The demo account's calendars, read from this server with an element token minted for <code>${esc(pageOrigin!)}</code>.</p><div id="real-agenda" class="agenda"></div>`
    : `<p>${demo ? (pageOrigin && !allowed ? `This page was opened at <code>${esc(pageOrigin)}</code>, which is not the server's public base URL, so no element token was minted for it. Open <a href="${esc(api)}/">${esc(api)}/</a>, or start the server with <code>--base-url ${esc(pageOrigin)}</code>.` : 'This page could not determine its own origin, so no element token was minted.') : 'This database has no demo account (it was started with <code>--no-demo</code>, or already held data). Mint a token for one of your accounts and embed the Agenda as below.'}</p>`;

  const boot = script
    ? `<script src="${script}"></script>
<script nonce="${nonce}">
  const config = ${scriptJson({ token, api, now: deps.clock() })};
  const log = (n) => { if (n && n.notification && n.notification.type === 'error') console.error('Kairos element:', n.notification.message); };
  // Open on the server's today (in this browser's zone), which differs from the browser's
  // when the server runs with --now.
  const part = Object.fromEntries(new Intl.DateTimeFormat('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(config.now)).map((p) => [p.type, p.value]));
  const today = part.year + '-' + part.month + '-' + part.day;
  if (config.token) CronofyElements.Agenda({ element_token: config.token, target_id: 'real-agenda', api_domain: config.api, start_date: today, callback: log });
  CronofyElements.Agenda({ demo: true, target_id: 'demo-agenda', callback: log });
</script>`
    : '<p style="padding:0 32px">The browser library is not built: run <code>npm run build</code>.</p>';

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kairos demo</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Kairos</h1>
  <p>A self-hostable scheduling server with embeddable calendar Elements. This page is a host page like yours: it loads one script and mounts Agenda elements that call the API straight from the browser.</p>
</header>
<main>
  <section aria-labelledby="real-title"><h2 id="real-title">Agenda with real data</h2>${realSection}</section>
  <section aria-labelledby="demo-title"><h2 id="demo-title">Agenda in demo mode</h2><p>Mock content, computed in the browser: no requests at all.</p><div id="demo-agenda" class="agenda"></div></section>
  <section aria-labelledby="embed-title"><h2 id="embed-title">Embed it</h2>
    <p>1. Your backend mints an element token with its API key:</p><pre><code>${esc(mint)}</code></pre>
    <p>2. Your page loads the library and mounts the element:</p><pre><code>${esc(snippet)}</code></pre>
  </section>
</main>
<footer>API: <code>${esc(api)}</code>${script ? ` · library: <a href="${script}"><code>${esc(script)}</code></a>` : ''}</footer>
${boot}
</body>
</html>`;
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self' ${api}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    },
  });
}
