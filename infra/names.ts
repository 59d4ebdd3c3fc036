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
    logGroupsArn: arn('logs', 'log-group:*'),
    stateMachine,
    stateMachineArn: (file: string) => arn('states', `stateMachine:${stateMachine(file)}`),
    executionsArn: (file: string) => arn('states', `execution:${stateMachine(file)}:*`),
  };
}
