/**
 * The dependency direction of DESIGN (core ← store, sync ← services ← http ← cli), read from
 * the import statements of every source file, and no import cycles between files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  store: ['core', 'store'],
  sync: ['core', 'store', 'sync'],
  services: ['core', 'store', 'sync', 'services'],
  http: ['core', 'store', 'sync', 'services', 'http'],
  elements: ['core', 'elements'],
  cli: ['core', 'store', 'sync', 'services', 'http', 'cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2])!);
  return out;
}

const layer = (file: string) => relative(SRC, file).split('/')[0]!;
const all = files(SRC);
// Test-only helpers live beside the code but are not part of the product.
const product = all.filter((f) => !/test-(helpers|arbitraries)\.ts$|\/testing\//.test(f) && !f.endsWith('.contract.ts') && !f.includes('/contract/'));

describe('architecture', () => {
  it('respects the dependency direction between folders', () => {
    const violations: string[] = [];
    for (const f of product) {
      const from = layer(f);
      const allowed = ALLOWED[from];
      if (!allowed) continue;
      for (const spec of imports(f)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(f), spec);
        const to = layer(target);
        if (!allowed.includes(to)) violations.push(`${relative(SRC, f)} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps core pure and the browser library free of server-only packages', () => {
    const violations: string[] = [];
    for (const f of product) {
      const l = layer(f);
      for (const spec of imports(f)) {
        if ((l === 'core' || l === 'elements') && spec.startsWith('node:')) violations.push(`${relative(SRC, f)} imports ${spec}`);
        if (l === 'elements' && ['temporal-polyfill', 'kysely', 'pino', 'hono', 'zod'].some((p) => spec === p || spec.startsWith(p + '/'))) {
          violations.push(`${relative(SRC, f)} imports ${spec}`);
        }
      }
      if (l === 'core' && /\bDate\.now\(|Math\.random\(/.test(readFileSync(f, 'utf8'))) violations.push(`${relative(SRC, f)} reads the clock or randomness`);
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles between files', () => {
    const graph = new Map<string, string[]>();
    for (const f of product) {
      graph.set(
        f,
        imports(f)
          .filter((s) => s.startsWith('.'))
          .map((s) => resolve(dirname(f), s).replace(/\.js$/, '.ts')),
      );
    }
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 2) return;
      if (state.get(f) === 1) {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 1);
      for (const g of graph.get(f) ?? []) if (graph.has(g)) visit(g, [...path, f]);
      state.set(f, 2);
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
