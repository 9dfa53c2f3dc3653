import { defineConfig } from 'vitest/config';

// Browser tests: the built library in Debian's Chromium (playwright-core), against a fake API
// and against the built server (dist/kairos.js) on another origin.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
