/** Executions across a restart: saved at the wait they are in, run again from it, timeout kept. */
import { describe, expect, it } from 'vitest';
import { createLocalStateMachine } from '#local/stepfunctions/engine.ts';
import type { SuspendedExecution } from '#local/stepfunctions/suspend.ts';

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

type Entry = SuspendedExecution & { enteredAt: number };

/** A journal in memory, as executions-state.ts keeps it on disk. */
function memoryJournal() {
  const entries = new Map<string, Entry>();
  return {
    entries,
    record: (e: Entry) => entries.set(e.name, structuredClone(e)),
    forget: (n: string) => entries.delete(n),
  };
}

function engine(
  planned: { timeoutSeconds: number; hang?: boolean },
  journal?: ReturnType<typeof memoryJournal>,
) {
  const opened: string[] = [];
  let plans = 0;
  const sm = createLocalStateMachine({
    definition: DEFINITION,
    stateMachineArn: ARN,
    speed: 100,
    ...(journal ? { journal } : {}),
    invoke: async (fn, payload) => {
      if (fn === 'plan') {
        plans += 1;
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
  return { sm, opening, plans: () => plans };
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

  it('journals each state entered (the first before startExecution returns) and forgets an ended execution', async () => {
    const journal = memoryJournal();
    const { sm, opening } = engine({ timeoutSeconds: 3600 }, journal);
    const { executionArn } = sm.startExecution('case-4', { caseId: 'case-4' });
    expect(journal.entries.get('case-4')).toMatchObject({
      stateName: 'Plan',
      stateInput: { caseId: 'case-4' },
    });
    const token = await opening(1);
    expect(journal.entries.get('case-4')).toMatchObject({
      stateName: 'Wait',
      stateInput: { wait: { timeoutSeconds: 3600 } },
    });
    sm.sendTaskSuccess(token, '{}');
    await sm.settled(executionArn);
    expect(journal.entries.size).toBe(0);
  });

  it('resumes a killed execution from its journal: a task in flight runs again, a wait keeps the time waited', async () => {
    // Killed in the middle of Plan: nothing was suspended, the journal alone says where it was.
    const killed = memoryJournal();
    const { sm } = engine({ timeoutSeconds: 3600, hang: true }, killed);
    sm.startExecution('case-5', { caseId: 'case-5' });
    await new Promise((r) => setTimeout(r, 50));
    const inPlan = structuredClone(killed.entries.get('case-5')!);
    expect(inPlan.stateName).toBe('Plan');
    const journal = memoryJournal();
    const { sm: restarted, opening, plans } = engine({ timeoutSeconds: 3600 }, journal);
    restarted.resume(JSON.parse(JSON.stringify(inPlan)), inPlan.enteredAt + 10_000);
    await opening(1);
    expect(plans()).toBe(1);
    // Killed again in the wait, 5 real seconds after it began (500 simulated at 100x): the next
    // start waits the rest.
    const inWait = structuredClone(journal.entries.get('case-5')!);
    const { sm: third, opening: reopening } = engine({ timeoutSeconds: 3600 }, journal);
    third.resume(inWait, inWait.enteredAt + 5000);
    await reopening(1);
    expect(journal.entries.get('case-5')).toMatchObject({
      stateName: 'Wait',
      stateInput: { wait: { timeoutSeconds: 3100 } },
    });
  });
});
