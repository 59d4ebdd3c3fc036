/**
 * The local stack: the whole service in one process, on embedded stand-ins, with no AWS account.
 *
 *   import { startLocalStack } from '#local/stack.ts';
 *   const stack = await startLocalStack({ dataDir, reset: true, ports: 0, speed: 500, quiet: true });
 *   stack.endpoints.api       // the patient page and HTTP API (PUBLIC_BASE_URL), e.g. http://localhost:3000
 *   stack.endpoints.mailbox   // every email sent: page at `/`, JSON at `/store`
 *   ...
 *   await stack.stop();       // closes every server; nothing is left running
 *
 * Options (all optional):
 *   dataDir   where data survives a restart (default `<repo>/.local`): dynamodb/, s3/, clock.json,
 *             mailbox.json, executions.json (workflows waiting for a person at the last stop),
 *             endpoints.json
 *   reset     start with an empty dataDir
 *   ports     a number: the API port, the others next to it (api+1 dynamodb, +2 s3, +3 ses/mailbox,
 *             +4 stepfunctions, +5 textract); 0 = every port chosen free; or one port per service
 *   host      the interface to bind (default 127.0.0.1: nothing is exposed to the network)
 *   speed     simulated time runs this many times faster (default 1); the handlers' clock and the
 *             state machine's timers share it; the simulated time is kept in dataDir/clock.json
 *   textract  quotas of the Textract stand-in: { startsPerSecond, concurrentJobs, jobMs }
 *   queues    the SQS stand-ins: { batchSize, concurrency, maxReceives, backoffMs, maxBackoffMs }
 *   env       extra or replaced variables of the handlers' environment (local/environment.ts)
 *   seed      seed the demo staff directory when it is empty (default true)
 *   schedules run the scheduled functions (the daily round at 07:00 Rome of every simulated day;
 *             default true); false for runs that count what each case costs
 *   quiet     no console output (default false); handler logs below ERROR are silenced too
 *
 * The returned stack also says which executions it `resumed` and which earlier stops `interrupted`
 * for good, and gives tests and benchmarks a look inside: `clock`, `stateMachine` (the
 * engine: listExecutions, settled), `queues.uploads`/`queues.textract` (stats, deadLetters,
 * idle) and `textract` (stats: jobs per object, throttled calls).
 *
 * This file is the stack's lifetime: ports, the data directory, start, stop and restart. What is
 * connected to what is in local/wiring.ts, the handlers' environment in local/environment.ts.
 *
 * One stack at a time per process: the handlers' configuration and SDK clients are built once per
 * process, as in a Lambda cold start. A stack started again in the same process after stop() takes
 * the same ports (asked-for port 0 reuses the earlier one), so those cached clients stay right.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#adapters/dynamodb/table-definition.ts';
import type { AcceleratedClock } from '#domain/clock.ts';
import { FUNCTIONS } from '#functions/manifest.ts';
import type { LocalStateMachine } from '#local/stepfunctions/engine.ts';
import { resumeClock, saveClock } from './clock-state.ts';
import { type LocalEnvironment, localEnvironment } from './environment.ts';
import {
  interruptedNotice,
  readInterrupted,
  recordInterrupted,
  saveSuspended,
  takeSuspended,
} from './executions-state.ts';
import { type LoadedFunction, loadFunctions } from './lambda.ts';
import { startMailbox } from './mailbox.ts';
import { close, listen, listenOnThread } from './net.ts';
import type { LocalQueue } from './queue.ts';
import { seedStaff } from './seed.ts';
import type { TextractFacade, TextractQuotas } from './textract.ts';
import { ACCOUNT_ID, type QueueTuning, REGION, ROOT, wireStack } from './wiring.ts';

export type Service = 'api' | 'dynamodb' | 's3' | 'ses' | 'stepfunctions' | 'textract';
const SERVICES: Service[] = ['api', 'dynamodb', 's3', 'ses', 'stepfunctions', 'textract'];

export interface LocalStackOptions {
  dataDir?: string;
  reset?: boolean;
  ports?: number | Partial<Record<Service, number>>;
  host?: string;
  speed?: number;
  textract?: Partial<TextractQuotas>;
  queues?: QueueTuning;
  env?: Record<string, string>;
  seed?: boolean;
  schedules?: boolean;
  quiet?: boolean;
}

export interface Endpoints {
  api: string;
  mailbox: string;
  dynamodb: string;
  s3: string;
  stepfunctions: string;
  textract: string;
  ses: string;
}

export interface LocalStack {
  endpoints: Endpoints;
  /** The environment the handlers run with (names of the table, bucket, state machine...). */
  env: LocalEnvironment;
  dataDir: string;
  clock: AcceleratedClock;
  stateMachine: LocalStateMachine;
  queues: { uploads: LocalQueue; textract: LocalQueue };
  textract: TextractFacade;
  functions: ReadonlyMap<string, LoadedFunction>;
  /** Executions (case ids) the last stop saved, running again from the wait they were in. */
  resumed: readonly string[];
  /** Executions (case ids) that earlier stops cut off between two states: those cases will not move on. */
  interrupted: readonly string[];
  stop(): Promise<void>;
}

