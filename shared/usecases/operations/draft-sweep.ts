/**
 * The daily round's draft sweep: a case the patient created and never sent (a draft; nothing runs
 * for it) is reminded once after DRAFT_REMINDER_DAYS and closed after DRAFT_EXPIRY_DAYS as expired,
 * no answer from the patient (docs/service-rules.md, Waits). Each draft is claimed with a
 * conditional write before its email goes out, so a run delivered twice sends nothing twice; a
 * draft the patient changed meanwhile is left to the next round.
 */
import { logger } from '#app/logger.ts';
import type { Case } from '#domain/model.ts';
import { draftAction, draftTiming } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { caseUrl } from '../common/links.ts';
import { syncPatientTokens } from '../common/patient-access.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';

export interface DraftSweep {
  /** Drafts still open after the sweep. */
  open: number;
  reminded: number;
  closed: number;
  /** Drafts the sweep could not handle (logged; the next round tries again). */
  failed: number;
}

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<'case_expired' | 'draft_reminder'>;

async function close(d: Deps, c: Case, at: string): Promise<void> {
  const closed = await d.store.updateCase(c.caseId, c.version, {
    status: 'expired',
    reason: 'no_answer_from_patient',
    deadlines: c.deadlines,
    closedAt: at,
    updatedAt: at,
  });
  await syncPatientTokens(d, closed);
  await audit(d, c.caseId, 'system', 'expire', { step: 'draft' });
  await tellApplicants(d, c, 'case_expired', () => ({ reference: c.reference }));
}

async function remind(d: Deps, c: Case, due: Date, at: string): Promise<void> {
  const claimed = await d.store.updateCase(c.caseId, c.version, { draftRemindedAt: at, updatedAt: at });
  try {
    await tellApplicants(d, c, 'draft_reminder', async (a) => ({
      reference: c.reference,
      dueAt: due.toISOString(),
      caseUrl: await caseUrl(d, c.caseId, a.applicant),
    }));
  } catch (err) {
    // Not sent: give the claim back so the next round reminds them.
    await d.store.updateCase(c.caseId, claimed.version, { draftRemindedAt: undefined }).catch(() => {});
    throw err;
  }
  await audit(d, c.caseId, 'system', 'reminder_sent', { step: 'draft', dueAt: due.toISOString() });
}

export async function sweepDrafts(d: Deps): Promise<DraftSweep> {
  const now = d.clock.now();
  const at = now.toISOString();
  const policy = { reminderDays: d.config.DRAFT_REMINDER_DAYS, expiryDays: d.config.DRAFT_EXPIRY_DAYS };
  const tally: DraftSweep = { open: 0, reminded: 0, closed: 0, failed: 0 };
  for (const listed of await d.store.listCasesByStatus('draft')) {
    try {
      // The index is eventually consistent: act on the case as it is now.
      const c = await d.store.getCase(listed.caseId);
      if (c?.status !== 'draft') continue;
      const timing = draftTiming(
        new Date(c.createdAt),
        c.deadlines.draftDue ? new Date(c.deadlines.draftDue) : undefined,
        policy,
      );
      const action = draftAction(timing, now, Boolean(c.draftRemindedAt));
      if (action === 'close') {
        await close(d, c, at);
        tally.closed += 1;
        continue;
      }
      if (action === 'remind') {
        await remind(d, c, timing.due, at);
        tally.reminded += 1;
      }
      tally.open += 1;
    } catch (err) {
      if (err instanceof ConflictError) {
        // The patient changed the draft meanwhile (an upload, a submission): the next round looks again.
        tally.open += 1;
        continue;
      }
      tally.failed += 1;
      logger.error('draft sweep failed for a case', { caseId: listed.caseId, error: (err as Error).message });
    }
  }
  return tally;
}
