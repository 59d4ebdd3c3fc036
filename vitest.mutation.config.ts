/**
 * The domain's own unit tests, which StrykerJS runs against each mutant (stryker.config.mjs): each
 * module's tests must pin its rules. A config of its own rather than Stryker's `testFiles`, which
 * activates module-level (static) mutants too late and reports them all as survivors
 * (stryker-mutator/stryker-js#6144).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/{assignment,calendar,checklist,ids,lifecycle,pricing}.test.ts'],
  },
});
