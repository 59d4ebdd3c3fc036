/**
 * Finding our RF reference in what a payer typed, and what a credit does to the amount it pays.
 *
 * The reference is looked for anywhere in the text, in any case and with any spacing ("rf18 so20
 * 26ab cdef gh", "Bonifico RF18SO2026ABCDEFGH Rossi"); letters a person confuses with digits in
 * the case reference's random part (O, I, L) are read as 0 and 1. A reference whose check digits
 * do not match is reported as such, never matched: a typo must not pay someone else's case.
 * Pure: the use case looks the case and its ledger up and acts on the outcome.
 */
import { isValidRfReference, paymentReference, rfCreditorReference } from './ids.ts';
import type { AmountDue, ExceptionKind, ItemId, Payment } from './ledger.ts';

export type ReferenceFinding =
  /** A reference with valid check digits: the case reference it names and which amount of it. */
  | { kind: 'valid'; rf: string; caseReference: string; itemId: ItemId }
  /** One of ours by its shape, but its check digits do not match: flagged, not matched. */
  | { kind: 'wrong_check_digit'; rf: string; caseReference: string; itemId: ItemId }
  /** A case reference without its RF (SO-2026-...): a hint for the office, never a match. */
  | { kind: 'case_reference'; caseReference: string }
  | { kind: 'none' };

const OURS = /RF(\d{2})(SO\d{4})([0-9A-Z]{8})(A\d{1,2})?/g;
const CASE_REFERENCE = /SO-?(\d{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})/;

/** O, I and L do not occur in a case reference: a person who typed them meant 0 and 1. */
function lookAlikes(random: string): string {
  return random.replace(/O/g, '0').replace(/[IL]/g, '1');
}

function itemOf(suffix: string | undefined): ItemId {
  return suffix ? `additional-${Number(suffix.slice(1))}` : 'case';
}

/** "SO2026" and "ABCDEFGH" -> "SO-2026-ABCD-EFGH". */
function caseReferenceOf(so: string, random: string): string {
  return `SO-${so.slice(2)}-${random.slice(0, 4)}-${random.slice(4)}`;
}

/** The RF reference of an amount due of a case. */
export function itemReference(caseReference: string, itemId: ItemId): string {
  if (itemId === 'case') return paymentReference(caseReference);
  const n = Number(itemId.slice('additional-'.length));
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no such amount due: ${itemId}`);
  return rfCreditorReference(`${caseReference.replace(/-/g, '')}A${n}`);
}

/** The first reference of ours in `text` (valid first, then one with wrong check digits). */
export function findReference(text: string): ReferenceFinding {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  let wrong: ReferenceFinding | undefined;
  for (const m of compact.matchAll(OURS)) {
    const [, check, so, rawRandom, suffix] = m as unknown as [string, string, string, string, string?];
    const random = lookAlikes(rawRandom);
    const caseReference = caseReferenceOf(so, random);
    // With the suffix first; a suffix-like tail that breaks the check digits may be other text.
    const bodies: [string, ItemId][] = suffix
      ? [
          [`${so}${random}${suffix}`, itemOf(suffix)],
          [`${so}${random}`, 'case'],
        ]
      : [[`${so}${random}`, 'case']];
    const valid = bodies.find(([body]) => isValidRfReference(`RF${check}${body}`));
    if (valid) return { kind: 'valid', rf: `RF${check}${valid[0]}`, caseReference, itemId: valid[1] };
    const [body, itemId] = bodies[0]!;
    wrong ??= { kind: 'wrong_check_digit', rf: `RF${check}${body}`, caseReference, itemId };
  }
  if (wrong) return wrong;
  const plain = CASE_REFERENCE.exec(text.toUpperCase());
  if (plain) {
    const [, year, a, b] = plain as unknown as [string, string, string, string];
    return { kind: 'case_reference', caseReference: `SO-${year}-${lookAlikes(a)}-${lookAlikes(b)}` };
  }
  return { kind: 'none' };
}

/** Where the case of a matched credit stands. */
export type CaseStanding =
  /** Waiting for this amount, or on its way (it may still be confirmed). */
  | 'open'
  /** Expired because the payment of its price did not arrive in time: a late payment re-opens it. */
  | 'expired_unpaid'
  /** Ended (released, rejected, cancelled, or expired earlier): the money is not owed. */
  | 'closed';

export type CreditOutcome =
  /** The amount is now paid in full: its step is confirmed (a late payment re-opens the case first). */
  | { kind: 'paid'; reopen: boolean }
  /** The same transfer the office recorded by hand: the statement line is attached to it, nothing else. */
  | { kind: 'reconciled'; paymentId: string }
  /** Recorded as a payment, and the office decides the rest (`paid`: the amount is covered and its step goes on). */
  | { kind: 'recorded'; exception: ExceptionKind; paid: boolean; reopen: boolean }
  /** Not recorded on any case: the office decides. */
  | { kind: 'unmatched'; exception: ExceptionKind };

/**
 * What a credit of `amountCents` for `due` does, given the payments it already has. An exact
 * amount pays it; more pays it and leaves an excess; less is recorded and the rest still owed.
 */
export function assessCredit(input: {
  amountCents: number;
  standing: CaseStanding;
  due: AmountDue;
  payments: readonly Payment[];
}): CreditOutcome {
  const { amountCents, due, standing } = input;
  const payments = input.payments.filter((p) => p.itemId === due.itemId);
  const manual = payments.find((p) => p.source === 'manual' && !p.line && p.amountCents === amountCents);
  if (manual) return { kind: 'reconciled', paymentId: manual.paymentId };
  if (standing === 'closed' || due.cancelledAt) {
    return { kind: 'recorded', exception: 'closed_case', paid: false, reopen: false };
  }
  const paid = payments.reduce((s, p) => s + p.amountCents, 0);
  const outstanding = due.settledAt ? 0 : due.amountCents - paid;
  if (outstanding <= 0) {
    return {
      kind: 'recorded',
      exception: amountCents === due.amountCents ? 'duplicate_line' : 'overpayment',
      paid: false,
      reopen: false,
    };
  }
  const reopen = standing === 'expired_unpaid' && due.itemId === 'case' && amountCents >= outstanding;
  if (amountCents === outstanding) return { kind: 'paid', reopen };
  if (amountCents > outstanding) return { kind: 'recorded', exception: 'overpayment', paid: true, reopen };
  return { kind: 'recorded', exception: 'underpayment', paid: false, reopen: false };
}
