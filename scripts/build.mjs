// Builds the server bundle (dist/kairos.js), the feed parse worker beside it
// (dist/feed-parse-worker.js, loaded by the bundle relative to its own URL) and the browser
// library (dist/elements/…).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Server-side bundles: Node 20 ESM, packages resolved from node_modules at run time.
const serverBundles = [
  ['src/cli/main.ts', 'dist/kairos.js'],
  ['src/sync/feeds/feed-parse-worker.ts', 'dist/feed-parse-worker.js'],
];
for (const [entry, out] of serverBundles) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(root, out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

const elements = join(root, 'scripts/build-elements.mjs');
if (existsSync(elements)) await import(elements);
