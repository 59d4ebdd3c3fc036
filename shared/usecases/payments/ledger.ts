/**
 * The ledger of a case as the use cases read and write it: the amounts due (opened when triage
 * prices the case and when the patient approves an additional consultation), the payments recorded
 * on them, and what a covered amount does to the step waiting for it (its wait is decided, once).
 * A case priced before the ledger existed reads its quote as its one amount due.
 */
import { createHash } from 'node:crypto';
import type { AmountDue, BillingMode, ItemId, Payment } from '#domain/ledger.ts';
import type { Case, Step } from '#domain/model.ts';
import { PRICE_CENTS, type Quote } from '#domain/pricing.ts';
import { itemReference } from '#domain/remittance.ts';
import { stepStatus } from '#domain/wait-policy.ts';
import { ConflictError, type Ledger, type UseCaseDeps } from '../ports.ts';
import { decide } from '../workflow/decision.ts';

/** A short, stable id from what identifies a record (a statement line, a wait): the same input, the same id. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20)}`;
}

/** The amounts due, payments and refunds of a case; a case priced before the ledger reads its quote as due. */
export async function loadLedger(d: Pick<UseCaseDeps, 'store'>, c: Case): Promise<Ledger> {
  const ledger = await d.store.getLedger(c.caseId);
  if (c.quote && !ledger.dues.some((x) => x.itemId === 'case')) {
    ledger.dues.unshift(caseDue(c, c.quote, c.updatedAt));
  }
  return ledger;
}

function caseDue(c: Case, quote: Quote, at: string): AmountDue {
  return {
    caseId: c.caseId,
    itemId: 'case',
    reference: c.paymentReference,
    lines: quote.lines,
    amountCents: quote.totalCents,
    billing: 'prepaid',
    createdAt: at,
  };
}

/** Opens an amount due once: a retried task finds it there and goes on. */
async function putOnce(d: Pick<UseCaseDeps, 'store'>, due: AmountDue): Promise<AmountDue> {
  try {
    await d.store.putDue(due);
    return due;
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return (await d.store.getLedger(due.caseId)).dues.find((x) => x.itemId === due.itemId) ?? due;
  }
}

/** The case's price as its first amount due, with the case's payment reference. */
export function openCaseDue(d: Pick<UseCaseDeps, 'store'>, c: Case, quote: Quote, at: string) {
  return putOnce(d, caseDue(c, quote, at));
}

/** The amount due of the next approved additional consultation, with its own reference. */
export function openAdditionalDue(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
  quote: Quote,
  billing: BillingMode,
  at: string,
): Promise<AmountDue> {
  // A retried apply finds the item of this answer: it was opened with it.
  const pending = pendingConsultationItem(c);
  return openNextItem(d, c, (x) => pending !== undefined && x.itemId === pending, {
    lines: quote.lines,
    amountCents: quote.totalCents,
    billing,
    createdAt: at,
  });
}

/**
 * The courier asked for after the case was priced: an amount due of its own, the next item's RF
 * (the case's price may already be paid). Opened once: a second request finds it.
 */
export function openCourierDue(d: Pick<UseCaseDeps, 'store'>, c: Case, at: string): Promise<AmountDue> {
  const courier = (x: AmountDue) => x.itemId !== 'case' && x.lines.some((l) => l.code === 'courier');
  return openNextItem(d, c, courier, {
    lines: [{ code: 'courier', amountCents: PRICE_CENTS.courier }],
    amountCents: PRICE_CENTS.courier,
    billing: 'prepaid',
    createdAt: at,
  });
}

/** The amount due the ledger already holds (`opened`), or a new one as the next item with its own RF. */
async function openNextItem(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
  opened: (due: AmountDue) => boolean,
  due: Omit<AmountDue, 'caseId' | 'itemId' | 'reference'>,
): Promise<AmountDue> {
  const ledger = await d.store.getLedger(c.caseId);
  const existing = ledger.dues.find(opened);
  if (existing) return existing;
  const itemId = nextItemId(ledger);
  return putOnce(d, { caseId: c.caseId, itemId, reference: itemReference(c.reference, itemId), ...due });
}

/** The amount due of the approved consultations whose work has not started (not paid yet). */
export function pendingConsultationItem(c: Case): ItemId | undefined {
  return (c.consultations ?? []).find((x) => x.status === 'approved' && x.itemId && !x.paidAt && !x.taskIds)
    ?.itemId as ItemId | undefined;
}

/** The item the next additional consultation of a case would get, and its reference (shown before approval). */
export async function nextAdditionalReference(d: Pick<UseCaseDeps, 'store'>, c: Case): Promise<string> {
  const pending = pendingConsultationItem(c);
  if (pending) return itemReference(c.reference, pending);
  return itemReference(c.reference, nextItemId(await d.store.getLedger(c.caseId)));
}

/** The ledger's next item after the case's own price: additional-1, additional-2, ... */
function nextItemId(ledger: { dues: readonly AmountDue[] }): ItemId {
  return `additional-${ledger.dues.filter((x) => x.itemId !== 'case').length + 1}`;
}

/** Records a payment once; false when this payment (the same statement line or wait) is there already. */
export async function recordPayment(d: Pick<UseCaseDeps, 'store'>, payment: Payment): Promise<boolean> {
  try {
    await d.store.putPayment(payment);
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

/** The step whose wait an amount due settles, if the case waits for it now. */
export function stepPaidBy(c: Case, itemId: ItemId): Step | undefined {
  if (itemId === 'case') return c.status === stepStatus('payment') ? 'payment' : undefined;
  return c.status === stepStatus('additional_payment') && pendingConsultationItem(c) === itemId
    ? 'additional_payment'
    : undefined;
}

/**
 * The amount is paid: the step waiting for it is confirmed (by "system"). A wait not open yet (or
 * being re-entered) confirms itself when it opens and finds the amount paid.
 */
export async function confirmPaid(
  d: Pick<UseCaseDeps, 'store' | 'workflow' | 'clock'>,
  caseId: string,
  itemId: ItemId,
  paymentId: string,
): Promise<'resumed' | 'recorded' | 'not_waiting'> {
  const c = await d.store.getCase(caseId);
  const step = c ? stepPaidBy(c, itemId) : undefined;
  if (!c || !step) return 'not_waiting';
  const wait = await d.store.getWait(caseId, step);
  if (!wait || wait.decision) return 'not_waiting';
  try {
    return await decide(d, caseId, step, wait.openedAt, {
      decision: 'confirm_payment',
      by: 'system',
      at: d.clock.now().toISOString(),
      values: { paymentId, itemId },
    });
  } catch (err) {
    // Someone (the office's link) decided first: the payment is recorded either way.
    if (err instanceof ConflictError) return 'not_waiting';
    throw err;
  }
}

/** Whether the amount due `itemId` is covered: paid in full, or settled by the office for less. */
export function isCovered(ledger: Ledger, itemId: ItemId): boolean {
  const due = ledger.dues.find((x) => x.itemId === itemId);
  if (!due) return false;
  if (due.settledAt) return true;
  const paid = ledger.payments.filter((p) => p.itemId === itemId).reduce((s, p) => s + p.amountCents, 0);
  return paid >= due.amountCents;
}
