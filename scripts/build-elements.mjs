// Builds the browser library into dist/elements/ (PROTOCOL §6.1):
//   CronofyElements.v{X.Y.Z}.js   classic script (one global, CommonJS/AMD aware), minified
//   CronofyElements.js            the same build under the "current" name
//   CronofyElements.v{X.Y.Z}.mjs  ESM build (named exports + default object), minified
//   CronofyElements.d.ts          TypeScript declarations (src/elements/api.ts)
// and prints the gzip -9 sizes. Run directly or through scripts/build.mjs.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/elements');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const src = join(root, 'src/elements');

/** esbuild options shared by every elements bundle. */
export function elementsBuildOptions() {
  return {
    bundle: true,
    minify: true,
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    // Class fields without initialisers need no runtime declaration in the bundle.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: true } },
    define: { __KAIROS_ELEMENTS_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    logOverride: { 'commonjs-variable-in-esm': 'silent' },
  };
}

mkdirSync(out, { recursive: true });
const classic = join(out, `CronofyElements.v${version}.js`);
await build({ ...elementsBuildOptions(), entryPoints: [join(src, 'classic.ts')], outfile: classic, format: 'iife' });
copyFileSync(classic, join(out, 'CronofyElements.js'));
await build({ ...elementsBuildOptions(), entryPoints: [join(src, 'index.ts')], outfile: join(out, `CronofyElements.v${version}.mjs`), format: 'esm' });

const header = `// Type declarations of the Kairos Elements library v${version} (CronofyElements).\n`;
writeFileSync(join(out, 'CronofyElements.d.ts'), header + readFileSync(join(src, 'api.ts'), 'utf8'));

const size = (file) => {
  const buf = readFileSync(file);
  return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
};
for (const name of [`CronofyElements.v${version}.js`, `CronofyElements.v${version}.mjs`]) {
  const s = size(join(out, name));
  console.error(`elements: dist/elements/${name} ${(s.raw / 1024).toFixed(1)} KB, gzip -9 ${(s.gz / 1024).toFixed(2)} KB`);
}
