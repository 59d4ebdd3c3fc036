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
 *             mailbox.json, executions/ (the journal of running workflows), queues/ (messages not
 *             yet done), endpoints.json
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
 *   previews  draw the documents' first-page previews (default true); false leaves Textract's
 *             completions waiting in the previews queue, for the intake burst: in AWS the
 *             RenderPreview function runs on its own capacity, here it would take the same two cores
 *   quiet     no console output (default false); handler logs below ERROR are silenced too
 *   faults    chaos mode: this share (0 to 1) of Lambda invocations, stand-in requests and queue
 *             messages meets a fault of each kind (local/chaos.ts); default 0
 *
 * The returned stack also says which executions it `resumed` and which it could not (`interrupted`),
 * counts the faults of chaos mode (`chaos.counts`), and gives tests and benchmarks a look inside: `clock`, `stateMachine` (the
 * engine: listExecutions, settled), `queues.uploads`/`.textract`/`.statements`/`.previews` (stats, deadLetters,
 * idle) and `textract` (stats: jobs per object, throttled calls).
 *
 * This file is the stack's lifetime: ports, the data directory, start, stop and restart. What is
 * connected to what is in local/wiring.ts, the handlers' environment in local/environment.ts.
 *
 * One stack at a time per process: the handlers' configuration and SDK clients are built once per
 * process, as in a Lambda cold start. A stack started again in the same process after stop() takes
 * the same ports (asked-for port 0 reuses the earlier one), so those cached clients stay right.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#adapters/dynamodb/table-definition.ts';
