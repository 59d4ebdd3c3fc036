/**
 * Cold starts: each manifest function's bundle, built as it deploys (bench/bundles.ts, with
 * infra/constructs/bundling.ts), is loaded in a fresh Node 24 process (the `node` dev dependency,
 * the Lambda runtime's version), as Lambda's init does: `--enable-source-maps` as the construct sets
 * it, the service's environment, then `import()` of the bundle (init) and one call of its handler
 * with a small event of its trigger (first invocation). A trivial handler, bundled the same way, is
 * the baseline. The AWS endpoints point at a stub on loopback that answers every call at once (an
 * empty JSON or XML body), so the first invocation pays for building its SDK clients and signing
 * real requests, not for a network. Each figure is the median of RUNS fresh processes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { FUNCTIONS, type FunctionSpec } from '#functions/manifest.ts';
import { ENTRY_FILE, REPO_ROOT } from '#infra/constructs/bundling.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import { buildBundle } from './bundles.ts';
import { percentile } from './local/child.ts';

const RUNS = 3;
const NODE_24 = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
const BASELINE = 'Baseline';

/** Loads the bundle, calls its handler once, prints both times (ms) as one JSON line. */
const RUNNER = `
const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
const event = JSON.parse(process.argv[3]);
const context = {
  functionName: process.argv[4], awsRequestId: 'cold-start', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-south-1:000000000000:function:' + process.argv[4],
  getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: false,
};
let outcome = 'ok';
try {
  const out = await mod.handler(event, context);
  if (out && typeof out.statusCode === 'number') outcome = 'http ' + out.statusCode;
  else if (out && Array.isArray(out.batchItemFailures)) outcome = out.batchItemFailures.length ? 'batch item failed' : 'ok';
} catch (err) {
  outcome = 'threw ' + (err?.name ?? 'error');
}
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstInvokeMs: t2 - t1, outcome, sinceStartMs: t2 }));
process.exit(0);
`;

const sqs = (body: unknown) => ({
  Records: [
    {
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {},
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-south-1:000000000000:q',
      awsRegion: 'eu-south-1',
    },
  ],
});

/** A small event of the function's trigger, as its first invocation would get. */
function eventFor(spec: FunctionSpec | undefined): unknown {
  const trigger = spec?.trigger;
  if (!trigger) return {};
  switch (trigger.kind) {
    case 'http': {
      const route = trigger.routes[0]!;
      const path = route.path.replace(/\{(\w+)\}/g, (_m, p: string) =>
        p === 'token' ? 'a'.repeat(43) : `x-${p}`,
      );
      return {
        version: '2.0',
        routeKey: `${route.method} ${route.path}`,
        rawPath: path,
        rawQueryString: '',
        headers: { 'content-type': 'application/json', authorization: 'Bearer cold-start' },
        pathParameters: Object.fromEntries(
          [...route.path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [
            p,
            p === 'token' ? 'a'.repeat(43) : `x-${p}`,
          ]),
        ),
        ...(route.method === 'POST' ? { body: '{}' } : {}),
        isBase64Encoded: false,
        requestContext: { http: { method: route.method, path, sourceIp: '127.0.0.1' } },
      };
    }
    case 'uploads-queue':
      return sqs({
        Records: [
          {
            eventName: 'ObjectCreated:Post',
            s3: { bucket: { name: VALID_ENV.BUCKET_NAME }, object: { key: 'cases/c-1/documents/d-1.pdf' } },
          },
        ],
      });
    case 'textract-queue':
    case 'previews-queue':
      return sqs({
        Type: 'Notification',
        Message: JSON.stringify({
          JobId: 'j-1',
          Status: 'SUCCEEDED',
          DocumentLocation: { S3ObjectName: 'cases/c-1/documents/d-1.pdf' },
        }),
      });
    case 'statements-queue':
      return sqs({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: VALID_ENV.BUCKET_NAME }, object: { key: 'statements/2026-12.xml' } },
          },
        ],
      });
    case 'ses-events':
      return { Records: [] };
    case 'task':
      return { caseId: 'c-1' };
    case 'schedule':
    case 'daily':
      // An EventBridge scheduled event: these handlers read only the time.
      return { source: 'aws.events', 'detail-type': 'Scheduled Event', time: '2026-12-02T06:00:00Z' };
    default:
      // A trigger added to the manifest needs its event here: "undefined" is no event.
      throw new Error(
        `no cold-start event for trigger ${(trigger satisfies never as { kind: string }).kind}`,
      );
  }
}

