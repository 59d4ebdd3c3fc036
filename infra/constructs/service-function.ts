/**
 * Every Lambda of the service is built here, and only here: same runtime, architecture, bundling,
 * tracing, log group and environment for all, and IAM statements derived from the manifest's
 * access list, never wider. A function that runs Linux programs besides Node (`systemPackages`)
 * is the same bundle in a container image of the Lambda Node.js base with those packages.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import {
  AssetHashType,
  AssetStaging,
  BundlingOutput,
  DockerImage,
  Duration,
  type ILocalBundling,
  RemovalPolicy,
} from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import type { Access, FunctionSpec } from '#functions/manifest.ts';
import { resourceNames } from '#infra/names.ts';
import type { StageConfig } from '#infra/stages.ts';
import { ENTRY_FILE, esbuildOptions, REPO_ROOT } from './bundling.ts';
import { acknowledge } from './nag.ts';
import { ManagedPolicyRole } from './role.ts';

/** The ARNs and names an access kind can be granted on. */
export interface AccessTargets {
  key: kms.IKey;
  tableArn: string;
  indexNames: readonly string[];
  bucketArn: string;
  stateMachineArns: readonly string[];
  /** ARN patterns of the state machines' executions (StopExecution names an execution). */
  executionArns: readonly string[];
  sesIdentityArn: string;
  sesConfigurationSetArn: string;
  senderEmail: string;
  textractRoleArn: string;
}

export interface ServiceFunctionProps {
  spec: FunctionSpec;
  stage: StageConfig;
  /** The shared configuration (every variable of shared/config.ts). */
  environment: Record<string, string>;
  targets: AccessTargets;
  /** Where failed asynchronous invocations go (functions invoked by SNS). */
  deadLetterQueue?: sqs.IQueue;
}

/**
 * Bundles a function's entry with esbuild and the options of ./bundling.ts, here (esbuild is a dev
 * dependency). The entry is a field: CDK keys its bundling cache on the options, this included.
 */
class EsbuildBundling implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildSync({
      ...esbuildOptions(path.join(REPO_ROOT, this.entry), outputDir),
      write: true,
      logLevel: 'warning',
    });
    return true;
  }
}

/**
 * A function's code: its entry bundled (code splitting needs an output directory, which
 * NodejsFunction's single output file does not allow), hashed by the bundle's bytes as
 * NodejsFunction does.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the bundling runs locally; CDK asks for an image to fall back on.
      image: DockerImage.fromRegistry('dummy'),
      local: new EsbuildBundling(entry),
    },
  });
}

export const SERVICE_NAME = 'second-opinion';

/** Each stage's business metrics (shared/app/metrics.ts) in a namespace of its own. */
export const metricsNamespace = (stage: string) => `SecondOpinion/${stage}`;

/** Object keys the functions work on (docs/architecture.md, Data: cases/<caseId>/...). */
const CASE_OBJECTS = 'cases/*';
/** The documents' first-page images (cases/<caseId>/previews/...). */
const PREVIEW_OBJECTS = 'cases/*/previews/*';
/** The bank statements the office drops (statements/...). */
const STATEMENT_OBJECTS = 'statements/*';

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan'];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
const KEY_DECRYPT = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_ENCRYPT = ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'];

