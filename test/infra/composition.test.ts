/**
 * Each function's bundle, built as it deploys, holds the adapter of a service only when the
 * manifest grants the function that service, and the adapter of every service it is granted:
 * a function composes its own dependencies (shared/app/compose.ts), so what it can call and
 * what IAM lets it call must agree (an email sent without `email:send` fails in AWS alone).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { type Access, FUNCTIONS } from '#functions/manifest.ts';
import { esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';

/** The adapter module of each service, and the grants that let a function use it. */
const SERVICES: { adapter: string; grants: Access[] }[] = [
  { adapter: 'shared/adapters/dynamodb/store.ts', grants: ['table:read', 'table:write'] },
  {
    adapter: 'shared/adapters/s3.ts',
    grants: [
      'documents:read',
      'documents:write',
      'documents:delete',
      'previews:read',
      'previews:write',
      'statements:read',
    ],
  },
  { adapter: 'shared/adapters/ses.ts', grants: ['email:send'] },
  { adapter: 'shared/adapters/sfn.ts', grants: ['workflow:start', 'workflow:callback', 'workflow:stop'] },
  { adapter: 'shared/adapters/textract.ts', grants: ['textract:start', 'textract:get'] },
];

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
