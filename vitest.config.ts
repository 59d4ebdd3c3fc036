import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Business metrics print EMF lines; the tests that check them turn them back on.
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
