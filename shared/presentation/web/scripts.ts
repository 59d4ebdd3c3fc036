/**
 * The pages' browser scripts, built from the TypeScript in ./client by esbuild: one minified
 * script per page, served inline and let in by its hash (page.ts). One build, two ways to run it:
 * - in a Lambda bundle the scripts are built at synth time and put in as string constants by
 *   esbuild `define` (infra/constructs/bundling.ts hands it `pageScriptDefines()`);
 * - from source (tsx, vitest) the same build runs here on first use, loading esbuild (a dev
 *   dependency) through createRequire so that no Lambda bundle follows it, and is kept.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Each page script and its entry module in ./client. */
export const PAGE_SCRIPTS = {
  case: 'case.ts',
  request: 'request.ts',
  reportUpload: 'report-upload.ts',
} as const;
export type PageScript = keyof typeof PAGE_SCRIPTS;

/** The global each script is defined as in a Lambda bundle. */
const DEFINES: Record<PageScript, string> = {
  case: '__SO_CASE_SCRIPT__',
  request: '__SO_REQUEST_SCRIPT__',
  reportUpload: '__SO_REPORT_UPLOAD_SCRIPT__',
};

// Replaced by esbuild in a Lambda bundle; undeclared (typeof 'undefined') when run from source.
declare const __SO_CASE_SCRIPT__: string;
declare const __SO_REQUEST_SCRIPT__: string;
declare const __SO_REPORT_UPLOAD_SCRIPT__: string;

/** How the scripts are built: for the browsers the pages support, minified, no source map. */
export function clientBuildOptions(): BuildOptions {
  const dir = fileURLToPath(new URL('./client/', import.meta.url));
  return {
    entryPoints: Object.entries(PAGE_SCRIPTS).map(([name, file]) => ({ in: dir + file, out: name })),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    outdir: 'page-scripts',
    write: false,
    logLevel: 'silent',
  };
}

/** Builds every page script now (esbuild's synchronous API). */
export function buildPageScripts(): Record<PageScript, string> {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync(clientBuildOptions());
  const scripts = {} as Record<PageScript, string>;
  for (const name of Object.keys(PAGE_SCRIPTS) as PageScript[]) {
    const file = (out.outputFiles ?? []).find((f) => f.path.endsWith(`/${name}.js`));
    if (!file) throw new Error(`esbuild produced no ${name}.js`);
    scripts[name] = file.text;
  }
  return scripts;
}

/** esbuild `define` entries that put the built scripts into a Lambda bundle. */
export function pageScriptDefines(): Record<string, string> {
  const scripts = buildPageScripts();
  return Object.fromEntries(
    (Object.keys(DEFINES) as PageScript[]).map((name) => [DEFINES[name], JSON.stringify(scripts[name])]),
  );
}

let built: Record<PageScript, string> | undefined;
function fromSource(name: PageScript): string {
  built ??= buildPageScripts();
  return built[name];
}

export function caseScript(): string {
  return typeof __SO_CASE_SCRIPT__ === 'string' ? __SO_CASE_SCRIPT__ : fromSource('case');
}

export function requestScript(): string {
  return typeof __SO_REQUEST_SCRIPT__ === 'string' ? __SO_REQUEST_SCRIPT__ : fromSource('request');
}

export function reportUploadScript(): string {
  return typeof __SO_REPORT_UPLOAD_SCRIPT__ === 'string'
    ? __SO_REPORT_UPLOAD_SCRIPT__
    : fromSource('reportUpload');
}
