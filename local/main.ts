/**
 * `npm start [-- --port 3000] [--speed N] [--reset] [--data-dir DIR] [--faults RATE] [--quiet]`: the whole service on
 * this machine (see local/stack.ts). Ctrl-C stops every server.
 */
import { parseArgs } from 'node:util';
import { PortInUseError } from './net.ts';
import { startLocalStack } from './stack.ts';

const USAGE = `usage: npm start -- [--port N] [--speed N] [--reset] [--data-dir DIR] [--faults RATE] [--quiet]
  --port N       the API and patient page port (default 3000); the stand-ins use the next five
                 (0: any free ports)
  --speed N      simulated time runs N times faster (a 5-working-day deadline passes in minutes)
  --reset        start with empty data (.local/ is otherwise kept across restarts)
  --textract-rate N, --textract-jobs N   Textract quotas: starts per second, concurrent jobs
  --faults RATE  chaos mode: this share (0 to 1, e.g. 0.05) of Lambda invocations, AWS requests and
                 queue messages meets each kind of fault (errors, timeouts, throttling, 5xx,
                 duplicate and late messages)`;

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      speed: { type: 'string' },
      reset: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'textract-rate': { type: 'string' },
      'textract-jobs': { type: 'string' },
      faults: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function number(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number from ${min} to ${max}, got ${raw}`);
  return n;
}

const port = number('port', 0, 65530) ?? 3000;
const speed = number('speed', 0.001) ?? 1;
const rate = number('textract-rate', 1);
const jobs = number('textract-jobs', 1);
const faults = number('faults', 0, 1) ?? 0;
const started = Date.now();

try {
  const stack = await startLocalStack({
    ports: port,
    speed,
    reset: Boolean(values.reset),
    ...(typeof values['data-dir'] === 'string' ? { dataDir: values['data-dir'] } : {}),
    quiet: Boolean(values.quiet),
    faults,
    textract: { ...(rate ? { startsPerSecond: rate } : {}), ...(jobs ? { concurrentJobs: jobs } : {}) },
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack...`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const e = stack.endpoints;
  console.log(`
Second Opinion is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s${speed !== 1 ? `, time x${speed}` : ''}${faults ? `, chaos: faults at ${faults}` : ''}).

  Patient page   ${e.api}/
  Mailbox        ${e.mailbox}   (every email the service sends; JSON at ${e.mailbox}store)

  DynamoDB ${e.dynamodb}   S3 ${e.s3}   Step Functions ${e.stepfunctions}   Textract ${e.textract}
  Table ${stack.env.TABLE_NAME}, bucket ${stack.env.BUCKET_NAME}; endpoints in ${stack.dataDir}/endpoints.json
  Simulated time now ${stack.clock.now().toISOString()}. Ctrl-C stops everything.
`);
} catch (err) {
  if (err instanceof PortInUseError) fail(err.message);
  fail(`could not start: ${(err as Error).message}`);
}
