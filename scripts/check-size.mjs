// Size budget of the browser library, gzip -9:
//   - the full classic script (all six elements, every bundled language) ≤ 30 KB;
//   - the Agenda on its own ≤ 12 KB. That figure measures code: it is an Agenda-only bundle
//     whose phrase table is cut down to `en`, the only language the protocol requires. The
//     same bundle with every bundled language is printed too, for information.
// Builds dist/elements/ first (through build-elements.mjs), prints the figures, and exits 1
// when a budget is exceeded. `measureSizes()` is exported for bench/render.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { elementsBuildOptions } from './build-elements.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const KB = 1024;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** An esbuild plugin keeping only the `en` phrase table. */
const englishOnly = {
  name: 'english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]lib[\\/]phrases\.ts$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const kept = src.split('\n').filter((line) => !/^ {2}('[A-Za-z-]+'|[a-z]+): '/.test(line) || /^ {2}en: '/.test(line));
      return { contents: kept.join('\n'), loader: 'ts' };
    });
  },
};

async function agendaOnly(plugins) {
  const r = await build({
    ...elementsBuildOptions(),
    stdin: {
      contents: "import { Agenda } from './agenda/index.ts'; import { VERSION } from './version.ts'; globalThis.CronofyElements = { Agenda, version: VERSION };",
      resolveDir: join(root, 'src/elements'),
      loader: 'ts',
    },
    format: 'iife',
    write: false,
    plugins,
  });
  return r.outputFiles[0].contents;
}

/** gzip -9 sizes in bytes: `full` (classic script), `esm`, `agenda` (en phrases), `agendaAllLanguages`. */
export async function measureSizes() {
  return {
    full: gz(readFileSync(join(root, `dist/elements/CronofyElements.v${version}.js`))),
    esm: gz(readFileSync(join(root, `dist/elements/CronofyElements.v${version}.mjs`))),
    agenda: gz(await agendaOnly([englishOnly])),
    agendaAllLanguages: gz(await agendaOnly([])),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const s = await measureSizes();
  const checks = [
    { name: `CronofyElements.v${version}.js (six elements, all languages)`, bytes: s.full, budget: 30 * KB },
    { name: 'Agenda-only bundle (code, en phrases)', bytes: s.agenda, budget: 12 * KB },
  ];
  let over = false;
  for (const c of checks) {
    const ok = c.bytes <= c.budget;
    over ||= !ok;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${c.name}: ${(c.bytes / KB).toFixed(2)} KB gzip -9 (budget ${c.budget / KB} KB)`);
  }
  console.log(`info Agenda-only bundle with all bundled languages: ${(s.agendaAllLanguages / KB).toFixed(2)} KB gzip -9`);
  process.exit(over ? 1 : 0);
}
