/**
 * A bank statement as the matcher reads it (the camt.053 adapter builds it): the credits booked
 * to the account, one per transaction (a batch entry gives one credit per transaction), with the
 * remittance text the payer typed. Debits and other currencies are kept out by the adapter.
 */

/** A day's statement of a hospital account is a few hundred kilobytes; a month's a few megabytes. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

/** The file is not a statement the reader understands (or is too large to be one). */
export class StatementFormatError extends Error {
  readonly code = 'statement_invalid';
}

/** Where the office drops statement files in the documents bucket; each new one is imported. */
export const STATEMENTS_PREFIX = 'statements/';

export interface StatementCredit {
  /** The transaction's identity: the bank's reference, or a digest of its content when there is none. */
  lineKey: string;
  statementId: string;
  /** The account credited (IBAN, no spaces). */
  account: string;
  /** What the payer sent, in cents (the instructed amount when the bank gives it). */
  amountCents: number;
  /** What reached the account, in cents (the amount less bank charges). */
  creditedCents: number;
  /** YYYY-MM-DD */
  bookingDate: string;
  /** YYYY-MM-DD */
  valueDate: string;
  payerName?: string;
  payerIban?: string;
  bankReference?: string;
  endToEndId?: string;
  /** Everything the payer typed (unstructured and structured remittance), joined by spaces. */
  remittance: string;
}

export interface ParsedStatement {
  statementIds: string[];
  credits: StatementCredit[];
  /** Lines that were not credits in euro (debits, reversals, other currencies): counted, not matched. */
  skipped: number;
}
