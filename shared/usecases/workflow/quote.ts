/**
 * The price of a case when triage completes it, and the physician an update at EUR 350 goes to.
 * Triage decides whether an update falls within the remit of the previous case's physician (EUR 350,
 * assigned to them) or goes to another doctor (EUR 500); without an answer the proposal stands.
 */
import type { Case, UpdateRemit } from '#domain/model.ts';
import { quoteCase, withinUpdateWindow } from '#domain/pricing.ts';
import type { UseCaseDeps } from '../ports.ts';

/** What triage is asked about an update: the previous physician, and whether they can still take it at EUR 350. */
export interface UpdateProposal {
  previousReference: string;
  physicianId?: string;
  physicianName?: string;
  /** The previous physician is active and the request is inside the 12 months: triage chooses. */
  eligible: boolean;
}

export async function updateProposal(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
): Promise<UpdateProposal | undefined> {
  const previous = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  if (!previous) return undefined;
  const physician = previous.assigneeId ? await d.store.getStaff(previous.assigneeId) : undefined;
  const active = Boolean(physician?.active && physician.roles.includes('specialist'));
  const inWindow = withinUpdateWindow(
    new Date(previous.submittedAt ?? previous.createdAt),
    new Date(c.submittedAt ?? c.createdAt),
  );
  return {
    previousReference: previous.reference,
    ...(physician ? { physicianId: physician.staffId, physicianName: physician.name } : {}),
    eligible: active && inWindow,
  };
}

export async function quoteFor(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
  remit?: UpdateRemit,
): Promise<Pick<Case, 'quote' | 'autoAssignTo' | 'updateRemit'>> {
  const requestedAt = new Date(c.submittedAt ?? c.createdAt);
  const previous = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  const proposal = previous ? await updateProposal(d, c) : undefined;
  const samePhysician = Boolean(proposal?.eligible) && remit !== 'other_physician';
  const quote = quoteCase({
    requestedAt,
    courier: c.courier,
    ...(previous
      ? {
          update: {
            previousRequestedAt: new Date(previous.submittedAt ?? previous.createdAt),
            samePhysician,
          },
        }
      : {}),
  });
  const discounted = quote.lines.some((l) => l.code === 'update');
  return {
    quote,
    autoAssignTo: discounted ? proposal?.physicianId : undefined,
    ...(previous ? { updateRemit: discounted ? 'same_physician' : 'other_physician' } : {}),
  };
}
