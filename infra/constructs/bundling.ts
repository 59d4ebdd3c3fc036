/**
 * The one definition of how a Lambda is bundled: the function construct builds its asset with these
 * options (service-function.ts) and the benchmarks and tests hand the same options to esbuild, so
 * the files they measure are the files that deploy. ESM with code splitting: a module a function
 * loads with `import()` (a rare path: an error's classification, a decision's action) goes into a
 * chunk of its own under chunks/, read on its first use rather than at init; what the entry
 * imports statically is loaded at init (bench/bundles.ts counts both). The pages' browser scripts
 * are built here, at synth time, and defined into the bundles as string constants.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { pageScriptDefines } from '#presentation/web/scripts.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bundle's entry file, as the function's handler names it (`index.handler`). */
export const ENTRY_FILE = 'index.mjs';

/** Node 24 ESM has no `require`; some CommonJS dependencies still call it. */
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The built page scripts (shared/presentation/web/scripts.ts), built on first use and kept: only
 * the bundles whose code asks for a script carry it.
 */
let defines: Record<string, string> | undefined;

/**
 * esbuild options for the Lambda of an entry (an absolute path), written under `outdir`: index.mjs,
 * its chunks, and a source map for each.
 */
export function esbuildOptions(entry: string, outdir = 'out'): BuildOptions {
  defines ??= pageScriptDefines();
  return {
    entryPoints: { index: entry },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    /**
     * The nodejs24.x runtime ships the AWS SDK v3; bundling it too would put every function near
     * 860 KB (deps.ts builds all five clients), over the 512 KB budget.
     */
    external: ['@aws-sdk/*'],
    define: defines,
    write: false,
  };
}