/** kebab-case of a PascalCase manifest name. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function functionName(stage: StageConfig, spec: Pick<FunctionSpec, 'name'>): string {
  return `${resourceNames(stage).prefix}-${kebab(spec.name)}`;
}

export class ServiceFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: ManagedPolicyRole;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { spec, stage, targets } = props;
    const name = functionName(stage, spec);
    const removalPolicy = stage.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: resourceNames(stage).logGroups.lambda(name),
      retention: stage.logRetentionDays as logs.RetentionDays,
      encryptionKey: targets.key,
      removalPolicy,
    });

    // Our own role: the default one carries the AWSLambdaBasicExecutionRole managed policy (logs:* on any group).
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${name}: ${spec.access.join(', ') || 'no data access'}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    for (const statement of accessStatements(spec.access, targets)) this.role.addToPrincipalPolicy(statement);

    const common = {
      functionName: name,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(stage.name),
        POWERTOOLS_LOG_LEVEL: stage.name === 'prod' ? 'INFO' : 'DEBUG',
        // Events hold patient data: never log them whole.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      },
    };
    this.fn = spec.systemPackages?.length
      ? new lambda.DockerImageFunction(this, 'Function', {
          ...common,
          code: imageCode(this, spec.entry, spec.systemPackages),
        })
      : new lambda.Function(this, 'Function', {
          ...common,
          code: bundledCode(spec.entry),
          handler: `${path.basename(ENTRY_FILE, '.mjs')}.handler`,
          runtime: lambda.Runtime.NODEJS_24_X,
        });

    // ARNs are literal strings (deterministic names, concrete env), so each finding can be named exactly.
    const policy = this.role;
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords and Textract text-detection actions accept no resource but *',
    );
    if (spec.access.some((a) => a.startsWith('documents:') || a === 'textract:start')) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::${objectsOf(targets.bucketArn)}]`,
        'object actions need a key pattern: limited to the cases/ prefix of the documents bucket',
      );
    }
    if (spec.access.some((a) => a.startsWith('previews:'))) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::${previewsOf(targets.bucketArn)}]`,
        'object actions need a key pattern: limited to the previews/ prefixes of the cases in the documents bucket',
      );
    }
    if (spec.access.includes('statements:read')) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::${statementsOf(targets.bucketArn)}]`,
        'object actions need a key pattern: limited to the statements/ prefix of the documents bucket',
      );
    }
    if (spec.access.includes('workflow:stop')) {
      for (const arn of targets.executionArns) {
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::${arn}]`,
          'StopExecution names an execution: limited to the executions of this state machine',
        );
      }
    }
    acknowledge(
      this.fn,
      'HIPAA.Security-LambdaInsideVPC',
      'reaches only AWS APIs (DynamoDB, S3, SES, Step Functions, Textract) over TLS with IAM; no VPC resources',
    );
    acknowledge(
      this.fn,
      'HIPAA.Security-LambdaConcurrency',
      'bounded by the API throttle, queue batch settings and the state machine; reserving concurrency per function could starve others in the account pool',
    );
    if (!props.deadLetterQueue) {
      acknowledge(
        this.fn,
        'HIPAA.Security-LambdaDLQ',
        spec.trigger.kind === 'schedule' || spec.trigger.kind === 'daily'
          ? 'invoked by its schedule: a failed run is not retried (the next run does the same work) and its error alarm tells operations'
          : 'invoked synchronously (HTTP API, state machine) or by an SQS event source whose queue has its own DLQ',
      );
    }
  }
}

/** The Dockerfile of the functions with system packages: the Lambda Node.js base, the packages, the bundle. */
const IMAGE_DIR = path.join(REPO_ROOT, 'infra/constructs/image');

/**
 * The image of a function with system packages. The bundle is made at synth, as NodejsFunction
 * makes its zip (the same esbuild options, bundling.ts), beside the Dockerfile in the cloud
 * assembly; the image itself is built and pushed at deploy time, so synth needs no Docker. Where
 * a test skips bundling, the asset is the Dockerfile's directory alone.
 */
function imageCode(scope: Construct, entry: string, packages: readonly string[]): lambda.DockerImageCode {
  const staging = new AssetStaging(scope, 'Image', {
    sourcePath: IMAGE_DIR,
    bundling: {
      // Never pulled: the local bundling below always succeeds, as NodejsFunction's does.
      image: DockerImage.fromRegistry('public.ecr.aws/lambda/nodejs:24'),
      outputType: BundlingOutput.NOT_ARCHIVED,
      local: {
        tryBundle(outputDir) {
          new EsbuildBundling(entry).tryBundle(outputDir);
          copyFileSync(path.join(IMAGE_DIR, 'Dockerfile'), path.join(outputDir, 'Dockerfile'));
          return true;
        },
      },
    },
  });
  return lambda.DockerImageCode.fromImageAsset(staging.absoluteStagedPath, {
    platform: Platform.LINUX_ARM64,
    buildArgs: { PACKAGES: packages.join(' ') },
  });
}

