/**
 * Per-environment configuration, validated with zod when the app starts so a typo fails the
 * synth with a message naming the field, not a half-deployed stack. Each stage pins its AWS
 * account and region: the CLI's credentials and default region never decide where a stage goes.
 */
import * as z from 'zod';
import { bicSchema, ibanSchema } from '#app/bank.ts';
import { isValidPartitaIva } from '#domain/codice-fiscale.ts';
import { BILLING_MODES } from '#domain/ledger.ts';

export const STAGE_NAMES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Retention periods CloudWatch Logs accepts (a subset: days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653,
] as const;

const email = z.email();

/**
 * EU regions where Textract runs (docs/performance.md): Textract reads only S3 objects of its own
 * region, so the documents, and with them the whole stage, live in one of these. eu-south-1 (Milan)
 * has no Textract.
 */
export const EU_TEXTRACT_REGIONS = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-south-2'] as const;

const origin = z
  .url()
  .refine(
    (u) => new URL(u).origin === u && u.startsWith('https://'),
    'must be an https origin (https://host)',
  );

export const stageSchema = z
  .object({
    name: z.enum(STAGE_NAMES),
    account: z.string().regex(/^\d{12}$/, 'is not a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'is not an AWS region'),
    /**
     * The service's one origin: the API and the patient pages answer there (a custom domain of the
     * HTTP API, whose execute-api endpoint is off), every emailed link points there, and the
     * documents bucket takes uploads from it alone.
     */
    origin,
    /** The Route 53 hosted zone of the origin's domain: the certificate is validated and the name points at the API in it. */
    hostedZone: z.object({
      id: z.string().regex(/^Z[A-Z0-9]{4,32}$/, 'is not a Route 53 hosted zone id'),
      name: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'is not a domain name'),
    }),
    /** SES identity: a domain (production) or a single address (a dev sandbox). */
    emailIdentity: z.string().min(3),
    senderEmail: email,
    officeEmail: email,
    alarmEmail: email,
    /** Who patients reach, on every page and email: the hospital's name, the office's phone, address and hours. */
    hospital: z.object({
      name: z.string().min(1),
      phone: z.string().regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'is not a phone number'),
      address: z.string().min(1),
      /** Where patients send the slides of a histological review (the Pathological Anatomy). */
      pathologyAddress: z.string().min(1),
      /** ISO weekdays and hours, e.g. "1-5 09:00-17:00". */
      hours: z.string().regex(/^[1-7]-[1-7] \d{2}:\d{2}-\d{2}:\d{2}$/, 'is not like "1-5 09:00-17:00"'),
      /** The VAT number (partita IVA) printed on receipts. */
      vatNumber: z.string().refine(isValidPartitaIva, 'is not an Italian VAT number with its check digit'),
    }),
    bank: z.object({
      beneficiary: z.string().min(1),
      iban: ibanSchema,
      bic: bicSchema,
    }),
    /** prepaid: an approved additional consultation starts when paid; invoice: at once, the hospital bills it later. */
    billing: z.object({ additional: z.enum(BILLING_MODES) }),
    calendar: z.object({
      patronDays: z.array(z.string().regex(/^\d{2}-\d{2}$/, 'is not MM-DD')),
      closureDays: z.array(z.iso.date()),
    }),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), 'is not a CloudWatch retention'),
    /** How long what the service keeps is kept (docs/security.md, Data retention). */
    retention: z.object({
      /** The patient's links (case page, report) work this long after the case closes; then their tokens are refused. */
      patientAccessDays: z.number().int().positive(),
      /** An expired action link is kept this long, so it still says "expired" before it is deleted. */
      expiredLinkDays: z.number().int().nonnegative(),
      /** A Textract job's record (job id to document) is kept this long after the job starts. */
      textractJobDays: z.number().int().positive(),
    }),
    /** retain: data outlives a stack deletion (and the table refuses deletion); destroy: dev only. */
    removal: z.enum(['retain', 'destroy']),
    /** Days an overwritten or deleted document version is kept before S3 removes it. */
    noncurrentVersionDays: z.number().int().positive(),
    limits: z.object({
      maxUploadBytes: z.number().int().positive(),
      maxFilesPerCase: z.number().int().positive(),
      maxCaseBytes: z.number().int().positive(),
      maxPages: z.number().int().positive(),
      /** Pages of one case sent to Textract (its spend per case); documents past it are kept for a doctor to read. */
      textractPagesPerCase: z.number().int().positive(),
      uploadUrlSeconds: z.number().int().positive().max(3600),
      linkTtlDays: z.number().int().positive(),
      documentsExpiryDays: z.number().int().positive(),
      paymentExpiryDays: z.number().int().positive(),
      /** A draft never sent: the patient is reminded after this many days, and it closes after draftExpiryDays. */
      draftReminderDays: z.number().int().positive(),
      draftExpiryDays: z.number().int().positive(),
      /** Additional consultations and their prices in euro cents. */
      additionalPrices: z.record(z.string(), z.number().int().positive()),
      /** Requests a second (and their burst) the API takes on each route, all clients together. */
      apiRateLimit: z.number().positive(),
      apiBurstLimit: z.number().int().positive(),
      /** Tighter throttles on some routes, by route key ("POST /cases"): anonymous ones first. */
      routeThrottles: z.record(
        z.string().regex(/^(GET|POST|PUT|DELETE) \/\S*$/, 'is not a route key like "POST /cases"'),
        z.object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }),
      ),
      /** Cases one email address may open a day, and one client network an hour (counters in the table). */
      casesPerEmailPerDay: z.number().int().positive(),
      casesPerIpPerHour: z.number().int().positive(),
      /**
       * StartDocumentTextDetection calls per second the intake paces itself to, across every
       * invocation: the account's quota in the region, less what other users of the account need.
       */
      textractStartsPerSecond: z.number().positive(),
    }),
  })
  .refine((s) => s.name !== 'prod' || (EU_TEXTRACT_REGIONS as readonly string[]).includes(s.region), {
    message: `prod must be in an EU region where Textract runs: ${EU_TEXTRACT_REGIONS.join(', ')}`,
    path: ['region'],
  })
  .refine((s) => `.${new URL(s.origin).hostname}`.endsWith(`.${s.hostedZone.name}`), {
    message: 'must be a name in the hosted zone',
    path: ['origin'],
  })
  .refine((s) => s.limits.draftReminderDays < s.limits.draftExpiryDays, {
    message: 'must come before the draft closes (draftExpiryDays)',
    path: ['limits', 'draftReminderDays'],
  })
  .refine((s) => s.name !== 'prod' || s.removal === 'retain', {
    message: 'prod must retain its data',
    path: ['removal'],
  })
  .refine(
    (s) =>
      s.emailIdentity.includes('@')
        ? s.senderEmail === s.emailIdentity
        : s.senderEmail.endsWith(`@${s.emailIdentity}`),
    { message: 'must be the SES identity or an address of its domain', path: ['senderEmail'] },
  );

