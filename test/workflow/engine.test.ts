import { describe, expect, it } from 'vitest';
import { createLocalStateMachine } from '#local/stepfunctions/engine.ts';

const ARN = 'arn:aws:states:eu-south-1:000000000000:stateMachine:test';

const definition = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${OpenFunctionArn}',
        Payload: { 'token.$': '$$.Task.Token', 'id.$': '$.id' },
      },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.answer',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Late' }],
      Next: 'Plain',
    },
    Plain: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${EchoFunctionArn}', Payload: { 'answer.$': '$.answer' } },
      ResultSelector: { 'echo.$': '$.Payload' },
      ResultPath: '$.plain',
      End: true,
    },
    Late: { Type: 'Succeed' },
  },
};

function machine(speed: number) {
  const tokens: string[] = [];
  const calls: string[] = [];
  const sm = createLocalStateMachine({
    definition,
    stateMachineArn: ARN,
    speed,
    invoke: async (fn, payload) => {
      calls.push(fn);
      if (fn === '${OpenFunctionArn}') tokens.push((payload as { token: string }).token);
      return payload;
    },
  });
  return { sm, tokens, calls };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('local Step Functions engine', () => {
  it('resumes a waitForTaskToken task on sendTaskSuccess and invokes plain tasks like the AWS integration', async () => {
    const { sm, tokens, calls } = machine(1);
    const started = sm.startExecution('case-1', { id: 'x', timeoutSeconds: 3600 });
    expect(started.executionArn).toBe('arn:aws:states:eu-south-1:000000000000:execution:test:case-1');
    expect(sm.startExecution('case-1', { id: 'y', timeoutSeconds: 1 }).alreadyStarted).toBe(true);
    await until(() => tokens.length === 1);
    sm.sendTaskHeartbeat(tokens[0]!);
    sm.sendTaskSuccess(tokens[0]!, JSON.stringify({ decision: 'complete' }));
    const done = await sm.settled(started.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).plain).toEqual({ echo: { answer: { decision: 'complete' } } });
    expect(calls).toEqual(['${OpenFunctionArn}', '${EchoFunctionArn}']);
    expect(() => sm.sendTaskSuccess(tokens[0]!, '{}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
    expect(() => sm.sendTaskSuccess('nope', '{}')).toThrow(
      expect.objectContaining({ name: 'TaskDoesNotExist' }),
    );
    expect(sm.stats(started.executionArn)).toEqual({ stateTransitions: 2, lambdaInvocations: 2 });
  });

  it('scales TimeoutSecondsPath by speed: 30 simulated days pass in about 260 ms, never at once', async () => {
    const { sm } = machine(10_000_000);
    const realStart = Date.now();
    const { executionArn } = sm.startExecution('case-2', { id: 'x', timeoutSeconds: 30 * 24 * 3600 });
    const done = await sm.settled(executionArn);
    const elapsed = Date.now() - realStart;
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).timedOut.Error).toBe('States.Timeout');
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(elapsed).toBeLessThan(3000);
  });

  it('does not fire a wait past 24.8 days of real time early', async () => {
    const { sm, tokens } = machine(1);
    const { executionArn } = sm.startExecution('case-3', { id: 'x', timeoutSeconds: 60 * 24 * 3600 });
    await until(() => tokens.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(sm.describeExecution(executionArn).status).toBe('RUNNING');
    sm.stopExecution(executionArn, 'test over');
    expect(sm.describeExecution(executionArn).status).toBe('ABORTED');
    expect(() => sm.sendTaskSuccess(tokens[0]!, '{}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
    expect(sm.listExecutions().map((e) => e.name)).toEqual(['case-3']);
  });

  it('fails the execution with the task error when nothing catches it', async () => {
    const { sm, tokens } = machine(1);
    const { executionArn } = sm.startExecution('case-4', { id: 'x', timeoutSeconds: 10 });
    await until(() => tokens.length === 1);
    sm.sendTaskFailure(tokens[0]!, 'Rejected', 'no');
    const done = await sm.settled(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Rejected');
  });
});
