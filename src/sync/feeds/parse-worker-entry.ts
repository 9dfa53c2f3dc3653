/**
 * Where the parse worker's code is. The server bundle (dist/kairos.js) has the built
 * dist/feed-parse-worker.js beside it. Run from the TypeScript sources (tests, `npm run dev`),
 * this module sits beside feed-parse-worker.ts, which a worker can load only through tsx's
 * loader, registered inside the worker before the entry is imported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type WorkerEntry =
  | { kind: 'js'; url: URL }
  | { kind: 'ts'; url: URL; /** file: URL of tsx's ESM API (its `register()`). */ loader: string };

/** tsx's `tsx/esm/api` module as a file: URL, read from its package exports; null without tsx. */
function tsxEsmApi(from: string): string | null {
  try {
    const require = createRequire(from);
    const pkgPath = require.resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, unknown> };
    const api = pkg.exports?.['./esm/api'] as { import?: { default?: string } } | undefined;
    const rel = api?.import?.default;
    if (typeof rel !== 'string') return null;
    const file = join(dirname(pkgPath), rel);
    return existsSync(file) ? pathToFileURL(file).href : null;
  } catch {
    return null;
  }
}

/**
 * The parse worker's entry relative to `base` (this module's URL by default), or null when
 * neither a built entry nor the source with tsx is there.
 *
 * @example resolveParseWorkerEntry() // { kind: 'js', url: URL('file:///srv/kairos/dist/feed-parse-worker.js') }
 */
export function resolveParseWorkerEntry(base: string = import.meta.url): WorkerEntry | null {
  const js = new URL('./feed-parse-worker.js', base);
  if (js.protocol === 'file:' && existsSync(fileURLToPath(js))) return { kind: 'js', url: js };
  const ts = new URL('./feed-parse-worker.ts', base);
  if (ts.protocol === 'file:' && existsSync(fileURLToPath(ts))) {
    const loader = tsxEsmApi(base);
    if (loader !== null) return { kind: 'ts', url: ts, loader };
  }
  return null;
}
