/**
 * Mutation testing of the domain rules (`npm run mutate`): StrykerJS changes the code one small
 * way at a time and runs the unit tests that cover the change; a mutant that no test notices is a
 * rule no test pins. The files are mutated in groups, each run with only its own unit tests
 * (MUTATION_GROUP picks one; `npm run mutate`, bench/mutate.mjs, runs them one after the other and
 * merges their JSON reports into reports/mutation/mutation.json), which `npm run bench mutation`
 * scores per file against each file's floor (bench/mutation.ts). A group's tests are all that a
 * module-level (static) mutant runs, and all its vitest worker loads: the PDF check's fixtures stay
 * out of the rules' runs.
 * A survivor that cannot be told apart from the original is marked in the source with
 * `// Stryker disable next-line <mutator>: <why>`.
 */

// The test runners inherit this: on a clock set to Rome, a mutant that drops the Rome time zone
// would behave like the original. UTC is also what Lambda runs on.
process.env.TZ = 'UTC';

/**
 * Each group: the files it mutates, the unit tests that must pin them and, for a slow group, its
 * committed incremental report.
 */
export const GROUPS = {
  rules: {
    mutate: [
      'shared/domain/assignment.ts',
      'shared/domain/calendar.ts',
      'shared/domain/checklist.ts',
      'shared/domain/ids.ts',
      'shared/domain/lifecycle.ts',
      'shared/domain/pricing.ts',
    ],
    tests: ['test/unit/{assignment,calendar,checklist,ids,lifecycle,pricing}.test.ts'],
  },
  // The step and task policies: tables of module-level constants, each of whose mutants runs every test of the group.
  policies: {
    mutate: ['shared/domain/wait-policy.ts', 'shared/domain/tasks.ts'],
    tests: ['test/unit/{wait-policy,tasks,task-policy}.test.ts'],
  },
  formats: {
    mutate: ['shared/presentation/formats.ts'],
    tests: ['test/unit/formats.test.ts'],
  },
  // The upload check (classifier.ts is left out: a trained model, measured by its evaluation instead).
  // Its about 730 mutants, a tenth of which loop forever and wait out Stryker's timeout, take 10 to 20
  // minutes: Stryker's incremental mode reuses the committed results of the last full run for every
  // mutant whose code and covering tests are unchanged, so a run retests only what changed.
  pdf: {
    mutate: ['shared/domain/pdf-check.ts', 'shared/domain/pdf-lexer.ts'],
    // Not pdf-check-limit.test.ts: the same shapes at 50 MB, far too slow to run per mutant.
    tests: ['test/unit/pdf-check.test.ts'],
    incremental: 'bench/mutation-incremental/pdf.json',
  },
};

// Without MUTATION_GROUP, one run of every group together (every file, every group's tests).
const name = process.env.MUTATION_GROUP;
const groups = name ? [GROUPS[name]] : Object.values(GROUPS);
if (!groups[0]) throw new Error(`MUTATION_GROUP ${name} is none of ${Object.keys(GROUPS).join(', ')}`);
// vitest.mutation.config.ts (loaded by the test runners, which inherit the environment) reads it.
process.env.MUTATION_TESTS = JSON.stringify(groups.flatMap((g) => g.tests));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // vitest's related mode does not follow the #domain/ import aliases: the config lists the tests.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: groups.flatMap((g) => g.mutate),
  reporters: ['clear-text', 'progress', 'json'],
  // A group with a committed incremental report: bench/mutate.mjs gives Stryker a copy to read and rewrite.
  ...(name && GROUPS[name].incremental
    ? { incremental: true, incrementalFile: `reports/mutation/${name}.incremental.json` }
    : {}),
  jsonReporter: { fileName: `reports/mutation/${name ?? 'mutation'}.json` },
  // The per-file floors are bench/mutation.ts's; this is only the overall exit code.
  thresholds: { high: 95, low: 90, break: null },
  cleanTempDir: 'always',
};
