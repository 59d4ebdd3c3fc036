/**
 * What can be replaced at any time: the functions of the manifest, the HTTP API, the Textract
 * notification path, the state machines and the observability around them.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '#adapters/dynamodb/table-definition.ts';
import type { ConfigEnvironment } from '#app/config.ts';
import {
  dailyTime,
  type FunctionSpec,
  PREVIEWS_FEED,
  QUEUE_FEED,
  STATEMENTS_FEED,
} from '#functions/manifest.ts';
import { DailySchedule } from '#infra/constructs/daily-schedule.ts';
import { acknowledge } from '#infra/constructs/nag.ts';
import { Observability } from '#infra/constructs/observability.ts';
import { EncryptedQueue } from '#infra/constructs/queue.ts';
import { ManagedPolicyRole } from '#infra/constructs/role.ts';
import { ServiceApi } from '#infra/constructs/service-api.ts';
import { type AccessTargets, kebab, ServiceFunction } from '#infra/constructs/service-function.ts';
import { aslFiles, CaseWorkflow, STATEMACHINES_DIR } from '#infra/constructs/workflow.ts';
import { resourceNames } from '#infra/names.ts';
import type { StageConfig } from '#infra/stages.ts';
import type { StatefulStack } from './stateful.ts';

/** The state machine the functions start and call back (STATE_MACHINE_ARN). */
export const CASE_STATE_MACHINE = 'second-opinion';

export interface StatelessStackProps extends StackProps {
  stage: StageConfig;
  stateful: StatefulStack;
  functions: readonly FunctionSpec[];
  /** Where the ASL files are (tests point it at fixtures). */
  statemachinesDir?: string;
}

