/**
 * Alarms that fire before a patient notices: a failing function, a parked message, a failed or
 * timed-out case execution, API server errors, and SES bounce or complaint rates nearing the
 * levels at which SES would pause sending, and the business events that mean a patient is waiting
 * on us (a case failed or a wait timed out, though the execution ended cleanly; a document that
 * could not be read; an email that could not be sent). All go to one encrypted topic mailed to ops.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUSINESS_METRICS } from '#app/metrics.ts';
import type { StageConfig } from '#infra/stages.ts';
import { metricsNamespace, SERVICE_NAME } from './service-function.ts';

/** Business events (shared/app/metrics.ts) each of which needs a person: alarm on the first. */
export const BUSINESS_ALARMS = {
  CasesFailed: 'a case failed and stopped: resume it with so case resume',
  WaitsTimedOut: 'a step nobody acted on ended its wait: the office was told, the case waits on it',
  DocumentsFailed: 'a document could not be read after its retries: the patient cannot go on without it',
  EmailsFailed: 'an email to a patient could not be sent',
} as const;

export interface ObservabilityProps {
  stage: StageConfig;
  key: kms.IKey;
  functions: lambda.IFunction[];
  /** Dead-letter queues by a readable name. */
  deadLetterQueues: Record<string, sqs.IQueue>;
  stateMachines: sfn.IStateMachine[];
  apiStage: apigw.IHttpStage;
  configurationSetName: string;
}

/** SES reviews an account at 5% bounces and 0.1% complaints; alarm at half of each. */
export const SES_BOUNCE_RATE = 0.025;
export const SES_COMPLAINT_RATE = 0.0005;

export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const prefix = `so-${props.stage.name}`;
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${prefix}-alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.stage.alarmEmail));
    const action = new actions.SnsAction(this.topic);

    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

    for (const fn of props.functions) {
      alarm(
        `Errors-${fn.node.scope?.node.id ?? fn.node.id}`,
        fn.metricErrors(fiveMinutes),
        1,
        `${fn.functionName} threw an error`,
      );
    }
    for (const [name, q] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `Parked-${name}`,
        q.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        1,
        `a message is parked in ${q.queueName}: inspect it and redrive`,
      );
    }
    for (const sm of props.stateMachines) {
      const name = sm.node.scope?.node.id ?? sm.node.id;
      alarm(`Failed-${name}`, sm.metricFailed(fiveMinutes), 1, 'a case execution failed: its case is stuck');
      alarm(`TimedOut-${name}`, sm.metricTimedOut(fiveMinutes), 1, 'a case execution timed out');
    }
    alarm('Api5xx', props.apiStage.metricServerError(fiveMinutes), 1, 'the HTTP API answered 5xx');
    const business = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: metricsNamespace(props.stage.name),
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        ...fiveMinutes,
      });
    for (const [metricName, description] of Object.entries(BUSINESS_ALARMS)) {
      alarm(metricName, business(metricName), 1, description);
    }
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.configurationSetName },
        period: Duration.hours(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      });
    const bounceRate = reputation('Reputation.BounceRate');
    const complaintRate = reputation('Reputation.ComplaintRate');
    alarm(
      'SesBounceRate',
      bounceRate,
      SES_BOUNCE_RATE,
      'SES bounce rate is approaching the review threshold',
    );
    alarm(
      'SesComplaintRate',
      complaintRate,
      SES_COMPLAINT_RATE,
      'SES complaint rate is approaching the review threshold',
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${prefix}-second-opinion`,
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda errors',
            left: props.functions.map((f) => f.metricErrors(fiveMinutes)),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda duration p95',
            left: props.functions.map((f) => f.metricDuration({ statistic: cloudwatch.Stats.p(95) })),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Case executions',
            left: props.stateMachines.flatMap((s) => [
              s.metricStarted(fiveMinutes),
              s.metricSucceeded(fiveMinutes),
              s.metricFailed(fiveMinutes),
              s.metricTimedOut(fiveMinutes),
            ]),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [
              props.apiStage.metricCount(fiveMinutes),
              props.apiStage.metricClientError(fiveMinutes),
              props.apiStage.metricServerError(fiveMinutes),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'SES reputation',
            left: [bounceRate, complaintRate],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Cases',
            left: [...new Set(Object.values(BUSINESS_METRICS))].map(business),
            width: 24,
          }),
        ],
      ],
    });
  }
}
