/**
 * The handlers' environment in the local stack: every variable of the config schema set (the type
 * check demands it; this checks the values parse), the service's defaults where the schema has
 * one, the SDK pointed at the stand-ins, and the stack's `env` option winning.
 */
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '#app/config.ts';
import { type EnvironmentOptions, localEnvironment } from '#local/environment.ts';

const OPTIONS: EnvironmentOptions = {
  region: 'eu-south-1',
  accountId: '000000000000',
  publicUrl: 'http://localhost:3000',
  endpoints: {
    dynamodb: 'http://127.0.0.1:3001',
    s3: 'http://127.0.0.1:3002',
    ses: 'http://127.0.0.1:3003',
    stepfunctions: 'http://127.0.0.1:3004',
    textract: 'http://127.0.0.1:3005',
  },
  names: {
    prefix: 'second-opinion-local',
    table: 'second-opinion-local',
    bucket: 'second-opinion-local-documents',
    stateMachineArn: 'arn:aws:states:eu-south-1:000000000000:stateMachine:second-opinion-local',
    topicArn: 'arn:aws:sns:eu-south-1:000000000000:second-opinion-local-textract',
  },
  speed: 1,
  quiet: true,
  textractStartsPerSecond: 10,
};

const schemaKeys = Object.keys(configSchema.shape) as (keyof typeof configSchema.shape)[];
/** The variables with a default (an optional one without a default, such as the Textract pacing, is set on purpose). */
const defaulted = schemaKeys.filter((k) => configSchema.shape[k].safeParse(undefined).data !== undefined);

describe('local handler environment', () => {
  it('sets every variable of the config schema, and the handlers parse it', () => {
    const env = localEnvironment(OPTIONS);
    expect(schemaKeys.filter((k) => env[k] === undefined)).toEqual([]);
    const config = parseConfig(env);
    expect(config).toMatchObject({
      STAGE: 'local',
      TABLE_NAME: 'second-opinion-local',
      BUCKET_NAME: 'second-opinion-local-documents',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      CLOCK_SPEED: 1,
    });
  });

  it('runs on the schema defaults, as the stack did when it left them unset', () => {
    const env = localEnvironment(OPTIONS);
    expect(defaulted).toContain('MAX_UPLOAD_BYTES');
    // Raised on purpose (local/environment.ts): one machine is every client of the local stack.
    const raised = ['CASES_PER_EMAIL_PER_DAY', 'CASES_PER_IP_PER_HOUR'];
    const unset = Object.fromEntries(
      Object.entries(env).filter(([k]) => !defaulted.includes(k as never) || raised.includes(k)),
    );
    expect(parseConfig(env)).toEqual(parseConfig(unset));
  });

  it('points the SDK at the stand-ins', () => {
    const env = localEnvironment(OPTIONS);
    expect(env).toMatchObject({
      AWS_REGION: 'eu-south-1',
      AWS_ENDPOINT_URL_DYNAMODB: OPTIONS.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: OPTIONS.endpoints.s3,
      AWS_ENDPOINT_URL_SES: OPTIONS.endpoints.ses,
      AWS_ENDPOINT_URL_SFN: OPTIONS.endpoints.stepfunctions,
      AWS_ENDPOINT_URL_TEXTRACT: OPTIONS.endpoints.textract,
    });
  });

  it('keeps the upload window 15 real minutes on a fast clock, at most 7 days', () => {
    expect(localEnvironment({ ...OPTIONS, speed: 100 }).UPLOAD_URL_SECONDS).toBe('90000');
    expect(localEnvironment({ ...OPTIONS, speed: 2000 }).UPLOAD_URL_SECONDS).toBe(String(7 * 86_400));
  });

  it('lets the overrides win over what it sets', () => {
    const env = localEnvironment({ ...OPTIONS, overrides: { LINK_TTL_DAYS: '120', EXTRA: 'x' } });
    expect(env.LINK_TTL_DAYS).toBe('120');
    expect(env.EXTRA).toBe('x');
    expect(parseConfig(env).LINK_TTL_DAYS).toBe(120);
  });
});
