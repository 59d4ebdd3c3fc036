/**
 * The links the service hands out: the patient's case page (a patient token in the URL fragment,
 * never sent to the server) and action links (a random token whose hash alone is stored). A
 * wait's links live as long as the wait: they expire when it ends, and links re-sent to someone
 * later (a reminder, an escalation, a resend) supersede the ones sent to them before.
 */
import { hashToken, newSecretToken } from '#domain/ids.ts';
import type { Applicant, CaseAction, Language, Wait } from '#domain/model.ts';
import { type CaseTask, TASK_POLICY } from '#domain/tasks.ts';
import type { UseCaseDeps } from '../ports.ts';
import { patientTokensEnd } from './patient-access.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'>;
export type LinkedWait = Pick<Wait, 'caseId' | 'step' | 'openedAt' | 'dueAt' | 'endsAt' | 'generations'>;

/** The request form (GET /) with an update of `reference` filled in (no personal data in the address). */
export function updateRequestUrl(baseUrl: string, language: Language, reference: string): string {
  return `${baseUrl}/?lang=${language}&update=${encodeURIComponent(reference)}`;
}

/** The case page behind a patient token: the contract of the case link. */
export function patientCaseUrl(baseUrl: string, caseId: string, patientToken: string): string {
  return `${baseUrl}/case/${caseId}#token=${patientToken}`;
}

/**
 * The patient's case page with a fresh patient token of `holder` (whose email carries it), so the
 * link in any of our emails opens the page on whatever phone its reader has.
 */
export async function caseUrl(d: Deps, caseId: string, holder: Applicant = 'patient'): Promise<string> {
  const token = newSecretToken();
  // A token made once the case closed (the report's email, "send me my link") ends with the others.
  const c = await d.store.getCase(caseId);
  const deleteAfter = c && patientTokensEnd(d, c);
  await d.store.putPatientToken({
    tokenHash: hashToken(token),
    caseId,
    holder,
    createdAt: d.clock.now().toISOString(),
    ...(deleteAfter ? { deleteAfter } : {}),
  });
  return patientCaseUrl(d.config.PUBLIC_BASE_URL, caseId, token);
}

/** An expired link's record is kept EXPIRED_LINK_DAYS (it still answers "expired"), then deleted. */
export function deleteAfter(d: Pick<Deps, 'config'>, expiresAt: string): string {
  return new Date(new Date(expiresAt).getTime() + d.config.EXPIRED_LINK_DAYS * DAY_MS).toISOString();
}

function actionUrl(d: Deps, token: string): string {
  return `${d.config.PUBLIC_BASE_URL}/a/${token}`;
}

/** Creates an action link of a wait, valid until the wait ends: only the token's hash is stored. */
export async function createLink(
  d: Deps,
  wait: LinkedWait,
  recipient: string,
  decision: string,
  params?: Record<string, string>,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  // A wait planned before waits had an end keeps its links a day past its due time.
  const expiresAt = wait.endsAt ?? new Date(new Date(wait.dueAt).getTime() + DAY_MS).toISOString();
  await d.store.putLink({
    tokenHash: hashToken(token),
    caseId: wait.caseId,
    step: wait.step,
    decision,
    recipient,
    ...(params ? { params } : {}),
    waitOpenedAt: wait.openedAt,
    generation: wait.generations?.[recipient] ?? 0,
    expiresAt,
    createdAt: now.toISOString(),
    deleteAfter: deleteAfter(d, expiresAt),
  });
  return actionUrl(d, token);
}

/** A link that decides no wait (a staff member's view of the case, re-opening it), valid LINK_TTL_DAYS. */
export async function createCaseLink(
  d: Deps,
  caseId: string,
  recipient: string,
  action: CaseAction,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + d.config.LINK_TTL_DAYS * DAY_MS).toISOString();
  await d.store.putLink({
    tokenHash: hashToken(token),
    caseId,
    decision: action,
    recipient,
    expiresAt,
    createdAt: now.toISOString(),
    deleteAfter: deleteAfter(d, expiresAt),
  });
  return actionUrl(d, token);
}

/**
 * A link that completes a case task, valid LINK_TTL_DAYS: it acts once, while the task is open (a
 * reminder sends a fresh one; whichever is used first completes the task, the others then show it done).
 */
export async function createTaskLink(
  d: Deps,
  task: Pick<CaseTask, 'caseId' | 'taskId' | 'kind'>,
  recipient: string,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  await d.store.putLink({
    tokenHash: hashToken(token),
    caseId: task.caseId,
    taskId: task.taskId,
    decision: TASK_POLICY[task.kind].action,
    recipient,
    expiresAt: new Date(now.getTime() + d.config.LINK_TTL_DAYS * DAY_MS).toISOString(),
    createdAt: now.toISOString(),
  });
  return actionUrl(d, token);
}

/**
 * The wait with a new link generation for each of `recipients`: links made from it supersede
 * every link they were sent before for this wait.
 */
export async function supersedeLinks(
  d: Pick<UseCaseDeps, 'store'>,
  wait: Wait,
  recipients: readonly string[],
): Promise<Wait> {
  const generations = { ...(wait.generations ?? {}) };
  for (const r of recipients) generations[r] = (generations[r] ?? 0) + 1;
  return d.store.updateWait(wait.caseId, wait.step, wait.openedAt, { generations });
}
