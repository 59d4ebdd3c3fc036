/**
 * The environment, parsed once with zod (zod/mini: ./zod.ts). Every function gets the same
 * variables from the one Lambda construct (and the local stack), so a missing or malformed one
 * fails at cold start with a message naming it.
 */
import type { CalendarConfig } from '#domain/calendar.ts';
import { isValidPartitaIva } from '#domain/codice-fiscale.ts';
import { BILLING_MODES } from '#domain/ledger.ts';
import type { AdditionalPriceList } from '#domain/pricing.ts';
import { bicSchema, ibanSchema } from './bank.ts';
import * as z from './zod.ts';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const csv = z.pipe(z._default(z.string(), ''), z.transform(list));

const json = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: 'is not valid JSON', input: s });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );

/** A number from its variable's text: a whole number above zero unless said otherwise. */
const count = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);
const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const named = z.string().check(z.minLength(1));

/** The site calendar's part of the environment, which the CLI parses on its own. */
export const calendarSchema = z.object({
  /** MM-DD of the site's patron days (default Milan: Sant'Ambrogio, 12-07). */
  PATRON_DAYS: z.pipe(
    z.pipe(z._default(z.string(), '12-07'), z.transform(list)),
    z.array(z.string().check(z.regex(/^\d{2}-\d{2}$/, 'is not MM-DD'))),
  ),
  /** YYYY-MM-DD closure days of the site. */
  CLOSURE_DAYS: z.pipe(csv, z.array(z.iso.date())),
});

