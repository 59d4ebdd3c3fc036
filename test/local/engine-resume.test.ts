/** Executions across a restart: saved at the wait they are in, run again from it, timeout kept. */
import { describe, expect, it } from 'vitest';
import { createLocalStateMachine } from '#local/stepfunctions/engine.ts';

const ARN = 'arn:aws:states:eu-south-1:000000000000:stateMachine:resume-test';
const DEFINITION = {
  StartAt: 'Plan',
  States: {
    Plan: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'plan', Payload: { 'caseId.$': '$.caseId' } },
      ResultSelector: { 'timeoutSeconds.$': '$.Payload.timeoutSeconds' },
      ResultPath: '$.wait',
      Next: 'Wait',
    },
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'open', Payload: { 'token.$': '$$.Task.Token', 'caseId.$': '$.caseId' } },
      TimeoutSecondsPath: '$.wait.timeoutSeconds',
      ResultPath: '$.decision',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' }],
      End: true,
    },
    TimedOut: { Type: 'Succeed' },
  },
};

function engine(planned: { timeoutSeconds: number; hang?: boolean }) {
  const opened: string[] = [];
  const sm = createLocalStateMachine({
    definition: DEFINITION,
    stateMachineArn: ARN,
    speed: 100,
    invoke: async (fn, payload) => {
      if (fn === 'plan') {
        if (planned.hang) await new Promise(() => {});
        return { timeoutSeconds: planned.timeoutSeconds };
      }
      opened.push((payload as { token: string }).token);
      return {};
    },
  });
  const opening = async (n: number) => {
    for (let i = 0; i < 300 && opened.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(opened).toHaveLength(n);
    return opened[n - 1]!;
  };
  return { sm, opening };
}

describe('suspend and resume', () => {
  it('saves a waiting execution with the simulated time it already waited, and resumes it there', async () => {
    const { sm, opening } = engine({ timeoutSeconds: 3600 });
    const { executionArn } = sm.startExecution('case-1', { caseId: 'case-1' });
    const first = await opening(1);
    // 100x: half a real second is 50 simulated seconds of the hour's wait.
    await new Promise((r) => setTimeout(r, 500));
    const { suspended, lost } = sm.suspend('stopping');
    expect(lost).toEqual([]);
    expect(sm.describeExecution(executionArn).status).toBe('ABORTED');
    expect(suspended).toHaveLength(1);
    const [saved] = suspended;
    expect(saved).toMatchObject({ name: 'case-1', input: { caseId: 'case-1' }, stateName: 'Wait' });
    const left = (saved!.stateInput as { wait: { timeoutSeconds: number } }).wait.timeoutSeconds;
    expect(left).toBeLessThanOrEqual(3600 - 50);
    expect(left).toBeGreaterThan(3600 - 200);

    // Through JSON, as the file on disk carries it.
    const { sm: restarted, opening: reopening } = engine({ timeoutSeconds: 3600 });
    expect(() => restarted.resume({ ...saved!, stateName: 'Nowhere' })).toThrow(/no state Nowhere/);
    restarted.resume(JSON.parse(JSON.stringify(saved)));
    const second = await reopening(1);
    expect(second).not.toBe(first);
    expect(restarted.describeExecution(executionArn)).toMatchObject({
      status: 'RUNNING',
      input: JSON.stringify({ caseId: 'case-1' }),
    });
    // The old token died with the old engine; the new one finishes the execution.
    expect(() => restarted.sendTaskSuccess(first, '{}')).toThrow();
    restarted.sendTaskSuccess(second, JSON.stringify({ decision: 'complete' }));
    const done = await restarted.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ decision: { decision: 'complete' } });
  });

  it('lets a resumed wait whose time ran out while stopped time out at once, into its Catch', async () => {
    const { sm, opening } = engine({ timeoutSeconds: 3600 });
    const { executionArn } = sm.startExecution('case-2', { caseId: 'case-2' });
    await opening(1);
    const [saved] = sm.suspend('stopping').suspended;
    (saved!.stateInput as { wait: { timeoutSeconds: number } }).wait.timeoutSeconds = 1;
    const { sm: restarted } = engine({ timeoutSeconds: 3600 });
    restarted.resume(saved!);
    const done = await restarted.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toHaveProperty('timeout');
  });

  it('reports an execution caught between two states as lost, and stops it', async () => {
    const { sm } = engine({ timeoutSeconds: 3600, hang: true });
    const { executionArn } = sm.startExecution('case-3', { caseId: 'case-3' });
    await new Promise((r) => setTimeout(r, 50));
    expect(sm.suspend('stopping')).toEqual({ suspended: [], lost: ['case-3'] });
    expect(sm.describeExecution(executionArn).status).toBe('ABORTED');
  });
});
