import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflow } from '#adapters/sfn.ts';
import { close, listen } from '#local/net.ts';
import { createLocalStateMachine } from '#local/stepfunctions/engine.ts';
import { stepFunctionsFacade } from '#local/stepfunctions/facade.ts';

const ARN = 'arn:aws:states:eu-south-1:000000000000:stateMachine:facade-test';
const DEFINITION = {
  StartAt: 'Wait for a person',
  States: {
    'Wait for a person': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'arn:aws:lambda:eu-south-1:000000000000:function:open',
        Payload: { 'token.$': '$$.Task.Token', 'caseId.$': '$.caseId' },
      },
      TimeoutSeconds: 3600,
      End: true,
    },
  },
};

const tokens = new Map<string, string>();
let server: Server;
let sfn: SFNClient;
let endpoint: string;

async function tokenOf(caseId: string): Promise<string> {
  for (let i = 0; i < 200 && !tokens.has(caseId); i++) await new Promise((r) => setTimeout(r, 10));
  return tokens.get(caseId)!;
}

beforeAll(async () => {
  const engine = createLocalStateMachine({
    definition: DEFINITION,
    stateMachineArn: ARN,
    invoke: async (_arn, payload) => {
      const p = payload as { token: string; caseId: string };
      tokens.set(p.caseId, p.token);
      return {};
    },
  });
  server = stepFunctionsFacade({
    stateMachineArn: ARN,
    definition: JSON.stringify(DEFINITION),
    engine,
    createdAt: new Date(),
  });
  endpoint = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1', 'stepfunctions')}`;
  sfn = new SFNClient({
    endpoint,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  sfn.destroy();
  await close(server);
});

const describeIt = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));

describe('Step Functions facade (AWS JSON 1.0 protocol)', () => {
  it('starts an execution, waits for a task token and finishes on SendTaskSuccess', async () => {
    const { executionArn, startDate } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: ARN, name: 'case-1', input: '{"caseId":"case-1"}' }),
    );
    expect(executionArn).toBe('arn:aws:states:eu-south-1:000000000000:execution:facade-test:case-1');
    expect(startDate).toBeInstanceOf(Date);
    const token = await tokenOf('case-1');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    expect((await describeIt(executionArn!)).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"complete"}' }));
    for (let i = 0; i < 100 && (await describeIt(executionArn!)).status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const done = await describeIt(executionArn!);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"decision":"complete"}',
      input: '{"caseId":"case-1"}',
    });
    expect(done.stopDate).toBeInstanceOf(Date);
    // The token is spent: a second answer is refused as by AWS.
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: 'no-such-token', error: 'E', cause: 'c' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist', $metadata: { httpStatusCode: 400 } });
  });

  it('treats the same name and input as the same execution, another input as ExecutionAlreadyExists', async () => {
    const input = '{"caseId":"case-2"}';
    const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'case-2', input }));
    const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'case-2', input }));
    expect(b.executionArn).toBe(a.executionArn);
    await expect(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn: ARN, name: 'case-2', input: '{"caseId":"other"}' }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    // The service adapter reads that as "already started".
    const workflow = new StepFunctionsWorkflow(sfn, ARN);
    expect(await workflow.start('case-2', { caseId: 'other' })).toEqual({
      executionArn: a.executionArn,
      alreadyStarted: true,
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${ARN}-x`, name: 'n', input: '{}' })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'bad name', input: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'n2', input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it('stops an execution (the adapter names it after the case), and SendTaskFailure fails one', async () => {
    const workflow = new StepFunctionsWorkflow(sfn, ARN);
    const { executionArn } = await workflow.start('case-3', { caseId: 'case-3' });
    await tokenOf('case-3');
    await workflow.stop('case-3', 'cancelled by the patient');
    expect(await describeIt(executionArn)).toMatchObject({ status: 'ABORTED' });

    const started = await workflow.start('case-4', { caseId: 'case-4' });
    await workflow.sendTaskFailure(await tokenOf('case-4'), 'Rejected', 'no');
    for (let i = 0; i < 100 && (await describeIt(started.executionArn)).status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await describeIt(started.executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Rejected',
      cause: 'no',
    });
    await expect(sfn.send(new StopExecutionCommand({ executionArn: `${ARN}:nope` }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('answers the AWS CLI (when installed)', async () => {
    const run = promisify(execFile);
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_DEFAULT_REGION: 'eu-south-1',
    };
    let out: string;
    try {
      ({ stdout: out } = await run(
        'aws',
        [
          'stepfunctions',
          'describe-execution',
          '--endpoint-url',
          endpoint,
          '--execution-arn',
          `${ARN.replace(':stateMachine:', ':execution:')}:case-1`,
        ],
        { env },
      ));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // no AWS CLI on this machine
      throw err;
    }
    expect(JSON.parse(out)).toMatchObject({ status: 'SUCCEEDED', name: 'case-1' });
  });
});
