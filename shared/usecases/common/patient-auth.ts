/**
 * The patient's routes are authorised by a patient token (Bearer) that must open this very case.
 * A token stops working when its holder asked for their link again (tokens made before that are
 * rotated out) and PATIENT_ACCESS_DAYS after the case closed (then every token of the case is refused).
 */
import { hashToken } from '#domain/ids.ts';
import { patientAccessEnds } from '#domain/lifecycle.ts';
import type { Case } from '#domain/model.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

/** The case a patient token opens; any mismatch is the same refusal, so it never tells whether a case exists. */
export async function authorisePatient(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
  token: string,
): Promise<Case> {
  const item = await d.store.getPatientToken(hashToken(token));
  if (!item || item.caseId !== caseId) throw new Refusal('unauthorized');
  const c = await d.store.getCase(caseId);
  if (!c) throw new Refusal('unauthorized');
  // ISO instants of one clock compare as strings; the fresh link is made at the rotation, the old ones before.
  const validFrom = c.tokensValidFrom?.[item.holder ?? 'patient'];
  if (validFrom && item.createdAt < validFrom) throw new Refusal('unauthorized');
  const ends = patientAccessEnds(c, d.config.PATIENT_ACCESS_DAYS);
  if (ends && ends <= d.clock.now()) throw new Refusal('link_expired');
  return c;
}
