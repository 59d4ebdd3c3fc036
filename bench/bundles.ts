/**
 * Bundles every manifest function exactly as the Lambda construct does and reports what each one's
 * init loads (index.mjs and the chunks it imports statically, minified) against the goal of 200 KB
 * (cold starts grow with it), which is also the limit: a bundle over it fails. The chunks a function
 * loads with `import()` on a rare path are reported apart (docs/performance.md). Also reports the
 * functions carrying the document classifier (its trained model is their largest piece of our own)
 * and the pages' browser scripts, which those bundles carry as strings, raw and gzipped.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FUNCTIONS, type FunctionSpec } from '#functions/manifest.ts';
import { ENTRY_FILE, esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';
import { buildPageScripts } from '#presentation/web/scripts.ts';

/** Issue 18's goal: at most 200 KB loaded at each function's init, read as 200,000 bytes (the stricter reading). */
export const BUNDLE_LIMIT_BYTES = 200_000;
const CLASSIFIER = 'shared/domain/classifier.ts';

/** One file of a bundle, by its path in the function's code (index.mjs, chunks/...). */
export interface BundleFile {
  path: string;
  contents: Uint8Array;
}

/**
 * The bundle of an entry (repository-relative or absolute) as Lambda gets it: its files (index.mjs,
 * chunks, source maps), the bytes init loads (index.mjs and the chunks it imports statically, as
 * Node loads them before the handler runs) and those left to a first `import()`, and the
 * repository-relative source files it was built from.
 */
export async function buildBundle(
  entry: string,
): Promise<{ files: BundleFile[]; initBytes: number; lazyBytes: number; inputs: string[] }> {
  const outdir = path.join(REPO_ROOT, 'out');
  const out = await build({
    ...esbuildOptions(path.resolve(REPO_ROOT, entry), outdir),
    logLevel: 'silent',
    metafile: true,
  });
  const files = (out.outputFiles ?? []).map((f) => ({
    path: path.relative(outdir, f.path),
    contents: f.contents,
  }));
  if (!files.some((f) => f.path === ENTRY_FILE)) throw new Error(`esbuild produced no bundle for ${entry}`);
  // The metafile names outputs relative to the working directory.
  const outputs = new Map(
    Object.entries(out.metafile?.outputs ?? {}).map(([p, o]) => [path.relative(outdir, path.resolve(p)), o]),
  );
  const init = new Set<string>();
  const visit = (file: string) => {
    if (init.has(file)) return;
    init.add(file);
    for (const i of outputs.get(file)?.imports ?? []) {
      if (!i.external && i.kind === 'import-statement') visit(path.relative(outdir, path.resolve(i.path)));
    }
  };
  visit(ENTRY_FILE);
  const code = files.filter((f) => f.path.endsWith('.mjs'));
  const initBytes = code.filter((f) => init.has(f.path)).reduce((n, f) => n + f.contents.byteLength, 0);
  const lazyBytes = code.reduce((n, f) => n + f.contents.byteLength, 0) - initBytes;
  const inputs = Object.keys(out.metafile?.inputs ?? {}).map((i) =>
    path.relative(REPO_ROOT, path.resolve(i)),
  );
  return { files, initBytes, lazyBytes, inputs };
}

/** The bytes a function's init loads (the measure of the goal and the limit). */
export async function bundleSize(spec: Pick<FunctionSpec, 'entry'>): Promise<number> {
  return (await buildBundle(spec.entry)).initBytes;
}

export async function run(functions: readonly FunctionSpec[] = FUNCTIONS): Promise<Record<string, unknown>> {
  const bytes: Record<string, number> = {};
  const lazyBytes: Record<string, number> = {};
  const withClassifier: string[] = [];
  for (const spec of functions) {
    const b = await buildBundle(spec.entry);
    bytes[spec.name] = b.initBytes;
    if (b.lazyBytes) lazyBytes[spec.name] = b.lazyBytes;
    if (b.inputs.includes(CLASSIFIER)) withClassifier.push(spec.name);
  }
  const failing = Object.entries(bytes).filter(([, b]) => b > BUNDLE_LIMIT_BYTES);
  if (failing.length) {
    throw new Error(
      `bundles over their limit (${BUNDLE_LIMIT_BYTES} bytes): ${failing.map(([n, b]) => `${n} ${b}`).join(', ')}`,
    );
  }
  const sizes = Object.values(bytes);
  const pageScripts = Object.fromEntries(
    Object.entries(buildPageScripts()).map(([name, script]) => [
      name,
      { bytes: Buffer.byteLength(script), gzipBytes: gzipSync(script).length },
    ]),
  );
  return {
    functions: sizes.length,
    limitBytes: BUNDLE_LIMIT_BYTES,
    withClassifier,
    largestBytes: sizes.length ? Math.max(...sizes) : 0,
    /** What each function's init loads: index.mjs and the chunks it imports statically. */
    bytes,
    /** Chunks a function loads with `import()` on a rare path, on its first use. */
    lazyBytes,
    pageScripts,
  };
}
