import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The browser bundle may import only its own files and core's pure, Temporal-free modules.
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ALLOWED_CORE = new Set(['types.ts', 'errors.ts', 'origin.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('elements import boundary', () => {
  it('imports no packages and only pure core modules', () => {
    const problems: string[] = [];
    for (const file of sources(HERE)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1] ?? '';
        const where = relative(HERE, file);
        if (!spec.startsWith('.')) {
          problems.push(`${where}: package ${spec}`);
          continue;
        }
        const target = relative(HERE, resolve(file, '..', spec));
        if (!target.startsWith('..')) continue;
        const core = relative(join(HERE, '../core'), resolve(file, '..', spec)).replace(/\.js$/, '.ts');
        if (!ALLOWED_CORE.has(core)) problems.push(`${where}: ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
