/** The price of a case when triage completes it, and the physician an update at EUR 350 goes to. */
import type { Case } from '#domain/model.ts';
import { quoteCase } from '#domain/pricing.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function quoteFor(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
): Promise<Pick<Case, 'quote' | 'autoAssignTo'>> {
  const requestedAt = new Date(c.submittedAt ?? c.createdAt);
  const previous = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  const physician = previous?.assigneeId ? await d.store.getStaff(previous.assigneeId) : undefined;
  const samePhysician = Boolean(physician?.active && physician.roles.includes('specialist'));
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
  return { quote, autoAssignTo: discounted ? physician?.staffId : undefined };
}