export type StageConfig = z.infer<typeof stageSchema>;
type StageInput = Omit<z.input<typeof stageSchema>, 'name'>;

const MB = 1024 * 1024;

const limits: StageInput['limits'] = {
  maxUploadBytes: 50 * MB,
  maxFilesPerCase: 40,
  maxCaseBytes: 500 * MB,
  maxPages: 300,
  // USD 1.50 of DetectDocumentText (docs/cost.md); a thick record is rare, and a doctor reads past it.
  textractPagesPerCase: 1000,
  uploadUrlSeconds: 15 * 60,
  linkTtlDays: 14,
  documentsExpiryDays: 30,
  paymentExpiryDays: 30,
  draftReminderDays: 7,
  draftExpiryDays: 30,
  // Placeholders until the hospital's price list: a consultation code starting with a consultation
  // type is done by a specialist of that type (shared/domain/consultations.ts).
  additionalPrices: {
    histology_review: 30000,
    surgical_review: 25000,
    oncological_review: 25000,
    cardio_oncological_review: 25000,
    radiotherapy_review: 25000,
  },
  apiRateLimit: 20,
  apiBurstLimit: 40,
  // Opening a case needs no token: a person opens one in minutes, a script would open hundreds.
  routeThrottles: { 'POST /cases': { rateLimit: 1, burstLimit: 5 } },
  casesPerEmailPerDay: 5,
  casesPerIpPerHour: 20,
  // The AWS default outside its five largest Textract regions (docs/performance.md): raise it with the quota.
  textractStartsPerSecond: 1,
};

