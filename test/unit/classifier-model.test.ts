/**
 * The classifier's trained model as shipped: small enough for the Lambda that carries it, and in
 * step with the code that reads it (the types it names, the features the classifier computes).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '#domain/classifier-features.ts';
import model from '#domain/classifier-model.json' with { type: 'json' };
import { DOCUMENT_TYPES } from '#domain/taxonomy.ts';
import { FUNCTIONS } from '#functions/manifest.ts';
import { ENTRY_FILE, esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';

const LIMIT = 300 * 1024;

describe('the classifier model', () => {
  it('is a weights file under 300 KB over the known types, with concept features the code still defines', () => {
    expect(statSync(new URL('../../shared/domain/classifier-model.json', import.meta.url)).size).toBeLessThan(
      LIMIT,
    );
    expect(model.classes).toEqual([...DOCUMENT_TYPES]);
    const concepts = model.features.filter((f) => f.includes(':@')).map((f) => f.split(':@')[1]!);
    expect(concepts.length).toBeGreaterThan(20);
    for (const c of concepts) expect(Object.keys(CONCEPTS), c).toContain(c);
    expect(atob(model.weights).length).toBe(model.features.length * model.classes.length);
    expect(model.temperature).toBeGreaterThan(0);
  });

  // The whole bundle's size is the bundles benchmark's (npm run bench bundles), which fails at its
  // limit; this holds the classifier's own share of it, which its training could otherwise grow.
  it('adds at most 100 KB of its own to the bundle of the function that classifies', async () => {
    const spec = FUNCTIONS.find((f) => f.name === 'TextDetected')!;
    const out = await build({
      ...esbuildOptions(path.join(REPO_ROOT, spec.entry)),
      metafile: true,
      logLevel: 'silent',
    });
    const code = out.outputFiles!.find((f) => path.basename(f.path) === ENTRY_FILE)!;
    expect(code.text).toContain('short line: ');
    const inputs = Object.values(out.metafile!.outputs).flatMap((o) => Object.entries(o.inputs));
    const own = inputs
      .filter(([file]) => /shared\/domain\/(classifier|document-date|language)/.test(file))
      .reduce((n, [, i]) => n + i.bytesInOutput, 0);
    expect(own).toBeGreaterThan(30 * 1024);
    expect(own).toBeLessThan(100 * 1024);
  });
});
