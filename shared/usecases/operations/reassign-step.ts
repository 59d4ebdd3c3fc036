/**
 * Operations give a case's open step to another staff member (`so case reassign`):
 * - the report goes to another active specialist through the step's own `reassign` decision, so
 *   the clock rule of a reassignment applies (docs/service-rules.md) and the execution moves on;
 * - triage and the choice of the specialist get an extra decider (a triage doctor or lead), who is
 *   sent fresh links of their own; whoever was asked before keeps theirs.
 * Steps the patient or the office answer are not handed over. Audited with the operator.
 */
import type { Step } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { decide } from '../workflow/decision.ts';
import { type AnnounceNotice, resendWait } from '../workflow/step-notices.ts';
import { findCase, openWaitOf } from './find-case.ts';

export async function reassignStep(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<AnnounceNotice>,
  referenceOrId: string,
  staffId: string,
  by: string,
): Promise<{ reference: string; step: Step; to: string; from?: string }> {
  const c = await findCase(d, referenceOrId);
  const { step, wait } = await openWaitOf(d, c);
  const s = await d.store.getStaff(staffId);
  const at = d.clock.now().toISOString();
  if (step === 'report') {
    if (!s?.active || !s.roles.includes('specialist') || s.staffId === c.assigneeId)
      throw new Refusal('specialist_unavailable');
    try {
      await decide(d, c.caseId, step, wait.openedAt, {
        decision: 'reassign',
        by,
        at,
        values: { specialistId: staffId },
      });
    } catch (err) {
      // Someone decided the report first (released it, asked for documents...).
      if (err instanceof ConflictError) throw new Refusal('not_waiting');
      throw err;
    }
    await audit(d, c.caseId, by, 'reassigned', { step, to: staffId, from: c.assigneeId });
    return { reference: c.reference, step, to: staffId, ...(c.assigneeId ? { from: c.assigneeId } : {}) };
  }
  if (step !== 'triage' && step !== 'assignment') throw new Refusal('not_reassignable');
  if (!s?.active || !s.roles.some((r) => r === 'triage' || r === 'triage_lead'))
    throw new Refusal('staff_unavailable');
  await resendWait(d, c, wait, s);
  await d.store.updateWait(c.caseId, step, wait.openedAt, {
    recipients: [...new Set([...wait.recipients, staffId])],
  });
  await audit(d, c.caseId, by, 'reassigned', { step, to: staffId });
  return { reference: c.reference, step, to: staffId };
}
