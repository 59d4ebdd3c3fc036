/**
 * One table of AWS list prices (USD, region eu-south-1, Europe/Milan), read on READ_ON, and the
 * arithmetic that turns a case's counts (bench/cost.ts) into its price. Every price names its source
 * and whether it was verified for eu-south-1: the stored copies of the AWS pricing pages render their
 * rate tables in the browser, so most figures are the published US East rates and are marked so.
 * Textract is not offered in eu-south-1 at all (docs/performance.md): its price is that of the region
 * that would read the documents.
 */
import { BUSINESS_METRICS } from '#app/metrics.ts';
import { BUSINESS_ALARMS } from '#infra/constructs/observability.ts';

export const READ_ON = '2026-12-01';
export const REGION = 'eu-south-1';

export interface Price {
  usd: number;
  per: string;
  source: string;
  /** True only when the figure was read for eu-south-1 itself. */
  verified: boolean;
  note?: string;
}

const LAMBDA_PAGE = 'https://aws.amazon.com/lambda/pricing/';

export const PRICES = {
  lambdaGbSecondArm: {
    usd: 0.0000156138,
    per: 'GB-second (arm64)',
    source: `${LAMBDA_PAGE} as copied per region in artillery@2.0.28 lib/platform/aws-lambda/prices.js`,
    verified: false,
    note: 'the eu-south-1 figure, but read from a third-party copy of the AWS page',
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    per: 'request',
    source: LAMBDA_PAGE,
    verified: false,
    note: 'USD 0.20 per million, the rate the page states in its examples',
  },
  stepFunctionsTransition: {
    usd: 0.025 / 1000,
    per: 'state transition (Standard)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    verified: false,
    note: 'USD 0.025 per 1,000, the US East rate',
  },
  httpApiRequest: {
    usd: 1.0 / 1e6,
    per: 'HTTP API request',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    verified: false,
    note: 'USD 1.00 per million (first 300 million), the US East rate',
  },
  textractPage: {
    usd: 1.5 / 1000,
    per: 'page (DetectDocumentText, asynchronous)',
    source: 'https://aws.amazon.com/textract/pricing/',
    verified: false,
    note: 'USD 1.50 per 1,000 pages (first million a month), the US East rate; not offered in eu-south-1',
  },
  dynamoWriteUnit: {
    usd: 0.625 / 1e6,
    per: 'write request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    verified: false,
    note: 'USD 0.625 per million, the US East rate',
  },
  dynamoReadUnit: {
    usd: 0.125 / 1e6,
    per: 'read request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    verified: false,
    note: 'USD 0.125 per million, the US East rate',
  },
  s3StorageGbMonth: {
    usd: 0.023,
    per: 'GB-month (Standard; Intelligent-Tiering objects under 128 KB are billed at this rate)',
    source: 'https://aws.amazon.com/s3/pricing/',
    verified: false,
    note: 'the US East rate',
  },
  s3PutRequest: {
    usd: 0.005 / 1000,
    per: 'PUT, POST, COPY or LIST request',
    source: 'https://aws.amazon.com/s3/pricing/',
    verified: false,
  },
  s3GetRequest: {
    usd: 0.0004 / 1000,
    per: 'GET or HEAD request',
    source: 'https://aws.amazon.com/s3/pricing/',
    verified: false,
  },
  sesMessage: {
    usd: 0.1 / 1000,
    per: 'email sent',
    source: 'https://aws.amazon.com/ses/pricing/',
    verified: false,
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    per: 'SQS request (standard queue)',
    source: 'https://aws.amazon.com/sqs/pricing/',
    verified: false,
  },
  snsPublish: {
    usd: 0.5 / 1e6,
    per: 'SNS publish',
    source: 'https://aws.amazon.com/sns/pricing/',
    verified: false,
  },
  kmsRequest: {
    usd: 0.03 / 10_000,
    per: 'KMS request',
    source: 'https://aws.amazon.com/kms/pricing/',
    verified: false,
  },
  logsIngestGb: {
    usd: 0.5,
    per: 'GB of logs ingested',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    verified: false,
    note: 'the US East rate; the stage keeps them logRetentionDays (365 in prod), storage at USD 0.03/GB-month is below a cent a case',
  },
  kmsKeyMonth: {
    usd: 1,
    per: 'customer managed key, month',
    source: 'https://aws.amazon.com/kms/pricing/',
    verified: false,
  },
  dashboardMonth: {
    usd: 3,
    per: 'CloudWatch dashboard, month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    verified: false,
  },
  alarmMonth: {
    usd: 0.1,
    per: 'standard-resolution alarm, month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    verified: false,
  },
  customMetricMonth: {
    usd: 0.3,
    per: 'custom metric (first 10,000), month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    verified: false,
  },
} satisfies Record<string, Price>;

