/**
 * Statement matching: camt.053 files written from the ISO 20022 schema (test/fixtures/camt053/)
 * read into credits, our RF references found in what payers typed, and what a credit does to the
 * amount it pays.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from '#adapters/camt053.ts';
import type { AmountDue, Payment } from '#domain/ledger.ts';
import { assessCredit, findReference, itemReference } from '#domain/remittance.ts';
import { StatementFormatError } from '#domain/statement.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/camt053/${name}`, import.meta.url));
const DAY = parseCamt053(fixture('day-2026-03-04.camt053.001.02.xml'));
const TWO_DAYS = parseCamt053(fixture('two-days.camt053.001.08.xml'));

describe('reading camt.053', () => {
  it('gives one credit per booked euro transaction, a batch split into its transactions', () => {
    expect(DAY.statementIds).toEqual(['IT60X0542811101000000123456-20260304']);
    expect(DAY.credits.map((c) => [c.bankReference, c.amountCents, c.creditedCents])).toEqual([
      ['0304-000101', 50000, 50000],
      ['0304-000102', 50000, 49850],
      ['0304-000103-1', 30000, 30000],
      ['0304-000103-2', 45000, 45000],
      ['0304-000104', 50000, 50000],
      ['0304-000105', 12000, 12000],
    ]);
    // The debit and the pending credit are not payments to match.
    expect(DAY.skipped).toBe(2);
  });

  it('keeps the payer, the dates, the account and every piece of remittance text', () => {
    const [first, withFees] = DAY.credits;
    expect(first).toMatchObject({
      account: 'IT60X0542811101000000123456',
      bookingDate: '2026-03-04',
      valueDate: '2026-03-04',
      payerName: 'Maria Rossi',
      payerIban: 'IT02L1234512345123456789012',
      remittance: 'Secondo parere rf61 so20 267k 3qxm 4d Maria Rossi',
      lineKey: 'IT60X0542811101000000123456|0304-000101',
    });
    expect(first).not.toHaveProperty('endToEndId');
    expect(withFees).toMatchObject({ valueDate: '2026-03-05', endToEndId: 'E2E-UK-55102' });
    expect(withFees?.remittance).toBe('RF32SO2026AB12CD34');
    // No transaction reference: the entry's additional information is read too.
    expect(DAY.credits[5]?.remittance).toBe('Donazione per la ricerca BONIFICO SEPA DA PAOLO GIALLI');
  });

  it('reads several days, later versions, charges as records, and skips other currencies and reversals', () => {
    expect(TWO_DAYS.statementIds).toEqual([
      'IT60X0542811101000000123456-20260305',
      'IT60X0542811101000000123456-20260306',
    ]);
    expect(TWO_DAYS.skipped).toBe(2);
    const [withFees, again, hint] = TWO_DAYS.credits;
    // Without an instructed amount, what was sent is the credit plus the charges deducted from it.
    expect(withFees).toMatchObject({ amountCents: 50000, creditedCents: 49600, payerName: 'Hans Müller' });
    // The same transaction on another day's statement has the same key: it is recorded once.
    expect(again?.lineKey).toBe(DAY.credits[0]?.lineKey);
    expect(hint?.lineKey).toBe('IT60X0542811101000000123456|0306-000302');
  });

  it('gives the same keys to the same file read twice, and distinct keys to distinct lines', () => {
    const again = parseCamt053(fixture('day-2026-03-04.camt053.001.02.xml'));
    expect(again.credits.map((c) => c.lineKey)).toEqual(DAY.credits.map((c) => c.lineKey));
    expect(new Set(DAY.credits.map((c) => c.lineKey)).size).toBe(DAY.credits.length);
  });

  it('refuses what is not a statement, entities, and files over the limit', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(() => parseCamt053(bytes('not xml <'))).toThrow(StatementFormatError);
    expect(() =>
      parseCamt053(bytes('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><x/></Document>')),
    ).toThrow(/not a camt.053/);
    expect(() =>
      parseCamt053(bytes('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>')),
    ).toThrow(/DOCTYPE/);
    expect(() => parseCamt053(new Uint8Array(20 * 1024 * 1024 + 1))).toThrow(/larger/);
  });
});

describe('finding our reference', () => {
  it('finds it in any case, with any spacing, inside other text', () => {
    for (const text of [
      'RF61SO20267K3QXM4D',
      'rf61 so20 267k 3qxm 4d',
      'Secondo parere rf61 so20 267k 3qxm 4d Maria Rossi',
      'Invoice:RF61SO20267K3QXM4D/thanks',
    ]) {
      expect(findReference(text)).toEqual({
        kind: 'valid',
        rf: 'RF61SO20267K3QXM4D',
        caseReference: 'SO-2026-7K3Q-XM4D',
        itemId: 'case',
      });
    }
  });

  it('tells an additional consultation by its suffix, and a suffix-like tail that is other text from it', () => {
    expect(findReference('RF57 SO20 26AB 12CD 34A1')).toMatchObject({
      kind: 'valid',
      caseReference: 'SO-2026-AB12-CD34',
      itemId: 'additional-1',
    });
    expect(itemReference('SO-2026-AB12-CD34', 'additional-1')).toBe('RF57SO2026AB12CD34A1');
    // "A12" after the case's own reference is not a suffix: its check digits say so.
    expect(findReference('RF32SO2026AB12CD34 A12 bis')).toMatchObject({ kind: 'valid', itemId: 'case' });
  });

  it('reads O, I and L typed in the random part as 0 and 1', () => {
    const rf = itemReference('SO-2026-10AB-CD01', 'case');
    const typed = rf.replace('10AB', 'IOAB').replace('CD01', 'CDOL');
    expect(findReference(typed)).toMatchObject({ kind: 'valid', caseReference: 'SO-2026-10AB-CD01' });
  });

  it('flags a mistyped check digit, or body, rather than matching it', () => {
    expect(findReference('RF62 SO20 267K 3QXM 4D')).toEqual({
      kind: 'wrong_check_digit',
      rf: 'RF62SO20267K3QXM4D',
      caseReference: 'SO-2026-7K3Q-XM4D',
      itemId: 'case',
    });
    expect(findReference('RF61SO20267K3QXM4E')).toMatchObject({ kind: 'wrong_check_digit' });
    // A valid reference later in the text wins over a wrong one before it.
    expect(findReference('RF62SO20267K3QXM4D corrected RF61SO20267K3QXM4D')).toMatchObject({
      kind: 'valid',
    });
  });

  it('notes a case reference without RF as a hint, and finds nothing in other text', () => {
    expect(findReference('ref. so-2026-ab12-cd34 (no RF)')).toEqual({
      kind: 'case_reference',
      caseReference: 'SO-2026-AB12-CD34',
    });
    expect(findReference('Donazione per la ricerca RF18539007547034')).toEqual({ kind: 'none' });
    expect(findReference('')).toEqual({ kind: 'none' });
  });

  it('finds every reference of the day statement as the fixture says', () => {
    expect(DAY.credits.map((c) => findReference(c.remittance).kind)).toEqual([
      'valid',
      'valid',
      'valid',
      'valid',
      'wrong_check_digit',
      'none',
    ]);
  });
});

describe('what a credit does', () => {
  const due: AmountDue = {
    caseId: 'c1',
    itemId: 'case',
    reference: 'RF61SO20267K3QXM4D',
    lines: [{ code: 'base', amountCents: 50000 }],
    amountCents: 50000,
    billing: 'prepaid',
    createdAt: '2026-03-02T10:00:00.000Z',
  };
  const paid = (amountCents: number, source: Payment['source'] = 'statement'): Payment => ({
    caseId: 'c1',
    paymentId: `p-${amountCents}-${source}`,
    itemId: 'case',
    amountCents,
    feesCents: 0,
    valueDate: '2026-03-03',
    source,
    recordedBy: source === 'manual' ? 'office' : 'system',
    recordedAt: '2026-03-03T10:00:00.000Z',
  });

  it('pays the amount due with the exact amount, the rest of a part payment too', () => {
    expect(assessCredit({ amountCents: 50000, standing: 'open', due, payments: [] })).toEqual({
      kind: 'paid',
      reopen: false,
    });
    expect(assessCredit({ amountCents: 20000, standing: 'open', due, payments: [paid(30000)] })).toEqual({
      kind: 'paid',
      reopen: false,
    });
  });

  it('records less as an underpayment and more as an overpayment that still pays', () => {
    expect(assessCredit({ amountCents: 45000, standing: 'open', due, payments: [] })).toEqual({
      kind: 'recorded',
      exception: 'underpayment',
      paid: false,
      reopen: false,
    });
    expect(assessCredit({ amountCents: 51800, standing: 'open', due, payments: [] })).toEqual({
      kind: 'recorded',
      exception: 'overpayment',
      paid: true,
      reopen: false,
    });
  });

  it('calls a second payment of a paid amount a duplicate, or an overpayment when it differs', () => {
    expect(
      assessCredit({ amountCents: 50000, standing: 'open', due, payments: [paid(50000)] }),
    ).toMatchObject({
      exception: 'duplicate_line',
      paid: false,
    });
    expect(assessCredit({ amountCents: 100, standing: 'open', due, payments: [paid(50000)] })).toMatchObject({
      exception: 'overpayment',
      paid: false,
    });
  });

  it('attaches the statement line to the same amount the office recorded by hand', () => {
    expect(
      assessCredit({ amountCents: 50000, standing: 'open', due, payments: [paid(50000, 'manual')] }),
    ).toEqual({ kind: 'reconciled', paymentId: 'p-50000-manual' });
  });

  it('re-opens a case that expired unpaid when its price arrives late, and not for less', () => {
    expect(assessCredit({ amountCents: 50000, standing: 'expired_unpaid', due, payments: [] })).toEqual({
      kind: 'paid',
      reopen: true,
    });
    expect(assessCredit({ amountCents: 40000, standing: 'expired_unpaid', due, payments: [] })).toMatchObject(
      {
        exception: 'underpayment',
        reopen: false,
      },
    );
  });

  it('sends money for a closed case or a cancelled amount to the office', () => {
    for (const input of [
      { standing: 'closed' as const, due },
      { standing: 'open' as const, due: { ...due, cancelledAt: '2026-03-03T00:00:00.000Z' } },
    ]) {
      expect(assessCredit({ amountCents: 50000, payments: [], ...input })).toEqual({
        kind: 'recorded',
        exception: 'closed_case',
        paid: false,
        reopen: false,
      });
    }
  });
});