import type { AcceleratedClock } from '#domain/clock.ts';
import { FUNCTIONS } from '#functions/manifest.ts';
import type { LocalStateMachine } from '#local/stepfunctions/engine.ts';
import { Chaos, type FaultKind, injectFaults } from './chaos.ts';
import { resumeClock, saveClock } from './clock-state.ts';
import { type LocalEnvironment, localEnvironment } from './environment.ts';
import {
  ExecutionJournal,
  interruptedNotice,
  lastStoppedAt,
  readInterrupted,
  recordInterrupted,
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
  previews?: boolean;
  quiet?: boolean;
  faults?: number;
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
  queues: { uploads: LocalQueue; textract: LocalQueue; statements: LocalQueue; previews: LocalQueue };
  textract: TextractFacade;
  functions: ReadonlyMap<string, LoadedFunction>;
  /** Executions (case ids) the last stop (or kill) left running, running again from the state they were in. */
  resumed: readonly string[];
  /** Executions (case ids) this or earlier starts could not resume: their cases were marked failed. */
  interrupted: readonly string[];
  chaos: Chaos;
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

/**
 * Runs again each execution the journal holds. One that cannot be (its state is gone from the
 * definition, its entry unreadable) is marked failed as the state machine's MarkFailed would, so
 * its case says it stopped (its links no longer thank, the office is told, `so case resume` starts
 * it again), and it is named at every start.
 */
async function resumeJournaled(
  dataDir: string,
  journal: ExecutionJournal,
  stateMachine: LocalStateMachine,
  functions: ReadonlyMap<string, LoadedFunction>,
  stoppedAt: number,
): Promise<{ resumed: string[]; interrupted: string[] }> {
  const { entries, unreadable } = journal.entries();
  const resumed: string[] = [];
  const lost = unreadable.map((name) => ({
    name,
    step: undefined as unknown,
    why: 'its journal entry is unreadable',
  }));
  for (const entry of entries) {
    try {
      stateMachine.resume(entry, stoppedAt);
      resumed.push(entry.name);
    } catch (err) {
      const step = (entry.stateInput as { step?: unknown } | undefined)?.step;
      lost.push({ name: entry.name, step, why: (err as Error).message });
    }
  }
  for (const l of lost) {
    // A case that is gone cannot be marked; it is still named below.
    await functions
      .get('MarkFailed')
      ?.invoke({
        caseId: l.name,
        ...(typeof l.step === 'string' ? { step: l.step } : {}),
        error: {
          Error: 'LocalStackInterrupted',
          Cause: `the local stack could not resume the workflow: ${l.why}`,
        },
      })
      .catch(() => undefined);
    journal.forget(l.name);
  }
  recordInterrupted(
    dataDir,
    lost.map((l) => l.name),
  );
  return { resumed, interrupted: readInterrupted(dataDir) };
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
  // Read before this start saves the clock: where the waits of the executions left running stopped.
  const stoppedAt = lastStoppedAt(dataDir) ?? Date.now();
  const journal = new ExecutionJournal(dataDir);
  const chaos = new Chaos(options.faults ?? 0);
  /** A fault a stand-in's thread made. */
  const counted = (message: Record<string, unknown>) => {
    if (typeof message.fault === 'string') chaos.counts[message.fault as FaultKind] += 1;
  };

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
      journal,
      queueDirectory: (name) => join(dataDir, 'queues', name),
      chaos,
      warn,
    });
    const { names, stateMachine } = wiring;
    cleanups.push(
      () => wiring.uploadsQueue.stop(),
      () => wiring.textractQueue.stop(),
      () => wiring.statementsQueue.stop(),
      () => wiring.previewsQueue.stop(),
      () => wiring.textract.stop(),
    );

    // Executions live in memory and in the journal: a stop leaves them there, the next start resumes them.
    cleanups.push(() => void stateMachine.suspend('local stack stopped'));

    const bound = {} as Record<Service, number>;
    for (const service of ['api', 'stepfunctions', 'textract'] as const) {
      const server = wiring.servers[service];
      injectFaults(server, chaos, service);
      bound[service] = await listen(server, ports[service], host, service);
      servers.push(server);
    }
    const db = await listenOnThread(
      new URL('./dynamodb-worker.mjs', import.meta.url),
      { path: join(dataDir, 'dynamodb'), faults: chaos.rate },
      { port: ports.dynamodb, host, service: 'dynamodb' },
      counted,
    );
    lastly.push(db);
    bound.dynamodb = db.port;
    const s3 = await listenOnThread<{ port: number; freshBucket: boolean }>(
      new URL('./s3-worker.mjs', import.meta.url),
      {
        directory: join(dataDir, 's3'),
        bucket: names.bucket,
        cors: wiring.bucketCors(bound.api),
        faults: chaos.rate,
      },
      { port: ports.s3, host, service: 's3' },
      (message) => {
        counted(message);
        wiring.onS3Message(message);
      },
    );
    lastly.push(s3);
    bound.s3 = s3.port;
    const mailbox = await startMailbox(host, ports.ses, join(dataDir, 'mailbox.json'));
    // The SES API only: the mailbox page and its JSON are the developer's, not AWS's.
    injectFaults(mailbox.server, chaos, 'ses', (req) => req.method === 'POST' && req.url === '/');
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
      // A new table is CREATING for a while (as in DynamoDB): a handler reading it then is refused.
      await waitUntilTableExists(
        { client: ddb, maxWaitTime: 30, minDelay: 0.1 },
        { TableName: env.TABLE_NAME },
      );
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
    wiring.connect(functions, s3.freshBucket, clock, {
      schedules: options.schedules ?? true,
      previews: options.previews ?? true,
    });
    cleanups.push(() => wiring.stopSchedules());
    const { resumed, interrupted } = await resumeJournaled(
      dataDir,
      journal,
      stateMachine,
      functions,
      stoppedAt,
    );
    if (resumed.length) log(`resumed the workflow of ${resumed.length} case(s) where the last stop left it`);
    const notice = interruptedNotice(interrupted);
    if (notice) warn(notice);

    if (options.seed ?? true) {
      const seeded = await seedStaff(deps().store, clock.now());
      if (seeded) log(`seeded ${seeded} demo staff members (npx so staff list)`);
    }

    // Written whole then renamed: a reader (so case --local, a test) never sees half a file.
    const endpointsFile = join(dataDir, 'endpoints.json');
    writeFileSync(`${endpointsFile}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`);
    renameSync(`${endpointsFile}.tmp`, endpointsFile);
    return {
      endpoints,
      env,
      dataDir,
      clock,
      stateMachine,
      queues: {
        uploads: wiring.uploadsQueue,
        textract: wiring.textractQueue,
        statements: wiring.statementsQueue,
        previews: wiring.previewsQueue,
      },
      textract: wiring.textract,
      functions,
      resumed,
      interrupted,
      chaos,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
