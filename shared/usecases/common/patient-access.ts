/**
 * The table keeps a case's patient tokens as long as they can open the case: once it closed, until
 * PATIENT_ACCESS_DAYS after (their TTL); a case re-opened keeps them again.
 */
import { patientAccessEnds } from '#domain/lifecycle.ts';
import type { Case } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';

type Closing = Pick<Case, 'caseId' | 'status' | 'closedAt' | 'releasedAt' | 'updatedAt'>;

/** When a token of `c` may be deleted: undefined while the case is open. */
export function patientTokensEnd(d: Pick<UseCaseDeps, 'config'>, c: Closing): string | undefined {
  return patientAccessEnds(c, d.config.PATIENT_ACCESS_DAYS)?.toISOString();
}

/** Sets the TTL of every patient token of `c` as it now stands (closed, or open again). */
export async function syncPatientTokens(d: Pick<UseCaseDeps, 'config' | 'store'>, c: Closing): Promise<void> {
  await d.store.setPatientTokensExpiry(c.caseId, patientTokensEnd(d, c));
}
