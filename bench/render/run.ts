/**
 * Render benchmark of the Elements library: time from navigation start to the first Agenda
 * event painted, on a demo page in Debian's Chromium (headless), median of 10 runs. Writes
 * the figures and the bundle sizes to bench/render/README.md.
 *
 * Run: `npm run build && npx tsx bench/render/run.ts`
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const RUNS = 10;

// Demo events are inserted in a microtask of the mount call, before the browser's first
// rendering opportunity, so the first contentful paint is the paint that shows them. The page
// records when the first event existed and the paint timing entry, and the run checks the
// order of the two (a run where the event came later would be an error).
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>render bench</title></head>
<body><div id="agenda"></div>
<script src="/js/CronofyElements.js"></script>
<script>
var mountStart = performance.now();
CronofyElements.Agenda({ demo: true, target_id: 'agenda', tzid: 'Europe/London', locale: 'en-GB', callback: function () {} });
var mountEnd = performance.now();
window.result = Promise.all([
  new Promise(function (resolve) {
    (function check() {
      var root = document.getElementById('agenda').shadowRoot;
      if (root && root.querySelector('[part~="event"]')) resolve(performance.now());
      else setTimeout(check, 0);
    })();
  }),
  new Promise(function (resolve) {
    new PerformanceObserver(function (list) {
      var e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  }),
]).then(function (r) { return { inserted: r[0], paint: r[1], mount: mountEnd - mountStart, scriptStart: mountStart }; });
</script></body></html>`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const script = readFileSync(join(root, 'dist/elements/CronofyElements.js'));
  const server = createServer((req, res) => {
    if (req.url === '/js/CronofyElements.js') res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(script);
    else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', () => resolve()));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;

  const profile = mkdtempSync(join(tmpdir(), 'kairos-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const chromiumVersion = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent));
  const painted: number[] = [];
  const mounts: number[] = [];
  const starts: number[] = [];
  try {
    // One warm-up run, not counted.
    for (let i = 0; i <= RUNS; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await page.goto(`${origin}/`);
      const r = (await page.evaluate('window.result')) as { inserted: number; paint: number; mount: number; scriptStart: number };
      if (!(r.inserted <= r.paint)) throw new Error(`run ${i}: the first paint (${r.paint} ms) came before the first event (${r.inserted} ms)`);
      if (i > 0) {
        painted.push(r.paint);
        mounts.push(r.mount);
        starts.push(r.scriptStart);
      }
      await page.close();
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }

  const { measureSizes } = (await import(join(root, 'scripts/check-size.mjs'))) as { measureSizes: () => Promise<Record<string, number>> };
  const sizes = await measureSizes();
  const kb = (n: number | undefined): string => `${((n ?? 0) / 1024).toFixed(2)} KB`;
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  const readme = `# Render benchmark

Time from navigation start to the first Agenda event painted, on a demo page
(\`CronofyElements.Agenda({ demo: true })\`, no network besides the page and the script, cache
disabled), in Chromium ${chromiumVersion} headless on this machine. Median of ${RUNS} runs after one
warm-up run. The page holds nothing but the Agenda, whose demo events are in the DOM before the
browser's first rendering opportunity, so the first contentful paint (Paint Timing) is the paint
that shows the first event; each run checks that the event existed before that paint.

Run it with \`npm run build && npx tsx bench/render/run.ts\`; it rewrites this file.

## Result (${new Date().toISOString().slice(0, 10)}, library v${version})

| measure | median | min | max |
|---|---|---|---|
| navigation start → first event painted | **${ms(median(painted))}** | ${ms(Math.min(...painted))} | ${ms(Math.max(...painted))} |
| navigation start → mount call (page and script loaded) | ${ms(median(starts))} | ${ms(Math.min(...starts))} | ${ms(Math.max(...starts))} |
| \`Agenda()\` call, synchronous part (includes the page's first \`Intl\` use) | ${ms(median(mounts))} | ${ms(Math.min(...mounts))} | ${ms(Math.max(...mounts))} |

Runs (first event painted, ms): ${painted.map((x) => x.toFixed(1)).join(', ')}

Paint timestamps are coarse (a few ms) and the runs are sensitive to other load on the machine
(load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores when this was written). Most of the time before the
first paint is the browser's: loading the page and script, and initialising \`Intl\` time-zone
data on first use, which is inside the \`Agenda()\` figure above.

## Bundle sizes (gzip -9)

| bundle | size | budget |
|---|---|---|
| \`CronofyElements.v${version}.js\` (classic script, six elements, all languages) | ${kb(sizes.full)} | 30 KB |
| \`CronofyElements.v${version}.mjs\` (ESM) | ${kb(sizes.esm)} | – |
| Agenda-only bundle, \`en\` phrases (code) | ${kb(sizes.agenda)} | 12 KB |
| Agenda-only bundle, all bundled languages | ${kb(sizes.agendaAllLanguages)} | – |
`;
  writeFileSync(join(here, 'README.md'), readme);
  console.log(readme);
}

await main();
