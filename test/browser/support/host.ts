/**
 * The host side of browser tests: builds the library, serves a host page and the built files
 * on http://localhost:<port>, and launches Debian's Chromium through playwright-core with a
 * fresh profile. No browser is ever downloaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CronofyElementsLibrary, Notification } from '../../../src/elements/api.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The version in package.json, which names the built files. */
export const VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Builds dist/elements/ once per test file. */
export function buildLibrary(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-elements.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kairos Elements test page</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:46rem}</style></head>
<body>
<main>
<h1>Agenda</h1>
<div id="cronofy-agenda"></div>
<div id="second"></div>
</main>
<script src="/js/CronofyElements.js"></script>
</body>
</html>`;

/** The host server. */
export interface Host {
  origin: string;
  close(): Promise<void>;
}

/** Serves the test page at `/`, an empty page at `/blank` and dist/elements at `/js/…` on localhost. */
export async function startHost(): Promise<Host> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    if (path === '/blank') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title><main><div id="cronofy-agenda"></div></main>');
      return;
    }
    const js = /^\/js\/(CronofyElements(?:\.v[\d.]+)?\.m?js)$/.exec(path);
    if (js) {
      try {
        const body = readFileSync(join(ROOT, 'dist/elements', js[1]!));
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', () => resolve()));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Chromium with a fresh profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches /usr/bin/chromium headless with the flags the project uses everywhere. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kairos-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 900, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What tests read back from the page. */
declare global {
  interface Window {
    CronofyElements: CronofyElementsLibrary;
    notes: Notification[];
    handle: ReturnType<CronofyElementsLibrary['Agenda']>;
  }
}

/** Opens the host page and waits for the library. */
export async function openHost(context: BrowserContext, host: Host): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${host.origin}/`);
  await page.waitForFunction(() => typeof window.CronofyElements === 'object');
  return page;
}

/**
 * Mounts an Agenda with `options` (JSON-able) and a callback collecting notifications in
 * `window.notes`; the element object is kept in `window.handle`.
 */
export async function mountAgenda(page: Page, options: Record<string, unknown>): Promise<void> {
  await page.evaluate((o) => {
    window.notes = [];
    window.handle = window.CronofyElements.Agenda({ target_id: 'cronofy-agenda', ...o, callback: (n) => window.notes.push(n) });
  }, options);
}

/** Notifications received so far. */
export function notes(page: Page): Promise<Notification[]> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.notes)) as Notification[]);
}

/** Replaces U+202F and U+00A0 by spaces (ICU puts them before AM/PM). */
export function norm(s: string): string {
  return s.replace(/[\u202f\u00a0]/g, ' ').trim();
}
