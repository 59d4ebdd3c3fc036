/**
 * Operations re-open an expired case (`so case reopen`): one that expired at a step (documents
 * never sent, payment never received) is resumed there with a new execution, as the office's
 * re-open link does; a draft the daily round closed unsent is a draft again with a fresh clock, and
 * the patient is told by when to send it. Audited with the operator.
 */
import type { Step } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { caseUrl } from '../common/links.ts';
import { syncPatientTokens } from '../common/patient-access.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { findCase } from './find-case.ts';
import { resumeCase } from './resume-case.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function reopenCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<'draft_reminder'>,
  referenceOrId: string,
  by: string,
): Promise<{ reference: string; status: string; step: Step | 'draft'; execution?: string }> {
  const c = await findCase(d, referenceOrId);
  if (c.status !== 'expired') throw new Refusal('not_expired');
  if (c.stoppedAt) {
    const resumed = await resumeCase(d, c.caseId, by, c.stoppedAt, 'reopened');
    return { reference: c.reference, ...resumed };
  }
  if (c.submittedAt) throw new Refusal('not_resumable');
  const now = d.clock.now();
  const draftDue = new Date(now.getTime() + d.config.DRAFT_EXPIRY_DAYS * DAY_MS).toISOString();
  const reopened = await d.store.updateCase(c.caseId, c.version, {
    status: 'draft',
    reason: undefined,
    closedAt: undefined,
    deadlines: { ...c.deadlines, draftDue },
    // The patient is told now; the daily round does not remind them again before it closes.
    draftRemindedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  await syncPatientTokens(d, reopened);
  await audit(d, c.caseId, by, 'reopened', { step: 'draft', from: c.status, draftDue });
  await tellApplicants(d, c, 'draft_reminder', async (a) => ({
    reference: c.reference,
    dueAt: draftDue,
    caseUrl: await caseUrl(d, c.caseId, a.applicant),
  }));
  return { reference: c.reference, status: 'draft', step: 'draft' };
}
