/**
 * A wait timed out: do what the wait policy says (remind whoever is asked, escalate to the leads,
 * or end the wait so the case expires) and plan the next timeout. The links already sent keep
 * working. A retried call does not send the same reminder twice.
 */
import type { Case, Step, Wait } from '#domain/model.ts';
import { onWaitTimeout, stepStatus, type TimeoutAction } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { caseUrl } from '../common/links.ts';
import { leadsOf, patientRecipient, staffRecipient } from '../common/people.ts';
import { WorkflowError } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase, policyContext, secondsUntil } from './case.ts';
import type { WaitPlan } from './plan-wait.ts';
import { approvalData, assignee, reportLinks } from './step-notices.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'notifier'>;

/** Sends what a timeout does; returns the audit action and its details. */
async function act(
  d: Deps,
  c: Case,
  wait: Wait,
  action: Exclude<TimeoutAction, { kind: 'expire' }>,
): Promise<{ action: string; details?: Record<string, unknown> }> {
  const caseId = c.caseId;
  const reference = c.reference;
  if (action.kind === 'escalate') {
    const leads = await leadsOf(d, action.to, action.fallback);
    if (wait.step === 'report') {
      const specialist = await assignee(d, c);
      for (const s of leads) {
        await d.notifier.notify({
          kind: 'report_escalation',
          to: staffRecipient(s),
          caseId,
          data: { reference, dueAt: wait.dueAt, specialistName: specialist.name },
        });
      }
      return { action: 'report_escalated', details: { assigneeId: specialist.staffId } };
    }
    const kind = wait.step === 'assignment' ? 'assignment_reminder' : 'triage_reminder';
    for (const s of leads) {
      await d.notifier.notify({
        kind,
        to: staffRecipient(s),
        caseId,
        data: { reference, dueAt: wait.dueAt },
      });
    }
    return { action: 'reminder_sent' };
  }
  switch (wait.step) {
    case 'documents':
    case 'payment':
      await d.notifier.notify({
        kind: wait.step === 'documents' ? 'documents_reminder' : 'payment_reminder',
        to: patientRecipient(c),
        caseId,
        data: { reference, dueAt: wait.dueAt, caseUrl: await caseUrl(d, caseId) },
      });
      break;
    case 'report': {
      const s = await assignee(d, c);
      await d.notifier.notify({
        kind: 'report_reminder',
        to: staffRecipient(s),
        caseId,
        data: { reference, dueAt: wait.dueAt, ...(await reportLinks(d, wait, s.staffId)) },
      });
      break;
    }
    case 'approval':
      await d.notifier.notify({
        kind: 'approval_reminder',
        to: patientRecipient(c),
        caseId,
        data: await approvalData(d, c, wait),
      });
      break;
    default:
      throw new WorkflowError('no_reminder', `the ${wait.step} step has no reminder before its due time`);
  }
  return { action: 'reminder_sent' };
}

export async function remind(
  d: Deps,
  input: { caseId: string; step: Step; openedAt: string; reminders: number },
): Promise<WaitPlan> {
  const now = d.clock.now();
  const c = await loadCase(d, input.caseId);
  const wait = await d.store.getWait(input.caseId, input.step);
  if (!wait || wait.openedAt !== input.openedAt) {
    throw new WorkflowError('wait_moved_on', `the ${input.step} wait of case ${input.caseId} moved on`);
  }
  const plan = (next: Date, reminders: number, expire: boolean): WaitPlan => ({
    openedAt: wait.openedAt,
    dueAt: wait.dueAt,
    timeoutSeconds: secondsUntil(next, now),
    reminders,
    expire,
  });
  // The case left the step without the execution (a cancellation whose StopExecution failed): end quietly.
  if (c.status !== stepStatus(input.step)) return plan(now, input.reminders, true);
  if (input.step === 'report') await assignee(d, c);

  const { action, next } = onWaitTimeout(input.step, now, new Date(wait.dueAt), policyContext(d, c));
  const n = input.reminders + 1;
  if (action.kind === 'expire') return plan(next, n, true);
  if ((wait.reminders ?? 0) < n) {
    const done = await act(d, c, wait, action);
    await audit(d, c.caseId, 'system', done.action, { step: input.step, n, ...done.details });
    await d.store.updateWait(c.caseId, input.step, input.openedAt, { reminders: n });
  }
  return plan(next, n, false);
}
