/**
 * A task failed for good: the case is left visibly failed, with the step it stopped at (where a
 * resume starts) and the error in its audit trail for staff, and the office is told (with a link to
 * cancel and refund it instead, when it was paid). The patient sees that our office is looking
 * into it, never the error.
 */
import { logger } from '#app/logger.ts';
import { canTransition } from '#domain/lifecycle.ts';
import type { Step } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { createCaseLink } from '../common/links.ts';
import { OFFICE } from '../common/people.ts';
import { retryOnConflict } from '../common/retry.ts';
import type { Notifies } from '../notices.ts';
import { withdrawLinkIfPaid } from '../payments/office-links.ts';
import type { UseCaseDeps } from '../ports.ts';

const ATTEMPTS = 5;

/** A Lambda error's Cause is its JSON (type, message, stack): keep the message only. */
function causeMessage(cause: string | undefined): string {
  try {
    const parsed = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the cause is the message itself.
  }
  return String(cause ?? '');
}

export async function markFailed(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<'case_stopped'>,
  caseId: string,
  step: Step | undefined,
  error: { Error?: string; Cause?: string },
): Promise<void> {
  const failed = await retryOnConflict({ attempts: ATTEMPTS }, async () => {
    const c = await d.store.getCase(caseId);
    if (!c) {
      logger.error('workflow failed for a missing case', { caseId });
      return undefined;
    }
    const fails = canTransition(c.status, 'fail');
    if (fails) {
      await d.store.updateCase(caseId, c.version, {
        status: 'failed',
        reason: 'processing_error',
        ...(step ? { stoppedAt: step } : {}),
        updatedAt: d.clock.now().toISOString(),
      });
    }
    // The error's message names what failed (a service's refusal, a missing item), never a patient's data.
    const message = causeMessage(error.Cause).slice(0, 500);
    await audit(d, caseId, 'system', 'fail', {
      error: error.Error ?? 'Error',
      message,
      from: c.status,
      ...(step ? { step } : {}),
    });
    logger.error('case workflow failed', { caseId, error: error.Error, errorMessage: message });
    return fails ? c : undefined;
  });
  if (failed) {
    const withdrawUrl = await withdrawLinkIfPaid(d, caseId);
    await d.notifier.notify({
      kind: 'case_stopped',
      to: OFFICE,
      caseId,
      data: {
        reference: failed.reference,
        step: step ?? 'triage',
        reason: 'processing_error',
        viewUrl: await createCaseLink(d, caseId, 'office', 'view'),
        ...(withdrawUrl ? { withdrawUrl } : {}),
      },
    });
  }
}
