/**
 * What holds data and must outlive a redeploy: the key, the table, the documents bucket, the
 * uploads and statements queues the bucket notifies, and the SES identity with its configuration set.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '#adapters/dynamodb/table-definition.ts';
import { STATEMENTS_PREFIX } from '#domain/statement.ts';
import { STATEMENT_SECONDS, STATEMENTS_FEED } from '#functions/manifest.ts';
import { acknowledge } from '#infra/constructs/nag.ts';
import { EncryptedQueue } from '#infra/constructs/queue.ts';
import { resourceNames } from '#infra/names.ts';
import type { StageConfig } from '#infra/stages.ts';

export interface StatefulStackProps extends StackProps {
  stage: StageConfig;
}

/** Where S3 sends ObjectCreated events: only uploaded case PDFs. */
export const UPLOAD_EVENTS = { prefix: 'cases/', suffix: '.pdf' } as const;

/** The first-page images RenderPreview stores: to the same queue, whose function records them. */
export const PREVIEW_EVENTS = { prefix: 'cases/', suffix: '.png' } as const;

/** Bank statements the office drops: any name under the prefix (the function refuses what it cannot read). */
export const STATEMENT_EVENTS = { prefix: STATEMENTS_PREFIX } as const;

export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly uploads: EncryptedQueue;
  readonly statements: EncryptedQueue;
  readonly sesEvents: sns.Topic;
  readonly configurationSet: ses.ConfigurationSet;
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const names = resourceNames(stage);
    const retain = stage.removal === 'retain';
    const removalPolicy = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${names.prefix}`,
      description: `Second Opinion ${stage.name}: table, documents, queues, topics and logs`,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(30),
    });
    this.allowServicesToUseKey(stage, names);

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: names.table,
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      deletionProtection: retain,
      removalPolicy,
    });
    for (const index of TABLE_DEFINITION.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    acknowledge(
      this.table,
      'HIPAA.Security-DynamoDBInBackupPlan',
      'continuous backups by point-in-time recovery (35 days); no AWS Backup plan in this account yet',
    );

    // S3 server access logs can only be delivered to an SSE-S3 bucket.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      bucketName: names.accessLogsBucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(Math.max(stage.logRetentionDays, 90)),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy,
      autoDeleteObjects: false,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'this is the access-log target; logging it into itself would loop',
    );
    acknowledge(accessLogs, 'HIPAA.Security-S3BucketLoggingEnabled', 'this is the access-log target bucket');
    acknowledge(
      accessLogs,
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'S3 server access logs are delivered only to SSE-S3 buckets; they hold request metadata, no documents',
    );
    acknowledge(
      accessLogs,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'access logs are kept in-region; replication adds a second copy of request metadata, not resilience the service needs',
    );

    this.uploads = new EncryptedQueue(this, 'Uploads', {
      queueName: `${names.prefix}-uploads`,
      key: this.key,
      visibilityTimeout: Duration.minutes(5),
    });

    this.statements = new EncryptedQueue(this, 'Statements', {
      queueName: `${names.prefix}-statements`,
      key: this.key,
      visibilityTimeout: Duration.seconds(6 * STATEMENT_SECONDS),
      maxReceiveCount: STATEMENTS_FEED.maxReceiveCount,
    });

    this.bucket = new s3.Bucket(this, 'Documents', {
      bucketName: names.bucket,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(stage.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'infrequent-access',
          transitions: [
            { storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) },
          ],
        },
      ],
      cors: [
        {
          // Presigned POST from the service's pages only (the one origin of the stage).
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: [stage.origin],
          allowedHeaders: ['content-type'],
          maxAge: 3600,
        },
      ],
      removalPolicy,
    });
    acknowledge(
      this.bucket,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'documents stay in one EU region by design (data residency); versioning and KMS protect them',
    );

    // Notification by the L1 property: no custom-resource Lambda, and the queue policy exists first.
    for (const q of [this.uploads, this.statements]) {
      q.queue.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [q.queue.queueArn],
          conditions: {
            ArnEquals: { 'aws:SourceArn': names.bucketArn },
            StringEquals: { 'aws:SourceAccount': stage.account },
          },
        }),
      );
    }
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [
        ...[UPLOAD_EVENTS, PREVIEW_EVENTS].map((objects) => ({
          event: 's3:ObjectCreated:*',
          queue: this.uploads.queue.queueArn,
          filter: {
            s3Key: {
              rules: [
                { name: 'prefix', value: objects.prefix },
                { name: 'suffix', value: objects.suffix },
              ],
            },
          },
        })),
        {
          event: 's3:ObjectCreated:*',
          queue: this.statements.queue.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: STATEMENT_EVENTS.prefix }] } },
        },
      ],
    };
    for (const q of [this.uploads, this.statements]) {
      const queuePolicy = q.queue.node.tryFindChild('Policy');
      if (queuePolicy) this.bucket.node.addDependency(queuePolicy);
    }

    this.sesEvents = new sns.Topic(this, 'SesEvents', {
      topicName: `${names.prefix}-ses-events`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: names.configurationSet,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.sesEvents),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    const byAddress = stage.emailIdentity.includes('@');
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: byAddress
        ? ses.Identity.email(stage.emailIdentity)
        : ses.Identity.domain(stage.emailIdentity),
      configurationSet: this.configurationSet,
    });
  }

  /** Services that write encrypted data on our behalf need the key; each is tied to this account. */
  private allowServicesToUseKey(stage: StageConfig, names: ReturnType<typeof resourceNames>): void {
    const account = { 'aws:SourceAccount': stage.account };
    const grant = (sid: string, service: string, actions: string[], conditions: Record<string, unknown>) =>
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions,
          resources: ['*'],
          conditions,
        }),
      );
    grant(
      'CloudWatchLogs',
      `logs.${stage.region}.amazonaws.com`,
      [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:DescribeKey',
      ],
      // This stage's log groups only, not every log group of the account.
      { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': names.logGroupArns } },
    );
    // S3 (bucket events), SNS (topic to queue), SES (events) and CloudWatch (alarms) publish to encrypted queues and topics.
    for (const [sid, service] of [
      ['S3Events', 's3.amazonaws.com'],
      ['SnsDelivery', 'sns.amazonaws.com'],
      ['SesEvents', 'ses.amazonaws.com'],
      ['CloudWatchAlarms', 'cloudwatch.amazonaws.com'],
    ] as const) {
      grant(sid, service, ['kms:GenerateDataKey', 'kms:Decrypt'], { StringEquals: account });
    }
  }
}
