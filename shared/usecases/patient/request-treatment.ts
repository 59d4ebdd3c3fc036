/** After the report, the patient asks to enter the treatment path: forwarded once to the report author's secretariat. */
import { audit } from '../common/audit.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { OFFICE } from '../common/people.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function requestTreatment(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<'treatment_request'>,
  caseId: string,
  patientToken: string,
) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status !== 'released') throw new Refusal('not_released');
  if (c.treatmentRequestedAt) return { forwarded: true, at: c.treatmentRequestedAt };
  const author = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
  const now = d.clock.now().toISOString();
  await d.store.updateCase(caseId, c.version, { treatmentRequestedAt: now, updatedAt: now });
  await d.notifier.notify({
    kind: 'treatment_request',
    to: author?.secretariatEmail ? { kind: 'secretariat', email: author.secretariatEmail } : OFFICE,
    caseId,
    data: {
      reference: c.reference,
      patientName: `${c.patient.firstName} ${c.patient.lastName}`,
      // Whoever applied is the one to call back when the patient gave no address.
      email: c.patient.email ?? c.requester?.email ?? '',
      phone: c.patient.phone,
      language: c.language,
    },
  });
  await audit(d, caseId, 'patient', 'treatment_requested', {
    to: author?.secretariatEmail ? 'secretariat' : 'office',
  });
  return { forwarded: true, at: now };
}
