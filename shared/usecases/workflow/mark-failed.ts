/** A task failed for good: the case is left visibly failed with the reason, for staff to act on. */
import { logger } from '#app/logger.ts';
import { canTransition } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { retryOnConflict } from '../common/retry.ts';
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

/** Tries again when the case changed meanwhile. */
export async function markFailed(
  d: Pick<UseCaseDeps, 'clock' | 'store'>,
  caseId: string,
  error: { Error?: string; Cause?: string },
): Promise<void> {
  const reason = `${error.Error ?? 'Error'}: ${causeMessage(error.Cause).slice(0, 500)}`;
  await retryOnConflict({ attempts: ATTEMPTS }, async () => {
    const c = await d.store.getCase(caseId);
    if (!c) {
      logger.error('workflow failed for a missing case', { caseId });
      return;
    }
    if (canTransition(c.status, 'fail')) {
      await d.store.updateCase(caseId, c.version, {
        status: 'failed',
        reason,
        updatedAt: d.clock.now().toISOString(),
      });
    }
    await audit(d, caseId, 'system', 'fail', { error: error.Error ?? 'Error', from: c.status });
    logger.error('case workflow failed', { caseId, error: error.Error });
  });
}