function objectsOf(bucketArn: string): string {
  return `${bucketArn}/${CASE_OBJECTS}`;
}

function previewsOf(bucketArn: string): string {
  return `${bucketArn}/${PREVIEW_OBJECTS}`;
}

function statementsOf(bucketArn: string): string {
  return `${bucketArn}/${STATEMENT_OBJECTS}`;
}

/** The IAM statements an access list grants; exported so tests can compare kinds and statements. */
export function accessStatements(access: readonly Access[], t: AccessTargets): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  const add = (actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
    statements.push(new iam.PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
  const tableResources = [t.tableArn, ...t.indexNames.map((i) => `${t.tableArn}/index/${i}`)];
  const keyActions = new Set<string>();
  for (const a of access) {
    switch (a) {
      case 'table:read':
        add(TABLE_READ, tableResources);
        for (const k of KEY_DECRYPT) keyActions.add(k);
        break;
      case 'table:write':
        add(TABLE_WRITE, [t.tableArn]);
        for (const k of KEY_ENCRYPT) keyActions.add(k);
        break;
      case 'documents:read':
        // A version too: Textract reads the version intake checked, links open the report released.
        add(['s3:GetObject', 's3:GetObjectVersion'], [objectsOf(t.bucketArn)]);
        for (const k of KEY_DECRYPT) keyActions.add(k);
        break;
      case 'documents:write':
        // Presigned POSTs are signed with this role: S3 checks PutObject and the key against it.
        add(['s3:PutObject'], [objectsOf(t.bucketArn)]);
        for (const k of KEY_ENCRYPT) keyActions.add(k);
        break;
      case 'documents:delete':
        // A version too: a replacement of a checked document is deleted for good, not hidden.
        add(['s3:DeleteObject', 's3:DeleteObjectVersion'], [objectsOf(t.bucketArn)]);
        break;
      case 'previews:read':
        // Signs the GET of a preview, bound to the version recorded.
        add(['s3:GetObject', 's3:GetObjectVersion'], [previewsOf(t.bucketArn)]);
        for (const k of KEY_DECRYPT) keyActions.add(k);
        break;
      case 'previews:write':
        add(['s3:PutObject'], [previewsOf(t.bucketArn)]);
        for (const k of KEY_ENCRYPT) keyActions.add(k);
        break;
      case 'statements:read':
        add(['s3:GetObject'], [statementsOf(t.bucketArn)]);
        for (const k of KEY_DECRYPT) keyActions.add(k);
        break;
      case 'email:send':
        add(['ses:SendEmail', 'ses:SendRawEmail'], [t.sesIdentityArn, t.sesConfigurationSetArn], {
          StringEquals: { 'ses:FromAddress': t.senderEmail },
        });
        break;
      case 'workflow:start':
        add(['states:StartExecution'], [...t.stateMachineArns]);
        break;
      case 'workflow:callback':
        add(
          ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          [...t.stateMachineArns],
        );
        break;
      case 'workflow:stop':
        add(['states:StopExecution'], [...t.executionArns]);
        break;
      case 'textract:start':
        // Textract reads the document with the caller's credentials and notifies through the role it is passed.
        add(['textract:StartDocumentTextDetection'], ['*']);
        add(['s3:GetObject'], [objectsOf(t.bucketArn)]);
        add(['iam:PassRole'], [t.textractRoleArn], {
          StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' },
        });
        for (const k of KEY_DECRYPT) keyActions.add(k);
        break;
      case 'textract:get':
        add(['textract:GetDocumentTextDetection'], ['*']);
        break;
      default: {
        const unknown: never = a;
        throw new Error(`no grant defined for access ${String(unknown)}`);
      }
    }
  }
  if (keyActions.size) add([...keyActions].sort(), [t.key.keyArn]);
  return statements;
}
