/**
 * The patient cancels before payment: the status first (conditional), then the execution is
 * stopped and the patient told. After payment, only the office can help.
 */
import { isBeforePayment, transition } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { syncPatientTokens } from '../common/patient-access.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function cancelCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<'case_cancelled'>,
  caseId: string,
  patientToken: string,
) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status === 'cancelled') return { status: c.status };
  if (!isBeforePayment(c.status)) throw new Refusal('cannot_cancel');
  const now = d.clock.now().toISOString();
  const cancelled = await d.store.updateCase(caseId, c.version, {
    status: transition(c.status, 'cancel'),
    deadlines: c.deadlines,
    reason: 'cancelled_by_patient',
    closedAt: now,
    updatedAt: now,
  });
  await syncPatientTokens(d, cancelled);
  await audit(d, caseId, 'patient', 'cancel', { from: c.status });
  if (c.status !== 'draft') {
    try {
      await d.workflow.stop(c.execution ?? caseId, 'cancelled by the patient');
    } catch (err) {
      if ((err as Error).name !== 'ExecutionDoesNotExist') throw err;
    }
  }
  await tellApplicants(d, c, 'case_cancelled', () => ({ reference: c.reference }));
  return { status: 'cancelled' as const };
}
