import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two files at a time, even on two cores (vitest's default there is one): the browser
    // and local-stack tests spend most of their time waiting on simulated clocks and polls.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Business metrics print EMF lines; the tests that check them turn them back on.
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
