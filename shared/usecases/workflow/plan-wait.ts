/**
 * Plans a step's wait before it opens: its due time, its end and its first timeout from the wait
 * policy, and the case's deadlines the pages show (triage, documents, payment).
 */
import type { Deadlines, Step } from '#domain/model.ts';
import { planWaitTiming } from '#domain/wait-policy.ts';
import { WorkflowError } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase, policyContext, secondsUntil } from './case.ts';
import type { DecisionOutput } from './decision.ts';

export interface WaitPlan {
  openedAt: string;
  dueAt: string;
  endsAt: string;
  /** Simulated seconds until the wait's next timeout (at least 1). */
  timeoutSeconds: number;
  reminders: number;
  /** Whether the wait reached its end; `outcome` is then the system's decision. */
  ended: boolean;
  outcome: DecisionOutput | null;
}

/** The case deadline a step's due time is shown as. */
const DEADLINE_OF: Partial<Record<Step, keyof Deadlines>> = {
  triage: 'triageDue',
  documents: 'documentsDue',
  more_documents: 'documentsDue',
  payment: 'paymentDue',
  additional_payment: 'additionalPaymentDue',
};

export async function planWait(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
  step: Step,
): Promise<WaitPlan> {
  const now = d.clock.now();
  const c = await loadCase(d, caseId);
  const ctx = policyContext(d, c);
  if (step === 'report' && !ctx.reportDue)
    throw new WorkflowError('no_report_due', `case ${caseId} has no report due time`);
  const { due, end, firstTimeout } = planWaitTiming(step, now, ctx);
  const deadline = DEADLINE_OF[step];
  if (deadline && c.deadlines[deadline] !== due.toISOString()) {
    await d.store.updateCase(caseId, c.version, {
      deadlines: { ...c.deadlines, [deadline]: due.toISOString() },
      status: c.status,
    });
  }
  return {
    openedAt: now.toISOString(),
    dueAt: due.toISOString(),
    endsAt: end.toISOString(),
    timeoutSeconds: secondsUntil(firstTimeout, now),
    reminders: 0,
    ended: false,
    outcome: null,
  };
}
