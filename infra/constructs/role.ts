/**
 * A role whose statements, ours and those CDK adds for grants (event sources, logging, tracing),
 * all land in one customer-managed policy: HIPAA checks reject inline policies.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export class ManagedPolicyRole extends iam.Role {
  private managed?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  /** The role's policy; created with the first statement. */
  get policy(): iam.ManagedPolicy | undefined {
    return this.managed;
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.managed ??= new iam.ManagedPolicy(this, 'Policy', { roles: [this] });
    this.managed.addStatements(statement);
    return { statementAdded: true, policyDependable: this.managed };
  }
}
