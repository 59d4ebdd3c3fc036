/**
 * The patient's routes are authorised by a patient token (Bearer) that must open this very case.
 * A token stops working when its holder asked for their link again (tokens made before that are
 * rotated out) and PATIENT_LINK_DAYS_AFTER_CLOSE days after the case closed.
 */
import { hashToken } from '#domain/ids.ts';
import type { Case } from '#domain/model.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the case's patient links stop working, if it has closed. */
export function patientLinksEnd(c: Pick<Case, 'closedAt'>, daysAfterClose: number): Date | undefined {
  return c.closedAt ? new Date(new Date(c.closedAt).getTime() + daysAfterClose * DAY_MS) : undefined;
}

/** The case a patient token opens; any mismatch is the same refusal, so it never tells whether a case exists. */
export async function authorisePatient(
  d: Pick<UseCaseDeps, 'store' | 'config' | 'clock'>,
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
  const end = patientLinksEnd(c, d.config.PATIENT_LINK_DAYS_AFTER_CLOSE);
  if (end && d.clock.now() >= end) throw new Refusal('link_expired');
  return c;
}
