/**
 * The unit tests StrykerJS runs against each mutant of one group (stryker.config.mjs, which passes
 * the group's test files in MUTATION_TESTS): each module's tests must pin its rules. A config of
 * its own rather than Stryker's `testFiles`, which activates module-level (static) mutants too late
 * and reports them all as survivors (stryker-mutator/stryker-js#6144).
 */
import { defineConfig } from 'vitest/config';

const tests = process.env.MUTATION_TESTS;
if (!tests) throw new Error('MUTATION_TESTS is unset: run the mutation tests with npm run mutate');

export default defineConfig({
  test: {
    include: JSON.parse(tests) as string[],
    // Instrumented code is several times slower: the PDF check's crafted files (a 1.4 MB file of
    // integer objects) take more than vitest's 5 s there. Stryker times each mutant on its own.
    testTimeout: 60_000,
  },
});
