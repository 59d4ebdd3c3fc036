/**
 * Resource names fixed per stage, and their ARNs as plain strings: functions get them without
 * cross-stack lookups, the stacks never depend on each other in a cycle, and cdk-nag findings
 * that must name a resource pattern can name it exactly.
 */
import type { StageConfig } from './stages.ts';

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function resourceNames(stage: StageConfig) {
  const prefix = `so-${stage.name}`;
  const partition = partitionOf(stage.region);
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${stage.region}:${stage.account}:${resource}`;
  const table = `${prefix}-cases`;
  const bucket = `${prefix}-documents-${stage.account}-${stage.region}`;
  const stateMachine = (file: string) => `${prefix}-${file}`;
  /** Every log group of the stage, by what writes to it; each name starts with the stage's prefix. */
  const logGroups = {
    lambda: (functionName: string) => `/aws/lambda/${functionName}`,
    api: `/aws/apigateway/${prefix}-api`,
    stateMachine: (name: string) => `/aws/vendedlogs/states/${name}`,
  };
  return {
    prefix,
    table,
    tableArn: arn('dynamodb', `table/${table}`),
    bucket,
    bucketArn: `arn:${partition}:s3:::${bucket}`,
    accessLogsBucket: `${prefix}-access-logs-${stage.account}-${stage.region}`,
    configurationSet: prefix,
    configurationSetArn: arn('ses', `configuration-set/${prefix}`),
    sesIdentityArn: arn('ses', `identity/${stage.emailIdentity}`),
    logGroups,
    /** ARN patterns of the stage's log groups: the only ones CloudWatch Logs may use the key for. */
    logGroupArns: [logGroups.lambda(`${prefix}-*`), logGroups.api, logGroups.stateMachine(`${prefix}-*`)].map(
      (name) => arn('logs', `log-group:${name}`),
    ),
    /** Where browsers POST documents: the bucket's virtual-hosted endpoint, as presigned posts name it. */
    uploadOrigin: `https://${bucket}.s3.${stage.region}.amazonaws.com`,
    stateMachine,
    stateMachineArn: (file: string) => arn('states', `stateMachine:${stateMachine(file)}`),
    executionsArn: (file: string) => arn('states', `execution:${stateMachine(file)}:*`),
  };
}