export const configSchema = z.extend(calendarSchema, {
  STAGE: named,
  TABLE_NAME: named,
  BUCKET_NAME: named,
  STATE_MACHINE_ARN: named,
  /**
   * Public base URL of the API and pages (the stage's one origin), used to build links in emails
   * (no trailing slash). The pages call the API on their own origin.
   */
  PUBLIC_BASE_URL: z.pipe(
    z.url(),
    z.transform((u: string) => u.replace(/\/+$/, '')),
  ),
  /** The origin browsers POST documents to (the bucket's): the pages' CSP lets them connect there. */
  UPLOAD_ORIGIN: z.pipe(
    z.url(),
    z.transform((u: string) => new URL(u).origin),
  ),
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: named,
  TEXTRACT_SNS_TOPIC_ARN: named,
  TEXTRACT_ROLE_ARN: named,
  /**
   * StartDocumentTextDetection calls per second this service may make, paced across every
   * invocation (shared/adapters/pacer.ts); unset or 0, starts are not paced and back off when throttled.
   */
  TEXTRACT_STARTS_PER_SECOND: z.optional(z.coerce.number().check(z.nonnegative())),
  /** Office mailbox that confirms payments and ships reports; every email's Reply-To. */
  OFFICE_EMAIL: z.email(),
  /** The hospital's name, on every page and email. */
  HOSPITAL_NAME: trimmed(1, 120),
  /** The office's phone for patients (on every page and email). */
  OFFICE_PHONE: z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'is not a phone number')),
  /** The office's postal address, one line. */
  OFFICE_ADDRESS: trimmed(1, 200),
  /** Where patients send the slides of a histological review (the Pathological Anatomy), one line. */
  PATHOLOGY_ADDRESS: trimmed(1, 300),
  /** When the office answers the phone: ISO weekdays and hours, e.g. "1-5 09:00-17:00" (Monday to Friday). */
  OFFICE_HOURS: z.pipe(
    z
      .string()
      .check(
        z.regex(
          /^[1-7]-[1-7] ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
          'is not like "1-5 09:00-17:00"',
        ),
      ),
    z.transform((s: string) => {
      const [days, hours] = s.split(' ') as [string, string];
      const [fromDay, toDay] = days.split('-').map(Number) as [number, number];
      const [opens, closes] = hours.split('-') as [string, string];
      return { fromDay, toDay, opens, closes };
    }),
  ),
  MAX_UPLOAD_BYTES: count(50 * 1024 * 1024),
  MAX_FILES_PER_CASE: count(40),
  MAX_CASE_BYTES: count(500 * 1024 * 1024),
  MAX_PAGES: count(300),
  /** Pages of one case sent to Textract; the documents past it are kept for a doctor to read. */
  TEXTRACT_PAGES_PER_CASE: count(1000),
  /** Cases one email address may open a day, and one client network (an IPv6 /64) an hour. */
  CASES_PER_EMAIL_PER_DAY: count(5),
  CASES_PER_IP_PER_HOUR: count(20),
  UPLOAD_URL_SECONDS: count(15 * 60),
  /** How long an action link in an email stays valid. */
  LINK_TTL_DAYS: count(14),
  /** The patient's links work this long after the case closes (docs/security.md, Data retention). */
  PATIENT_ACCESS_DAYS: count(90),
  /** An expired action link's record is kept this long (it still says "expired") before the table's TTL deletes it. */
  EXPIRED_LINK_DAYS: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 30),
  /** A Textract job's record is kept this long after the job started. */
  TEXTRACT_JOB_DAYS: count(30),
  /** Days a case may wait for requested documents or payment before it expires. */
  DOCUMENTS_EXPIRY_DAYS: count(30),
  PAYMENT_EXPIRY_DAYS: count(30),
  /** A draft never sent: the patient is reminded after this many days, and it closes after DRAFT_EXPIRY_DAYS. */
  DRAFT_REMINDER_DAYS: count(7),
  DRAFT_EXPIRY_DAYS: count(30),
  /** {"histology_review": 30000, ...}: additional consultations and their prices in cents. */
  ADDITIONAL_PRICES: z._default(json(z.record(z.string(), z.number().check(z.int(), z.positive()))), {
    histology_review: 30000,
    surgical_review: 25000,
    oncological_review: 25000,
    cardio_oncological_review: 25000,
    radiotherapy_review: 25000,
  }),
  BANK_BENEFICIARY: named,
  BANK_IBAN: ibanSchema,
  BANK_BIC: bicSchema,
  /** The hospital's VAT number (partita IVA), printed on receipts. */
  HOSPITAL_VAT_NUMBER: z
    .string()
    .check(
      z.trim(),
      z.refine(
        isValidPartitaIva,
        'is not an Italian VAT number (11 digits with their check digit, optionally after IT)',
      ),
    ),
  /** prepaid: an approved additional consultation starts when it is paid; invoice: at once, billed later. */
  ADDITIONAL_BILLING: z._default(z.enum(BILLING_MODES), 'prepaid'),
  /** Simulated time runs this many times faster (local stack only; 1 in AWS). */
  CLOCK_SPEED: z._default(z.coerce.number().check(z.positive()), 1),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Every variable of the schema, as the strings a Lambda environment holds. The CDK stack and the
 * local stack both build the handlers' environment with this type, so a variable added above fails
 * the type check in both until it is set.
 */
export type ConfigEnvironment = { [K in keyof z.input<typeof configSchema>]-?: string };

export class ConfigError extends Error {
  readonly code = 'config';
}

function parseEnv<T>(schema: z.ZodMiniType<T>, env: Record<string, string | undefined>): T {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const name = i.path.join('.');
      return env[name] === undefined ? `${name} is missing` : `${name} ${i.message}`;
    });
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Parses an environment; throws ConfigError naming every missing or malformed variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(configSchema, env);
}

/** The site calendar from an environment (patron and closure days). */
export function parseCalendar(env: Record<string, string | undefined>): CalendarConfig {
  return calendarOf(parseEnv(calendarSchema, env));
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use (at cold start). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export function calendarOf(c: Pick<Config, 'PATRON_DAYS' | 'CLOSURE_DAYS'>): CalendarConfig {
  return { patronDays: c.PATRON_DAYS, closureDays: c.CLOSURE_DAYS };
}

export function additionalPricesOf(c: Pick<Config, 'ADDITIONAL_PRICES'>): AdditionalPriceList {
  return c.ADDITIONAL_PRICES;
}
