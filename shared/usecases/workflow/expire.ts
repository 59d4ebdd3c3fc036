/** The patient let the documents or the payment lapse: the case expires and the patient is told. */

import type { CaseStatus } from '#domain/lifecycle.ts';
import { isTerminal, transition } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { patientRecipient } from '../common/people.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase } from './case.ts';

export async function expire(
  d: Pick<UseCaseDeps, 'clock' | 'store' | 'notifier'>,
  caseId: string,
): Promise<{ status: CaseStatus }> {
  const c = await loadCase(d, caseId);
  if (isTerminal(c.status)) return { status: c.status };
  const status = transition(c.status, 'expire');
  await d.store.updateCase(caseId, c.version, {
    status,
    reason: `no answer from the patient while ${c.status.replace(/_/g, ' ')}`,
    updatedAt: d.clock.now().toISOString(),
  });
  await audit(d, caseId, 'system', 'expire', { from: c.status });
  await d.notifier.notify({
    kind: 'case_expired',
    to: patientRecipient(c),
    caseId,
    data: { reference: c.reference },
  });
  return { status };
}
