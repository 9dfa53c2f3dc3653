// Runs the vitest suite and prints a plain closing line `N passed, N failed`.
// Extra arguments are passed to vitest (for example a path filter).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', `vitest-${process.pid}.json`);
mkdirSync(dirname(out), { recursive: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) {
    console.log(`${skipped} tests were skipped: skipped tests count as failures here`);
    failed += skipped;
  }
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) failed += report.numFailedTestSuites;
  rmSync(out, { force: true });
} catch {
  console.log('no test report was produced');
  failed += 1;
}
if (!process.env.KAIROS_TEST_POSTGRES) {
  console.log('note: KAIROS_TEST_POSTGRES is not set, so the store suite ran on SQLite only');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
