/**
 * A function run every day at a site time: an EventBridge Scheduler schedule in the site's time
 * zone (Europe/Rome, so 07:00 stays 07:00 across daylight saving, which a UTC cron rule would not),
 * invoking the function with a role of its own that may invoke only that function. A run that
 * fails is not retried by Lambda: the next day's run does the same work, and the function's error
 * alarm tells operations. Scheduler retries only an invocation Lambda did not accept.
 */
import { type CfnElement, Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledge } from './nag.ts';
import { ManagedPolicyRole } from './role.ts';

export interface DailyScheduleProps {
  fn: lambda.Function;
  scheduleName: string;
  at: { hour: number; minute: number };
  account: string;
  /** Encrypts the schedule's input at rest. */
  key: kms.IKey;
}

export class DailySchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: DailyScheduleProps) {
    super(scope, id);
    const { fn, scheduleName, at } = props;
    const time = `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
      description: `EventBridge Scheduler: invokes ${scheduleName} daily at ${time} Europe/Rome`,
    });
    fn.configureAsyncInvoke({ retryAttempts: 0 });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      scheduleName,
      description: `Runs ${scheduleName} every day at ${time} Europe/Rome`,
      schedule: scheduler.ScheduleExpression.cron({
        minute: String(at.minute),
        hour: String(at.hour),
        timeZone: TimeZone.EUROPE_ROME,
      }),
      key: props.key,
      target: new LambdaInvoke(fn, {
        role,
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        input: scheduler.ScheduleTargetInput.fromObject({
          schedule: scheduleName,
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
      }),
    });
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${fnLogicalRef(fn)}.Arn>:*]`,
      'lambda:InvokeFunction on the function and its versions: CDK grants both; this role invokes nothing else',
    );
  }
}

/** The token name cdk-nag shows for the function's ARN. */
function fnLogicalRef(fn: lambda.Function): string {
  return fn.stack.getLogicalId(fn.node.defaultChild as CfnElement);
}