const bank: StageInput['bank'] = {
  beneficiary: 'Second Opinion Service',
  iban: 'IT60X0542811101000000123456',
  bic: 'BPPIITRRXXX',
};

const calendar: StageInput['calendar'] = { patronDays: ['12-07'], closureDays: [] };

const retention: StageInput['retention'] = {
  // Three months to download the report again; then the office sends it on request.
  patientAccessDays: 90,
  expiredLinkDays: 30,
  // Textract keeps a job's results 7 days; the record only maps a late notification to its document.
  textractJobDays: 30,
};

/**
 * Where each stage runs. Placeholders: set the hospital's accounts and hosted zones before the first
 * deployment. eu-central-1 (Frankfurt): the EU region nearest Milan where Textract runs.
 */
const REGION = 'eu-central-1';
const hostedZone: StageInput['hostedZone'] = { id: 'Z0000000000EXAMPLE', name: 'second-opinion.example.org' };

/** Placeholders: set the hospital's before the first deployment. */
const hospital: StageInput['hospital'] = {
  name: 'Second Opinion Service',
  phone: '+39 02 0000 0000',
  address: 'Via Esempio 1, 20100 Milano, Italia',
  pathologyAddress: 'Anatomia Patologica, Via Esempio 1, 20100 Milano, Italia',
  hours: '1-5 09:00-17:00',
  vatNumber: 'IT12345678903',
};

const billing: StageInput['billing'] = { additional: 'prepaid' };

/** What differs between environments. Edit these values (not the stacks) to change a stage. */
export const STAGES: Record<StageName, StageInput> = {
  dev: {
    account: '111111111111',
    region: REGION,
    origin: 'https://dev.second-opinion.example.org',
    hostedZone,
    emailIdentity: 'dev.second-opinion.example.org',
    senderEmail: 'no-reply@dev.second-opinion.example.org',
    officeEmail: 'office-dev@second-opinion.example.org',
    alarmEmail: 'ops-dev@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 14,
    retention,
    removal: 'destroy',
    noncurrentVersionDays: 7,
    limits: { ...limits, apiRateLimit: 5, apiBurstLimit: 10 },
  },
  staging: {
    account: '222222222222',
    region: REGION,
    origin: 'https://staging.second-opinion.example.org',
    hostedZone,
    emailIdentity: 'staging.second-opinion.example.org',
    senderEmail: 'no-reply@staging.second-opinion.example.org',
    officeEmail: 'office-staging@second-opinion.example.org',
    alarmEmail: 'ops-staging@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 90,
    retention,
    removal: 'destroy',
    noncurrentVersionDays: 30,
    limits,
  },
  prod: {
    account: '333333333333',
    region: REGION,
    origin: 'https://second-opinion.example.org',
    hostedZone,
    emailIdentity: 'second-opinion.example.org',
    senderEmail: 'no-reply@second-opinion.example.org',
    officeEmail: 'office@second-opinion.example.org',
    alarmEmail: 'ops@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 365,
    retention,
    removal: 'retain',
    noncurrentVersionDays: 365,
    limits,
  },
};

export class StageError extends Error {}

export function isStageName(name: unknown): name is StageName {
  return typeof name === 'string' && (STAGE_NAMES as readonly string[]).includes(name);
}

