/**
 * What an office link shows and what its form does, once. A statement exception: accept an
 * underpayment as paid in full, give an unmatched credit to the case it belongs to, refund it, or
 * leave it as it is. A refund task: record the transfer made. A late payment, or a paid case the
 * service stopped: cancel the case and refund it. The link is used (conditionally) before it acts:
 * a second POST finds it used.
 */
import { normaliseCaseReference } from '#domain/ids.ts';
import { type ItemId, type RefundReason, refundableCents } from '#domain/ledger.ts';
import { isStopped, isWithdrawable } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type OfficeLink, type PaymentException, type UseCaseDeps } from '../ports.ts';
import { applyCredit, type CreditNotice } from './import-statement.ts';
import { confirmPaid, loadLedger, stableId } from './ledger.ts';
import { type OfficeLinkState, resolveOfficeLink } from './office-links.ts';
import { openRefund, recordRefundDone } from './refunds.ts';
import { withdrawCase } from './withdraw-case.ts';

/** What the office's links tell: a credit's outcome, a refund to make or made, a case withdrawn. */
export type OfficeLinkNotice = CreditNotice | 'refund_due' | 'refund_done' | 'case_withdrawn';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<OfficeLinkNotice>;

export const RESOLUTIONS = ['accept', 'assign', 'refund', 'dismiss'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface OfficeLinkView {
  purpose: OfficeLink['purpose'];
  reference?: string;
  amountCents: number;
  valueDate?: string;
  payerName?: string;
  payerIban?: string;
  /** What the payer typed (shown to the office only, never emailed). */
  remittance?: string;
  exceptionKind?: PaymentException['kind'];
  refundReason?: RefundReason;
  /** What the office may do with an exception. */
  resolutions: Resolution[];
}

export type OfficeLinkPage =
  | Exclude<OfficeLinkState, { kind: 'open' }>
  | { kind: 'open'; view: OfficeLinkView };

const CHOICES: Record<PaymentException['kind'], Resolution[]> = {
  underpayment: ['accept', 'refund', 'dismiss'],
  overpayment: ['refund', 'dismiss'],
  duplicate_line: ['refund', 'dismiss'],
  closed_case: ['refund', 'dismiss'],
  unknown_reference: ['assign', 'refund', 'dismiss'],
  wrong_check_digit: ['assign', 'refund', 'dismiss'],
};

async function caseReference(d: Pick<Deps, 'store'>, caseId: string | undefined) {
  return caseId ? (await d.store.getCase(caseId))?.reference : undefined;
}

/** What the link's page shows; reading it changes nothing. */
export async function officeLinkPage(d: Deps, token: string): Promise<OfficeLinkPage> {
  const state = await resolveOfficeLink(d, token);
  if (state.kind !== 'open') return state;
  const { link } = state;
  switch (link.purpose) {
    case 'exception': {
      const x = await d.store.getException(link.id);
      if (!x) return { kind: 'invalid' };
      if (x.resolvedAt) return { kind: 'used', at: x.resolvedAt };
      const reference = (await caseReference(d, x.caseId)) ?? x.probableReference;
      return {
        kind: 'open',
        view: {
          purpose: 'exception',
          ...(reference ? { reference } : {}),
          amountCents: x.credit.amountCents,
          valueDate: x.credit.valueDate,
          ...(x.credit.payerName ? { payerName: x.credit.payerName } : {}),
          ...(x.credit.payerIban ? { payerIban: x.credit.payerIban } : {}),
          remittance: x.credit.remittance,
          exceptionKind: x.kind,
          resolutions: CHOICES[x.kind],
        },
      };
    }
    case 'refund': {
      const r = await d.store.getRefund(link.caseId, link.id);
      if (!r) return { kind: 'invalid' };
      if (r.doneAt || r.cancelledAt) return { kind: 'used', at: r.doneAt ?? r.cancelledAt! };
      const reference = await caseReference(d, r.caseId);
      return {
        kind: 'open',
        view: {
          purpose: 'refund',
          ...(reference ? { reference } : {}),
          amountCents: r.amountCents,
          ...(r.payerName ? { payerName: r.payerName } : {}),
          ...(r.payerIban ? { payerIban: r.payerIban } : {}),
          refundReason: r.reason,
          resolutions: [],
        },
      };
    }
    case 'withdraw': {
      const c = await d.store.getCase(link.id);
      if (!c) return { kind: 'invalid' };
      // Cancelled since (or over): nothing is left to withdraw.
      if (!isWithdrawable(c.status)) return { kind: 'used', at: c.closedAt ?? c.updatedAt };
      const { payments, refunds } = await d.store.getLedger(c.caseId);
      return {
        kind: 'open',
        view: {
          purpose: 'withdraw',
          reference: c.reference,
          amountCents: refundableCents(payments, refunds),
          // Why the money goes back: it came late, or the service could not finish the case.
          refundReason: isStopped(c.status) ? 'failed' : 'late_payment',
          resolutions: [],
        },
      };
    }
  }
}

export interface OfficeForm {
  resolution?: string;
  /** assign: the case reference the credit belongs to. */
  reference?: string;
  /** refund: the bank's reference of the transfer back. */
  bankReference?: string;
  note?: string;
}

/** Acts once; returns the page state after acting (done) or why it could not. */
export async function actOnOfficeLink(
  d: Deps,
  token: string,
  form: OfficeForm,
  by = 'office',
): Promise<Exclude<OfficeLinkPage, { kind: 'open' }> | { kind: 'done'; purpose: OfficeLink['purpose'] }> {
  const page = await officeLinkPage(d, token);
  if (page.kind !== 'open') return page;
  const state = await resolveOfficeLink(d, token);
  if (state.kind !== 'open') return state;
  const { link } = state;
  const resolution = form.resolution as Resolution | undefined;
  if (link.purpose === 'exception' && (!resolution || !page.view.resolutions.includes(resolution)))
    throw new Refusal('resolution_invalid');
  let target: string | undefined;
  if (resolution === 'assign') {
    target = normaliseCaseReference(form.reference ?? '');
    if (!(await d.store.getCaseIdByReference(target))) throw new Refusal('reference_unknown');
  }
  const at = d.clock.now().toISOString();
  try {
    await d.store.useOfficeLink(link.tokenHash, at);
  } catch (err) {
    if (err instanceof ConflictError) return { kind: 'used', at };
    throw err;
  }
  switch (link.purpose) {
    case 'refund':
      await recordRefundDone(d, link.caseId, link.id, by, form.bankReference);
      break;
    case 'withdraw':
      await withdrawCase(d, link.id, by, page.view.refundReason === 'failed' ? 'failed' : 'late_payment');
      break;
    case 'exception':
      await resolveException(d, link.id, resolution!, by, at, target, form.note);
      break;
  }
  return { kind: 'done', purpose: link.purpose };
}

async function resolveException(
  d: Deps,
  exceptionId: string,
  resolution: Resolution,
  by: string,
  at: string,
  target: string | undefined,
  note: string | undefined,
): Promise<void> {
  const x = await d.store.resolveException(exceptionId, {
    resolvedAt: at,
    resolvedBy: by,
    resolution,
    ...(note ? { note } : {}),
  });
  if (x.caseId) await audit(d, x.caseId, by, 'payment_exception_resolved', { exceptionId, resolution });
  switch (resolution) {
    case 'accept': {
      // Less than asked, accepted as paid in full: the amount is settled and its step goes on.
      if (!x.caseId || !x.itemId) return;
      await d.store.updateDue(x.caseId, x.itemId, { settledAt: at, settledBy: by });
      await confirmPaid(d, x.caseId, x.itemId, x.paymentId ?? exceptionId);
      return;
    }
    case 'assign': {
      const itemId = await outstandingItem(d, target!);
      await applyCredit(
        d,
        x.credit,
        x.fileSha256,
        { caseReference: target!, itemId },
        stableId('X', x.credit.lineKey, 'assigned'),
      );
      return;
    }
    case 'refund': {
      const amountCents = await refundAmount(d, x);
      await openRefund(d, {
        ...(x.caseId ? { caseId: x.caseId } : {}),
        ...((x.caseId && (await caseReference(d, x.caseId))) || x.probableReference
          ? { reference: (await caseReference(d, x.caseId)) ?? x.probableReference }
          : {}),
        amountCents,
        reason: REFUND_REASON[x.kind],
        ...(x.paymentId ? { paymentId: x.paymentId } : {}),
        ...(x.credit.payerName ? { payerName: x.credit.payerName } : {}),
        ...(x.credit.payerIban ? { payerIban: x.credit.payerIban } : {}),
        by,
        key: `exception:${exceptionId}`,
      });
      return;
    }
    case 'dismiss':
      return;
  }
}

const REFUND_REASON: Record<PaymentException['kind'], RefundReason> = {
  underpayment: 'cancelled',
  overpayment: 'overpayment',
  duplicate_line: 'duplicate',
  closed_case: 'closed_case',
  unknown_reference: 'unknown_payer',
  wrong_check_digit: 'unknown_payer',
};

/** An overpayment gives back what exceeds the amount due; anything else the whole credit. */
async function refundAmount(d: Deps, x: PaymentException): Promise<number> {
  if (x.kind !== 'overpayment' || !x.caseId || !x.itemId) return x.credit.amountCents;
  const c = await d.store.getCase(x.caseId);
  if (!c) return x.credit.amountCents;
  const ledger = await loadLedger(d, c);
  const due = ledger.dues.find((y) => y.itemId === x.itemId);
  const paid = ledger.payments.filter((p) => p.itemId === x.itemId).reduce((s, p) => s + p.amountCents, 0);
  return due ? Math.min(x.credit.amountCents, Math.max(0, paid - due.amountCents)) : x.credit.amountCents;
}

/** The amount due of a case a credit the office assigns pays: the first one still open, else its price. */
async function outstandingItem(d: Deps, reference: string): Promise<ItemId> {
  const caseId = await d.store.getCaseIdByReference(reference);
  const c = caseId ? await d.store.getCase(caseId) : undefined;
  if (!c) return 'case';
  const ledger = await loadLedger(d, c);
  const paid = (itemId: ItemId) =>
    ledger.payments.filter((p) => p.itemId === itemId).reduce((s, p) => s + p.amountCents, 0);
  const open = ledger.dues.find((x) => !x.cancelledAt && !x.settledAt && paid(x.itemId) < x.amountCents);
  return open?.itemId ?? 'case';
}
