/**
 * Bundles every manifest function exactly as the Lambda construct does and reports each
 * bundle's minified size; fails when one reaches the 512 KB budget (cold starts grow with it).
 * Also reports the pages' browser scripts, which those bundles carry as strings, raw and gzipped.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FUNCTIONS, type FunctionSpec } from '#functions/manifest.ts';
import { esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';
import { buildPageScripts } from '#presentation/web/scripts.ts';

export const BUNDLE_LIMIT_BYTES = 512 * 1024;

export async function bundleSize(spec: Pick<FunctionSpec, 'entry'>): Promise<number> {
  const out = await build({ ...esbuildOptions(path.join(REPO_ROOT, spec.entry)), logLevel: 'silent' });
  const code = out.outputFiles?.find((f) => f.path.endsWith('.mjs'));
  if (!code) throw new Error(`esbuild produced no bundle for ${spec.entry}`);
  return code.contents.byteLength;
}

export async function run(functions: readonly FunctionSpec[] = FUNCTIONS): Promise<Record<string, unknown>> {
  const bytes: Record<string, number> = {};
  for (const spec of functions) bytes[spec.name] = await bundleSize(spec);
  const over = Object.entries(bytes).filter(([, b]) => b >= BUNDLE_LIMIT_BYTES);
  if (over.length) {
    throw new Error(
      `bundles at or over ${BUNDLE_LIMIT_BYTES} bytes: ${over.map(([n, b]) => `${n} ${b}`).join(', ')}`,
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
    largestBytes: sizes.length ? Math.max(...sizes) : 0,
    bytes,
    pageScripts,
  };
}
