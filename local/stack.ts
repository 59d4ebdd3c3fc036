/**
 * The local stack: the whole service in one process, on embedded stand-ins, with no AWS account.
 *
 *   import { startLocalStack } from '#local/local/stack.ts';
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
 *   env       extra or replaced configuration variables (shared/config.ts) for the handlers
 *   seed      seed the demo staff directory when it is empty (default true)
 *   quiet     no console output (default false); handler logs below ERROR are silenced too
 *
 * The returned stack also says which executions it `resumed` and which earlier stops `interrupted`
 * for good, and gives tests and benchmarks a look inside: `clock`, `stateMachine` (the
 * engine: listExecutions, settled), `queues.uploads`/`queues.textract` (stats, deadLetters,
 * idle) and `textract` (stats: jobs per object, throttled calls).
 *
 * One stack at a time per process: the handlers' configuration and SDK clients are built once per
 * process, as in a Lambda cold start. A stack started again in the same process after stop() takes
 * the same ports (asked-for port 0 reuses the earlier one), so those cached clients stay right.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { createTableInput } from '#adapters/dynamodb/table-definition.ts';
import { extractPdfText } from '#adapters/pdf-text.ts';
import type { AcceleratedClock } from '#domain/clock.ts';
import { FUNCTIONS, QUEUE_FEED } from '#functions/manifest.ts';
import { createLocalStateMachine, type LocalStateMachine } from '#local/stepfunctions/engine.ts';
import { stepFunctionsFacade } from '#local/stepfunctions/facade.ts';
import { resumeClock, saveClock } from './clock-state.ts';
import {
  interruptedNotice,
  readInterrupted,
  recordInterrupted,
  saveSuspended,
  takeSuspended,
} from './executions-state.ts';
import { httpApiListener } from './http-api.ts';
import { functionArn, type LoadedFunction, loadFunctions } from './lambda.ts';
import { startMailbox } from './mailbox.ts';
import { close, listen, listenOnThread } from './net.ts';
import { LocalQueue, type QueueOptions } from './queue.ts';
import { seedStaff } from './seed.ts';
import { TextractFacade, type TextractQuotas } from './textract.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REGION = 'eu-south-1';
export const ACCOUNT_ID = '000000000000';
const ASL_FILE = join(ROOT, 'statemachines', 'second-opinion.asl.json');

export type Service = 'api' | 'dynamodb' | 's3' | 'ses' | 'stepfunctions' | 'textract';
const SERVICES: Service[] = ['api', 'dynamodb', 's3', 'ses', 'stepfunctions', 'textract'];

export interface LocalStackOptions {
  dataDir?: string;
  reset?: boolean;
  ports?: number | Partial<Record<Service, number>>;
  host?: string;
  speed?: number;
  textract?: Partial<TextractQuotas>;
  queues?: Partial<
    Pick<QueueOptions, 'batchSize' | 'concurrency' | 'maxReceives' | 'backoffMs' | 'maxBackoffMs'>
  >;
  env?: Record<string, string>;
  seed?: boolean;
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
  /** The configuration the handlers run with (names of the table, bucket, state machine...). */
  env: Record<string, string>;
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

const CORS = (origins: string[]) =>
  `<CORSConfiguration>${origins
    .map(
      (o) =>
        `<CORSRule><AllowedOrigin>${o}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/** The key in an S3 event notification is URL-encoded, spaces as '+', as S3 sends it. */
const eventKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

