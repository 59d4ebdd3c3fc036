/**
 * The composition root of the Lambdas: adapters built once per cold start from the config.
 * Tests and the local stack may replace parts (a manual or accelerated clock) through overrideDeps.
 */

import {
  documentClient,
  s3Client,
  sesClient,
  sfnClient,
  textractClient,
  textractStartClient,
} from '#adapters/clients.ts';
import { DynamoStore } from '#adapters/dynamodb/store.ts';
import { DynamoPacer } from '#adapters/pacer.ts';
import { S3DocumentStore } from '#adapters/s3.ts';
import { SesMailer } from '#adapters/ses.ts';
import { StepFunctionsWorkflow } from '#adapters/sfn.ts';
import { TextractDetector } from '#adapters/textract.ts';
import { acceleratedClock, type Clock, systemClock } from '#domain/clock.ts';
import type { DocumentStore, Mailer, TextDetector, Workflow } from '#usecases/ports.ts';
import { type Config, config } from './config.ts';

export interface Deps {
  config: Config;
  clock: Clock;
  store: DynamoStore;
  documents: DocumentStore;
  mailer: Mailer;
  workflow: Workflow;
  textDetector: TextDetector;
}

let built: Deps | undefined;
let overrides: Partial<Deps> = {};

function build(): Deps {
  const c = config();
  return {
    config: c,
    clock: c.CLOCK_SPEED === 1 ? systemClock : acceleratedClock(c.CLOCK_SPEED),
    store: new DynamoStore(documentClient(), c.TABLE_NAME),
    documents: new S3DocumentStore(s3Client(), c.BUCKET_NAME),
    mailer: new SesMailer(sesClient(), c.SENDER_EMAIL, c.SES_CONFIGURATION_SET),
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
  return { ...built, ...overrides };
}

/** Replaces parts of the dependencies (tests, the local stack's clock); resetDeps undoes it. */
export function overrideDeps(parts: Partial<Deps>): void {
  overrides = { ...overrides, ...parts };
}

export function resetDeps(): void {
  built = undefined;
  overrides = {};
}
