/**
 * A fixture manifest using every trigger and access kind: each is wired and granted as the
 * construct promises, nag stays clean, and a deliberate finding fails the synth.
 */
import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFunctions, synthApp, templates } from './support.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The statements of the managed policy attached to a function's role, by manifest name. */
function policyOf(t: Template, name: string): Statement[] {
  const policies = t.findResources('AWS::IAM::ManagedPolicy');
  const roles = t.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(`${name}Role`));
  const policy = Object.values(policies).find((p) =>
    JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
  );
  return policy?.Properties.PolicyDocument.Statement ?? [];
}

const actions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat()).sort();

describe('a manifest with every trigger and access kind', () => {
  let stateless: Template;
  let stateful: Template;

  beforeAll(() => {
    const built = synthApp('dev', { functions: fixtureFunctions() });
    built.app.synth();
    ({ stateful, stateless } = templates(built));
  });

  it('routes each HTTP trigger through the API with throttling and access logs', () => {
    for (const key of ['POST /cases', 'GET /cases/{caseId}', 'GET /a/{token}', 'POST /a/{token}']) {
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('feeds the queue triggers from queues with DLQs, and the SES events function from the topic', () => {
    stateless.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping'));
    const of = (name: string) => (m: (typeof mappings)[number]) =>
      JSON.stringify(m.Properties.FunctionName).includes(name);
    const statements = of('StatementReceived');
    const previews = of('RenderPreview');
    for (const mapping of mappings.filter((m) => !statements(m) && !previews(m))) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 5,
        // Bounded, so no more documents wait for a paced Textract start than its patience allows.
        ScalingConfig: { MaximumConcurrency: 10 },
      });
    }
    // A statement file at a time, from the statements queue, whose messages park after three tries.
    expect(mappings.filter(statements)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: 1,
          ScalingConfig: { MaximumConcurrency: 2 },
          EventSourceArn: { 'Fn::ImportValue': expect.stringContaining('StatementsQueue') },
        }),
      }),
    ]);
    // A document at a time from the previews queue, a second subscription of the Textract topic.
    expect(mappings.filter(previews)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: 1,
          ScalingConfig: { MaximumConcurrency: 5 },
          EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^PreviewCompletionsQueue/), 'Arn'] },
        }),
      }),
    ]);
    const subscribed = Object.values(stateless.findResources('AWS::SNS::Subscription'))
      .filter((s) => s.Properties.Protocol === 'sqs')
      .map((s) => JSON.stringify([s.Properties.TopicArn, s.Properties.Endpoint]));
    expect(subscribed).toEqual([
      expect.stringMatching(/TextractTopic.*TextractCompletionsQueue/),
      expect.stringMatching(/TextractTopic.*PreviewCompletionsQueue/),
    ]);
    for (const t of [stateful, stateless]) {
      for (const [id, q] of Object.entries(t.findResources('AWS::SQS::Queue'))) {
        if (id.includes('Dlq') || id.includes('SesEventsFailures')) continue;
        expect(q.Properties.RedrivePolicy, id).toMatchObject({
          maxReceiveCount: id.startsWith('Statements') || id.startsWith('PreviewCompletions') ? 3 : 5,
        });
      }
    }
    stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs' });
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'so-dev-ses-events',
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });

  it('runs a scheduled function on an EventBridge rate, invoked by that rule alone, with no retry', () => {
    const rules = Object.entries(stateless.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    expect(rule.Properties).toMatchObject({
      Name: 'so-dev-sweep',
      ScheduleExpression: 'rate(7 minutes)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^SweepFunction/), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      ],
    });
    stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
    expect(actions(policyOf(stateless, 'Sweep'))).not.toContain('dynamodb:PutItem');
  });

  it('runs a scheduled function every day at its Rome time, invoked by a role that may invoke only it, never retried', () => {
    const schedules = Object.values(stateless.findResources('AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]!.Properties;
    expect(schedule).toMatchObject({
      Name: 'so-dev-morning',
      ScheduleExpression: 'cron(30 6 * * ? *)',
      // In Rome's time zone: 06:30 stays 06:30 over daylight saving, as a UTC rule would not.
      ScheduleExpressionTimezone: 'Europe/Rome',
      State: 'ENABLED',
      KmsKeyArn: expect.anything(),
      Target: {
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/^MorningFunction/), 'Arn'] },
        Input: JSON.stringify({
          schedule: 'so-dev-morning',
          scheduledTime: '<aws.scheduler.scheduled-time>',
        }),
      },
    });
    const roles = stateless.findResources('AWS::IAM::Role');
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0] as string;
    expect(roles[roleId]?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      }),
    ]);
    const policy = Object.values(stateless.findResources('AWS::IAM::ManagedPolicy')).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    );
    const statements = policy?.Properties.PolicyDocument.Statement as Statement[];
    expect(actions(statements)).toEqual(['kms:Decrypt', 'lambda:InvokeFunction']);
    expect(
      JSON.stringify(statements.find((s) => s.Action === 'lambda:InvokeFunction')?.Resource),
    ).not.toMatch(/Everything|CaseApi/);
    // A failed run is not run again by Lambda: the next morning's does the same work.
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^MorningFunction') },
      MaximumRetryAttempts: 0,
    });
    expect(actions(policyOf(stateless, 'Morning'))).not.toContain('dynamodb:PutItem');
  });

  it('gives Textract a role that may publish only to its topic', () => {
    stateless.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'textract.amazonaws.com' } })],
      },
    });
    const textract = policyOf(stateless, 'Textract');
    expect(actions(textract)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'sns:Publish']);
  });

  it('grants exactly what the access list names', () => {
    expect(actions(policyOf(stateless, 'TextDetected'))).toEqual(
      expect.arrayContaining(['textract:GetDocumentTextDetection', 'dynamodb:Query', 'dynamodb:PutItem']),
    );
    const textDetected = actions(policyOf(stateless, 'TextDetected'));
    for (const a of [
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObjectVersion',
      'ses:SendEmail',
      'states:StartExecution',
    ]) {
      expect(textDetected).not.toContain(a);
    }
    // A replacement of a checked document is deleted by its version; Textract reads the checked one.
    expect(actions(policyOf(stateless, 'UploadReceived'))).toEqual(
      expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObjectVersion']),
    );
    const links = policyOf(stateless, 'ActionLinks');
    expect(actions(links)).toEqual(
      expect.arrayContaining(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:StopExecution']),
    );
    expect(actions(links)).not.toContain('states:StartExecution');
    const stop = links.find((s) => [s.Action].flat().includes('states:StopExecution'));
    expect(stop?.Resource).toBe('arn:aws:states:eu-central-1:111111111111:execution:so-dev-second-opinion:*');
    const upload = policyOf(stateless, 'UploadReceived');
    expect(upload).toContainEqual(
      expect.objectContaining({
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      }),
    );
    // The statements function reads statements/ and nothing else of the bucket.
    const statementReads = policyOf(stateless, 'StatementReceived').filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('s3:')),
    );
    expect(statementReads).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::so-dev-documents-111111111111-eu-central-1/statements/*',
      }),
    ]);
    // The renderer of untrusted PDFs reads documents and writes previews, under previews/ only.
    const previewObjects = policyOf(stateless, 'RenderPreview').filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('s3:')),
    );
    expect(previewObjects).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: 'arn:aws:s3:::so-dev-documents-111111111111-eu-central-1/cases/*',
      }),
      expect.objectContaining({
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::so-dev-documents-111111111111-eu-central-1/cases/*/previews/*',
      }),
    ]);
    const email = policyOf(stateless, 'Everything').find((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(email?.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': 'no-reply@dev.second-opinion.example.org' },
    });
  });

  it('lets the state machine invoke only the task functions its definition names', () => {
    const roles = stateless.findResources('AWS::IAM::Role');
    const sfnRole = Object.keys(roles).find((id) => id.startsWith('Workflowsecondopinion'));
    const policy = Object.values(stateless.findResources('AWS::IAM::ManagedPolicy')).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${sfnRole}"`),
    );
    const invoke = ((policy?.Properties.PolicyDocument.Statement ?? []) as Statement[]).find(
      (s) => s.Action === 'lambda:InvokeFunction',
    );
    const invoked = JSON.stringify(invoke?.Resource);
    expect(invoked).not.toContain('Everything');
    expect(invoked).not.toContain('CaseApi');
    expect(invoked).toContain('PlanWait');
  });
});

describe('cdk-nag', () => {
  it('fails the synth on a finding nobody acknowledged', () => {
    const built = synthApp('dev', { functions: fixtureFunctions() });
    // A queue without a DLQ: AwsSolutions-SQS3, reported by cdk-nag as a warning.
    new sqs.Queue(built.stateless as Stack, 'Unacknowledged', { enforceSSL: true });
    expect(() => built.app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
