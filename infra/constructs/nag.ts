/**
 * cdk-nag 3 runs as a CDK policy-validation plugin. CDK fails the synth only on error-level
 * findings, so the packs are wrapped to report every finding as an error: a warning nobody
 * acknowledged fails too. Acknowledgements go through `acknowledge`, next to the resource they
 * excuse, each with its reason.
 */
import {
  type App,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  Validations,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

class EveryFindingFails implements IPolicyValidationPlugin {
  readonly name: string;

  constructor(private readonly pack: NagPack & IPolicyValidationPlugin) {
    this.name = pack.name;
  }

  validate(context: IPolicyValidationContext) {
    const report = this.pack.validate(context);
    return { ...report, violations: report.violations.map((v) => ({ ...v, severity: 'error' })) };
  }
}

export function applyNagPacks(app: App): void {
  Validations.of(app).addPlugins(
    new EveryFindingFails(new AwsSolutionsChecks(app)),
    new EveryFindingFails(new HIPAASecurityChecks(app)),
  );
}

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