function unavailable(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'starting', message: 'The local stack is still starting.' } }));
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
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:second-opinion-local`;
    const bucket = options.env?.BUCKET_NAME ?? 'second-opinion-local-documents';
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:second-opinion-local-textract`;

    // Servers first, with listeners that reach parts wired once every port is known.
    let apiListener: RequestListener = unavailable;
    const api = createServer((req, res) => apiListener(req, res));

    let s3Reader: S3Client | undefined;
    const queueOptions = (name: string): QueueOptions => ({
      name,
      region: REGION,
      accountId: ACCOUNT_ID,
      batchSize: QUEUE_FEED.batchSize,
      concurrency: QUEUE_FEED.maxConcurrency,
      maxReceives: QUEUE_FEED.maxReceiveCount,
      ...options.queues,
      onDeadLetter: (m) =>
        warn(`${name}: message ${m.messageId} dead-lettered after ${m.receiveCount} receives (${m.reason})`),
    });
    const uploadsQueue = new LocalQueue(queueOptions('second-opinion-local-uploads'));
    const textractQueue = new LocalQueue(queueOptions('second-opinion-local-textract'));
    cleanups.push(
      () => uploadsQueue.stop(),
      () => textractQueue.stop(),
    );

    const textract = new TextractFacade({
      region: REGION,
      accountId: ACCOUNT_ID,
      ...(options.textract ? { quotas: options.textract } : {}),
      readObject: async (b, key) => {
        try {
          const out = await s3Reader!.send(new GetObjectCommand({ Bucket: b, Key: key }));
          return await out.Body?.transformToByteArray();
        } catch (err) {
          if ((err as Error).name === 'NoSuchKey' || (err as Error).name === 'NoSuchBucket') return undefined;
          throw err;
        }
      },
      extractText: extractPdfText,
      warn,
      notify: (topic, envelope) => {
        if (topic === topicArn) textractQueue.send(envelope);
        else warn(`textract: completion for unknown topic ${topic} dropped`);
      },
    });
    cleanups.push(() => textract.stop());
    const textractServer = textract.server();

    // The state machine: the ASL file as deployed, its function placeholders bound to local ARNs.
    const tasks = FUNCTIONS.filter((f) => f.trigger.kind === 'task');
    let functions = new Map<string, LoadedFunction>();
    const byArn = new Map<string, () => LoadedFunction | undefined>();
    const asl = readFileSync(ASL_FILE, 'utf8').replace(/\$\{(\w+)FunctionArn\}/g, (_m, name: string) => {
      const spec = tasks.find((t) => t.name === name);
      if (!spec)
        throw new Error(
          `${ASL_FILE} names \${${name}FunctionArn} but functions/manifest.ts has no task function ${name}`,
        );
      const arn = functionArn(REGION, ACCOUNT_ID, name);
      byArn.set(arn, () => functions.get(name));
      return arn;
    });
    const stateMachine = createLocalStateMachine({
      definition: asl,
      stateMachineArn,
      speed,
      invoke: async (arn, payload) => {
        const fn = byArn.get(arn)?.();
        if (!fn)
          throw Object.assign(new Error(`no function ${arn}`), { name: 'Lambda.ResourceNotFoundException' });
        return fn.invoke(payload);
      },
    });
    const interrupted = readInterrupted(dataDir);
    const notice = interruptedNotice(interrupted);
    if (notice) warn(notice);
    cleanups.push(() => {
      const { suspended, lost } = stateMachine.suspend('local stack stopped');
      saveSuspended(dataDir, suspended);
      recordInterrupted(dataDir, lost);
    });
    const sfnServer = stepFunctionsFacade({
      stateMachineArn,
      definition: asl,
      engine: stateMachine,
      createdAt: new Date(),
    });

    const bound = {} as Record<Service, number>;
    for (const [service, server] of [
      ['api', api],
      ['stepfunctions', sfnServer],
      ['textract', textractServer],
    ] as const) {
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
    // The bucket, with the CORS rule the browser's presigned POST from the page needs.
    const s3 = await listenOnThread<{ port: number; freshBucket: boolean }>(
      new URL('./s3-worker.mjs', import.meta.url),
      {
        directory: join(dataDir, 's3'),
        bucket,
        cors: CORS([`http://localhost:${bound.api}`, `http://127.0.0.1:${bound.api}`]),
      },
      { port: ports.s3, host, service: 's3' },
      (message) => {
        const event = message.event as { Records: Record<string, unknown>[] } | undefined;
        for (const record of event?.Records ?? []) {
          const s3part = record.s3 as { bucket: { name: string }; object: { key: string } };
          if (!String(record.eventName).startsWith('ObjectCreated:') || s3part.bucket.name !== bucket)
            continue;
          s3part.object.key = eventKey(s3part.object.key);
          s3part.bucket = { ...s3part.bucket, arn: `arn:aws:s3:::${bucket}` } as typeof s3part.bucket;
          uploadsQueue.send(JSON.stringify({ Records: [{ ...record, awsRegion: REGION }] }));
        }
      },
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

    // The handlers' environment: the same variables the CDK construct sets, pointed at the stand-ins.
    const env: Record<string, string> = {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      // s3rver checks signatures against its own key pair; the other stand-ins accept any.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SES: endpoints.ses,
      AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
      AWS_ENDPOINT_URL_TEXTRACT: endpoints.textract,
      POWERTOOLS_SERVICE_NAME: 'second-opinion',
      POWERTOOLS_LOG_LEVEL: quiet ? 'ERROR' : 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      STAGE: 'local',
      TABLE_NAME: 'second-opinion-local',
      BUCKET_NAME: bucket,
      STATE_MACHINE_ARN: stateMachineArn,
      PUBLIC_BASE_URL: publicUrl,
      WEB_ORIGIN: publicUrl,
      SENDER_EMAIL: 'second-opinion@hospital.example',
      SES_CONFIGURATION_SET: 'second-opinion-local',
      TEXTRACT_SNS_TOPIC_ARN: topicArn,
      TEXTRACT_ROLE_ARN: `arn:aws:iam::${ACCOUNT_ID}:role/second-opinion-local-textract`,
      OFFICE_EMAIL: 'office@hospital.example',
      BANK_BENEFICIARY: 'Fondazione Ospedale Oncologico',
      BANK_IBAN: 'IT60X0542811101000000123456',
      BANK_BIC: 'BPMOIT22XXX',
      CLOCK_SPEED: String(speed),
      // The upload window is something a person acts in: keep it 15 real minutes on a fast clock.
      UPLOAD_URL_SECONDS: String(Math.min(Math.round(900 * Math.max(1, speed)), 7 * 86_400)),
      ...options.env,
    };
    Object.assign(process.env, env);
    const { parseConfig } = await import('#app/config.ts');
    parseConfig(process.env);

    s3Reader = new S3Client({
      endpoint: endpoints.s3,
      forcePathStyle: true,
      region: REGION,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    cleanups.push(() => s3Reader?.destroy());

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
      await ddb.send(new CreateTableCommand(createTableInput(env.TABLE_NAME!)));
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

    functions = await loadFunctions(ROOT, FUNCTIONS, REGION, ACCOUNT_ID, (spec, err) =>
      warn(`function ${spec.name} (${spec.entry}) failed to load: ${err.message}`),
    );
    const resumed = takeSuspended(dataDir).map((e) => {
      stateMachine.resume(e);
      return e.name;
    });
    if (resumed.length) log(`resumed the workflow of ${resumed.length} case(s) where the last stop left it`);

    apiListener = httpApiListener(
      [...functions.values()].flatMap((fn) =>
        fn.spec.trigger.kind === 'http'
          ? fn.spec.trigger.routes.map((r) => ({
              method: r.method,
              path: r.path,
              functionName: fn.spec.name,
              invoke: (event: APIGatewayProxyEventV2) => fn.invoke(event),
            }))
          : [],
      ),
      (err, route) => warn(`${route}: the handler failed: ${(err as Error)?.message ?? String(err)}`),
    );

    const consumer = (kind: 'uploads-queue' | 'textract-queue') => {
      const fn = [...functions.values()].find((f) => f.spec.trigger.kind === kind);
      return fn
        ? (event: SQSEvent) => fn.invoke(event) as ReturnType<Parameters<LocalQueue['attach']>[0]>
        : undefined;
    };
    const uploadsConsumer = consumer('uploads-queue');
    const textractConsumer = consumer('textract-queue');
    if (uploadsConsumer) uploadsQueue.attach(uploadsConsumer);
    else warn('no uploads-queue function in functions/manifest.ts yet: uploads wait in the queue');
    if (textractConsumer) textractQueue.attach(textractConsumer);
    else warn('no textract-queue function in functions/manifest.ts yet: completions wait in the queue');

    if (s3.freshBucket) {
      // S3 sends a test event when notifications are first configured; the consumer must skip it.
      uploadsQueue.send(
        JSON.stringify({
          Service: 'Amazon S3',
          Event: 's3:TestEvent',
          Time: new Date().toISOString(),
          Bucket: bucket,
          RequestId: 'LOCAL',
          HostId: 'local',
        }),
      );
    }

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
      queues: { uploads: uploadsQueue, textract: textractQueue },
      textract,
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
