import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

let code = '';

beforeAll(async () => {
  const r = await build({
    entryPoints: [fileURLToPath(new URL('./classic.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    write: false,
    define: { __KAIROS_ELEMENTS_VERSION__: '"9.8.7"' },
    logLevel: 'silent',
    logOverride: { 'commonjs-variable-in-esm': 'silent' },
  });
  code = r.outputFiles[0]?.text ?? '';
});

const FACTORIES = ['Agenda', 'AvailabilityRules', 'AvailabilityViewer', 'CalendarSync', 'DateTimePicker', 'SlotPicker', 'version'];

describe('classic script (§6.1)', () => {
  it('defines exactly one global and survives a second load', () => {
    const sandbox: Record<string, unknown> = {};
    const before = new Set(Object.keys(runInNewContext('this', sandbox) as object));
    runInNewContext(code, sandbox);
    const first = sandbox.CronofyElements;
    expect(() => runInNewContext(code, sandbox)).not.toThrow();
    const added = Object.keys(sandbox).filter((k) => !before.has(k));
    expect(added).toEqual(['CronofyElements']);
    expect(sandbox.CronofyElements).not.toBe(first);
    expect(Object.keys(sandbox.CronofyElements as object).sort()).toEqual(FACTORIES);
    expect((sandbox.CronofyElements as { version: string }).version).toBe('9.8.7');
  });

  it('sets module.exports under CommonJS', () => {
    const module = { exports: {} as unknown };
    runInNewContext(code, { module });
    expect(Object.keys(module.exports as object).sort()).toEqual(FACTORIES);
  });

  it('calls define("CronofyElements") under AMD', () => {
    const calls: Array<[string, string[], () => unknown]> = [];
    const define = Object.assign((name: string, deps: string[], factory: () => unknown) => calls.push([name, deps, factory]), { amd: {} });
    runInNewContext(code, { define });
    expect(calls.map(([n, d]) => [n, d])).toEqual([['CronofyElements', []]]);
    expect(Object.keys(calls[0]?.[2]() as object).sort()).toEqual(FACTORIES);
  });
});
