import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// The build ships api.ts verbatim as CronofyElements.d.ts: check that it works as a standalone
// declaration file for a consumer, and that it catches wrong options.
const dir = mkdtempSync(join(tmpdir(), 'kairos-dts-'));
writeFileSync(join(dir, 'CronofyElements.d.ts'), readFileSync(fileURLToPath(new URL('./api.ts', import.meta.url)), 'utf8'));

function diagnostics(consumer: string): string[] {
  const file = join(dir, 'consumer.ts');
  writeFileSync(file, consumer);
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CronofyElements.d.ts', () => {
  it('types the factories, options, notifications and the element object', () => {
    const errors = diagnostics(`
      import CronofyElements, { Agenda, SlotPicker, CalendarSync, version, type Notification } from './CronofyElements';
      const log: Notification[] = [];
      const a = Agenda({ element_token: 't', target_id: 'x', api_domain: 'https://cal.example.com', tzid: 'Europe/Paris', locale: 'de',
        start_date: new Date(), styles: { prefix: 'My', colors: { primary: '#000', calendars: ['#111'] } },
        config: { mode: 'free_busy_managed', logs: 'none' }, callback: (n) => { log.push(n); } });
      if (a) { a.update({ tzid: 'UTC' }); a.refresh(); const tz: string = a.context.tzid; void tz; }
      SlotPicker({ element_token: 't', availability_query: { required_duration: { minutes: 30 }, query_periods: [{ start: 's', end: 'e' }] }, config: { mode: 'no_confirm' } });
      CalendarSync({ authorization: { redirect_uri: 'r', client_id: 'c', scope: 's', state: 'x' }, config: { revoke_mode: 'callback_only' } });
      const v: string = version + CronofyElements.version;
      void v;
    `);
    expect(errors).toEqual([]);
  });

  it('rejects unknown option values', () => {
    expect(diagnostics(`import { Agenda } from './CronofyElements'; Agenda({ demo: true, config: { mode: 'bogus' } });`)).toHaveLength(1);
    expect(diagnostics(`import { Agenda } from './CronofyElements'; Agenda({ demo: 'yes' });`)).toHaveLength(1);
  });
});
