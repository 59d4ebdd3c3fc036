/**
 * `npm run mutate [group...] [--force]`: StrykerJS on each group of stryker.config.mjs (by default
 * all), one after the other, each writing reports/mutation/<group>.json; the groups of the run are
 * merged into reports/mutation/mutation.json, the report `npm run bench mutation` reads. A group with
 * an incremental report reuses it for unchanged mutants; `--force` retests them all and rewrites it
 * (commit the result). Prints how long each group took.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const report = (name) => new URL(`reports/mutation/${name}.json`, ROOT);
const incrementalCopy = (name) => new URL(`reports/mutation/${name}.incremental.json`, ROOT);

const { GROUPS } = await import('../stryker.config.mjs');
const all = Object.keys(GROUPS);
const args = process.argv.slice(2);
const force = args.includes('--force');
const wanted = args.filter((a) => a !== '--force');
const unknown = wanted.filter((g) => !all.includes(g));
if (unknown.length) {
  console.error(`unknown group(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}

const groups = wanted.length ? wanted : all;
const seconds = {};
for (const name of groups) {
  rmSync(report(name), { force: true });
  // Stryker rewrites its incremental file on every run: it works on a copy, and only a --force run
  // (every mutant tested) replaces the committed one.
  const committed = GROUPS[name].incremental && new URL(GROUPS[name].incremental, ROOT);
  mkdirSync(new URL('reports/mutation/', ROOT), { recursive: true });
  rmSync(incrementalCopy(name), { force: true });
  if (committed && !force && existsSync(committed)) copyFileSync(committed, incrementalCopy(name));
  const started = Date.now();
  const stryker = spawnSync('npx', ['stryker', 'run', ...(force ? ['--force'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: name },
  });
  seconds[name] = Math.round((Date.now() - started) / 1000);
  if (stryker.status !== 0) {
    console.error(`stryker exited with ${stryker.status ?? stryker.signal} on group ${name}`);
    process.exit(1);
  }
  if (committed && force) copyFileSync(incrementalCopy(name), committed);
}
console.log(`mutation groups, seconds each: ${JSON.stringify(seconds)}`);

const [first, ...rest] = groups.map((name) => JSON.parse(readFileSync(report(name), 'utf8')));
for (const r of rest) {
  Object.assign(first.files, r.files);
  first.testFiles = { ...first.testFiles, ...r.testFiles };
}
writeFileSync(report('mutation'), JSON.stringify(first));
