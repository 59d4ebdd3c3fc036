/** The case a workflow task works on, and the wait policy's context for it. */
import { calendarOf } from '#app/config.ts';
import type { Case } from '#domain/model.ts';
import type { PolicyContext } from '#domain/wait-policy.ts';
import { WorkflowError } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function loadCase(d: Pick<UseCaseDeps, 'store'>, caseId: string): Promise<Case> {
  const c = await d.store.getCase(caseId);
  if (!c) throw new WorkflowError('case_not_found', `case ${caseId} does not exist`);
  return c;
}

export function policyContext(d: Pick<UseCaseDeps, 'config'>, c: Case): PolicyContext {
  return {
    calendar: calendarOf(d.config),
    documentsExpiryDays: d.config.DOCUMENTS_EXPIRY_DAYS,
    paymentExpiryDays: d.config.PAYMENT_EXPIRY_DAYS,
    ...(c.deadlines.reportDue ? { reportDue: new Date(c.deadlines.reportDue) } : {}),
  };
}

export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
