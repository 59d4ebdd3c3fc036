/**
 * The ledger of a case: each amount due (the case's price, each approved additional consultation)
 * with its own ISO 11649 RF reference, each payment received (from a bank statement line or
 * recorded by the office), and each refund. References: the case's payment reference for its price
 * and, for the nth additional consultation, an RF built from the same case reference with the
 * suffix `A<n>` (RF.. SO2026XXXXXXXX A1; built in remittance.ts): every amount due has its own check
 * digits, and the reference alone names the case and the amount. Pure: amounts in integer cents,
 * dates as strings, and nothing a browser cannot load (the case page's words name its codes).
 */
import type { QuoteLine } from './pricing.ts';

/** How an additional consultation is billed: paid before the work starts, or invoiced later by the hospital. */
export const BILLING_MODES = ['prepaid', 'invoice'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

/** The case's price is item `case`; additional consultations are `additional-1`, `additional-2`... */
export type ItemId = 'case' | `additional-${number}`;

export interface AmountDue {
  caseId: string;
  itemId: ItemId;
  reference: string;
  lines: QuoteLine[];
  amountCents: number;
  billing: BillingMode;
  createdAt: string;
  /** The office accepted less than the amount as payment in full. */
  settledAt?: string;
  settledBy?: string;
  /** Nothing is owed any more: the additional consultation lapsed unpaid, or the case was withdrawn. */
  cancelledAt?: string;
}

/** The statement line a payment came from. */
export interface StatementLineRef {
  /** The line's identity: the bank's reference (or its content when the bank gives none). */
  lineKey: string;
  fileSha256: string;
  statementId: string;
  bookingDate: string;
  bankReference?: string;
}

export interface Payment {
  caseId: string;
  paymentId: string;
  itemId: ItemId;
  /** What the payer sent (the instructed amount when the bank gives it), in cents. */
  amountCents: number;
  /** Bank charges deducted before it reached the account, in cents. */
  feesCents: number;
  /** YYYY-MM-DD: when the money is ours. */
  valueDate: string;
  payerName?: string;
  /** The payer's account, for a refund (never in an email). */
  payerIban?: string;
  source: 'statement' | 'manual';
  /** The statement line (a manual payment gets one when a statement later shows the same transfer). */
  line?: StatementLineRef;
  /** "system" for a statement, or who recorded it by hand ("office", a staff id). */
  recordedBy: string;
  recordedAt: string;
}

export const REFUND_REASONS = [
  'cancelled',
  'failed',
  'overpayment',
  'duplicate',
  'closed_case',
  'late_payment',
  'unknown_payer',
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** What the office is asked to look at: the credit is kept aside (or recorded) until someone decides. */
export const EXCEPTION_KINDS = [
  'underpayment',
  'overpayment',
  'unknown_reference',
  'wrong_check_digit',
  'duplicate_line',
  'closed_case',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface Refund {
  refundId: string;
  /** Absent for money that belongs to no case (an unknown reference). */
  caseId?: string;
  amountCents: number;
  reason: RefundReason;
  paymentId?: string;
  payerName?: string;
  payerIban?: string;
  createdAt: string;
  createdBy: string;
  /** When the office recorded the transfer back, by whom, with the bank's reference. */
  doneAt?: string;
  doneBy?: string;
  bankReference?: string;
  /** Not needed after all (a stopped case resumed). */
  cancelledAt?: string;
}

/** The item of the nth additional consultation. */
export function additionalItem(n: number): ItemId {
  return `additional-${n}`;
}

export interface ItemBalance {
  itemId: ItemId;
  reference: string;
  amountCents: number;
  paidCents: number;
  refundedCents: number;
  /** Still to pay (0 once paid, settled or cancelled). */
  outstandingCents: number;
  billing: BillingMode;
  state: 'open' | 'paid' | 'settled' | 'cancelled';
}

export interface LedgerSummary {
  items: ItemBalance[];
  dueCents: number;
  paidCents: number;
  refundedCents: number;
  outstandingCents: number;
  /** Money received beyond what is owed and not yet refunded: the office decides what to do with it. */
  creditCents: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Refunds that count: recorded or still to do (not cancelled). */
function activeRefunds(refunds: readonly Refund[]): Refund[] {
  return refunds.filter((r) => !r.cancelledAt);
}

export function itemBalance(due: AmountDue, payments: readonly Payment[]): ItemBalance {
  const paid = sum(payments.filter((p) => p.itemId === due.itemId).map((p) => p.amountCents));
  const state = due.cancelledAt
    ? 'cancelled'
    : paid >= due.amountCents
      ? 'paid'
      : due.settledAt
        ? 'settled'
        : 'open';
  return {
    itemId: due.itemId,
    reference: due.reference,
    amountCents: due.amountCents,
    paidCents: paid,
    refundedCents: 0,
    outstandingCents: state === 'open' ? due.amountCents - paid : 0,
    billing: due.billing,
    state,
  };
}

/** What is due, paid, refunded and outstanding. */
export function summarise(
  dues: readonly AmountDue[],
  payments: readonly Payment[],
  refunds: readonly Refund[],
): LedgerSummary {
  const items = dues.map((d) => itemBalance(d, payments));
  const refunded = activeRefunds(refunds);
  for (const r of refunded) {
    const p = payments.find((x) => x.paymentId === r.paymentId);
    const item = items.find((i) => i.itemId === p?.itemId);
    if (item) item.refundedCents += r.amountCents;
  }
  const owed = sum(
    items.map((i) =>
      i.state === 'cancelled' ? 0 : i.state === 'settled' ? i.paidCents : Math.max(i.amountCents, 0),
    ),
  );
  const paidCents = sum(payments.map((p) => p.amountCents));
  const refundedCents = sum(refunded.map((r) => r.amountCents));
  return {
    items,
    dueCents: sum(items.filter((i) => i.state !== 'cancelled').map((i) => i.amountCents)),
    paidCents,
    refundedCents,
    outstandingCents: sum(items.map((i) => i.outstandingCents)),
    creditCents: Math.max(0, paidCents - refundedCents - owed),
  };
}

/** Money received and not refunded: what a cancellation or a failure after payment gives back. */
export function refundableCents(payments: readonly Payment[], refunds: readonly Refund[]): number {
  return Math.max(
    0,
    sum(payments.map((p) => p.amountCents)) - sum(activeRefunds(refunds).map((r) => r.amountCents)),
  );
}

/**
 * Euros typed by a person ("500", "500,00", "1.234,50", "1,234.50", "€ 500.00") as cents; undefined
 * when it is not an amount. The last separator followed by one or two digits is the decimal one.
 */
export function parseEuros(input: string): number | undefined {
  const s = input.replace(/[€\s]|EUR/gi, '');
  if (!/^\d{1,3}([.,']?\d{3})*([.,]\d{1,2})?$/.test(s) && !/^\d+([.,]\d{1,2})?$/.test(s)) return undefined;
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s);
  const whole = (m?.[1] ?? '').replace(/[.,']/g, '');
  const fraction = (m?.[2] ?? '').padEnd(2, '0');
  if (!/^\d+$/.test(whole)) return undefined;
  const cents = Number(whole) * 100 + Number(fraction || '0');
  return Number.isSafeInteger(cents) && cents > 0 ? cents : undefined;
}
