/**
 * The app as it deploys (the real manifest and ASL files), per stage: cdk-nag clean, encrypted
 * everywhere, least privilege, and prod keeping its data.
 */
import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '#adapters/dynamodb/table-definition.ts';
import { S3DocumentStore } from '#adapters/s3.ts';
import { configSchema } from '#app/config.ts';
import { FUNCTIONS } from '#functions/manifest.ts';
import { aslFiles, placeholders } from '#infra/constructs/workflow.ts';
import { resourceNames } from '#infra/names.ts';
import { type StageConfig, stageConfig } from '#infra/stages.ts';
import {
  CHECK_SECONDS,
  RECONCILE_EVERY_MINUTES,
  RECONCILE_SECONDS,
  STALE_CHECK_SECONDS,
} from '#usecases/documents/windows.ts';
import { synthApp, templates } from './support.ts';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

function resources(t: Template, type?: string): Resources {
  const all = (t.toJSON() as { Resources: Resources }).Resources;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => !type || r.Type === type));
}

function statementsOf(doc: unknown): { Action: unknown; Resource: unknown }[] {
  const s = (doc as { Statement?: unknown })?.Statement;
  return Array.isArray(s) ? s : [];
}

/** Every IAM statement in identity policies (managed, inline, role-embedded) and resource policies. */
function allStatements(t: Template): { where: string; Action: unknown; Resource: unknown }[] {
  const out: { where: string; Action: unknown; Resource: unknown }[] = [];
  for (const [id, r] of Object.entries(resources(t))) {
    const p = r.Properties ?? {};
    const docs: unknown[] = [];
    if (['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].includes(r.Type)) docs.push(p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') {
      for (const inline of (p.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        docs.push(inline.PolicyDocument);
    }
    if (['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy'].includes(r.Type)) {
      docs.push(p.PolicyDocument);
    }
    for (const d of docs) for (const s of statementsOf(d)) out.push({ where: id, ...s });
  }
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

describe.each(['dev', 'staging', 'prod'])('stage %s', (stageName) => {
  let stateful: Template;
  let stateless: Template;
  let synthError: unknown;
  let stage: StageConfig;

  beforeAll(() => {
    // As the CDK CLI runs the app without any AWS configuration.
    const built = synthApp(stageName, { env: { CDK_DEFAULT_REGION: 'us-east-1' } });
    stage = built.stage;
    try {
      // Validation plugins (cdk-nag) run here; any unacknowledged finding throws with the report.
      built.app.synth();
    } catch (err) {
      synthError = err;
    }
    ({ stateful, stateless } = templates(built));
  });

  it('synthesizes with zero unacknowledged cdk-nag findings', () => {
    expect(synthError, String((synthError as Error | undefined)?.message)).toBeUndefined();
  });

  it('encrypts the table, bucket, queues, topics and log groups with the stage key', () => {
    const key = Object.keys(resources(stateful, 'AWS::KMS::Key'));
    expect(key).toHaveLength(1);
    stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
    });
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } },
        ],
      },
    });
    for (const t of [stateful, stateless]) {
      for (const [id, q] of Object.entries(resources(t, 'AWS::SQS::Queue'))) {
        expect(q.Properties?.KmsMasterKeyId, id).toBeDefined();
      }
      for (const [id, topic] of Object.entries(resources(t, 'AWS::SNS::Topic'))) {
        expect(topic.Properties?.KmsMasterKeyId, id).toBeDefined();
      }
      for (const [id, g] of Object.entries(resources(t, 'AWS::Logs::LogGroup'))) {
        expect(g.Properties?.KmsKeyId, id).toBeDefined();
        expect(g.Properties?.RetentionInDays, id).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(resources(stateless, 'AWS::SNS::Topic')).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(resources(stateless, 'AWS::Logs::LogGroup')).length).toBeGreaterThan(FUNCTIONS.length);
  });

  it('has the table of shared/table-definition.ts with PITR and TTL', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((g) =>
        Match.objectLike({
          IndexName: g.name,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    });
  });

  it('blocks public access and refuses plain HTTP on every bucket', () => {
    const buckets = resources(stateful, 'AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const [id, b] of Object.entries(buckets)) {
      expect(b.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = Object.values(resources(stateful, 'AWS::S3::BucketPolicy')).find(
        (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: id }),
      );
      expect(statementsOf(policy?.Properties?.PolicyDocument), id).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('is in the pinned account and region, whatever region the CLI defaults to', () => {
    const pinned = stageConfig(stageName, {});
    expect([stage.account, stage.region]).toEqual([pinned.account, pinned.region]);
    for (const t of [stateful, stateless]) {
      const arnRegions = new Set(
        [...JSON.stringify(t.toJSON()).matchAll(/arn:aws:[a-z0-9-]+:([a-z0-9-]*):/g)].map((m) => m[1]),
      );
      expect([...arnRegions].filter((r) => r && r !== pinned.region)).toEqual([]);
      expect(JSON.stringify(t.toJSON())).not.toContain('us-east-1');
    }
  });

  it('serves the API, the pages and every link at the one origin, with the execute-api endpoint off', () => {
    const host = new URL(stage.origin).hostname;
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: Match.objectLike({ AllowOrigins: [stage.origin] }),
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: host,
      DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' })],
    });
    stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    stateless.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: host,
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: host, HostedZoneId: stage.hostedZone.id }],
    });
    stateless.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: `${host}.`,
      Type: 'A',
      HostedZoneId: stage.hostedZone.id,
      AliasTarget: Match.anyValue(),
    });
    for (const [id, fn] of Object.entries(resources(stateless, 'AWS::Lambda::Function'))) {
      const env = fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined;
      const vars = env?.Variables ?? {};
      expect(vars.PUBLIC_BASE_URL, id).toBe(stage.origin);
      expect(vars.UPLOAD_ORIGIN, id).toBe(
        `https://${resourceNames(stage).bucket}.s3.${stage.region}.amazonaws.com`,
      );
    }
  });

  it('names as the upload origin the very origin the SDK presigns uploads for', async () => {
    const names = resourceNames(stage);
    const s3 = new S3Client({
      region: stage.region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const post = await new S3DocumentStore(s3, names.bucket).presignUpload('cases/x/documents/y.pdf', 10, 60);
    expect(new URL(post.url).origin).toBe(names.uploadOrigin);
  });

  it('throttles anonymous case creation below every other route', () => {
    const stages = Object.entries(resources(stateless, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const [, apiStage] = stages[0]!;
    const p = apiStage.Properties as {
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    };
    const create = p.RouteSettings['POST /cases'];
    expect(create).toBeDefined();
    expect(create!.ThrottlingRateLimit).toBeLessThan(p.DefaultRouteSettings.ThrottlingRateLimit);
    expect(create!.ThrottlingBurstLimit).toBeLessThan(p.DefaultRouteSettings.ThrottlingBurstLimit);
    // API Gateway refuses route settings for a route it does not have yet.
    const route = Object.entries(resources(stateless, 'AWS::ApiGatewayV2::Route')).find(
      ([, r]) => r.Properties?.RouteKey === 'POST /cases',
    );
    expect(apiStage.DependsOn).toEqual(expect.arrayContaining([route![0]]));
  });

  it("lets CloudWatch Logs use the key for this stage's log groups only, and names every log group so", () => {
    const key = Object.values(resources(stateful, 'AWS::KMS::Key'))[0]!;
    const logsGrant = statementsOf(key.Properties?.KeyPolicy).find(
      (s) => (s as { Sid?: string }).Sid === 'CloudWatchLogs',
    ) as { Condition: { ArnLike: Record<string, string[]> } } | undefined;
    const patterns = logsGrant?.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'];
    expect(patterns).toEqual(resourceNames(stage).logGroupArns);
    for (const p of patterns ?? []) expect(p).toMatch(new RegExp(`:log-group:/aws/[a-z/]+/so-${stageName}-`));
    const matchers = (patterns ?? []).map(
      (p) => new RegExp(`^${p.replace(/[.$/]/g, '\\$&').replace(/\*/g, '.*')}$`),
    );
    const prefix = `arn:aws:logs:${stage.region}:${stage.account}:log-group:`;
    for (const t of [stateful, stateless]) {
      for (const [id, g] of Object.entries(resources(t, 'AWS::Logs::LogGroup'))) {
        const arn = prefix + String(g.Properties?.LogGroupName);
        expect(
          matchers.some((m) => m.test(arn)),
          `${id} ${arn}`,
        ).toBe(true);
      }
    }
  });

  it('lets only the web origin POST to the documents bucket, and notifies the uploads queue of case PDFs and their previews and the statements queue of statements', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: ['POST'],
            AllowedOrigins: [stage.origin],
          }),
        ],
      },
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Event: 's3:ObjectCreated:*',
            Filter: {
              S3Key: {
                Rules: Match.arrayWith([
                  { Name: 'prefix', Value: 'cases/' },
                  { Name: 'suffix', Value: '.pdf' },
                ]),
              },
            },
          }),
          // The previews RenderPreview stores, recorded by the uploads queue's function.
          Match.objectLike({
            Event: 's3:ObjectCreated:*',
            Filter: {
              S3Key: {
                Rules: [
                  { Name: 'prefix', Value: 'cases/' },
                  { Name: 'suffix', Value: '.png' },
                ],
              },
            },
          }),
          Match.objectLike({
            Event: 's3:ObjectCreated:*',
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'statements/' }] } },
          }),
        ],
      },
    });
  });

  it('has no IAM statement with a wildcard action, and * resources only for actions that take no resource', () => {
    const statements = [...allStatements(stateful), ...allStatements(stateless)];
    expect(statements.length).toBeGreaterThan(FUNCTIONS.length);
    const wildcardActions = statements.filter(
      (s) => list(s.Action).some((a) => typeof a === 'string' && a.includes('*')) && !isTlsDeny(s),
    );
    expect(wildcardActions).toEqual([]);
    const starResources = statements.filter((s) => list(s.Resource).includes('*'));
    const resourceless =
      /^(xray:|textract:(Start|Get)DocumentTextDetection$|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$)/;
    for (const s of starResources) {
      for (const a of list(s.Action)) expect(String(a), s.where).toMatch(resourceless);
    }
  });

  it('runs every Lambda on Node 24 and ARM64, traced, with every config variable set', () => {
    const fns = Object.entries(resources(stateless, 'AWS::Lambda::Function'));
    expect(fns).toHaveLength(FUNCTIONS.length);
    const configKeys = Object.keys(configSchema.shape);
    const images = FUNCTIONS.filter((f) => f.systemPackages).map((f) => f.name);
    expect(images).toEqual(['RenderPreview']);
    for (const [id, fn] of fns) {
      const p = fn.Properties ?? {};
      // A function with system packages is an image of the Node 24 base (infra/constructs/image/Dockerfile).
      if (images.some((name) => id.startsWith(name))) {
        expect(p.PackageType, id).toBe('Image');
        expect(p.Code, id).toEqual({ ImageUri: expect.anything() });
      } else expect(p.Runtime, id).toBe('nodejs24.x');
      expect(p.Architectures, id).toEqual(['arm64']);
      expect(p.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig, id).toEqual({ LogGroup: expect.anything() });
      const vars = (p.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars), id).toEqual(
        expect.arrayContaining([...configKeys, 'POWERTOOLS_SERVICE_NAME']),
      );
      expect(vars.POWERTOOLS_LOGGER_LOG_EVENT, id).toBe('false');
    }
  });

  it('lets the function that draws untrusted PDFs read the table and the documents and write previews, nothing else', () => {
    const fn = Object.values(resources(stateless, 'AWS::Lambda::Function')).find(
      (f) => f.Properties?.FunctionName === `so-${stageName}-render-preview`,
    );
    expect(fn).toBeDefined();
    const roleId = (fn!.Properties!.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policy = Object.values(resources(stateless, 'AWS::IAM::ManagedPolicy')).find((p) =>
      JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`),
    );
    const statements = statementsOf(policy?.Properties?.PolicyDocument);
    const bucket = resourceNames(stage).bucketArn;
    expect(statements.filter((s) => list(s.Action).some((a) => String(a).startsWith('s3:')))).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `${bucket}/cases/*`,
      }),
      expect.objectContaining({ Action: 's3:PutObject', Resource: `${bucket}/cases/*/previews/*` }),
    ]);
    const actions = statements.flatMap((s) => list(s.Action)).map(String);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'sqs:ReceiveMessage']));
    const writes =
      /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)|s3:Delete|ses:|states:|textract:|iam:)/;
    expect(actions.filter((a) => writes.test(a))).toEqual([]);
  });

  it('ends a check before its claim goes stale, and redelivers an upload only after that, so a killed check is taken up again', () => {
    const fn = (name: string) =>
      Object.values(resources(stateless, 'AWS::Lambda::Function')).find(
        (f) => f.Properties?.FunctionName === `so-${stageName}-${name}`,
      )?.Properties ?? {};
    expect(fn('upload-received').Timeout).toBe(CHECK_SECONDS);
    expect(STALE_CHECK_SECONDS).toBeGreaterThan(CHECK_SECONDS);
    const uploads = Object.values(resources(stateful, 'AWS::SQS::Queue')).find(
      (q) => q.Properties?.QueueName === `so-${stageName}-uploads`,
    );
    expect(uploads?.Properties?.VisibilityTimeout).toBeGreaterThanOrEqual(STALE_CHECK_SECONDS);
    // The reconciler has the time for one check more than it starts.
    expect(fn('reconcile').Timeout).toBe(RECONCILE_SECONDS);
    expect(RECONCILE_SECONDS).toBeGreaterThan(2 * CHECK_SECONDS);
    stateless.hasResourceProperties('AWS::Events::Rule', {
      Name: `so-${stageName}-reconcile`,
      ScheduleExpression: `rate(${RECONCILE_EVERY_MINUTES} minutes)`,
    });
  });

  it('runs the daily round at 07:00 in Rome, with the draft days of the stage', () => {
    stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: `so-${stageName}-daily-round`,
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Rome',
    });
    const round = Object.values(resources(stateless, 'AWS::Lambda::Function')).find(
      (f) => f.Properties?.FunctionName === `so-${stageName}-daily-round`,
    );
    expect(
      (round?.Properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables,
    ).toMatchObject({
      DRAFT_REMINDER_DAYS: '7',
      DRAFT_EXPIRY_DAYS: '30',
    });
  });

  it('fills every placeholder of every ASL file, traces, and logs without execution data', () => {
    const machines = Object.values(resources(stateless, 'AWS::StepFunctions::StateMachine'));
    const files = aslFiles();
    expect(machines).toHaveLength(files.length);
    for (const file of files) {
      const name = `so-${stageName}-${file.name}`;
      const machine = machines.find((m) => m.Properties?.StateMachineName === name);
      expect(machine, name).toBeDefined();
      const subs = Object.keys((machine?.Properties?.DefinitionSubstitutions as object) ?? {});
      for (const p of placeholders(readFileSync(file.file, 'utf8'))) {
        expect(subs, `${file.name}: \${${p}}`).toContain(p);
      }
      expect(machine?.Properties?.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine?.Properties?.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false });
    }
  });

  it('alarms on function errors, parked messages, failed executions, API 5xx, SES reputation and the business events that need a person', () => {
    const alarms = Object.values(resources(stateless, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties ?? {},
    );
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(FUNCTIONS.length);
    // The DLQs of uploads, statements, Textract completions, previews and SES events.
    expect(metrics.filter((m) => m === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(5);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/States/ExecutionsFailed',
        'AWS/States/ExecutionsTimedOut',
        'AWS/ApiGateway/5xx',
        'AWS/SES/Reputation.BounceRate',
        'AWS/SES/Reputation.ComplaintRate',
        // A failed case ends its execution cleanly (MarkFailed): only the business metric sees it.
        `SecondOpinion/${stageName}/CasesFailed`,
        `SecondOpinion/${stageName}/WaitsTimedOut`,
        `SecondOpinion/${stageName}/DocumentsFailed`,
        `SecondOpinion/${stageName}/EmailsFailed`,
      ]),
    );
    // The functions publish into the namespace the alarms watch.
    for (const f of Object.values(resources(stateless, 'AWS::Lambda::Function'))) {
      const vars = (f.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      if (vars?.POWERTOOLS_SERVICE_NAME)
        expect(vars.POWERTOOLS_METRICS_NAMESPACE).toBe(`SecondOpinion/${stageName}`);
    }
    expect(alarms.find((a) => a.MetricName === 'CasesFailed')?.Dimensions).toEqual([
      { Name: 'service', Value: 'second-opinion' },
    ]);
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
    stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email' });
    stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it(stageName === 'prod' ? 'retains its data and protects the table' : 'may be torn down', () => {
    const retained = (type: string) =>
      Object.values(resources(stateful, type)).every(
        (r) => r.DeletionPolicy === 'Retain' && r.UpdateReplacePolicy === 'Retain',
      );
    const prod = stageName === 'prod';
    for (const type of ['AWS::KMS::Key', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket']) {
      expect(retained(type), type).toBe(prod);
    }
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: prod });
  });
});

function isTlsDeny(s: { Action: unknown; Resource: unknown }): boolean {
  const st = s as { Effect?: string; Condition?: unknown };
  return st.Effect === 'Deny' && /aws:SecureTransport|s3:TlsVersion/.test(JSON.stringify(st.Condition));
}
