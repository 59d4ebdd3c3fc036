/**
 * Builds the app for one stage: the stateful and stateless stacks, named after the stage, with
 * the cdk-nag packs applied at the app so any unacknowledged finding fails the synth.
 */
import { Annotations, type App } from 'aws-cdk-lib';
import { FUNCTIONS, type FunctionSpec } from '#functions/manifest.ts';
import { applyNagPacks } from '#infra/constructs/nag.ts';
import { StatefulStack } from '#infra/stacks/stateful.ts';
import { StatelessStack } from '#infra/stacks/stateless.ts';
import { refusePlaceholders, type StageConfig, stageConfig } from './stages.ts';

export interface BuildOptions {
  /** The manifest to deploy (tests pass fixtures). */
  functions?: readonly FunctionSpec[];
  statemachinesDir?: string;
  env?: Record<string, string | undefined>;
  nag?: boolean;
}

export interface SecondOpinionApp {
  stage: StageConfig;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

export function buildApp(app: App, options: BuildOptions = {}): SecondOpinionApp {
  const context = (key: string) => app.node.tryGetContext(key) as unknown;
  const stage = stageConfig(
    context('stage'),
    options.env,
    {},
    {
      account: context('account'),
      region: context('region'),
    },
  );
  const examples = refusePlaceholders(stage, context('placeholders'));
  // Access-log delivery by bucket policy, not the legacy LogDeliveryWrite ACL (ACLs stay disabled).
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  // Exports stay until no consumer imports them (the stateless stack reads the key and queues).
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  const env = { account: stage.account, region: stage.region };
  const base = `SecondOpinion-${stage.name}`;
  const tags = { project: 'second-opinion', stage: stage.name };
  const stateful = new StatefulStack(app, `${base}-Stateful`, {
    env,
    stage,
    tags,
    terminationProtection: stage.name === 'prod',
    description: `Second Opinion ${stage.name}: data (table, documents, key, email identity)`,
  });
  // On a stack: the CLI prints a stack's annotations, not the app's.
  if (examples) Annotations.of(stateful).addWarningV2('second-opinion:example-values', examples);
  const stateless = new StatelessStack(app, `${base}-Stateless`, {
    env,
    stage,
    tags,
    stateful,
    functions: options.functions ?? FUNCTIONS,
    ...(options.statemachinesDir ? { statemachinesDir: options.statemachinesDir } : {}),
    description: `Second Opinion ${stage.name}: functions, API, workflow, alarms`,
  });
  stateless.addStackDependency(stateful);
  if (options.nag !== false) applyNagPacks(app);
  return { stage, stateful, stateless };
}
