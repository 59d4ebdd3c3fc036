/**
 * What an action link can do now (docs/architecture.md, Action links). The link holds a random
 * token; the table holds its hash with the case, step, decision, recipient and expiry. Reading a
 * link changes nothing: mail scanners follow links.
 */
import { hashToken } from '#domain/ids.ts';
import type { ActionLink, Case, Language, Wait } from '#domain/model.ts';
import type { CaseTask } from '#domain/tasks.ts';
import { stepStatus } from '#domain/wait-policy.ts';
import type { UseCaseDeps } from '../ports.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Who decided: a role, or a staff member by name (never an email address). */
export type DecidedBy = { role: 'patient' | 'office' | 'system' } | { name: string };

export type LinkState =
  | { kind: 'invalid' }
  | { kind: 'expired'; language: Language }
  | { kind: 'closed'; language: Language; reference: string }
  /** A newer email carries this recipient's links for the same wait. */
  | { kind: 'superseded'; language: Language; reference: string }
  | { kind: 'decided'; language: Language; reference: string; by: DecidedBy; decision: string; at: string }
  /** Open: a wait link with its wait, a task link with its task, or a case action (view, reopen). */
  | { kind: 'open'; language: Language; link: ActionLink; case: Case; wait?: Wait; task?: CaseTask };

async function decidedBy(d: Pick<UseCaseDeps, 'store'>, who: string): Promise<DecidedBy> {
  if (who === 'patient' || who === 'office' || who === 'system') return { role: who };
  return { name: (await d.store.getStaff(who))?.name ?? who };
}

/** The language of the link's recipient: the case's for the patient, the office's, or the staff member's. */
async function languageOf(
  d: Pick<UseCaseDeps, 'store'>,
  link: ActionLink,
  c: Case | undefined,
): Promise<Language> {
  if (link.recipient === 'patient') return c?.language ?? 'en';
  if (link.recipient === 'office') return 'en';
  return (await d.store.getStaff(link.recipient))?.languages[0] ?? 'en';
}

/** A case action is open while it makes sense: a view always, a re-opening while the case is expired unpaid. */
async function resolveCaseAction(
  d: Pick<UseCaseDeps, 'store'>,
  link: ActionLink,
  c: Case,
  language: Language,
): Promise<LinkState> {
  if (link.usedAt) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await decidedBy(d, link.recipient),
      decision: link.decision,
      at: link.usedAt,
    };
  }
  if (link.decision === 'reopen' && !(c.status === 'expired' && c.stoppedAt === 'payment'))
    return { kind: 'closed', language, reference: c.reference };
  return { kind: 'open', language, link, case: c };
}

/** A task link is open while its task is: done, it shows who did it and when; cancelled, that it moved on. */
async function resolveTaskLink(
  d: Pick<UseCaseDeps, 'store'>,
  link: ActionLink & { taskId: string },
  c: Case,
  language: Language,
): Promise<LinkState> {
  const task = await d.store.getTask(c.caseId, link.taskId);
  if (!task) return { kind: 'invalid' };
  const done = task.result ?? (link.usedAt ? { by: link.recipient, at: link.usedAt } : undefined);
  if (done) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await decidedBy(d, done.by),
      decision: link.decision,
      at: done.at,
    };
  }
  if (task.status !== 'open') return { kind: 'closed', language, reference: c.reference };
  return { kind: 'open', language, link, case: c, task };
}

export async function resolveLink(
  d: Pick<UseCaseDeps, 'clock' | 'store'>,
  token: string,
): Promise<LinkState> {
  if (!TOKEN.test(token)) return { kind: 'invalid' };
  const link = await d.store.getLink(hashToken(token));
  if (!link) return { kind: 'invalid' };
  const c = await d.store.getCase(link.caseId);
  const language = await languageOf(d, link, c);
  // dynalite has no TTL: expiry is checked on every read.
  if (d.clock.now().toISOString() > link.expiresAt) return { kind: 'expired', language };
  if (!c) return { kind: 'invalid' };
  if (link.taskId) return resolveTaskLink(d, { ...link, taskId: link.taskId }, c, language);
  if (!link.step) return resolveCaseAction(d, link, c, language);
  const wait = await d.store.getWait(link.caseId, link.step);
  const sameWait = wait?.openedAt === link.waitOpenedAt;
  if (sameWait && wait?.decision) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await decidedBy(d, wait.decidedBy ?? ''),
      decision: wait.decision,
      at: wait.decidedAt ?? '',
    };
  }
  if (link.usedAt) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await decidedBy(d, link.recipient),
      decision: link.decision,
      at: link.usedAt,
    };
  }
  if (!wait || !sameWait || c.status !== stepStatus(link.step))
    return { kind: 'closed', language, reference: c.reference };
  if ((wait.generations?.[link.recipient] ?? 0) > (link.generation ?? 0))
    return { kind: 'superseded', language, reference: c.reference };
  return { kind: 'open', language, link, case: c, wait };
}
