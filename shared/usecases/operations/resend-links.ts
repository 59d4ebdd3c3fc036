/**
 * Operations send the links of a case's open step again (`so case resend`), to whoever it asks:
 * the links each of them had are superseded by the new ones. Audited with the operator.
 */
import type { Step } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { type AnnounceNotice, resendWait } from '../workflow/step-notices.ts';
import { findCase, openWaitOf } from './find-case.ts';

export async function resendLinks(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<AnnounceNotice>,
  referenceOrId: string,
  by: string,
): Promise<{ reference: string; step: Step; to: string[] }> {
  const c = await findCase(d, referenceOrId);
  const { step, wait } = await openWaitOf(d, c);
  const to = await resendWait(d, c, wait);
  const recipients = [...new Set([...wait.recipients, ...to])];
  await d.store.updateWait(c.caseId, step, wait.openedAt, {
    recipients,
    notifiedAt: wait.notifiedAt ?? d.clock.now().toISOString(),
  });
  await audit(d, c.caseId, by, 'links_resent', { step, to });
  return { reference: c.reference, step, to };
}
