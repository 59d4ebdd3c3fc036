/**
 * The pages' scripts are built two ways with one result: in a Lambda bundle (built at synth time
 * and defined in, BUNDLE.define) and from source (built in-process on first use). The bundled
 * WebPages function serves the same script text as the source, lets each page's inline script in
 * by its hash, and carries no trace of esbuild.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '#functions/manifest.ts';
import { ENTRY_FILE, esbuildOptions, REPO_ROOT } from '#infra/constructs/bundling.ts';
import { VALID_ENV, VALID_SITE } from '#local/testbed/env.ts';
import { confirmPage } from '#presentation/web/action-page.ts';
import { caseScript, reportUploadScript, requestScript } from '#presentation/web/scripts.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const dir = mkdtempSync(path.join(tmpdir(), 'page-scripts-'));
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, VALID_ENV, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** Bundles an entry with the Lambda options, writes it out and loads it. */
async function bundle<T>(entry: string, name: string): Promise<{ code: string; module: T }> {
  const out = await build({ ...esbuildOptions(path.join(REPO_ROOT, entry)), logLevel: 'silent' });
  const code = out.outputFiles?.find((f) => path.basename(f.path) === ENTRY_FILE)?.text;
  if (!code) throw new Error(`no bundle for ${entry}`);
  // With its chunks and source maps beside it, as the Lambda has them.
  for (const f of out.outputFiles ?? []) {
    const file = path.join(dir, name, path.relative(path.resolve('out'), f.path));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.contents);
  }
  return { code, module: (await import(pathToFileURL(path.join(dir, name, ENTRY_FILE)).href)) as T };
}

function inlineScript(body: string): string {
  return /<script type="module">([\s\S]*?)<\/script>/.exec(body)![1]!;
}

function expectAllowedByHash(script: string, csp: string): void {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  expect(csp).toContain(`script-src 'sha256-${hash}';`);
}

function get(path: string, query?: Record<string, string>): APIGatewayProxyEventV2 {
  const caseId = /^\/case\/([^/]+)$/.exec(path)?.[1];
  return {
    version: '2.0',
    routeKey: caseId ? 'GET /case/{caseId}' : `GET ${path}`,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : '',
    headers: {},
    ...(query ? { queryStringParameters: query } : {}),
    ...(caseId ? { pathParameters: { caseId } } : {}),
    requestContext: { http: { method: 'GET', path } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
  };
}

describe('page scripts', () => {
  it('are the same text in a Lambda bundle as from source', async () => {
    const { code, module } = await bundle<{
      caseScript: () => string;
      requestScript: () => string;
      reportUploadScript: () => string;
    }>('test/fixtures/page-scripts-entry.ts', 'entry');
    expect(module.caseScript()).toBe(caseScript());
    expect(module.requestScript()).toBe(requestScript());
    expect(module.reportUploadScript()).toBe(reportUploadScript());
    // Defined in at bundle time: the in-process build is not in the bundle.
    expect(code).not.toMatch(/esbuild|buildSync/);
  });

  it('are served by the WebPages bundle exactly as from source, each let in by its hash', async () => {
    const spec = FUNCTIONS.find((f) => f.name === 'WebPages')!;
    const { code, module } = await bundle<{ handler: Handler }>(spec.entry, 'web-pages');
    expect(code).not.toMatch(/esbuild|buildSync/);
    const pages = [
      [get('/'), requestScript()],
      [get('/', { lang: 'it' }), requestScript()],
      [get('/case/2f0b0db4-ad21-42e3-8e16-158b781cb040'), caseScript()],
      [get('/case/2f0b0db4-ad21-42e3-8e16-158b781cb040', { lang: 'it' }), caseScript()],
    ] as const;
    for (const [event, source] of pages) {
      const res = await module.handler(event, {} as Context);
      expect(res.statusCode).toBe(200);
      const script = inlineScript(String(res.body));
      expect(script).toBe(source);
      expectAllowedByHash(script, String(res.headers?.['content-security-policy']));
    }
  });

  it("let the specialist's upload page run its script by hash, and no other page run any", () => {
    const summary = {
      reference: 'SO-2026-7K3Q-XM4D',
      consultationTypes: ['oncological'],
      documents: [],
      dueAt: '2026-12-04T16:30:00Z',
    };
    const release = confirmPage('it', 'release', summary, VALID_SITE);
    expect(inlineScript(release.body)).toBe(reportUploadScript());
    expectAllowedByHash(reportUploadScript(), release.csp);
    const triage = confirmPage('it', 'complete', summary, VALID_SITE);
    expect(triage.body).not.toContain('<script type="module">');
    expect(triage.csp).toContain("script-src 'none'");
  });
});
