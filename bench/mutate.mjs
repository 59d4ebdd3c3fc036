/**
 * `npm run mutate [group...]`: StrykerJS on each group of stryker.config.mjs (by default all but
 * those on request), one after the other, each writing reports/mutation/<group>.json; the groups of
 * the run are merged into reports/mutation/mutation.json, the report `npm run bench mutation` reads.
 * Prints how long each group took.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const report = (name) => new URL(`reports/mutation/${name}.json`, ROOT);

const { GROUPS } = await import('../stryker.config.mjs');
const all = Object.keys(GROUPS);
const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !all.includes(g));
if (unknown.length) {
  console.error(`unknown group(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}

const groups = wanted.length ? wanted : all.filter((g) => !GROUPS[g].onRequest);
const seconds = {};
for (const name of groups) {
  rmSync(report(name), { force: true });
  const started = Date.now();
  const stryker = spawnSync('npx', ['stryker', 'run'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: name },
  });
  seconds[name] = Math.round((Date.now() - started) / 1000);
  if (stryker.status !== 0) {
    console.error(`stryker exited with ${stryker.status ?? stryker.signal} on group ${name}`);
    process.exit(1);
  }
}
console.log(`mutation groups, seconds each: ${JSON.stringify(seconds)}`);

const [first, ...rest] = groups.map((name) => JSON.parse(readFileSync(report(name), 'utf8')));
for (const r of rest) {
  Object.assign(first.files, r.files);
  first.testFiles = { ...first.testFiles, ...r.testFiles };
}
writeFileSync(report('mutation'), JSON.stringify(first));
