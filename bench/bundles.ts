/**
 * Bundles every manifest function exactly as the Lambda construct does and reports each
 * bundle's minified size; fails when one reaches the 512 KB budget (cold starts grow with it), or
 * when one that carries the document classifier (its model is the largest piece) reaches 300 KB.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS, type FunctionSpec } from '#functions/manifest.ts';
import { esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';

export const BUNDLE_LIMIT_BYTES = 512 * 1024;
export const CLASSIFIER_BUNDLE_LIMIT_BYTES = 300 * 1024;
const CLASSIFIER = 'shared/domain/classifier.ts';

export async function bundle(
  spec: Pick<FunctionSpec, 'entry'>,
): Promise<{ bytes: number; classifier: boolean }> {
  const out = await build({
    ...esbuildOptions(path.join(REPO_ROOT, spec.entry)),
    logLevel: 'silent',
    metafile: true,
  });
  const code = out.outputFiles?.find((f) => f.path.endsWith('.mjs'));
  if (!code) throw new Error(`esbuild produced no bundle for ${spec.entry}`);
  const inputs = Object.keys(out.metafile?.inputs ?? {}).map((i) =>
    path.relative(REPO_ROOT, path.resolve(i)),
  );
  return { bytes: code.contents.byteLength, classifier: inputs.includes(CLASSIFIER) };
}

export async function bundleSize(spec: Pick<FunctionSpec, 'entry'>): Promise<number> {
  return (await bundle(spec)).bytes;
}

export async function run(functions: readonly FunctionSpec[] = FUNCTIONS): Promise<Record<string, unknown>> {
  const bytes: Record<string, number> = {};
  const withClassifier: string[] = [];
  for (const spec of functions) {
    const b = await bundle(spec);
    bytes[spec.name] = b.bytes;
    if (b.classifier) withClassifier.push(spec.name);
  }
  const over = Object.entries(bytes).filter(
    ([n, b]) => b >= (withClassifier.includes(n) ? CLASSIFIER_BUNDLE_LIMIT_BYTES : BUNDLE_LIMIT_BYTES),
  );
  if (over.length) {
    throw new Error(
      `bundles at or over their budget (${BUNDLE_LIMIT_BYTES} bytes, ${CLASSIFIER_BUNDLE_LIMIT_BYTES} with the classifier): ${over.map(([n, b]) => `${n} ${b}`).join(', ')}`,
    );
  }
  const sizes = Object.values(bytes);
  return {
    functions: sizes.length,
    limitBytes: BUNDLE_LIMIT_BYTES,
    classifierLimitBytes: CLASSIFIER_BUNDLE_LIMIT_BYTES,
    withClassifier,
    largestBytes: sizes.length ? Math.max(...sizes) : 0,
    bytes,
  };
}
