/**
 * What the local stack connects to what, apart from when it starts and stops (stack.ts):
 * - S3 ObjectCreated events in the bucket go to the uploads queue, those under statements/ to the
 *   statements queue, as S3's notifications would;
 * - the Textract stand-in reads the bucket and publishes completions to its topic, which the
 *   textract queue and the previews queue both subscribe to;
 * - the state machine is the ASL file as deployed, its `${<Name>FunctionArn}` placeholders bound
 *   to the manifest's task functions;
 * - once the handlers are loaded, the HTTP API routes and the two queues' consumers are theirs, and
 *   the scheduled functions (the reconciler, the daily round) run on the simulated clock, as EventBridge would.
 * Nothing here opens a port or touches the data directory.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { extractPdfText } from '#adapters/pdf-text.ts';
import type { AcceleratedClock } from '#domain/clock.ts';
import { STATEMENTS_PREFIX } from '#domain/statement.ts';
import { dailyTime, FUNCTIONS, PREVIEWS_FEED, QUEUE_FEED, STATEMENTS_FEED } from '#functions/manifest.ts';
import { createLocalStateMachine, type LocalStateMachineOptions } from '#local/stepfunctions/engine.ts';
import { stepFunctionsFacade } from '#local/stepfunctions/facade.ts';
import type { Chaos } from './chaos.ts';
import { ACCOUNT_ID, localNames, LOCAL_PREFIX as PREFIX, REGION } from './environment.ts';
import { httpApiListener } from './http-api.ts';
import { functionArn, type LoadedFunction } from './lambda.ts';
import { LocalQueue, type QueueOptions } from './queue.ts';
import { daily, every, scheduledEvent, scheduleInput } from './schedule.ts';
import { TextractFacade, type TextractQuotas } from './textract.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export { ACCOUNT_ID, REGION } from './environment.ts';

const ASL_FILE = join(ROOT, 'statemachines', 'second-opinion.asl.json');

/** The queue settings a caller may change. */
export type QueueTuning = Partial<
  Pick<QueueOptions, 'batchSize' | 'concurrency' | 'maxReceives' | 'backoffMs' | 'maxBackoffMs'>
>;

