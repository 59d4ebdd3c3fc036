/**
 * `npm run bench [name...]`: runs each benchmark (all by default), prints its figures and writes
 * them to bench/results.json. A benchmark is a module exporting `run(): Promise<Record<string, unknown>>`
 * that throws when a figure misses its bound.
 */
import { readFile, writeFile } from 'node:fs/promises';

const BENCHES: Record<string, () => Promise<{ run: () => Promise<Record<string, unknown>> }>> = {
  cost: () => import('./cost.ts'),
  // Issue 13 names it so: the same bench, the cost of each kind of case through the workflow.
  'workflow-cost': () => import('./cost.ts'),
  bundles: () => import('./bundles.ts'),
  'cold-start': () => import('./cold-start.ts'),
  classifier: () => import('./classifier.ts'),
  'intake-burst': () => import('./intake-burst.ts'),
  'workflow-load': () => import('./workflow-load.ts'),
  chaos: () => import('./chaos.ts'),
  'web-pages': () => import('./web-pages.ts'),
  'pdf-check': () => import('./pdf-check.ts'),
  mutation: () => import('./mutation.ts'),
};

const RESULTS = new URL('./results.json', import.meta.url);

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    return 2;
  }
  const previous = JSON.parse(await readFile(RESULTS, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  const results: Record<string, unknown> = { ...previous };
  let failed = 0;
  for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
    const started = Date.now();
    console.log(`\n== ${name}`);
    try {
      const figures = await (await BENCHES[name]!()).run();
      results[name] = {
        ...figures,
        measuredAt: new Date().toISOString(),
        seconds: (Date.now() - started) / 1000,
      };
      console.log(JSON.stringify(figures, null, 2));
    } catch (err) {
      failed += 1;
      results[name] = { failed: (err as Error).message, measuredAt: new Date().toISOString() };
      console.error(`${name} FAILED: ${(err as Error).message}`);
    }
  }
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nresults written to bench/results.json`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
