/**
 * Resumes a case that stopped without its outcome (failed, timed out, expired) at the step where it
 * stopped: the case takes that step's status again and a new execution starts there, skipping what
 * is done. Used by operations (`so case resume`, `so case reopen`) and by the office's re-open link
 * on an unpaid case. Audited with who did it.
 */
import { isResumable } from '#domain/lifecycle.ts';
import type { Step } from '#domain/model.ts';
import { stepStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { syncPatientTokens } from '../common/patient-access.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function resumeCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'>,
  caseId: string,
  by: string,
  at?: Step,
  action: 'resumed' | 'reopened' = 'resumed',
): Promise<{ status: string; step: Step; execution: string }> {
  const c = await d.store.getCase(caseId);
  if (!c) throw new Refusal('not_found');
  const step = at ?? c.stoppedAt;
  if (!isResumable(c.status) || !step) throw new Refusal('not_resumable');
  const resumes = (c.resumes ?? 0) + 1;
  const execution = `${caseId}-r${resumes}`;
  const status = stepStatus(step);
  const resumed = await d.store.updateCase(caseId, c.version, {
    status,
    reason: undefined,
    stoppedAt: undefined,
    closedAt: undefined,
    resumes,
    execution,
    updatedAt: d.clock.now().toISOString(),
  });
  // A case that had closed (expired) keeps its patient tokens again.
  if (c.closedAt) await syncPatientTokens(d, resumed);
  await audit(d, caseId, by, action, { step, from: c.status, execution });
  await d.workflow.start(execution, { caseId, step });
  return { status, step, execution };
}
