/**
 * Each function's bundle, built as it deploys, holds the adapter of a service only when the
 * manifest grants the function that service, and the adapter of every service it is granted:
 * a function composes its own dependencies (shared/app/compose.ts), so what it can call and
 * what IAM lets it call must agree (an email sent without `email:send` fails in AWS alone). And
 * the chunks a bundle loads on first use load from its files.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '#functions/manifest.ts';
import { ENTRY_FILE, esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import { SERVICES } from './services.ts';

async function bundledSources(entry: string): Promise<Set<string>> {
  const out = await build({
    ...esbuildOptions(path.resolve(REPO_ROOT, entry)),
    logLevel: 'silent',
    metafile: true,
  });
  return new Set(Object.keys(out.metafile.inputs).map((i) => path.relative(REPO_ROOT, path.resolve(i))));
}

describe('what each function bundles', () => {
  it.each(FUNCTIONS.map((f) => [f.name, f] as const))(
    '%s holds the adapters of the services it is granted, and no other',
    async (_, spec) => {
      const sources = await bundledSources(spec.entry);
      const has = SERVICES.filter((s) => sources.has(s.adapter)).map((s) => s.adapter);
      const granted = SERVICES.filter((s) => s.grants.some((g) => spec.access.includes(g))).map(
        (s) => s.adapter,
      );
      expect(has).toEqual(granted);
      // pdftoppm only where the image has poppler: it parses untrusted PDFs, isolated in its own function.
      expect(sources.has('shared/adapters/pdftoppm.ts')).toBe(
        spec.systemPackages?.includes('poppler-utils') ?? false,
      );
    },
    60_000,
  );
});

describe('the chunks of a bundle', () => {
  // Inside the repository, so that they find the AWS SDK in node_modules as Lambda's runtime provides it.
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache');

  it('load from disk as Lambda has them: the paths ActionLinks imports on first use', async () => {
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(path.join(cache, 'so-chunks-'));
    const saved = { ...process.env };
    try {
      const spec = FUNCTIONS.find((f) => f.name === 'ActionLinks')!;
      const out = await build({
        ...esbuildOptions(path.resolve(REPO_ROOT, spec.entry), dir),
        write: true,
        logLevel: 'silent',
        metafile: true,
      });
      const entry = Object.entries(out.metafile.outputs).find(([p]) => path.basename(p) === ENTRY_FILE)![1];
      const lazy = entry.imports.filter((i) => i.kind === 'dynamic-import').map((i) => path.resolve(i.path));
      // Acting on a link, the report's upload, opening a document, and an error's classification.
      expect(lazy.length).toBeGreaterThanOrEqual(4);
      Object.assign(process.env, VALID_ENV, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
      const exported = new Set<string>();
      for (const file of lazy) {
        expect(path.dirname(file)).toBe(path.join(dir, 'chunks'));
        for (const name of Object.keys(await import(pathToFileURL(file).href))) exported.add(name);
      }
      // esbuild renames a chunk's exports: each chunk loaded and gave its module's functions.
      expect(exported.size).toBeGreaterThanOrEqual(lazy.length);
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