/** Answers every AWS call at once: `{}` to the JSON protocols, an empty document to the XML ones. */
async function stubAws(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => {
      const json = String(req.headers['content-type'] ?? '').includes('json');
      res.writeHead(200, { 'content-type': json ? 'application/x-amz-json-1.0' : 'text/xml' });
      res.end(json ? '{}' : '<?xml version="1.0" encoding="UTF-8"?><Response/>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Sample {
  processMs: number;
  importMs: number;
  firstInvokeMs: number;
  outcome: string;
}

function once(dir: string, name: string, event: unknown, env: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      NODE_24,
      [
        '--enable-source-maps',
        join(dir, 'runner.mjs'),
        join(dir, name, ENTRY_FILE),
        JSON.stringify(event),
        name,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"importMs"'));
      if (!line) return reject(new Error(`${name}: exited ${code} without figures: ${err.slice(0, 500)}`));
      const r = JSON.parse(line) as { importMs: number; firstInvokeMs: number; outcome: string };
      resolve({ ...r, processMs: performance.now() - started });
    });
  });
}

const median = (xs: number[]) => Number(percentile(xs, 50).toFixed(1));

export async function run(): Promise<Record<string, unknown>> {
  // Inside the repository, so the bundles find the AWS SDK in node_modules as Lambda's runtime
  // provides it (they leave it out): loading it is part of their init there too.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'so-cold-start-'));
  const stub = await stubAws();
  try {
    writeFileSync(join(dir, 'runner.mjs'), RUNNER);
    writeFileSync(
      join(dir, 'baseline.ts'),
      'export const handler = async () => ({ statusCode: 200, body: "ok" });\n',
    );
    const targets: { name: string; entry: string; spec?: FunctionSpec }[] = [
      { name: BASELINE, entry: join(dir, 'baseline.ts') },
      ...FUNCTIONS.map((spec) => ({ name: spec.name, entry: spec.entry, spec })),
    ];
    const bytes: Record<string, number> = {};
    for (const t of targets) {
      // Every file of the function's code (index.mjs, its chunks and their source maps), in a folder of its own.
      const { files, initBytes } = await buildBundle(t.entry);
      for (const f of files) {
        mkdirSync(dirname(join(dir, t.name, f.path)), { recursive: true });
        writeFileSync(join(dir, t.name, f.path), f.contents);
      }
      bytes[t.name] = initBytes;
    }
    const endpoints = Object.fromEntries(
      ['DYNAMODB', 'S3', 'SES', 'SFN', 'TEXTRACT'].map((s) => [`AWS_ENDPOINT_URL_${s}`, stub.url]),
    );
    const env = {
      PATH: process.env.PATH ?? '',
      ...VALID_ENV,
      AWS_REGION: 'eu-south-1',
      AWS_ACCESS_KEY_ID: 'cold',
      AWS_SECRET_ACCESS_KEY: 'cold',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      ...endpoints,
    };
    const functions: Record<string, Record<string, unknown>> = {};
    for (const t of targets) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await once(dir, t.name, eventFor(t.spec), env));
      functions[t.name] = {
        bundleBytes: bytes[t.name],
        processMs: median(samples.map((s) => s.processMs)),
        initMs: median(samples.map((s) => s.importMs)),
        firstInvokeMs: median(samples.map((s) => s.firstInvokeMs)),
        outcome: samples[0]!.outcome,
      };
    }
    const base = functions[BASELINE]!;
    for (const [name, f] of Object.entries(functions)) {
      if (name === BASELINE) continue;
      f.initOverBaselineMs = Number(((f.initMs as number) - (base.initMs as number)).toFixed(1));
    }
    const worst = Object.entries(functions)
      .filter(([n]) => n !== BASELINE)
      .sort(([, a], [, b]) => (b.initMs as number) - (a.initMs as number))[0];
    return {
      runs: RUNS,
      node: NODE_24.replace(REPO_ROOT, ''),
      stubbedAwsCalls: stub.calls(),
      slowestInit: worst ? { name: worst[0], initMs: worst[1].initMs } : undefined,
      functions,
    };
  } finally {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
