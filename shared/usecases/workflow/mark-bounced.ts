/** An email to a case bounced for good, or its reader complained: staff must reach the patient another way. */
import { audit } from '../common/audit.ts';
import { retryOnConflict } from '../common/retry.ts';
import type { UseCaseDeps } from '../ports.ts';

const ATTEMPTS = 5;

export async function markBounced(
  d: Pick<UseCaseDeps, 'clock' | 'store'>,
  caseId: string,
  what: 'Bounce' | 'Complaint',
  kind: string | undefined,
): Promise<void> {
  await retryOnConflict({ attempts: ATTEMPTS }, async () => {
    const c = await d.store.getCase(caseId);
    if (!c) return;
    if (!c.emailBounced) {
      await d.store.updateCase(caseId, c.version, {
        emailBounced: true,
        updatedAt: d.clock.now().toISOString(),
      });
    }
    await audit(d, caseId, 'system', what === 'Complaint' ? 'email_complaint' : 'email_bounced', { kind });
  });
}
