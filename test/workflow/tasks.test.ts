/** The task use cases under retry: a repeated call does not repeat what it already did. */
import { beforeEach, describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { handler as sesEvents } from '#functions/workflow/ses-events.ts';
import { createDraftCase, type NewCase } from '#local/testbed/workflow.ts';
import type { UseCaseDeps, Workflow } from '#usecases/ports.ts';
import { applyDecision } from '#usecases/workflow/apply-decision.ts';
import { markFailed } from '#usecases/workflow/mark-failed.ts';
import { openWait } from '#usecases/workflow/open-wait.ts';
import { planWait } from '#usecases/workflow/plan-wait.ts';
import { remind } from '#usecases/workflow/remind.ts';
import { useBench } from './steps.ts';

const b = useBench();
let c: NewCase;
let d: UseCaseDeps;
let resumed: { token: string; output: Record<string, unknown> }[];

beforeEach(async () => {
  b.reset(1);
  resumed = [];
  const workflow: Workflow = {
    start: async () => ({ executionArn: 'x', alreadyStarted: false }),
    sendTaskSuccess: async (token, output) => {
      resumed.push({ token, output });
    },
    sendTaskFailure: async () => {},
    stop: async () => {},
  };
  d = { ...deps(), workflow };
  c = await createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString() });
});

async function linkCount(): Promise<number> {
  const wait = await b.store.getWait(c.caseId, 'triage');
  return wait?.recipients.length ?? 0;
}

describe('OpenWait', () => {
  it('retried with the same openedAt swaps the token but sends no second set of links or emails', async () => {
    const plan = await planWait(d, c.caseId, 'triage');
    expect(plan.timeoutSeconds).toBeGreaterThan(2 * 24 * 3600);
    const input = {
      caseId: c.caseId,
      step: 'triage' as const,
      openedAt: plan.openedAt,
      dueAt: plan.dueAt,
      endsAt: plan.endsAt,
      reminders: 0,
    };
    await openWait(d, { ...input, taskToken: 'token-1' });
    await openWait(d, { ...input, taskToken: 'token-2' });
    expect(b.mailer.ofKind('triage_request', c.caseId)).toHaveLength(1);
    expect((await b.store.getWait(c.caseId, 'triage'))?.taskToken).toBe('token-2');
    expect(await linkCount()).toBe(1);
    expect((await b.store.listEvents(c.caseId)).filter((e) => e.action === 'wait_opened')).toHaveLength(1);
    expect(resumed).toHaveLength(0);
  });

  it('re-entered after a decision raced its timeout resumes the execution with that decision', async () => {
    const plan = await planWait(d, c.caseId, 'triage');
    const input = {
      caseId: c.caseId,
      step: 'triage' as const,
      openedAt: plan.openedAt,
      dueAt: plan.dueAt,
      endsAt: plan.endsAt,
      reminders: 0,
    };
    await openWait(d, { ...input, taskToken: 'token-1' });
    const output = { decision: 'complete', by: 'dr-triage', at: plan.openedAt, values: {} };
    await b.store.decideWait(c.caseId, 'triage', {
      by: 'dr-triage',
      decision: 'complete',
      at: plan.openedAt,
      openedAt: plan.openedAt,
      output,
    });
    await openWait(d, { ...input, taskToken: 'token-2' });
    expect(resumed).toEqual([{ token: 'token-2', output }]);
  });
});

describe('Remind', () => {
  it('sends one reminder per timeout, even when retried', async () => {
    const plan = await planWait(d, c.caseId, 'triage');
    await openWait(d, {
      caseId: c.caseId,
      step: 'triage',
      openedAt: plan.openedAt,
      dueAt: plan.dueAt,
      endsAt: plan.endsAt,
      reminders: 0,
      taskToken: 't',
    });
    // At the due time, one instant for both calls: a retry in the next second would plan one second less.
    const at = new Date(plan.dueAt);
    const frozen = { ...d, clock: { now: () => at } };
    const first = await remind(frozen, {
      caseId: c.caseId,
      step: 'triage',
      openedAt: plan.openedAt,
      dueAt: plan.dueAt,
      endsAt: plan.endsAt,
      reminders: 0,
    });
    const retried = await remind(frozen, {
      caseId: c.caseId,
      step: 'triage',
      openedAt: plan.openedAt,
      dueAt: plan.dueAt,
      endsAt: plan.endsAt,
      reminders: 0,
    });
    expect(b.mailer.ofKind('triage_escalation', c.caseId)).toHaveLength(1);
    expect(b.mailer.ofKind('triage_delayed', c.caseId)).toHaveLength(1);
    expect(retried).toEqual(first);
    expect(first).toMatchObject({ openedAt: plan.openedAt, reminders: 1, outcome: null });
    const nextDay = new Date(at.getTime() + first.timeoutSeconds * 1000);
    await remind(
      { ...d, clock: { now: () => nextDay } },
      {
        caseId: c.caseId,
        step: 'triage',
        openedAt: plan.openedAt,
        dueAt: plan.dueAt,
        endsAt: plan.endsAt,
        reminders: 1,
      },
    );
    expect(b.mailer.ofKind('triage_escalation', c.caseId)).toHaveLength(2);
    // The patient is told of the delay once per wait.
    expect(b.mailer.ofKind('triage_delayed', c.caseId)).toHaveLength(1);
    // At the end, no more mail: the system's decision comes back for the workflow to apply.
    const ended = await remind(
      { ...d, clock: { now: () => new Date(plan.endsAt) } },
      {
        caseId: c.caseId,
        step: 'triage',
        openedAt: plan.openedAt,
        dueAt: plan.dueAt,
        endsAt: plan.endsAt,
        reminders: 2,
      },
    );
    expect(ended.outcome).toMatchObject({ decision: 'time_out', by: 'system' });
    expect(b.mailer.ofKind('triage_escalation', c.caseId)).toHaveLength(2);
  });
});