let running = false;
/** Ports of the process's earlier stack: a restart in the same process reuses them (see above). */
let previousPorts: Record<Service, number> | undefined;

function portsOf(option: LocalStackOptions['ports']): Record<Service, number> {
  if (typeof option === 'object') {
    return Object.fromEntries(SERVICES.map((s) => [s, option[s] ?? 0])) as Record<Service, number>;
  }
  const api = option ?? 3000;
  return Object.fromEntries(SERVICES.map((s, i) => [s, api === 0 ? 0 : api + i])) as Record<Service, number>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (running) throw new Error('a local stack is already running in this process (one stack per process)');
  running = true;
  const quiet = options.quiet ?? false;
  const log = (line: string) => {
    if (!quiet) console.log(line);
  };
  const warn = (line: string) => {
    if (!quiet) console.warn(line);
  };
  const host = options.host ?? '127.0.0.1';
  const speed = options.speed ?? 1;
  const dataDir = resolve(options.dataDir ?? join(ROOT, '.local'));
  if (options.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  mkdirSync(join(dataDir, 's3'), { recursive: true });

  const servers: Server[] = [];
  /** Closed after the servers: a handler stopped mid-way may still write to the table or send mail. */
  const lastly: { close(): Promise<void> }[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        warn(`while stopping: ${(err as Error).message}`);
      }
    }
    await Promise.all(servers.splice(0).map(close));
    await Promise.all(lastly.splice(0).map((t) => t.close()));
    running = false;
  };

  try {
    const asked = portsOf(options.ports);
    const ports = Object.fromEntries(
      SERVICES.map((s) => [s, asked[s] === 0 && previousPorts ? previousPorts[s] : asked[s]]),
    ) as Record<Service, number>;
    if (previousPorts && SERVICES.some((s) => ports[s] !== previousPorts![s])) {
      throw new Error('a stack restarted in the same process must keep its ports (the handlers cached them)');
    }
    const internal = (port: number) => `http://${host}:${port}`;

    const wiring = wireStack({
      speed,
      bucket: options.env?.BUCKET_NAME,
      textract: options.textract,
      queues: options.queues,
      warn,
    });
    const { names, stateMachine } = wiring;
    cleanups.push(
      () => wiring.uploadsQueue.stop(),
      () => wiring.textractQueue.stop(),
      () => wiring.textract.stop(),
    );

    // Executions live in memory: a stop saves those waiting for a person, the next start resumes them.
    const interrupted = readInterrupted(dataDir);
    const notice = interruptedNotice(interrupted);
    if (notice) warn(notice);
    cleanups.push(() => {
      const { suspended, lost } = stateMachine.suspend('local stack stopped');
      saveSuspended(dataDir, suspended);
      recordInterrupted(dataDir, lost);
    });

    const bound = {} as Record<Service, number>;
    for (const service of ['api', 'stepfunctions', 'textract'] as const) {
      const server = wiring.servers[service];
      bound[service] = await listen(server, ports[service], host, service);
      servers.push(server);
    }
    const db = await listenOnThread(
      new URL('./dynamodb-worker.mjs', import.meta.url),
      { path: join(dataDir, 'dynamodb') },
      { port: ports.dynamodb, host, service: 'dynamodb' },
    );
    lastly.push(db);
    bound.dynamodb = db.port;
    const s3 = await listenOnThread<{ port: number; freshBucket: boolean }>(
      new URL('./s3-worker.mjs', import.meta.url),
      { directory: join(dataDir, 's3'), bucket: names.bucket, cors: wiring.bucketCors(bound.api) },
      { port: ports.s3, host, service: 's3' },
      (message) => wiring.onS3Message(message),
    );
    lastly.push(s3);
    bound.s3 = s3.port;
    const mailbox = await startMailbox(host, ports.ses, join(dataDir, 'mailbox.json'));
    servers.push(mailbox.server, mailbox.emulator);
    lastly.push({ close: async () => mailbox.save() });
    bound.ses = mailbox.port;

    previousPorts = { ...bound };
    const publicUrl = `http://localhost:${bound.api}`;
    const endpoints: Endpoints = {
      api: publicUrl,
      mailbox: `http://localhost:${bound.ses}/`,
      dynamodb: internal(bound.dynamodb),
      s3: internal(bound.s3),
      stepfunctions: internal(bound.stepfunctions),
      textract: internal(bound.textract),
      ses: internal(bound.ses),
    };

    const env = localEnvironment({
      region: REGION,
      accountId: ACCOUNT_ID,
      publicUrl,
      endpoints,
      names,
      speed,
      quiet,
      textractStartsPerSecond: wiring.textract.quotas.startsPerSecond,
      ...(options.env ? { overrides: options.env } : {}),
    });
    Object.assign(process.env, env);
    const { parseConfig } = await import('#app/config.ts');
    parseConfig(process.env);

    const s3Reader = wiring.readObjectsFrom(endpoints.s3);
    cleanups.push(() => s3Reader.destroy());

    const ddb = new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(() => ddb.destroy());
    try {
      await ddb.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }));
    } catch (err) {
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
      await ddb.send(new CreateTableCommand(createTableInput(env.TABLE_NAME)));
    }

    const clock = resumeClock(dataDir, speed);
    const { overrideDeps, deps } = await import('#app/deps.ts');
    overrideDeps({ clock });
    saveClock(dataDir, clock);
    const clockTimer = setInterval(() => saveClock(dataDir, clock), 5000);
    clockTimer.unref();
    cleanups.push(() => {
      clearInterval(clockTimer);
      saveClock(dataDir, clock);
    });

    const functions = await loadFunctions(ROOT, FUNCTIONS, REGION, ACCOUNT_ID, (spec, err) =>
      warn(`function ${spec.name} (${spec.entry}) failed to load: ${err.message}`),
    );
    wiring.connect(functions, s3.freshBucket, clock, options.schedules ?? true);
    cleanups.push(() => wiring.stopSchedules());
    const resumed = takeSuspended(dataDir).map((e) => {
      stateMachine.resume(e);
      return e.name;
    });
    if (resumed.length) log(`resumed the workflow of ${resumed.length} case(s) where the last stop left it`);

    if (options.seed ?? true) {
      const seeded = await seedStaff(deps().store, clock.now());
      if (seeded) log(`seeded ${seeded} demo staff members (npx so staff list)`);
    }

    writeFileSync(join(dataDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);
    return {
      endpoints,
      env,
      dataDir,
      clock,
      stateMachine,
      queues: { uploads: wiring.uploadsQueue, textract: wiring.textractQueue },
      textract: wiring.textract,
      functions,
      resumed,
      interrupted,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
