/**
 * The handlers' environment in the local stack. Its configuration part has the type the CDK stack
 * gives the Lambda environment (`ConfigEnvironment`), so a variable added to the config schema
 * fails the type check here as there until it is set. The rest is what the Lambda runtime would
 * provide: region, credentials, and the `AWS_ENDPOINT_URL_<SERVICE>` variables that point the SDK
 * at the stand-ins, so the handlers do not know they are local.
 */
import type { ConfigEnvironment } from '#app/config.ts';

export const REGION = 'eu-south-1';
export const ACCOUNT_ID = '000000000000';
/** The prefix of every local resource name, as a stage's prefix names the deployed ones. */
export const LOCAL_PREFIX = 'second-opinion-local';

/** The stand-ins' resources (the stack's own, and what `so case --local` points at). */
export function localNames(bucket?: string) {
  return {
    prefix: LOCAL_PREFIX,
    table: LOCAL_PREFIX,
    bucket: bucket ?? `${LOCAL_PREFIX}-documents`,
    stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${LOCAL_PREFIX}`,
    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${LOCAL_PREFIX}-textract`,
  };
}

/** The SDK and Powertools variables the local stack sets besides the configuration. */
export interface RuntimeEnvironment {
  AWS_REGION: string;
  AWS_DEFAULT_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_ENDPOINT_URL_S3: string;
  AWS_ENDPOINT_URL_SES: string;
  AWS_ENDPOINT_URL_SFN: string;
  AWS_ENDPOINT_URL_TEXTRACT: string;
  POWERTOOLS_SERVICE_NAME: string;
  POWERTOOLS_LOG_LEVEL: string;
  POWERTOOLS_METRICS_DISABLED: string;
}

/** Every variable the handlers run with; `options.env` of the stack may add others. */
export type LocalEnvironment = ConfigEnvironment & RuntimeEnvironment & Record<string, string>;

export interface EnvironmentOptions {
  region: string;
  accountId: string;
  /** The patient page and API, as the browser reaches them. */
  publicUrl: string;
  /** Where the SDK reaches each stand-in. */
  endpoints: { dynamodb: string; s3: string; ses: string; stepfunctions: string; textract: string };
  /** The stand-ins' resources. */
  names: { table: string; bucket: string; stateMachineArn: string; topicArn: string; prefix: string };
  speed: number;
  quiet: boolean;
  /** The Textract stand-in's start quota: starts are paced to it, as they are to the account's in AWS. */
  textractStartsPerSecond: number;
  /** Extra or replaced variables; they win over the ones set here. */
  overrides?: Record<string, string>;
}

const MB = 1024 * 1024;

export function localEnvironment(o: EnvironmentOptions): LocalEnvironment {
  const runtime: RuntimeEnvironment = {
    AWS_REGION: o.region,
    AWS_DEFAULT_REGION: o.region,
    // s3rver checks signatures against its own key pair; the other stand-ins accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: o.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: o.endpoints.s3,
    AWS_ENDPOINT_URL_SES: o.endpoints.ses,
    AWS_ENDPOINT_URL_SFN: o.endpoints.stepfunctions,
    AWS_ENDPOINT_URL_TEXTRACT: o.endpoints.textract,
    POWERTOOLS_SERVICE_NAME: 'second-opinion',
    POWERTOOLS_LOG_LEVEL: o.quiet ? 'ERROR' : 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  const config: ConfigEnvironment = {
    STAGE: 'local',
    TABLE_NAME: o.names.table,
    BUCKET_NAME: o.names.bucket,
    STATE_MACHINE_ARN: o.names.stateMachineArn,
    PUBLIC_BASE_URL: o.publicUrl,
    UPLOAD_ORIGIN: o.endpoints.s3,
    SENDER_EMAIL: 'second-opinion@hospital.example',
    SES_CONFIGURATION_SET: o.names.prefix,
    TEXTRACT_SNS_TOPIC_ARN: o.names.topicArn,
    TEXTRACT_ROLE_ARN: `arn:aws:iam::${o.accountId}:role/${o.names.prefix}-textract`,
    TEXTRACT_STARTS_PER_SECOND: String(o.textractStartsPerSecond),
    OFFICE_EMAIL: 'office@hospital.example',
    HOSPITAL_NAME: 'Ospedale Oncologico di Milano',
    OFFICE_PHONE: '+39 02 5748 9000',
    OFFICE_ADDRESS: 'Via Ripamonti 435, 20141 Milano, Italia',
    PATHOLOGY_ADDRESS: 'Anatomia Patologica, Via Ripamonti 435, 20141 Milano, Italia',
    OFFICE_HOURS: '1-5 09:00-17:00',
    BANK_BENEFICIARY: 'Fondazione Ospedale Oncologico',
    BANK_IBAN: 'IT60X0542811101000000123456',
    BANK_BIC: 'BPMOIT22XXX',
    HOSPITAL_VAT_NUMBER: 'IT12345678903',
    ADDITIONAL_BILLING: 'prepaid',
    CLOCK_SPEED: String(o.speed),
    // The upload window is something a person acts in: keep it 15 real minutes on a fast clock.
    UPLOAD_URL_SECONDS: String(Math.min(Math.round(900 * Math.max(1, o.speed)), 7 * 86_400)),
    // The service's defaults (shared/app/config.ts), as a deployed stage sets them.
    MAX_UPLOAD_BYTES: String(50 * MB),
    MAX_FILES_PER_CASE: '40',
    MAX_CASE_BYTES: String(500 * MB),
    MAX_PAGES: '300',
    TEXTRACT_PAGES_PER_CASE: '1000',
    // One machine is every client here (tests and benchmarks open hundreds of cases): the stages'
    // per-address limits would stop them. Tests of the limits set their own.
    CASES_PER_EMAIL_PER_DAY: '1000',
    CASES_PER_IP_PER_HOUR: '10000',
    LINK_TTL_DAYS: '14',
    PATIENT_ACCESS_DAYS: '90',
    EXPIRED_LINK_DAYS: '30',
    TEXTRACT_JOB_DAYS: '30',
    DOCUMENTS_EXPIRY_DAYS: '30',
    PAYMENT_EXPIRY_DAYS: '30',
    DRAFT_REMINDER_DAYS: '7',
    DRAFT_EXPIRY_DAYS: '30',
    ADDITIONAL_PRICES: JSON.stringify({
      histology_review: 30000,
      surgical_review: 25000,
      oncological_review: 25000,
      cardio_oncological_review: 25000,
      radiotherapy_review: 25000,
    }),
    PATRON_DAYS: '12-07',
    CLOSURE_DAYS: '',
  };
  return { ...runtime, ...config, ...o.overrides };
}
