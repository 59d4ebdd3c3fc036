/**
 * A wait timed out: do what the wait policy says. Before the due time, remind whoever is asked;
 * at and after it, escalate to the leads (and tell the patient once, with an apology and the new
 * expected date, where the policy says so); at the end, return the system's decision so the
 * workflow applies it. Links re-sent supersede older ones. A retried call does not send twice.
 */
import type { Step } from '#domain/model.ts';
import { onWaitTimeout, stepStatus, WAIT_POLICY, waitEnd } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { WorkflowError } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase, policyContext, secondsUntil } from './case.ts';
import type { DecisionOutput } from './decision.ts';
import type { WaitPlan } from './plan-wait.ts';
import { type EscalateNotice, escalateWait, type RemindNotice, remindWait } from './step-notices.ts';

/** What a timeout tells: a reminder, an escalation, or the patient of a delay. */
export type TimeoutNotice = RemindNotice | EscalateNotice | 'report_delayed' | 'triage_delayed';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<TimeoutNotice>;

export async function remind(
  d: Deps,
  input: { caseId: string; step: Step; openedAt: string; dueAt: string; endsAt: string; reminders: number },
): Promise<WaitPlan> {
  const now = d.clock.now();
  const c = await loadCase(d, input.caseId);
  const wait = await d.store.getWait(input.caseId, input.step);
  if (!wait || wait.openedAt < input.openedAt) {
    // The timer fired before OpenWait stored the wait (a very short timeout): wait again at once.
    return {
      openedAt: input.openedAt,
      dueAt: input.dueAt,
      endsAt: input.endsAt,
      timeoutSeconds: 1,
      reminders: input.reminders,
      ended: false,
      outcome: null,
    };
  }
  if (wait.openedAt !== input.openedAt) {
    throw new WorkflowError('wait_moved_on', `the ${input.step} wait of case ${input.caseId} moved on`);
  }
  const ctx = policyContext(d, c);
  const due = new Date(wait.dueAt);
  const end = wait.endsAt ? new Date(wait.endsAt) : waitEnd(input.step, due, ctx);
  const n = input.reminders + 1;
  const plan = (next: Date, outcome: DecisionOutput | null): WaitPlan => ({
    openedAt: wait.openedAt,
    dueAt: wait.dueAt,
    endsAt: end.toISOString(),
    timeoutSeconds: secondsUntil(next, now),
    reminders: n,
    ended: outcome !== null,
    outcome,
  });
  const system = (decision: string): DecisionOutput => ({
    decision,
    by: 'system',
    at: now.toISOString(),
    values: {},
  });
  // The case left the step without the execution (a cancellation whose StopExecution failed): end quietly.
  if (c.status !== stepStatus(input.step)) return plan(now, system(WAIT_POLICY[input.step].outcome));

  const timeout = onWaitTimeout(input.step, now, due, end, ctx);
  if (timeout.kind === 'end') return plan(now, system(timeout.decision));
  if ((wait.reminders ?? 0) < n) {
    if (timeout.action.kind === 'escalate') {
      const leads = await escalateWait(d, c, wait, timeout.action);
      await audit(d, c.caseId, 'system', 'escalated', { step: input.step, n, to: leads });
    } else {
      await remindWait(d, c, wait);
      await audit(d, c.caseId, 'system', 'reminder_sent', { step: input.step, n });
    }
    if (timeout.pastDue && WAIT_POLICY[input.step].delayNotice && !wait.delayNotifiedAt) {
      await tellApplicants(d, c, input.step === 'report' ? 'report_delayed' : 'triage_delayed', () => ({
        reference: c.reference,
        newDate: end.toISOString(),
      }));
      await d.store.updateWait(c.caseId, input.step, wait.openedAt, { delayNotifiedAt: now.toISOString() });
      await audit(d, c.caseId, 'system', 'delay_notified', { step: input.step, newDate: end.toISOString() });
    }
    await d.store.updateWait(c.caseId, input.step, input.openedAt, { reminders: n });
  }
  return plan(timeout.next, null);
}