/** How long a case's documents stay in the bucket: it has no expiry rule; ten years is assumed. */
export const RETENTION_MONTHS = 120;

/**
 * What the service costs with no case at all: the key, the dashboard, its alarms (one per function,
 * per dead-letter queue, per state machine twice, the API, two for SES reputation, one per business
 * event that needs a person), the business metrics and the event source mappings' idle long polls
 * (about 3 a minute on each of 2 queues, an estimate).
 */
export function fixedMonthly(functions: number): { usd: number; lines: Record<string, number> } {
  const alarms = functions + 3 + 2 + 1 + 2 + Object.keys(BUSINESS_ALARMS).length;
  const metrics = new Set(Object.values(BUSINESS_METRICS)).size;
  const idlePolls = 2 * 3 * 60 * 24 * 30;
  const lines = {
    kmsKey: PRICES.kmsKeyMonth.usd,
    dashboard: PRICES.dashboardMonth.usd,
    [`alarms (${alarms})`]: alarms * PRICES.alarmMonth.usd,
    [`business metrics (${metrics})`]: metrics * PRICES.customMetricMonth.usd,
    'idle queue polls': idlePolls * PRICES.sqsRequest.usd,
  };
  return { usd: Object.values(lines).reduce((a, b) => a + b, 0), lines };
}

export interface Counts {
  stateTransitions: number;
  lambda: Record<string, { invocations: number; totalMs: number; memoryMb: number }>;
  httpRequests: number;
  textractPages: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  s3PutRequests: number;
  s3GetRequests: number;
  s3StoredBytes: number;
  sesMessages: number;
  sqsRequests: number;
  snsPublishes: number;
  kmsRequests: number;
  logBytes: number;
}

export interface PricedCase {
  name: string;
  counts: Counts;
  usd: Record<string, number>;
  usdPerCase: number;
}

const GB = 1024 ** 3;

export function priceCase(name: string, counts: Counts): PricedCase {
  const fns = Object.values(counts.lambda);
  const gbSeconds = fns.reduce((n, f) => n + (f.totalMs / 1000) * (f.memoryMb / 1024), 0);
  const invocations = fns.reduce((n, f) => n + f.invocations, 0);
  const usd = {
    stepFunctions: counts.stateTransitions * PRICES.stepFunctionsTransition.usd,
    lambdaRequests: invocations * PRICES.lambdaRequest.usd,
    lambdaDuration: gbSeconds * PRICES.lambdaGbSecondArm.usd,
    httpApi: counts.httpRequests * PRICES.httpApiRequest.usd,
    textract: counts.textractPages * PRICES.textractPage.usd,
    dynamodb:
      counts.dynamoReadUnits * PRICES.dynamoReadUnit.usd +
      counts.dynamoWriteUnits * PRICES.dynamoWriteUnit.usd,
    s3Requests:
      counts.s3PutRequests * PRICES.s3PutRequest.usd + counts.s3GetRequests * PRICES.s3GetRequest.usd,
    s3Storage: (counts.s3StoredBytes / GB) * RETENTION_MONTHS * PRICES.s3StorageGbMonth.usd,
    ses: counts.sesMessages * PRICES.sesMessage.usd,
    sqsSns: counts.sqsRequests * PRICES.sqsRequest.usd + counts.snsPublishes * PRICES.snsPublish.usd,
    kms: counts.kmsRequests * PRICES.kmsRequest.usd,
    logs: (counts.logBytes / GB) * PRICES.logsIngestGb.usd,
  };
  const round = (x: number) => Number(x.toPrecision(3));
  return {
    name,
    counts,
    usd: Object.fromEntries(Object.entries(usd).map(([k, v]) => [k, round(v)])),
    usdPerCase: round(Object.values(usd).reduce((a, b) => a + b, 0)),
  };
}

