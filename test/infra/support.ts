/**
 * Shared set-up of the infra tests: an app with bundling skipped (esbuild is benchmarked in
 * bench/bundles.ts), a fixture manifest exercising every trigger and access kind, and helpers
 * to read the synthesized templates.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import type { FunctionSpec } from '#functions/manifest.ts';
import { type BuildOptions, buildApp, type SecondOpinionApp } from '#infra/application.ts';
import { aslFiles, placeholders } from '#infra/constructs/workflow.ts';
import { SERVICES } from './services.ts';

const ENTRY = 'test/infra/fixtures/handler.ts';
const ALL_ACCESS = SERVICES.flatMap((s) => s.grants);

/** Every trigger kind and access kind, plus one task function per placeholder of the ASL files present. */
export function fixtureFunctions(): FunctionSpec[] {
  const taskNames = new Set(
    aslFiles().flatMap((f) =>
      placeholders(readFileSync(f.file, 'utf8'))
        .filter((p) => p.endsWith('FunctionArn'))
        .map((p) => p.slice(0, -'FunctionArn'.length)),
    ),
  );
  return [
    {
      name: 'CaseApi',
      entry: ENTRY,
      trigger: {
        kind: 'http',
        routes: [
          { method: 'POST', path: '/cases' },
          { method: 'GET', path: '/cases/{caseId}' },
        ],
      },
      access: ['table:read', 'table:write', 'documents:write', 'workflow:start'],
    },
    {
      name: 'ActionLinks',
      entry: ENTRY,
      trigger: {
        kind: 'http',
        routes: [
          { method: 'GET', path: '/a/{token}' },
          { method: 'POST', path: '/a/{token}' },
        ],
      },
      access: ['table:read', 'table:write', 'workflow:callback', 'workflow:stop'],
    },
    {
      name: 'UploadReceived',
      entry: ENTRY,
      trigger: { kind: 'uploads-queue' },
      access: ['table:read', 'table:write', 'documents:read', 'documents:delete', 'textract:start'],
    },
    {
      name: 'TextDetected',
      entry: ENTRY,
      trigger: { kind: 'textract-queue' },
      access: ['table:read', 'table:write', 'textract:get'],
    },
    {
      name: 'RenderPreview',
      entry: ENTRY,
      trigger: { kind: 'previews-queue' },
      access: ['table:read', 'documents:read', 'previews:write'],
      systemPackages: ['poppler-utils'],
    },
    {
      name: 'StatementReceived',
      entry: ENTRY,
      trigger: { kind: 'statements-queue' },
      access: ['table:read', 'table:write', 'statements:read'],
    },
    {
      name: 'SesEvents',
      entry: ENTRY,
      trigger: { kind: 'ses-events' },
      access: ['table:read', 'table:write'],
    },
    {
      name: 'Sweep',
      entry: ENTRY,
      trigger: { kind: 'schedule', everyMinutes: 7 },
      access: ['table:read', 'textract:get'],
    },
    {
      name: 'Morning',
      entry: ENTRY,
      trigger: { kind: 'daily', dailyAt: '06:30' },
      access: ['table:read', 'email:send'],
    },
    { name: 'Everything', entry: ENTRY, trigger: { kind: 'task' }, access: ALL_ACCESS },
    ...[...taskNames].map(
      (name): FunctionSpec => ({
        name,
        entry: ENTRY,
        trigger: { kind: 'task' },
        access: ['table:read', 'table:write', 'email:send'],
      }),
    ),
  ];
}

export function synthApp(stage: string, options: BuildOptions = {}): SecondOpinionApp & { app: App } {
  const app = new App({ context: { stage, placeholders: 'allow', [BUNDLING_STACKS]: [] } });
  const built = buildApp(app, { env: {}, ...options });
  return { ...built, app };
}

export function templates(built: SecondOpinionApp) {
  return {
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
  };
}