describe('ApplyDecision', () => {
  it('retried after it applied returns the same result and does not apply twice', async () => {
    const decision = { decision: 'complete', by: 'dr-triage', at: '', values: {} };
    const first = await applyDecision(d, { caseId: c.caseId, step: 'triage', openedAt: 'x', decision });
    const version = (await b.store.getCase(c.caseId))!.version;
    const again = await applyDecision(d, { caseId: c.caseId, step: 'triage', openedAt: 'x', decision });
    expect(again).toEqual(first);
    expect(first).toEqual({ status: 'awaiting_payment', next: 'payment' });
    expect((await b.store.getCase(c.caseId))!.version).toBe(version);
    expect((await b.store.listEvents(c.caseId)).filter((e) => e.action === 'complete')).toHaveLength(1);
  });

  it('refuses a decision that is not of its step, or from the wrong status', async () => {
    await expect(
      applyDecision(d, {
        caseId: c.caseId,
        step: 'triage',
        openedAt: 'x',
        decision: { decision: 'release', by: 'x', at: '', values: {} },
      }),
    ).rejects.toThrow(/not a decision of the triage step/);
    await expect(
      applyDecision(d, {
        caseId: c.caseId,
        step: 'payment',
        openedAt: 'x',
        decision: { decision: 'confirm_payment', by: 'office', at: '', values: {} },
      }),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
    expect((await b.store.getCase(c.caseId))!.status).toBe('triage');
  });
});

describe('MarkFailed', () => {
  it('leaves the case failed where it stopped, the error message for staff only, and tells the office', async () => {
    await markFailed(d, c.caseId, 'triage', {
      Error: 'WorkflowError',
      Cause: JSON.stringify({
        errorType: 'WorkflowError',
        errorMessage: 'no active staff member has the role triage',
        trace: ['at x'],
      }),
    });
    const failed = await b.store.getCase(c.caseId);
    expect(failed?.status).toBe('failed');
    // The patient's page reads a code it puts in words, never the error.
    expect(failed?.reason).toBe('processing_error');
    expect(failed?.stoppedAt).toBe('triage');
    const event = (await b.store.listEvents(c.caseId)).at(-1);
    expect(event?.action).toBe('fail');
    expect(event?.details).toMatchObject({
      error: 'WorkflowError',
      message: 'no active staff member has the role triage',
      step: 'triage',
    });
    expect(b.mailer.ofKind('case_stopped', c.caseId)[0]?.to).toEqual(['office@hospital.example']);
  });
});

describe('SES bounce and complaint events', () => {
  it('marks the case emailBounced on a permanent bounce, ignores transient ones', async () => {
    const event = (message: unknown) => ({
      Records: [{ Sns: { MessageId: 'm', Message: JSON.stringify(message) } }],
    });
    const mail = { tags: { kind: ['payment_details'], caseId: [c.caseId] } };
    await sesEvents(event({ eventType: 'Bounce', bounce: { bounceType: 'Transient' }, mail }) as never);
    expect((await b.store.getCase(c.caseId))?.emailBounced).toBeUndefined();
    await sesEvents(event({ eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail }) as never);
    await sesEvents(event({ notificationType: 'Complaint', mail }) as never);
    await sesEvents({ Records: [{ Sns: { MessageId: 'n', Message: 'not json' } }] } as never);
    expect((await b.store.getCase(c.caseId))?.emailBounced).toBe(true);
    const actions = (await b.store.listEvents(c.caseId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['email_bounced', 'email_complaint']));
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'email_bounced')?.details).toEqual({
      kind: 'payment_details',
    });
  });
});
