/**
 * What a link's page shows of the decision itself: the reference, the due time, the amounts and
 * the choices the form offers. What staff see of the case beside it is the staff view
 * (staff-view.ts); the patient sees no more than this.
 */
import type { UseCaseDeps } from '../ports.ts';
import type { LinkState } from './resolve-link.ts';

export interface LinkSummary {
  reference: string;
  consultationTypes: readonly string[];
  /** ISO instant: when the wait is due (none for a case action). */
  dueAt?: string;
  amountCents?: number;
  additional?: { consultation: string; reason: string; amountCents: number };
  requestedDocuments?: string[];
  /** The specialist an assignment link proposes. */
  candidate?: string;
  /** The consultations a specialist may propose, with their prices. */
  prices?: Readonly<Record<string, number>>;
}

export async function linkSummary(
  d: Pick<UseCaseDeps, 'config' | 'store'>,
  state: Extract<LinkState, { kind: 'open' }>,
): Promise<LinkSummary> {
  const c = state.case;
  const decision = state.link.decision;
  const specialistId = state.link.params?.specialistId;
  const candidate = specialistId ? (await d.store.getStaff(specialistId))?.name : undefined;
  return {
    reference: c.reference,
    consultationTypes: c.consultationTypes,
    ...(state.wait ? { dueAt: state.wait.dueAt } : {}),
    ...(c.quote ? { amountCents: c.quote.totalCents } : {}),
    ...(c.additional
      ? {
          additional: {
            consultation: c.additional.consultation,
            reason: c.additional.reason,
            amountCents: c.additional.quote.totalCents,
          },
        }
      : {}),
    ...(c.requestedDocuments ? { requestedDocuments: c.requestedDocuments } : {}),
    ...(candidate ? { candidate } : {}),
    ...(decision === 'request_additional' ? { prices: d.config.ADDITIONAL_PRICES } : {}),
  };
}