/**
 * The validated configuration of a stage, in its pinned account and region. Credentials of another
 * account (the CLI's CDK_DEFAULT_ACCOUNT) stop the synth, as does a `-c account=` or `-c region=`
 * naming another. The CLI's default region (CDK_DEFAULT_REGION, us-east-1 when nothing is
 * configured) is not a choice of the stage and is ignored.
 */
export function stageConfig(
  name: unknown,
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<StageInput> = {},
  asked: { account?: unknown; region?: unknown } = {},
): StageConfig {
  if (!isStageName(name)) {
    throw new StageError(
      `unknown stage ${JSON.stringify(name)}: pass -c stage=${STAGE_NAMES.join('|')} (e.g. npm run synth -- -c stage=dev)`,
    );
  }
  const result = stageSchema.safeParse({ ...STAGES[name], ...overrides, name });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new StageError(`invalid configuration of stage ${name}: ${problems.join('; ')}`);
  }
  const stage = result.data;
  const pinned = `stage ${name} is pinned to account ${stage.account} in ${stage.region} (infra/stages.ts)`;
  const credentials = env.CDK_DEFAULT_ACCOUNT;
  if (credentials && credentials !== stage.account) {
    throw new StageError(`${pinned}; the credentials in use are for account ${credentials}`);
  }
  for (const [what, value] of Object.entries(asked)) {
    if (value !== undefined && value !== stage[what as 'account' | 'region']) {
      throw new StageError(`${pinned}; -c ${what}=${String(value)} asks for another`);
    }
  }
  return stage;
}

/**
 * The example values this file ships with, which no real deployment may keep: the accounts, the
 * hosted zone, names under the reserved example domains (RFC 2606), the example IBAN and VAT number.
 */
const EXAMPLE_ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const EXAMPLE_ZONE_ID = 'Z0000000000EXAMPLE';
const isExampleDomain = (host: string) =>
  /(^|\.)example\.(org|com|net)$|\.(example|test|invalid)$/.test(host.toLowerCase());

/** Which settings of `stage` still hold this file's example values (empty when none do). */
export function placeholdersOf(stage: StageConfig): string[] {
  const domainOf = (s: string) => (s.includes('@') ? s.slice(s.indexOf('@') + 1) : s);
  const found: [string, boolean][] = [
    ['account', EXAMPLE_ACCOUNTS.includes(stage.account)],
    ['hostedZone.id', stage.hostedZone.id === EXAMPLE_ZONE_ID],
    ['hostedZone.name', isExampleDomain(stage.hostedZone.name)],
    ['origin', isExampleDomain(new URL(stage.origin).hostname)],
    ['emailIdentity', isExampleDomain(domainOf(stage.emailIdentity))],
    ['officeEmail', isExampleDomain(domainOf(stage.officeEmail))],
    ['alarmEmail', isExampleDomain(domainOf(stage.alarmEmail))],
    ['bank.iban', stage.bank.iban.replaceAll(' ', '') === bank.iban],
    ['hospital.vatNumber', stage.hospital.vatNumber === hospital.vatNumber],
  ];
  return found.filter(([, example]) => example).map(([path]) => path);
}

/**
 * Prod never deploys with the example values: `npm run deploy` (`-c placeholders=refuse`) stops
 * naming them; a plain synth of the example (the repository as shipped) passes with this warning,
 * returned for the app's annotations; `-c placeholders=allow` silences it. Other stages may keep them.
 */
export function refusePlaceholders(stage: StageConfig, mode: unknown): string | undefined {
  if (stage.name !== 'prod' || mode === 'allow') return undefined;
  const left = placeholdersOf(stage);
  if (!left.length) return undefined;
  const message = `stage prod still has the example values of infra/stages.ts in ${left.join(', ')}: set the hospital's before deploying`;
  if (mode === 'refuse') throw new StageError(message);
  return message;
}
