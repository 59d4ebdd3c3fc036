/**
 * The one definition of how a Lambda is bundled: the function construct hands it to
 * NodejsFunction and the bundle benchmark hands the same values to esbuild, so the sizes the
 * benchmark reports are the sizes that deploy. The pages' browser scripts are built here, at
 * synth time, and defined into the bundles as string constants.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { pageScriptDefines } from '#presentation/web/scripts.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node 24 ESM has no `require`; some CommonJS dependencies still call it. */
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

let defines: Record<string, string> | undefined;

export const BUNDLE = {
  target: 'node24',
  format: 'esm',
  platform: 'node',
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  banner: BANNER,
  /**
   * The nodejs24.x runtime ships the AWS SDK v3; bundling it too would put every function near
   * 860 KB (deps.ts builds all five clients), over the 512 KB budget.
   */
  externalModules: ['@aws-sdk/*'],
  /**
   * The built page scripts (shared/presentation/web/scripts.ts), built on first read and kept:
   * only the bundles whose code asks for a script carry it.
   */
  get define(): Record<string, string> {
    defines ??= pageScriptDefines();
    return defines;
  },
} as const;

/** esbuild options equivalent to what NodejsFunction runs for BUNDLE. */
export function esbuildOptions(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    format: BUNDLE.format,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.externalModules],
    define: BUNDLE.define,
    outfile: 'index.mjs',
    write: false,
  };
}
