/**
 * Money going back. A refund task is opened when the office withdraws a paid case, or when the
 * office decides a statement credit is to be returned; the office makes the transfer and records
 * it with the task's link (once), and the patient is told.
 */
import { type Refund, type RefundReason, refundableCents } from '#domain/ledger.ts';
import type { Case } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { OFFICE } from '../common/people.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { stableId } from './ledger.ts';
import { createOfficeLink } from './office-links.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'>;

export interface RefundRequest {
  caseId?: string;
  reference?: string;
  amountCents: number;
  reason: RefundReason;
  paymentId?: string;
  payerName?: string;
  payerIban?: string;
  by: string;
  /** What makes this refund one of a kind (a retried call opens it once). */
  key: string;
}

/** Opens a refund task once and tells the office; returns it (the existing one on a retry). */
export async function openRefund(d: Deps & Notifies<'refund_due'>, r: RefundRequest): Promise<Refund> {
  const refund: Refund = {
    refundId: stableId('R', r.caseId ?? '', r.key),
    ...(r.caseId ? { caseId: r.caseId } : {}),
    amountCents: r.amountCents,
    reason: r.reason,
    ...(r.paymentId ? { paymentId: r.paymentId } : {}),
    ...(r.payerName ? { payerName: r.payerName } : {}),
    ...(r.payerIban ? { payerIban: r.payerIban } : {}),
    createdAt: d.clock.now().toISOString(),
    createdBy: r.by,
  };
  try {
    await d.store.putRefund(refund);
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return (await d.store.getRefund(r.caseId, refund.refundId)) ?? refund;
  }
  if (r.caseId) {
    await audit(d, r.caseId, r.by, 'refund_opened', {
      refundId: refund.refundId,
      amountCents: r.amountCents,
      reason: r.reason,
    });
  }
  await d.notifier.notify({
    kind: 'refund_due',
    to: OFFICE,
    ...(r.caseId ? { caseId: r.caseId } : {}),
    data: {
      ...(r.reference ? { reference: r.reference } : {}),
      amountCents: r.amountCents,
      reason: r.reason,
      refundUrl: await createOfficeLink(d, 'refund', refund.refundId, r.caseId),
    },
  });
  return refund;
}

/** A paid case that is cancelled or stops: everything received and not yet returned goes back. */
export async function refundWhatWasPaid(
  d: Deps & Notifies<'refund_due'>,
  c: Case,
  reason: RefundReason,
  by: string,
) {
  const ledger = await d.store.getLedger(c.caseId);
  const amountCents = refundableCents(ledger.payments, ledger.refunds);
  if (amountCents <= 0) return undefined;
  const payer = [...ledger.payments].reverse().find((p) => p.payerIban || p.payerName);
  return openRefund(d, {
    caseId: c.caseId,
    reference: c.reference,
    amountCents,
    reason,
    ...(payer?.payerName ? { payerName: payer.payerName } : {}),
    ...(payer?.payerIban ? { payerIban: payer.payerIban } : {}),
    by,
    key: `${reason}:${c.resumes ?? 0}:${ledger.refunds.length}`,
  });
}

/** The office made the transfer: recorded once, and the patient is told. */
export async function recordRefundDone(
  d: Deps & Notifies<'refund_done'>,
  caseId: string | undefined,
  refundId: string,
  by: string,
  bankReference?: string,
): Promise<Refund> {
  const at = d.clock.now().toISOString();
  const done = await d.store.closeRefund(caseId, refundId, {
    doneAt: at,
    doneBy: by,
    ...(bankReference ? { bankReference } : {}),
  });
  if (caseId) {
    await audit(d, caseId, by, 'refund_done', { refundId, amountCents: done.amountCents });
    const c = await d.store.getCase(caseId);
    if (c) {
      await tellApplicants(d, c, 'refund_done', () => ({
        reference: c.reference,
        amountCents: done.amountCents,
      }));
    }
  }
  return done;
}
