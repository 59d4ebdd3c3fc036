/**
 * Per-environment configuration, validated with zod when the app starts so a typo fails the
 * synth with a message naming the field, not a half-deployed stack.
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

export const stageSchema = z
  .object({
    name: z.enum(STAGE_NAMES),
    account: z.string().regex(/^\d{12}$/, 'is not a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'is not an AWS region'),
    /** The browser origin of the patient pages: the only origin allowed to POST to the bucket. */
    webOrigin: z.url().refine((u) => new URL(u).origin === u, 'must be an origin (scheme://host[:port])'),
    /** Base URL of links in emails; the API's own endpoint when no custom domain is configured. */
    publicBaseUrl: z.url().optional(),
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
    /** retain: data outlives a stack deletion (and the table refuses deletion); destroy: dev only. */
    removal: z.enum(['retain', 'destroy']),
    /** Days an overwritten or deleted document version is kept before S3 removes it. */
    noncurrentVersionDays: z.number().int().positive(),
    limits: z.object({
      maxUploadBytes: z.number().int().positive(),
      maxFilesPerCase: z.number().int().positive(),
      maxCaseBytes: z.number().int().positive(),
      maxPages: z.number().int().positive(),
      uploadUrlSeconds: z.number().int().positive().max(3600),
      linkTtlDays: z.number().int().positive(),
      documentsExpiryDays: z.number().int().positive(),
      paymentExpiryDays: z.number().int().positive(),
      /** A draft never sent: the patient is reminded after this many days, and it closes after draftExpiryDays. */
      draftReminderDays: z.number().int().positive(),
      draftExpiryDays: z.number().int().positive(),
      /** Additional consultations and their prices in euro cents. */
      additionalPrices: z.record(z.string(), z.number().int().positive()),
      apiRateLimit: z.number().positive(),
      apiBurstLimit: z.number().int().positive(),
      /**
       * StartDocumentTextDetection calls per second the intake paces itself to, across every
       * invocation: the account's quota in the region, less what other users of the account need.
       */
      textractStartsPerSecond: z.number().positive(),
    }),
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
type StageInput = Omit<z.input<typeof stageSchema>, 'name' | 'account' | 'region'>;

const MB = 1024 * 1024;

const limits: StageInput['limits'] = {
  maxUploadBytes: 50 * MB,
  maxFilesPerCase: 40,
  maxCaseBytes: 500 * MB,
  maxPages: 300,
  uploadUrlSeconds: 15 * 60,
  linkTtlDays: 14,
  documentsExpiryDays: 30,
  paymentExpiryDays: 30,
  draftReminderDays: 7,
  draftExpiryDays: 30,
  additionalPrices: { histology_review: 30000 },
  apiRateLimit: 20,
  apiBurstLimit: 40,
  // The AWS default outside its five largest Textract regions (docs/performance.md): raise it with the quota.
  textractStartsPerSecond: 1,
};

const bank: StageInput['bank'] = {
  beneficiary: 'Second Opinion Service',
  iban: 'IT60X0542811101000000123456',
  bic: 'BPPIITRRXXX',
};

const calendar: StageInput['calendar'] = { patronDays: ['12-07'], closureDays: [] };

/** Placeholders: set the hospital's before the first deployment. */
const hospital: StageInput['hospital'] = {
  name: 'Second Opinion Service',
  phone: '+39 02 0000 0000',
  address: 'Via Esempio 1, 20100 Milano, Italia',
  hours: '1-5 09:00-17:00',
  vatNumber: 'IT12345678903',
};

const billing: StageInput['billing'] = { additional: 'prepaid' };

/** What differs between environments. Edit these values (not the stacks) to change a stage. */
export const STAGES: Record<StageName, StageInput> = {
  dev: {
    webOrigin: 'https://dev.second-opinion.example.org',
    emailIdentity: 'dev.second-opinion.example.org',
    senderEmail: 'no-reply@dev.second-opinion.example.org',
    officeEmail: 'office-dev@second-opinion.example.org',
    alarmEmail: 'ops-dev@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 14,
    removal: 'destroy',
    noncurrentVersionDays: 7,
    limits: { ...limits, apiRateLimit: 5, apiBurstLimit: 10 },
  },
  staging: {
    webOrigin: 'https://staging.second-opinion.example.org',
    emailIdentity: 'staging.second-opinion.example.org',
    senderEmail: 'no-reply@staging.second-opinion.example.org',
    officeEmail: 'office-staging@second-opinion.example.org',
    alarmEmail: 'ops-staging@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 90,
    removal: 'destroy',
    noncurrentVersionDays: 30,
    limits,
  },
  prod: {
    webOrigin: 'https://second-opinion.example.org',
    emailIdentity: 'second-opinion.example.org',
    senderEmail: 'no-reply@second-opinion.example.org',
    officeEmail: 'office@second-opinion.example.org',
    alarmEmail: 'ops@second-opinion.example.org',
    bank,
    billing,
    hospital,
    calendar,
    logRetentionDays: 365,
    removal: 'retain',
    noncurrentVersionDays: 365,
    limits,
  },
};

/** Synth works offline: without credentials the CLI sets no account, so a placeholder stands in. */
const OFFLINE_ACCOUNT = '000000000000';
const OFFLINE_REGION = 'eu-central-1';

export class StageError extends Error {}

export function isStageName(name: unknown): name is StageName {
  return typeof name === 'string' && (STAGE_NAMES as readonly string[]).includes(name);
}

/** The validated configuration of a stage; account and region come from the CLI's environment. */
export function stageConfig(
  name: unknown,
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<StageInput> = {},
): StageConfig {
  if (!isStageName(name)) {
    throw new StageError(
      `unknown stage ${JSON.stringify(name)}: pass -c stage=${STAGE_NAMES.join('|')} (e.g. npm run synth -- -c stage=dev)`,
    );
  }
  const result = stageSchema.safeParse({
    ...STAGES[name],
    ...overrides,
    name,
    account: env.CDK_DEFAULT_ACCOUNT ?? OFFLINE_ACCOUNT,
    region: env.CDK_DEFAULT_REGION ?? OFFLINE_REGION,
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new StageError(`invalid configuration of stage ${name}: ${problems.join('; ')}`);
  }
  return result.data;
}
