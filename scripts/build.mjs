// Builds the server bundle (dist/kairos.js), the feed parse worker beside it
// (dist/feed-parse-worker.js, loaded by the bundle relative to its own URL) and the browser
// library (dist/elements/…).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(root, 'dist/kairos.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  entryPoints: [join(root, 'src/sync/feeds/feed-parse-worker.ts')],
  outfile: join(root, 'dist/feed-parse-worker.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

const elements = join(root, 'scripts/build-elements.mjs');
if (existsSync(elements)) await import(elements);
