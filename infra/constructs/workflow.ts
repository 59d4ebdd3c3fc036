/**
 * A state machine deployed from its ASL file as-is: `${<Name>FunctionArn}` placeholders are
 * filled from the manifest's task functions, and a placeholder without a function fails the
 * synth (CloudFormation would otherwise deploy a definition that fails on its first task).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { resourceNames } from '#infra/names.ts';
import type { StageConfig } from '#infra/stages.ts';
import { REPO_ROOT } from './bundling.ts';
import { acknowledge } from './nag.ts';
import { ManagedPolicyRole } from './role.ts';

export const STATEMACHINES_DIR = path.join(REPO_ROOT, 'statemachines');
const ASL_SUFFIX = '.asl.json';

/** The ASL files present, by base name ("second-opinion" for second-opinion.asl.json). */
export function aslFiles(dir: string = STATEMACHINES_DIR): { name: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ASL_SUFFIX))
    .sort()
    .map((f) => ({ name: f.slice(0, -ASL_SUFFIX.length), file: path.join(dir, f) }));
}

/** Every distinct `${Name}` in a definition. */
export function placeholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

export function substitutionKey(functionName: string): string {
  return `${functionName}FunctionArn`;
}

export interface CaseWorkflowProps {
  file: string;
  stateMachineName: string;
  stage: StageConfig;
  key: kms.IKey;
  /** Task functions by manifest name. */
  tasks: ReadonlyMap<string, lambda.IFunction>;
}

export class CaseWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly role: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: CaseWorkflowProps) {
    super(scope, id);
    const substitutions = Object.fromEntries(
      [...props.tasks].map(([name, fn]) => [substitutionKey(name), fn.functionArn]),
    );
    const used = placeholders(readFileSync(props.file, 'utf8'));
    const missing = used.filter((p) => !(p in substitutions));
    if (missing.length) {
      throw new Error(
        `${path.relative(REPO_ROOT, props.file)} uses ${missing.map((m) => `\${${m}}`).join(', ')} ` +
          'but functions/manifest.ts has no task function of that name',
      );
    }

    // Invoke rights on exactly the functions this definition names.
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    });
    const invoked = [...props.tasks].filter(([name]) => used.includes(substitutionKey(name)));
    if (invoked.length) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: invoked.map(([, fn]) => fn.functionArn),
        }),
      );
    }

    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: resourceNames(props.stage).logGroups.stateMachine(props.stateMachineName),
      retention: props.stage.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.key,
      removalPolicy: props.stage.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(props.file),
      definitionSubstitutions: substitutions,
      role: this.role,
      tracingEnabled: true,
      // Execution data holds patient details: log events, never their input or output.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'log delivery (logs:CreateLogDelivery and friends) and X-Ray trace actions accept no resource but *',
    );
  }
}
