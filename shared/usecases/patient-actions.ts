/**
 * What the patient does from the case page after creating it: submit (and resubmit when documents
 * were requested), cancel before payment, ask to enter the treatment path, download the report.
 * The patient token (Bearer) is checked against the case like every patient route: any mismatch is a 401.
 */
import type { Deps } from '#app/deps.ts';
import { isAbandonedUpload } from '#domain/checklist.ts';
import { isBeforePayment, transition } from '#domain/lifecycle.ts';
import { AppError } from '#http/errors.ts';
import { sendEmail } from '#presentation/emails/send.ts';
import { authorisePatient } from './cases.ts';
import { ConflictError } from './ports.ts';
import type { DecisionOutput } from './workflow.ts';

export type PatientDeps = Pick<Deps, 'config' | 'clock' | 'store' | 'workflow' | 'mailer' | 'documents'>;

const REPORT_URL_SECONDS = 300;
const BUSY_STATES = new Set(['upload_pending', 'checking']);
const USABLE_STATES = new Set(['reading', 'classified', 'needs_review']);

async function audit(d: PatientDeps, caseId: string, action: string, details?: Record<string, unknown>) {
  await d.store.appendEvent({
    caseId,
    at: d.clock.now().toISOString(),
    actor: 'patient',
    action,
    ...(details ? { details } : {}),
  });
}

async function requireDocumentsReady(d: PatientDeps, caseId: string): Promise<number> {
  const now = d.clock.now();
  // An upload the patient asked for but never sent must not block the submission forever.
  const docs = (await d.store.listDocuments(caseId)).filter((doc) => !isAbandonedUpload(doc, now));
  if (docs.some((doc) => BUSY_STATES.has(doc.state))) {
    throw new AppError(
      409,
      'documents_in_progress',
      'Some documents are still uploading or being checked. Please wait a moment and try again.',
    );
  }
  const usable = docs.filter((doc) => USABLE_STATES.has(doc.state)).length;
  if (!usable)
    throw new AppError(422, 'no_documents', 'Please upload at least one PDF document before sending.');
  return usable;
}

/**
 * Draft: start the case's execution (named after the case, so a double submit is harmless).
 * Documents requested: resume the documents wait (the resubmission).
 */
export async function submitCase(d: PatientDeps, caseId: string, patientToken: string) {
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
      await audit(d, caseId, 'submit');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      c = (await d.store.getCase(caseId)) ?? c;
    }
  }
  if (c.status === 'triage') {
    // Also reached by a retried submit whose start failed after the status was written.
    const started = await d.workflow.start(caseId, { caseId });
    return { status: c.status, alreadyStarted: started.alreadyStarted };
  }
  if (c.status === 'documents_requested') {
    await requireDocumentsReady(d, caseId);
    const wait = await d.store.getWait(caseId, 'documents');
    if (!wait) throw new AppError(409, 'not_waiting', 'Your case is not waiting for documents right now.');
    const at = d.clock.now().toISOString();
    const output: DecisionOutput = { decision: 'resubmit', by: 'patient', at, values: {} };
    try {
      const decided = await d.store.decideWait(caseId, 'documents', {
        by: 'patient',
        decision: 'resubmit',
        at,
        openedAt: wait.openedAt,
        output: output as unknown as Record<string, unknown>,
      });
      await d.workflow.sendTaskSuccess(decided.taskToken, output as unknown as Record<string, unknown>);
    } catch (err) {
      const name = (err as Error).name;
      // Already resubmitted, or the wait is being re-entered and will resume itself.
      if (!(err instanceof ConflictError) && name !== 'TaskTimedOut' && name !== 'TaskDoesNotExist')
        throw err;
    }
    return { status: c.status, alreadyStarted: true };
  }
  throw new AppError(
    409,
    'already_submitted',
    'Your documents were already sent. We will write to you by email.',
  );
}

/** Cancels a case before payment: the status first (conditional), then the execution is stopped. */
export async function cancelCase(d: PatientDeps, caseId: string, patientToken: string) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status === 'cancelled') return { status: c.status };
  if (!isBeforePayment(c.status)) {
    throw new AppError(
      409,
      'cannot_cancel',
      'This case can no longer be cancelled online because the payment has been received. Please contact the office.',
    );
  }
  const now = d.clock.now().toISOString();
  await d.store.updateCase(caseId, c.version, {
    status: transition(c.status, 'cancel'),
    deadlines: c.deadlines,
    reason: 'cancelled by the patient',
    updatedAt: now,
  });
  await audit(d, caseId, 'cancel', { from: c.status });
  if (c.status !== 'draft') {
    try {
      await d.workflow.stop(caseId, 'cancelled by the patient');
    } catch (err) {
      if ((err as Error).name !== 'ExecutionDoesNotExist') throw err;
    }
  }
  await sendEmail(
    d.mailer,
    'case_cancelled',
    c.language,
    [c.patient.email],
    { firstName: c.patient.firstName, reference: c.reference },
    caseId,
  );
  return { status: 'cancelled' as const };
}

/** Forwards the patient's wish to enter the treatment path to the report author's secretariat, once. */
export async function requestTreatment(d: PatientDeps, caseId: string, patientToken: string) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status !== 'released')
    throw new AppError(409, 'not_released', 'You can ask for this once your report is ready.');
  if (c.treatmentRequestedAt) return { forwarded: true, at: c.treatmentRequestedAt };
  const author = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
  const to = author?.secretariatEmail ?? d.config.OFFICE_EMAIL;
  const now = d.clock.now().toISOString();
  await d.store.updateCase(caseId, c.version, { treatmentRequestedAt: now, updatedAt: now });
  await sendEmail(
    d.mailer,
    'treatment_request',
    'it',
    [to],
    {
      name: 'segreteria',
      reference: c.reference,
      patientName: `${c.patient.firstName} ${c.patient.lastName}`,
      email: c.patient.email,
      phone: c.patient.phone,
      language: c.language,
    },
    caseId,
  );
  await audit(d, caseId, 'treatment_requested', { to: author?.secretariatEmail ? 'secretariat' : 'office' });
  return { forwarded: true, at: now };
}

/** A short-lived link to the released report. */
export async function reportDownload(d: PatientDeps, caseId: string, patientToken: string) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status !== 'released' || !c.reportKey)
    throw new AppError(409, 'not_released', 'Your report is not ready yet.');
  const url = await d.documents.presignDownload(c.reportKey, REPORT_URL_SECONDS, `${c.reference}-report.pdf`);
  return { url, expiresAt: new Date(d.clock.now().getTime() + REPORT_URL_SECONDS * 1000).toISOString() };
}
