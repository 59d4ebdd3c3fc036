/**
 * The composition root of the Lambdas: adapters built once per cold start from the config.
 * Tests and the local stack may replace parts (a manual or accelerated clock, a fake mailer)
 * through overrideDeps; the notifier always sends through the mailer in use.
 */

import {
  documentClient,
  s3Client,
  sesClient,
  sfnClient,
  textractClient,
  textractStartClient,
} from '#adapters/clients.ts';
import { DynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { dynamoStore } from '#adapters/dynamodb/store.ts';
import { EmailNotifier } from '#adapters/email-notifier.ts';
import { DynamoPacer } from '#adapters/pacer.ts';
import { S3DocumentStore } from '#adapters/s3.ts';
import { type Mailer, SesMailer } from '#adapters/ses.ts';
import { StepFunctionsWorkflow } from '#adapters/sfn.ts';
import { TextractDetector } from '#adapters/textract.ts';
import { acceleratedClock, systemClock } from '#domain/clock.ts';
import { requestForm } from '#presentation/pdf/forms.ts';
import type { UseCaseDeps } from '#usecases/ports.ts';
import { config } from './config.ts';
import { countBusinessEvent } from './metrics.ts';
import { siteOf } from './site.ts';

export interface Deps extends UseCaseDeps {
  /** Where the notifier's emails go. */
  mailer: Mailer;
}

let built: Omit<Deps, 'notifier'> | undefined;
let overrides: Partial<Deps> = {};

function build(): Omit<Deps, 'notifier'> {
  const c = config();
  const site = siteOf(c);
  return {
    config: c,
    clock: c.CLOCK_SPEED === 1 ? systemClock : acceleratedClock(c.CLOCK_SPEED),
    store: dynamoStore(documentClient(), c.TABLE_NAME, countBusinessEvent),
    forms: { requestForm: (item) => requestForm(item, site) },
    rateLimiter: new DynamoRateLimiter(documentClient(), c.TABLE_NAME),
    documents: new S3DocumentStore(s3Client(), c.BUCKET_NAME),
    mailer: new SesMailer(sesClient(), c.SENDER_EMAIL, c.SES_CONFIGURATION_SET, c.OFFICE_EMAIL),
    workflow: new StepFunctionsWorkflow(sfnClient(), c.STATE_MACHINE_ARN),
    textDetector: new TextractDetector(
      textractClient(),
      c.BUCKET_NAME,
      c.TEXTRACT_SNS_TOPIC_ARN,
      c.TEXTRACT_ROLE_ARN,
      undefined,
      c.TEXTRACT_STARTS_PER_SECOND
        ? {
            pacer: new DynamoPacer(
              documentClient(),
              c.TABLE_NAME,
              'textract-start',
              c.TEXTRACT_STARTS_PER_SECOND,
            ),
            client: textractStartClient(),
          }
        : undefined,
    ),
  };
}

export function deps(): Deps {
  built ??= build();
  const merged = { ...built, ...overrides };
  return {
    ...merged,
    notifier: overrides.notifier ?? new EmailNotifier(merged.mailer, siteOf(merged.config)),
  };
}

/** Replaces parts of the dependencies (tests, the local stack's clock); resetDeps undoes it. */
export function overrideDeps(parts: Partial<Deps>): void {
  overrides = { ...overrides, ...parts };
}

export function resetDeps(): void {
  built = undefined;
  overrides = {};
}
