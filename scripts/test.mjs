// Runs the test suites and prints a plain closing line `N passed, N failed`.
//
//   node scripts/test.mjs                 the main suite, the availability engine suite again
//                                         under two other TZs, then the browser suite (Chromium)
//   node scripts/test.mjs --config FILE   that suite only (extra arguments go to vitest)
//   node scripts/test.mjs PATH…           the main suite filtered to PATH… (no browser suite)
//
// The browser suite needs /usr/bin/chromium (Debian's package). Without it the run says so
// plainly and passes on the main suite alone, unless CI or KAIROS_TEST_BROWSER is set: then a
// missing browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Runs vitest with `extra` arguments; returns the counts read from its JSON report. */
function runVitest(extra, env = process.env) {
  const out = join(root, '.tmp', `vitest-${process.pid}-${Date.now()}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra], { cwd: root, stdio: 'inherit', env });
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
  if (r.status !== 0 && failed === 0) failed += 1;
  return { passed, failed };
}

const totals = { passed: 0, failed: 0 };
const add = (c) => {
  totals.passed += c.passed;
  totals.failed += c.failed;
};

const single = args.includes('--config') || args.some((a) => !a.startsWith('-'));
add(runVitest(args));

if (!single) {
  // The availability engine must not depend on the process time zone: its whole suite runs
  // again under a +13/+12 and a −02:30/−03:30 zone.
  for (const tz of ['Pacific/Auckland', 'America/St_Johns']) {
    console.log(`\n=== availability engine suite under TZ=${tz} ===`);
    add(runVitest(['src/core/availability', 'src/core/availability-request'], { ...process.env, TZ: tz }));
  }
  const chromium = '/usr/bin/chromium';
  const required = Boolean(process.env.CI || process.env.KAIROS_TEST_BROWSER);
  if (existsSync(chromium)) {
    console.log('\n=== browser suite (Chromium) ===');
    add(runVitest(['--config', 'vitest.browser.config.ts']));
  } else if (required) {
    console.log(`the browser suite cannot run: ${chromium} is missing (install Debian's chromium package)`);
    totals.failed += 1;
  } else {
    console.log(`note: ${chromium} is missing, so the browser suite did not run (install Debian's chromium package; .ci/run does)`);
  }
}

if (!process.env.KAIROS_TEST_POSTGRES && !single) {
  console.log('note: KAIROS_TEST_POSTGRES is not set, so the store suite ran on SQLite only');
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