export function priceTable(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PRICES).map(([k, p]) => [
      k,
      `${p.usd} USD per ${p.per}${p.verified ? '' : ' (unverified)'}`,
    ]),
  );
}

export const MONTHLY_VOLUMES = [100, 1000, 10_000];

/** The result as Markdown for docs/cost.md: counts, price per case, per month at each volume. */
export function renderMarkdown(cases: Record<string, PricedCase>, skipped: string[], functions = 14): string {
  const names = Object.keys(cases);
  const fixed = fixedMonthly(functions);
  const usd = (x: number) => (x < 0.01 ? x.toPrecision(2) : x.toFixed(x < 1 ? 4 : 2));
  const row = (label: string, values: (string | number)[]) => `| ${label} | ${values.join(' | ')} |`;
  const header = [
    row('', names),
    row(
      '---',
      names.map(() => '---:'),
    ),
  ];
  const c = (f: (k: Counts) => number | string) => names.map((n) => f(cases[n]!.counts));
  const lines = [
    `Measured with \`npm run bench cost\` (local stack, prices of ${READ_ON}, ${REGION}).`,
    '',
    '**Counts per case**',
    '',
    ...header,
    row(
      'state transitions',
      c((k) => k.stateTransitions),
    ),
    row(
      'Lambda invocations',
      c((k) => Object.values(k.lambda).reduce((n, f) => n + f.invocations, 0)),
    ),
    row(
      'Lambda GB-seconds (measured ms x configured MB)',
      c((k) =>
        Object.values(k.lambda)
          .reduce((n, f) => n + (f.totalMs / 1000) * (f.memoryMb / 1024), 0)
          .toFixed(2),
      ),
    ),
    row(
      'HTTP API requests',
      c((k) => k.httpRequests),
    ),
    row(
      'Textract pages',
      c((k) => k.textractPages),
    ),
    row(
      'DynamoDB read / write units',
      c((k) => `${k.dynamoReadUnits} / ${k.dynamoWriteUnits}`),
    ),
    row(
      'S3 PUT-class / GET-class requests',
      c((k) => `${k.s3PutRequests} / ${k.s3GetRequests}`),
    ),
    row(
      'S3 bytes stored',
      c((k) => k.s3StoredBytes),
    ),
    row(
      'SES messages',
      c((k) => k.sesMessages),
    ),
    row(
      'SQS / SNS requests',
      c((k) => `${k.sqsRequests} / ${k.snsPublishes}`),
    ),
    row(
      'KMS requests (upper bound)',
      c((k) => k.kmsRequests),
    ),
    row(
      'log bytes',
      c((k) => k.logBytes),
    ),
    '',
    '**USD per case**',
    '',
    ...header,
    ...Object.keys(cases[names[0]!]!.usd).map((k) =>
      row(
        k,
        names.map((n) => usd(cases[n]!.usd[k]!)),
      ),
    ),
    row(
      '**total**',
      names.map((n) => `**${usd(cases[n]!.usdPerCase)}**`),
    ),
    '',
    `**USD per month** (each case priced as the mean of ${new Intl.ListFormat('en').format(names)}; fixed costs USD ${fixed.usd.toFixed(2)}: ${Object.entries(
      fixed.lines,
    )
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')})`,
    '',
    '| cases a month | per-case costs | fixed | total |',
    '| ---: | ---: | ---: | ---: |',
    ...MONTHLY_VOLUMES.map((n) => {
      const mean = names.reduce((s, k) => s + cases[k]!.usdPerCase, 0) / names.length;
      return `| ${n.toLocaleString('en')} | ${(n * mean).toFixed(2)} | ${fixed.usd.toFixed(2)} | ${(n * mean + fixed.usd).toFixed(2)} |`;
    }),
    '',
    skipped.length ? `Not measured yet (no such case in the workflow): ${skipped.join(', ')}.` : '',
  ];
  return lines.join('\n');
}
