/**
 * Imports a bank statement (parsed from a camt.053 file by the adapter): every credit to our
 * account is matched to an amount due by the RF reference found in what the payer typed. An exact
 * payment is recorded and moves the case on (a late one for an expired case re-opens it first);
 * anything else (less or more than owed, an unknown or mistyped reference, a second transfer, money
 * for a closed case) goes to the office as an exception with a link. Each credit is recorded once by
 * its statement line, so the same file (or two files with overlapping days) changes nothing twice.
 */
import type { ItemId, Payment } from '#domain/ledger.ts';
import type { Case } from '#domain/model.ts';
import { assessCredit, type CaseStanding, type CreditOutcome, findReference } from '#domain/remittance.ts';
import type { ParsedStatement, StatementCredit } from '#domain/statement.ts';
import { audit } from '../common/audit.ts';
import { createCaseLink } from '../common/links.ts';
import { OFFICE } from '../common/people.ts';
import type { Notifies } from '../notices.ts';
import { resumeCase } from '../operations/resume-case.ts';
import { ConflictError, type PaymentException, type UseCaseDeps } from '../ports.ts';
import { confirmPaid, loadLedger, recordPayment, stableId } from './ledger.ts';
import { createOfficeLink } from './office-links.ts';

/** What a credit tells the office: a late payment that re-opened its case, or a credit to decide on. */
export type CreditNotice = 'late_payment_reopened' | 'payment_exception';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<CreditNotice>;

export type LineResult =
  | 'paid'
  | 'reopened'
  | 'reconciled'
  | 'exception'
  | 'already_imported'
  | 'other_account';

export interface ImportSummary {
  sha256: string;
  /** The same file was imported before: nothing was done. */
  alreadyImported: boolean;
  credits: number;
  skipped: number;
  results: Record<LineResult, number>;
}

/** Where a case stands for money arriving for it. */
export function standingOf(c: Case): CaseStanding {
  if (c.status === 'expired' && c.stoppedAt === 'payment' && !c.paidAt) return 'expired_unpaid';
  if (['released', 'rejected', 'cancelled', 'expired'].includes(c.status)) return 'closed';
  return 'open';
}

export async function importStatement(
  d: Deps,
  input: { sha256: string; statement: ParsedStatement; by: string },
): Promise<ImportSummary> {
  const results: Record<LineResult, number> = {
    paid: 0,
    reopened: 0,
    reconciled: 0,
    exception: 0,
    already_imported: 0,
    other_account: 0,
  };
  const summary = {
    sha256: input.sha256,
    credits: input.statement.credits.length,
    skipped: input.statement.skipped,
    results,
  };
  if (await d.store.getStatementImport(input.sha256)) return { ...summary, alreadyImported: true };
  for (const credit of input.statement.credits) {
    // A statement of another of the hospital's accounts: not money patients were asked to send here.
    if (credit.account && credit.account !== d.config.BANK_IBAN) {
      results.other_account++;
      continue;
    }
    results[await importCredit(d, credit, input.sha256)]++;
  }
  await d.store.putStatementImport({
    sha256: input.sha256,
    statementIds: input.statement.statementIds,
    credits: input.statement.credits.length,
    importedAt: d.clock.now().toISOString(),
    by: input.by,
  });
  return { ...summary, alreadyImported: false };
}

async function importCredit(d: Deps, credit: StatementCredit, fileSha256: string): Promise<LineResult> {
  const found = findReference(credit.remittance);
  const exceptionId = stableId('X', credit.lineKey);
  if (found.kind !== 'valid') {
    return raise(d, {
      exceptionId,
      kind: found.kind === 'wrong_check_digit' ? 'wrong_check_digit' : 'unknown_reference',
      credit,
      fileSha256,
      ...(found.kind === 'wrong_check_digit' || found.kind === 'case_reference'
        ? { probableReference: found.caseReference }
        : {}),
      createdAt: d.clock.now().toISOString(),
    });
  }
  return applyCredit(d, credit, fileSha256, found, exceptionId);
}

/**
 * A credit applied to the amount due of a case reference (found in its text, or named by the
 * office for a credit we could not match): recorded, and what it does to the case follows.
 */
