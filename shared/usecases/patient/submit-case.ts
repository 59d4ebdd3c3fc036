/**
 * The patient sends their documents to the doctor.
 *
 * 1. Draft: every document must have arrived and been checked (an abandoned upload does not
 *    count); the case moves to triage (conditional) and its execution starts, named after the
 *    case, so a double submit is harmless.
 * 2. Documents requested (by triage, or by the specialist during the report): the same check, then
 *    the wait is decided (`resubmit`) and the execution resumes.
 */
import { isAbandonedUpload } from '#domain/checklist.ts';
import { transition } from '#domain/lifecycle.ts';
import { stepOfStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { decide } from '../workflow/decision.ts';

const BUSY_STATES = new Set(['upload_pending', 'checking']);
const USABLE_STATES = new Set(['reading', 'classified', 'needs_review']);

async function requireDocumentsReady(
  d: Pick<UseCaseDeps, 'store' | 'clock'>,
  caseId: string,
): Promise<number> {
  const now = d.clock.now();
  // An upload the patient asked for but never sent must not block the submission forever.
  // The request form the service made does not count: the patient must send something themselves.
  const docs = (await d.store.listDocuments(caseId)).filter(
    (doc) => doc.origin !== 'service' && !isAbandonedUpload(doc, now),
  );
  if (docs.some((doc) => BUSY_STATES.has(doc.state))) throw new Refusal('documents_in_progress');
  const usable = docs.filter((doc) => USABLE_STATES.has(doc.state)).length;
  if (!usable) throw new Refusal('no_documents');
  return usable;
}

export async function submitCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'>,
  caseId: string,
  patientToken: string,
) {
  let c = await authorisePatient(d, caseId, patientToken);
  if (c.status === 'draft') {
    await requireDocumentsReady(d, caseId);
    const now = d.clock.now().toISOString();
    try {
      c = await d.store.updateCase(caseId, c.version, {
        status: transition('draft', 'submit'),
        deadlines: c.deadlines,
        submittedAt: now,
        updatedAt: now,
      });
      await audit(d, caseId, 'patient', 'submit');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      c = (await d.store.getCase(caseId)) ?? c;
    }
  }
  if (c.status === 'triage') {
    // Also reached by a retried submit whose start failed after the status was written.
    const started = await d.workflow.start(caseId, { caseId, step: 'triage' });
    return { status: c.status, alreadyStarted: started.alreadyStarted };
  }
  const step = stepOfStatus(c.status);
  if (step === 'documents' || step === 'more_documents') {
    await requireDocumentsReady(d, caseId);
    const wait = await d.store.getWait(caseId, step);
    if (!wait) throw new Refusal('not_waiting');
    const at = d.clock.now().toISOString();
    try {
      await decide(d, caseId, step, wait.openedAt, {
        decision: 'resubmit',
        by: 'patient',
        at,
        values: {},
      });
    } catch (err) {
      // Already resubmitted: the first one counts.
      if (!(err instanceof ConflictError)) throw err;
    }
    return { status: c.status, alreadyStarted: true };
  }
  throw new Refusal('already_submitted');
}
