/**
 * The case operations name: by its reference as people read it (SO-2026-7K3Q-XM4D, any case or
 * spacing) or by its id; and the open wait of the step it is in, if any.
 */
import { normaliseCaseReference } from '#domain/ids.ts';
import type { Case, Step, Wait } from '#domain/model.ts';
import { stepOfStatus } from '#domain/wait-policy.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function findCase(d: Pick<UseCaseDeps, 'store'>, referenceOrId: string): Promise<Case> {
  const byReference = await d.store.getCaseIdByReference(normaliseCaseReference(referenceOrId));
  const c = await d.store.getCase(byReference ?? referenceOrId.trim());
  if (!c) throw new Refusal('not_found');
  return c;
}

/** A wait is open until a decision is recorded on it or applied (a system outcome is applied only). */
export function isOpenWait(wait: Wait | undefined): wait is Wait {
  return Boolean(wait && !wait.decision && !wait.applied);
}

/** The step the case is in and its open wait; refuses when the case waits on nothing. */
export async function openWaitOf(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
): Promise<{ step: Step; wait: Wait }> {
  const step = stepOfStatus(c.status);
  const wait = step ? await d.store.getWait(c.caseId, step) : undefined;
  if (!step || !isOpenWait(wait)) throw new Refusal('not_waiting');
  return { step, wait };
}

/** Everyone a wait asks: whoever it was sent to, and whoever got links later (leads, a reassignment). */
export function askedBy(wait: Wait): string[] {
  return [...new Set([...wait.recipients, ...Object.keys(wait.generations ?? {})])];
}