export class StatelessStack extends Stack {
  readonly functions = new Map<string, ServiceFunction>();
  readonly api: ServiceApi;
  readonly workflows: CaseWorkflow[] = [];
  readonly textract: EncryptedQueue;
  readonly previews: EncryptedQueue;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stage, stateful } = props;
    const names = resourceNames(stage);
    // Imported by ARN: grants on it become identity policies here, never key-policy edits that would tie the stacks in a cycle.
    const key = kms.Key.fromKeyArn(this, 'Key', stateful.key.keyArn);

    const files = aslFiles(props.statemachinesDir ?? STATEMACHINES_DIR);
    // Textract publishes completions to a topic with a role we pass it; a queue buffers them for the classifier.
    const textractTopic = new sns.Topic(this, 'TextractTopic', {
      topicName: `${names.prefix}-textract`,
      masterKey: key,
      enforceSSL: true,
    });
    this.textract = new EncryptedQueue(this, 'TextractCompletions', {
      queueName: `${names.prefix}-textract`,
      key,
      visibilityTimeout: Duration.minutes(5),
    });
    textractTopic.addSubscription(new subscriptions.SqsSubscription(this.textract.queue));
    // A second subscription: a document Textract reads passed the upload check, so its first page is drawn.
    this.previews = new EncryptedQueue(this, 'PreviewCompletions', {
      queueName: `${names.prefix}-previews`,
      key,
      visibilityTimeout: Duration.minutes(3),
      maxReceiveCount: PREVIEWS_FEED.maxReceiveCount,
    });
    textractTopic.addSubscription(new subscriptions.SqsSubscription(this.previews.queue));
    const textractRole = new ManagedPolicyRole(this, 'TextractRole', {
      assumedBy: new iam.ServicePrincipal('textract.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stage.account } },
      }),
      description: 'Assumed by Textract to publish job completions',
    });
    textractRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [textractTopic.topicArn] }),
    );
    textractRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
    );

    this.api = new ServiceApi(this, 'Api', { stage, key });

    const environment: ConfigEnvironment = {
      STAGE: stage.name,
      TABLE_NAME: names.table,
      BUCKET_NAME: names.bucket,
      STATE_MACHINE_ARN: names.stateMachineArn(CASE_STATE_MACHINE),
      PUBLIC_BASE_URL: stage.origin,
      UPLOAD_ORIGIN: names.uploadOrigin,
      SENDER_EMAIL: stage.senderEmail,
      SES_CONFIGURATION_SET: names.configurationSet,
      TEXTRACT_SNS_TOPIC_ARN: textractTopic.topicArn,
      TEXTRACT_ROLE_ARN: textractRole.roleArn,
      TEXTRACT_STARTS_PER_SECOND: String(stage.limits.textractStartsPerSecond),
      OFFICE_EMAIL: stage.officeEmail,
      HOSPITAL_NAME: stage.hospital.name,
      OFFICE_PHONE: stage.hospital.phone,
      OFFICE_ADDRESS: stage.hospital.address,
      PATHOLOGY_ADDRESS: stage.hospital.pathologyAddress,
      OFFICE_HOURS: stage.hospital.hours,
      MAX_UPLOAD_BYTES: String(stage.limits.maxUploadBytes),
      MAX_FILES_PER_CASE: String(stage.limits.maxFilesPerCase),
      MAX_CASE_BYTES: String(stage.limits.maxCaseBytes),
      MAX_PAGES: String(stage.limits.maxPages),
      TEXTRACT_PAGES_PER_CASE: String(stage.limits.textractPagesPerCase),
      CASES_PER_EMAIL_PER_DAY: String(stage.limits.casesPerEmailPerDay),
      CASES_PER_IP_PER_HOUR: String(stage.limits.casesPerIpPerHour),
      UPLOAD_URL_SECONDS: String(stage.limits.uploadUrlSeconds),
      LINK_TTL_DAYS: String(stage.limits.linkTtlDays),
      PATIENT_ACCESS_DAYS: String(stage.retention.patientAccessDays),
      EXPIRED_LINK_DAYS: String(stage.retention.expiredLinkDays),
      TEXTRACT_JOB_DAYS: String(stage.retention.textractJobDays),
      DOCUMENTS_EXPIRY_DAYS: String(stage.limits.documentsExpiryDays),
      PAYMENT_EXPIRY_DAYS: String(stage.limits.paymentExpiryDays),
      DRAFT_REMINDER_DAYS: String(stage.limits.draftReminderDays),
      DRAFT_EXPIRY_DAYS: String(stage.limits.draftExpiryDays),
      ADDITIONAL_PRICES: JSON.stringify(stage.limits.additionalPrices),
      BANK_BENEFICIARY: stage.bank.beneficiary,
      BANK_IBAN: stage.bank.iban,
      BANK_BIC: stage.bank.bic,
      HOSPITAL_VAT_NUMBER: stage.hospital.vatNumber,
      ADDITIONAL_BILLING: stage.billing.additional,
      CLOCK_SPEED: '1',
      PATRON_DAYS: stage.calendar.patronDays.join(','),
      CLOSURE_DAYS: stage.calendar.closureDays.join(','),
    };

    const targets: AccessTargets = {
      key,
      tableArn: names.tableArn,
      indexNames: TABLE_DEFINITION.globalSecondaryIndexes.map((i) => i.name),
      bucketArn: names.bucketArn,
      stateMachineArns: files.map((f) => names.stateMachineArn(f.name)),
      executionArns: files.map((f) => names.executionsArn(f.name)),
      sesIdentityArn: names.sesIdentityArn,
      sesConfigurationSetArn: names.configurationSetArn,
      senderEmail: stage.senderEmail,
      textractRoleArn: textractRole.roleArn,
    };

    // Asynchronous (SNS) invocations that still fail after Lambda's retries land here.
    const sesEventsDlq = new sqs.Queue(this, 'SesEventsFailures', {
      queueName: `${names.prefix}-ses-events-failures`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const tasks = new Map<string, lambda.IFunction>();
    // A queue's feed (functions/manifest.ts), with partial batch responses: a failed record alone is retried.
    const feed = (f: { batchSize: number; maxConcurrency: number }) => ({
      batchSize: f.batchSize,
      maxConcurrency: f.maxConcurrency,
      reportBatchItemFailures: true,
    });
    for (const spec of props.functions) {
      if (this.functions.has(spec.name)) throw new Error(`functions/manifest.ts names ${spec.name} twice`);
      const sesEvents = spec.trigger.kind === 'ses-events';
      const f = new ServiceFunction(this, spec.name, {
        spec,
        stage,
        environment,
        targets,
        ...(sesEvents ? { deadLetterQueue: sesEventsDlq } : {}),
      });
      this.functions.set(spec.name, f);
      const trigger = spec.trigger;
      switch (trigger.kind) {
        case 'http': {
          const integration = new HttpLambdaIntegration(`${spec.name}Integration`, f.fn);
          for (const route of trigger.routes) {
            const r = this.api.addRoute(apigw.HttpMethod[route.method], route.path, integration);
            acknowledge(
              r,
              'AwsSolutions-APIG4',
              'authorised in the handler: a patient bearer token or a single-use action-link token (docs/architecture.md, Action links)',
            );
          }
          break;
        }
        case 'uploads-queue':
          f.fn.addEventSource(new SqsEventSource(stateful.uploads.queue, feed(QUEUE_FEED)));
          break;
        case 'textract-queue':
          f.fn.addEventSource(new SqsEventSource(this.textract.queue, feed(QUEUE_FEED)));
          break;
        case 'previews-queue':
          f.fn.addEventSource(new SqsEventSource(this.previews.queue, feed(PREVIEWS_FEED)));
          break;
        case 'statements-queue':
          f.fn.addEventSource(new SqsEventSource(stateful.statements.queue, feed(STATEMENTS_FEED)));
          break;
        case 'ses-events':
          stateful.sesEvents.addSubscription(new subscriptions.LambdaSubscription(f.fn));
          break;
        case 'task':
          tasks.set(spec.name, f.fn);
          break;
        case 'schedule':
          new events.Rule(this, `${spec.name}Schedule`, {
            ruleName: `${names.prefix}-${kebab(spec.name)}`,
            description: `Runs ${spec.name} every ${trigger.everyMinutes} minutes`,
            schedule: events.Schedule.rate(Duration.minutes(trigger.everyMinutes)),
            // A run that fails is not retried: the next one does the same work.
            targets: [new eventTargets.LambdaFunction(f.fn, { retryAttempts: 0 })],
          });
          break;
        case 'daily':
          new DailySchedule(this, `${spec.name}Schedule`, {
            fn: f.fn,
            scheduleName: `${names.prefix}-${kebab(spec.name)}`,
            at: dailyTime(trigger.dailyAt),
            account: stage.account,
            key,
          });
          break;
        default: {
          const unknown: never = trigger;
          throw new Error(`no wiring for trigger ${JSON.stringify(unknown)}`);
        }
      }
    }

    this.api.throttleRoutes(stage.limits.routeThrottles);

    for (const asl of files) {
      this.workflows.push(
        new CaseWorkflow(this, `Workflow-${asl.name}`, {
          file: asl.file,
          stateMachineName: names.stateMachine(asl.name),
          stage,
          key,
          tasks,
        }),
      );
    }

    this.observability = new Observability(this, 'Observability', {
      stage,
      key,
      functions: [...this.functions.values()].map((f) => f.fn),
      deadLetterQueues: {
        Uploads: stateful.uploads.deadLetterQueue,
        Statements: stateful.statements.deadLetterQueue,
        TextractCompletions: this.textract.deadLetterQueue,
        Previews: this.previews.deadLetterQueue,
        SesEvents: sesEventsDlq,
      },
      stateMachines: this.workflows.map((w) => w.stateMachine),
      apiStage: this.api.stage,
      configurationSetName: names.configurationSet,
    });
  }
}
