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
    // Instrumented code is many times slower: the PDF tests, 2 s plain, took 10 to 40 s in Stryker's
    // first run on the shared machine, one of them past vitest's 5 s. Stryker times each mutant itself.
    testTimeout: 60_000,
  },
});
