/**
 * The links the service hands out: the patient's case page (a patient token in the URL fragment,
 * never sent to the server) and action links (a random token whose hash alone is stored).
 */
import { hashToken, newSecretToken } from '#domain/ids.ts';
import type { Wait } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The case page behind a patient token: the contract of the case link. */
export function patientCaseUrl(baseUrl: string, caseId: string, patientToken: string): string {
  return `${baseUrl}/case/${caseId}#token=${patientToken}`;
}

/**
 * The patient's case page with a fresh patient token, so the link in any of our emails opens the
 * page on whatever phone the patient reads it.
 */
export async function caseUrl(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
): Promise<string> {
  const token = newSecretToken();
  await d.store.putPatientToken({
    tokenHash: hashToken(token),
    caseId,
    createdAt: d.clock.now().toISOString(),
  });
  return patientCaseUrl(d.config.PUBLIC_BASE_URL, caseId, token);
}

/** Creates an action link of a wait: only the token's hash is stored. */
export async function createLink(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  wait: Pick<Wait, 'caseId' | 'step' | 'openedAt' | 'dueAt'>,
  recipient: string,
  decision: string,
  params?: Record<string, string>,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  const ttl = now.getTime() + d.config.LINK_TTL_DAYS * DAY_MS;
  // A link lives at least as long as the wait it answers (payment waits are longer than the TTL).
  const expiresAt = new Date(Math.max(ttl, new Date(wait.dueAt).getTime() + DAY_MS));
  await d.store.putLink({
    tokenHash: hashToken(token),
    caseId: wait.caseId,
    step: wait.step,
    decision,
    recipient,
    ...(params ? { params } : {}),
    waitOpenedAt: wait.openedAt,
    expiresAt: expiresAt.toISOString(),
    createdAt: now.toISOString(),
  });
  return `${d.config.PUBLIC_BASE_URL}/a/${token}`;
}