export async function applyCredit(
  d: Deps,
  credit: StatementCredit,
  fileSha256: string,
  found: { caseReference: string; itemId: ItemId },
  exceptionId: string,
): Promise<LineResult> {
  const caseId = await d.store.getCaseIdByReference(found.caseReference);
  const c = caseId ? await d.store.getCase(caseId) : undefined;
  const ledger = c ? await loadLedger(d, c) : undefined;
  const due = ledger?.dues.find((x) => x.itemId === found.itemId);
  if (!c || !ledger || !due) {
    return raise(d, {
      exceptionId,
      kind: 'unknown_reference',
      credit,
      fileSha256,
      probableReference: found.caseReference,
      createdAt: d.clock.now().toISOString(),
    });
  }
  const paymentId = stableId('S', credit.lineKey);
  if (ledger.payments.some((p) => p.paymentId === paymentId || p.line?.lineKey === credit.lineKey)) {
    return 'already_imported';
  }
  const outcome = assessCredit({
    amountCents: credit.amountCents,
    standing: standingOf(c),
    due,
    payments: ledger.payments,
  });
  const line = {
    lineKey: credit.lineKey,
    fileSha256,
    statementId: credit.statementId,
    bookingDate: credit.bookingDate,
    ...(credit.bankReference ? { bankReference: credit.bankReference } : {}),
  };
  const payer = {
    ...(credit.payerName ? { payerName: credit.payerName } : {}),
    ...(credit.payerIban ? { payerIban: credit.payerIban } : {}),
  };
  if (outcome.kind === 'reconciled') {
    try {
      await d.store.reconcilePayment(c.caseId, outcome.paymentId, line, payer);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    return 'reconciled';
  }
  if (outcome.kind === 'unmatched') {
    return raise(d, { exceptionId, kind: outcome.exception, credit, fileSha256, createdAt: now(d) });
  }
  const payment: Payment = {
    caseId: c.caseId,
    paymentId,
    itemId: due.itemId,
    amountCents: credit.amountCents,
    feesCents: credit.amountCents - credit.creditedCents,
    valueDate: credit.valueDate,
    ...payer,
    source: 'statement',
    line,
    recordedBy: 'system',
    recordedAt: now(d),
  };
  if (!(await recordPayment(d, payment))) return 'already_imported';
  await audit(d, c.caseId, 'system', 'payment_recorded', {
    paymentId,
    itemId: due.itemId,
    amountCents: credit.amountCents,
    valueDate: credit.valueDate,
  });
  const reopened = await moveOn(d, c, due.itemId, paymentId, outcome);
  if (outcome.kind === 'recorded') {
    return raise(d, {
      exceptionId,
      kind: outcome.exception,
      credit,
      fileSha256,
      caseId: c.caseId,
      itemId: due.itemId,
      paymentId,
      createdAt: now(d),
    });
  }
  return reopened ? 'reopened' : 'paid';
}

const now = (d: Pick<Deps, 'clock'>) => d.clock.now().toISOString();

/**
 * The amount is covered: its step is confirmed. A case that expired waiting for this payment is
 * re-opened at the payment step, whose wait finds it paid and confirms itself; the office is told
 * and may refund instead (its link cancels the case with a refund).
 */
async function moveOn(
  d: Deps,
  c: Case,
  itemId: ItemId,
  paymentId: string,
  outcome: Exclude<CreditOutcome, { kind: 'reconciled' | 'unmatched' }>,
): Promise<boolean> {
  const paid = outcome.kind === 'paid' || outcome.paid;
  if (!paid) return false;
  if (outcome.reopen) {
    await resumeCase(d, c.caseId, 'system', 'payment', 'reopened');
    const amountCents = (await d.store.getLedger(c.caseId)).payments
      .filter((p) => p.itemId === itemId)
      .reduce((s, p) => s + p.amountCents, 0);
    await d.notifier.notify({
      kind: 'late_payment_reopened',
      to: OFFICE,
      caseId: c.caseId,
      data: {
        reference: c.reference,
        amountCents,
        viewUrl: await createCaseLink(d, c.caseId, 'office', 'view'),
        refundUrl: await createOfficeLink(d, 'withdraw', c.caseId, c.caseId),
      },
    });
    return true;
  }
  await confirmPaid(d, c.caseId, itemId, paymentId);
  return false;
}

/** Keeps the credit aside for the office (once per statement line) and sends them its link. */
async function raise(d: Deps, exception: PaymentException): Promise<'exception' | 'already_imported'> {
  try {
    await d.store.putException(exception);
  } catch (err) {
    if (err instanceof ConflictError) return 'already_imported';
    throw err;
  }
  if (exception.caseId) {
    await audit(d, exception.caseId, 'system', 'payment_exception', {
      exceptionId: exception.exceptionId,
      kind: exception.kind,
      amountCents: exception.credit.amountCents,
    });
  }
  const reference = exception.caseId
    ? (await d.store.getCase(exception.caseId))?.reference
    : exception.probableReference;
  await d.notifier.notify({
    kind: 'payment_exception',
    to: OFFICE,
    ...(exception.caseId ? { caseId: exception.caseId } : {}),
    data: {
      kind: exception.kind,
      ...(reference ? { reference } : {}),
      amountCents: exception.credit.amountCents,
      valueDate: exception.credit.valueDate,
      resolveUrl: await createOfficeLink(d, 'exception', exception.exceptionId, exception.caseId),
    },
  });
  return 'exception';
}
