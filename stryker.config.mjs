/**
 * Mutation testing of the domain rules (`npm run mutate`): StrykerJS changes the code one small
 * way at a time and runs the unit tests that cover the change; a mutant that no test notices is a
 * rule no test pins. The JSON report (reports/mutation/mutation.json) feeds `npm run bench mutation`,
 * which gives the score per file and fails below each file's floor (bench/mutation.ts).
 * A survivor that cannot be told apart from the original is marked in the source with
 * `// Stryker disable next-line <mutator>: <why>`.
 */

// The test runners inherit this: on a clock set to Rome, a mutant that drops the Rome time zone
// would behave like the original. UTC is also what Lambda runs on.
process.env.TZ = 'UTC';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // vitest's related mode does not follow the #domain/ import aliases: the config lists the tests.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'shared/domain/assignment.ts',
    'shared/domain/calendar.ts',
    'shared/domain/checklist.ts',
    'shared/domain/ids.ts',
    'shared/domain/lifecycle.ts',
    'shared/domain/pricing.ts',
    // pdf-check.ts joins when its linear-time rewrite lands; classifier.ts is being retrained.
  ],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The per-file floors are bench/mutation.ts's; this is only the overall exit code.
  thresholds: { high: 95, low: 90, break: null },
  cleanTempDir: 'always',
};
