import { defineConfig } from 'vitest/config';

/**
 * The corpus suite: real calendar exports from ../shared/fixtures (or KAIROS_FIXTURES_DIR),
 * kept out of `npm test`. Run with `npx vitest run --config vitest.corpus.config.ts`.
 */
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
