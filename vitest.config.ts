import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least three files at a time, even on two cores (vitest's default there is one): the browser
    // and local-stack tests spend most of their time waiting on simulated clocks and polls: on two
    // cores, beside two other busy processes, two at a time took 476 s and three 392 s (alone, three
    // took 268 s and 1.2 cores; 3 December 2026).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Business metrics print EMF lines; the tests that check them turn them back on.
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