export interface WiringOptions {
  speed: number;
  bucket?: string;
  textract?: Partial<TextractQuotas>;
  queues?: QueueTuning;
  /** Where the executions are journaled and the queues keep their messages (survive a hard kill). */
  journal?: LocalStateMachineOptions['journal'];
  queueDirectory?: (queue: string) => string;
  /** Chaos mode (local/chaos.ts): faults in the Lambda invocations and the queues. */
  chaos?: Chaos;
  warn: (line: string) => void;
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

/**
 * The stand-ins and how they reach each other. Their servers answer at once; the API says it is
 * starting (503) and the tasks and queues wait until `connect` hands them the loaded handlers.
 */
export function wireStack(o: WiringOptions) {
  const names = localNames(o.bucket);
  /** A Lambda invocation by an AWS service (the state machine, a queue's mapping, a schedule). */
  const invoke = (fn: LoadedFunction, event: unknown) =>
    o.chaos ? o.chaos.invoke(() => fn.invoke(event)) : fn.invoke(event);
  let functions: ReadonlyMap<string, LoadedFunction> = new Map();
  let apiListener: RequestListener = unavailable;
  let s3Reader: S3Client | undefined;
  const schedules: (() => Promise<void>)[] = [];

  // The state machine first, as it can fail: the ASL file as deployed, its function placeholders
  // bound to local ARNs.
  const tasks = FUNCTIONS.filter((f) => f.trigger.kind === 'task');
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
    stateMachineArn: names.stateMachineArn,
    speed: o.speed,
    ...(o.journal ? { journal: o.journal } : {}),
    invoke: async (arn, payload) => {
      const fn = byArn.get(arn)?.();
      if (!fn)
        throw Object.assign(new Error(`no function ${arn}`), { name: 'Lambda.ResourceNotFoundException' });
      return invoke(fn, payload);
    },
  });

  const queue = (
    name: string,
    feed: { batchSize: number; maxConcurrency: number; maxReceiveCount: number } = QUEUE_FEED,
  ): LocalQueue =>
    new LocalQueue({
      name,
      region: REGION,
      accountId: ACCOUNT_ID,
      batchSize: feed.batchSize,
      concurrency: feed.maxConcurrency,
      maxReceives: feed.maxReceiveCount,
      ...o.queues,
      ...(o.queueDirectory ? { directory: o.queueDirectory(name) } : {}),
      ...(o.chaos ? { chaos: o.chaos } : {}),
      onDeadLetter: (m) =>
        o.warn(
          `${name}: message ${m.messageId} dead-lettered after ${m.receiveCount} receives (${m.reason})`,
        ),
    });
  const uploadsQueue = queue(`${PREFIX}-uploads`);
  const textractQueue = queue(`${PREFIX}-textract`);
  const statementsQueue = queue(`${PREFIX}-statements`, STATEMENTS_FEED);
  const previewsQueue = queue(`${PREFIX}-previews`, PREVIEWS_FEED);

  const textract = new TextractFacade({
    region: REGION,
    accountId: ACCOUNT_ID,
    ...(o.textract ? { quotas: o.textract } : {}),
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
    warn: o.warn,
    notify: (topic, envelope) => {
      if (topic !== names.topicArn) return o.warn(`textract: completion for unknown topic ${topic} dropped`);
      // The topic's two subscriptions, as SNS delivers to each.
      textractQueue.send(envelope);
      previewsQueue.send(envelope);
    },
  });

  return {
    names,
    uploadsQueue,
    textractQueue,
    statementsQueue,
    previewsQueue,
    textract,
    stateMachine,
    /** The servers of the stand-ins that run in this thread, not yet listening. */
    servers: {
      api: createServer((req, res) => apiListener(req, res)),
      stepfunctions: stepFunctionsFacade({
        stateMachineArn: names.stateMachineArn,
        definition: asl,
        engine: stateMachine,
        createdAt: new Date(),
      }),
      textract: textract.server(),
    },

    /** The bucket's CORS rule: the page at the API's port posts uploads to it. */
    bucketCors(apiPort: number): string {
      return CORS([`http://localhost:${apiPort}`, `http://127.0.0.1:${apiPort}`]);
    },

    /** A message from the S3 worker: an ObjectCreated event in the bucket goes to the uploads or the statements queue. */
    onS3Message(message: Record<string, unknown>): void {
      const event = message.event as { Records: Record<string, unknown>[] } | undefined;
      // An upload finishing while the stack stops has nowhere to go, as in a deleted stack.
      if (uploadsQueue.isStopped) return;
      for (const record of event?.Records ?? []) {
        const s3part = record.s3 as { bucket: { name: string }; object: { key: string } };
        if (!String(record.eventName).startsWith('ObjectCreated:') || s3part.bucket.name !== names.bucket)
          continue;
        const target = s3part.object.key.startsWith(STATEMENTS_PREFIX) ? statementsQueue : uploadsQueue;
        s3part.object.key = eventKey(s3part.object.key);
        s3part.bucket = { ...s3part.bucket, arn: `arn:aws:s3:::${names.bucket}` } as typeof s3part.bucket;
        target.send(JSON.stringify({ Records: [{ ...record, awsRegion: REGION }] }));
      }
    },

    /** Points the Textract stand-in at the S3 stand-in; the client is the caller's to destroy. */
    readObjectsFrom(s3Endpoint: string): S3Client {
      s3Reader = new S3Client({
        endpoint: s3Endpoint,
        forcePathStyle: true,
        region: REGION,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      return s3Reader;
    },

    /**
     * Hands the loaded handlers their triggers: the state machine's tasks, the HTTP routes, the
     * queues (the previews queue unless `run.previews` is false), and (unless `run.schedules` is
     * false) the schedules on `clock`. A fresh bucket also gets the test event S3 sends when
     * notifications are first set up.
     */
    connect(
      loaded: ReadonlyMap<string, LoadedFunction>,
      freshBucket: boolean,
      clock: AcceleratedClock,
      run: { schedules: boolean; previews: boolean },
    ): void {
      functions = loaded;
      apiListener = httpApiListener(
        [...loaded.values()].flatMap((fn) =>
          fn.spec.trigger.kind === 'http'
            ? fn.spec.trigger.routes.map((r) => ({
                method: r.method,
                path: r.path,
                functionName: fn.spec.name,
                invoke: (event: APIGatewayProxyEventV2) => fn.invoke(event),
              }))
            : [],
        ),
        (err, route) => o.warn(`${route}: the handler failed: ${(err as Error)?.message ?? String(err)}`),
      );

      const consumer = (kind: 'uploads-queue' | 'textract-queue' | 'statements-queue' | 'previews-queue') => {
        const fn = [...loaded.values()].find((f) => f.spec.trigger.kind === kind);
        return fn
          ? (event: SQSEvent) => invoke(fn, event) as ReturnType<Parameters<LocalQueue['attach']>[0]>
          : undefined;
      };
      const uploadsConsumer = consumer('uploads-queue');
      const textractConsumer = consumer('textract-queue');
      if (uploadsConsumer) uploadsQueue.attach(uploadsConsumer);
      else o.warn('no uploads-queue function in functions/manifest.ts yet: uploads wait in the queue');
      if (textractConsumer) textractQueue.attach(textractConsumer);
      else o.warn('no textract-queue function in functions/manifest.ts yet: completions wait in the queue');
      const statementsConsumer = consumer('statements-queue');
      if (statementsConsumer) statementsQueue.attach(statementsConsumer);
      else o.warn('no statements-queue function in functions/manifest.ts yet: statements wait in the queue');
      const previewsConsumer = consumer('previews-queue');
      if (previewsConsumer && run.previews) previewsQueue.attach(previewsConsumer);
      else if (run.previews) {
        o.warn('no previews-queue function in functions/manifest.ts yet: completions wait in the queue');
      }

      for (const fn of run.schedules ? loaded.values() : []) {
        const trigger = fn.spec.trigger;
        const name = `${PREFIX}-${fn.spec.name}`;
        const onError = (err: unknown) =>
          o.warn(`${fn.spec.name}: the scheduled run failed: ${(err as Error)?.message ?? String(err)}`);
        if (trigger.kind === 'schedule') {
          const rule = `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${name}`;
          schedules.push(
            every(
              clock,
              trigger.everyMinutes * 60_000,
              (at) => invoke(fn, scheduledEvent(rule, at, REGION, ACCOUNT_ID)),
              onError,
            ),
          );
        } else if (trigger.kind === 'daily') {
          schedules.push(
            daily(clock, dailyTime(trigger.dailyAt), (at) => invoke(fn, scheduleInput(name, at)), onError),
          );
        }
      }

      if (freshBucket) {
        // The consumer must skip this event.
        uploadsQueue.send(
          JSON.stringify({
            Service: 'Amazon S3',
            Event: 's3:TestEvent',
            Time: new Date().toISOString(),
            Bucket: names.bucket,
            RequestId: 'LOCAL',
            HostId: 'local',
          }),
        );
      }
    },

    /** Stops the schedules, waiting for a run in progress. */
    async stopSchedules(): Promise<void> {
      await Promise.all(schedules.splice(0).map((stop) => stop()));
    },
  };
}

export type StackWiring = ReturnType<typeof wireStack>;
