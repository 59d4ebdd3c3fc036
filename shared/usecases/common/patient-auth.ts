/** The patient's routes are authorised by a patient token (Bearer) that must open this very case. */
import { hashToken } from '#domain/ids.ts';
import type { Case } from '#domain/model.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

/** The case a patient token opens; any mismatch is the same refusal, so it never tells whether a case exists. */
export async function authorisePatient(
  d: Pick<UseCaseDeps, 'store'>,
  caseId: string,
  token: string,
): Promise<Case> {
  const item = await d.store.getPatientToken(hashToken(token));
  if (!item || item.caseId !== caseId) throw new Refusal('unauthorized');
  const c = await d.store.getCase(caseId);
  if (!c) throw new Refusal('unauthorized');
  return c;
}
