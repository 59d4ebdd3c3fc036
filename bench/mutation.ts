/**
 * Mutation score of the domain rules, per file: runs StrykerJS (`npm run mutate`, every group of
 * stryker.config.mjs, or those MUTATION_GROUPS names), reads the merged JSON report
 * (reports/mutation/mutation.json) and fails when a file's score falls below its floor, so that a
 * rule a test pinned cannot quietly lose its test. CI runs it after `npm test`.
 * Raise a floor when a file's score rises. A survivor is killed by a test, or, when it cannot
 * behave differently, marked in the source (`// Stryker disable next-line <mutator>: <why>`); only
 * where that comment would also skip mutants the tests kill is it explained in a comment and left
 * in the floor (ids.ts, pdf-check.ts). A floor is never lowered to absorb a survivor.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { calculateMetrics } from 'mutation-testing-metrics';

type Report = { files: Parameters<typeof calculateMetrics>[0] };

const ROOT = new URL('../', import.meta.url);
const REPORT = new URL('reports/mutation/mutation.json', ROOT);

/** The lowest mutation score (%) each mutated file may have. */
export const FLOORS: Readonly<Record<string, number>> = {
  'shared/domain/assignment.ts': 100,
  'shared/domain/calendar.ts': 100,
  'shared/domain/checklist.ts': 100,
  'shared/domain/ids.ts': 96.6,
  'shared/domain/lifecycle.ts': 100,
  'shared/domain/pdf-check.ts': 99.53,
  'shared/domain/pdf-lexer.ts': 100,
  'shared/domain/pricing.ts': 100,
  'shared/domain/tasks.ts': 100,
  'shared/domain/wait-policy.ts': 100,
  'shared/presentation/formats.ts': 100,
};
const TOTAL_FLOOR = 95;

function score(metrics: { mutationScore: number }): number {
  return Math.round(metrics.mutationScore * 100) / 100;
}

export async function run(): Promise<Record<string, unknown>> {
  // The groups to run (by default those not on request), as `npm run mutate` takes them.
  const groups = (process.env.MUTATION_GROUPS ?? '').split(/\s+/).filter(Boolean);
  const stryker = spawnSync('npm', ['run', '--silent', 'mutate', '--', ...groups], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (stryker.status !== 0) throw new Error(`stryker exited with ${stryker.status ?? stryker.signal}`);
  const report = JSON.parse(await readFile(REPORT, 'utf8')) as Report;

  const files: Record<string, Record<string, number>> = {};
  const below: string[] = [];
  for (const [file, result] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const m = calculateMetrics({ [file]: result }).metrics;
    // A file without a floor of its own (a newcomer to stryker.config.mjs) must kill every mutant.
    const floor = FLOORS[file] ?? 100;
    files[file] = {
      score: score(m),
      floor,
      killed: m.killed,
      timeout: m.timeout,
      survived: m.survived,
      noCoverage: m.noCoverage,
      ignored: m.ignored,
    };
    if (score(m) < floor) below.push(`${file} ${score(m)} % < ${floor} %`);
  }
  // A run of named groups holds only their files.
  const missing = groups.length ? [] : Object.keys(FLOORS).filter((f) => !(f in files));
  if (missing.length) throw new Error(`not in the report: ${missing.join(', ')}`);
  const total = calculateMetrics(report.files).metrics;
  if (score(total) < TOTAL_FLOOR) below.push(`all files ${score(total)} % < ${TOTAL_FLOOR} %`);
  const survivors = Object.entries(report.files).flatMap(([file, result]) =>
    result.mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => {
        const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60);
        return `${file}:${m.location.start.line} ${m.mutatorName} ${replacement}`.trim();
      }),
  );
  if (below.length) {
    throw new Error(
      `mutation score below its floor: ${below.join('; ')}; survivors: ${survivors.join('; ')}`,
    );
  }
  return {
    score: score(total),
    mutants: total.totalMutants,
    ignored: total.ignored,
    files,
    survivors,
  };
}
