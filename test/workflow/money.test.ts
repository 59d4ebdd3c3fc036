/**
 * Money through the workflow: an additional consultation approved, paid through an imported bank
 * statement, and done; an underpayment kept aside for the office; a late payment re-opening an
 * expired case; a paid case withdrawn by the office and its refund recorded. Statements are
 * camt.053 files built here from the ISO 20022 schema and read by the same adapter as production.
 */

import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCamt053 } from '#adapters/camt053.ts';
import { deps } from '#app/deps.ts';
import { paymentReference } from '#domain/ids.ts';
import { handler as getReceipt } from '#functions/api/get-receipt.ts';
import { apiEvent, LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import {
  type Bench,
  caseAction,
  createDraftCase,
  doConsultations,
  getLink,
  type NewCase,
  officeLink,
  postLink,
  startAt,
  startBench,
  statusOf,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { getCaseView } from '#usecases/patient/case-view.ts';
import { importStatement } from '#usecases/payments/import-statement.ts';
import { withdrawCase } from '#usecases/payments/withdraw-case.ts';

let b: Bench;
beforeAll(async () => {
  b = await startBench();
});
afterAll(async () => {
  await b.close();
});

const TRIAGE = 'dr-triage@hospital.example';
const OFFICE = 'office@hospital.example';
const IBAN = 'IT60X0542811101000000123456';

interface Credit {
  amount: string;
  text: string;
  bankReference: string;
  payer?: string;
}

/** A one-day camt.053.001.02 statement of our account with these credits. */
function statement(credits: Credit[]): Uint8Array {
  const entries = credits
    .map(
      (c) => `<Ntry><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-03-04</Dt></BookgDt><ValDt><Dt>2026-03-04</Dt></ValDt><AcctSvcrRef>${c.bankReference}</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><AcctSvcrRef>${c.bankReference}</AcctSvcrRef></Refs>
<RltdPties><Dbtr><Nm>${c.payer ?? 'Maria Rossi'}</Nm></Dbtr><DbtrAcct><Id><IBAN>IT02L1234512345123456789012</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>${c.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>T-${credits[0]?.bankReference}</MsgId><CreDtTm>2026-03-05T06:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>${IBAN}-20260304</Id><CreDtTm>2026-03-05T06:00:00+01:00</CreDtTm>
<Acct><Id><IBAN>${IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`);
}

async function importFile(bytes: Uint8Array, sha256: string) {
  return importStatement(deps(), { sha256, statement: parseCamt053(bytes), by: 'ops:test' });
}

async function toReport(c: NewCase) {
  expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
  await waitForMail(b, 'triage_request', c.caseId);
  expect((await postLink(b.mailer.link('triage_request', TRIAGE, 'Completa', c.caseId))).statusCode).toBe(
    200,
  );
  await waitForMail(b, 'payment_confirmation_request', c.caseId);
  const rf = (await b.store.getCase(c.caseId))!.paymentReference;
  const paid = await importFile(
    statement([{ amount: '500.00', text: `Bonifico ${rf.toLowerCase()}`, bankReference: `B-${c.caseId}` }]),
    `sha-base-${c.caseId}`,
  );
  expect(paid.results.paid).toBe(1);
  await waitForMail(b, 'assignment_candidates', c.caseId);
  const lines = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
  expect((await postLink(lines.find((l) => l.includes('/a/'))!)).statusCode).toBe(200);
  await waitForMail(b, 'report_task', c.caseId);
}

describe('an additional consultation', () => {
  it('is asked for with its own reference once approved, paid through a statement, and the report goes on', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await toReport(c);
    const ask = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Richiedi un approfondimento',
      c.caseId,
    );
    expect((await postLink(ask, { consultation: 'histology_review', reason: 'slides' })).statusCode).toBe(
      200,
    );
    await waitForMail(b, 'additional_approval', c.caseId);
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(
      (await postLink(b.mailer.link('additional_approval', mail.to[0]!, 'Leggi e approva', c.caseId)))
        .statusCode,
    ).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_additional_payment');
    await waitForMail(b, 'additional_payment_details', c.caseId);
    const details = b.mailer.ofKind('additional_payment_details', c.caseId)[0]!;
    const ledger = await b.store.getLedger(c.caseId);
    const due = ledger.dues.find((x) => x.itemId === 'additional-1')!;
    expect(due).toMatchObject({ amountCents: 30_000, billing: 'prepaid' });
    expect(due.reference).not.toBe((await b.store.getCase(c.caseId))!.paymentReference);
    expect(details.text).toContain('300,00\u00a0€');
    expect(details.text.replace(/\s/g, '')).toContain(due.reference);
    expect(details.text).toContain(IBAN.replace(/(.{4})/g, '$1 ').trim());
    expect(details.text).not.toContain('slides');
    // The case page leads with paying it: its own reference, its price, by when; the price paid so far.
    const page = await getCaseView(deps(), c.caseId, c.patientToken);
    expect(page.next).toBe('pay');
    expect(page.ledger).toMatchObject({
      toPay: { reference: due.reference, amountCents: 30_000, paidCents: 0, outstandingCents: 30_000 },
      dueCents: 80_000,
      paidCents: 50_000,
      outstandingCents: 30_000,
    });
    expect(page.ledger?.toPay?.dueAt).toBe((await b.store.getCase(c.caseId))!.deadlines.additionalPaymentDue);

    // Paid with the reference typed in lower case with spaces, inside other words.
    const spaced = due.reference.toLowerCase().replace(/(.{4})/g, '$1 ');
    const file = statement([
      { amount: '300.00', text: `approfondimento ${spaced} grazie`, bankReference: `A-${c.caseId}` },
    ]);
    expect((await importFile(file, `sha-add-${c.caseId}`)).results.paid).toBe(1);
    // Paid: the work starts (the pathology's), and the report goes on when it is done.
    await waitForStatus(b, c.caseId, 'in_consultation');
    expect((await b.store.getCase(c.caseId))!.consultations?.[0]?.paidAt).toBeDefined();
    expect(await doConsultations(b, c.caseId)).toEqual(['slides_receipt', 'pathology_result']);
    await waitForMail(b, 'report_task', c.caseId, 2);
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.status).toBe('in_report');
    expect(after.consultations?.[0]?.status).toBe('done');
    expect((await getCaseView(deps(), c.caseId, c.patientToken)).ledger).toMatchObject({
      toPay: null,
      paidCents: 80_000,
      outstandingCents: 0,
    });
    const payment = (await b.store.getLedger(c.caseId)).payments.find((p) => p.itemId === 'additional-1')!;
    expect(payment).toMatchObject({
      amountCents: 30_000,
      valueDate: '2026-03-04',
      payerName: 'Maria Rossi',
      source: 'statement',
      line: { bankReference: `A-${c.caseId}` },
    });

    // Its receipt, downloaded with the patient's token, names the consultation and the amount.
    const receiptOf = async (token: string) =>
      getReceipt(
        apiEvent('GET', `/cases/${c.caseId}/payments/${payment.paymentId}/receipt`, {
          headers: { authorization: `Bearer ${token}` },
          pathParameters: { caseId: c.caseId, paymentId: payment.paymentId },
        }),
        LAMBDA_CONTEXT,
      );
    const receipt = (await receiptOf(c.patientToken)) as {
      statusCode: number;
      body: string;
      headers: Record<string, string>;
    };
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const pdf = new Uint8Array(Buffer.from(receipt.body, 'base64'));
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    expect(text).toContain('Revisione istologica');
    expect(text.replace(/\s+/g, ' ')).toContain('300,00 €');
    expect(text).toContain(c.reference);
    expect(((await receiptOf('x'.repeat(43))) as { statusCode: number }).statusCode).toBe(401);

    // The same file again changes nothing.
    const again = await importFile(file, `sha-add-${c.caseId}`);
    expect(again.alreadyImported).toBe(true);
    expect((await b.store.getLedger(c.caseId)).payments).toHaveLength(2);

    const url = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carica e rilascia la relazione',
      c.caseId,
    );
    const reportId = await uploadReport(b, url);
    expect((await postLink(url, { reportId })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'released');
  });
});

describe('statement matching', () => {
  it('keeps an underpayment aside for the office, with a link, and the case waits for the rest', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, {
      status: 'awaiting_payment',
      submittedAt: b.clock.now().toISOString(),
      quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    });
    await startAt(b, c, 'payment');
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const rf = (await b.store.getCase(c.caseId))!.paymentReference;
    const summary = await importFile(
      statement([
        { amount: '450.00', text: rf, bankReference: `U-${c.caseId}` },
        // Our reference with a mistyped check digit: flagged, never matched.
        {
          amount: '500.00',
          text: `RF${rf.slice(2, 4) === '99' ? '98' : '99'}${rf.slice(4)}`,
          bankReference: `W-${c.caseId}`,
        },
      ]),
      `sha-under-${c.caseId}`,
    );
    expect(summary.results).toMatchObject({ paid: 0, exception: 2 });
    const exceptions = (await b.store.listOpenExceptions()).filter(
      (x) => x.credit.bankReference === `U-${c.caseId}` || x.credit.bankReference === `W-${c.caseId}`,
    );
    expect(exceptions.map((x) => x.kind).sort()).toEqual(['underpayment', 'wrong_check_digit']);
    const mails = b.mailer.ofKind('payment_exception').filter((m) => m.subject.includes(c.reference));
    expect(mails.length).toBe(2);
    expect(mails[0]!.to).toEqual([OFFICE]);
    expect(mails[0]!.text).toMatch(/\/o\/[A-Za-z0-9_-]{43}/);
    expect(await statusOf(b, c.caseId)).toBe('awaiting_payment');
    // The office opens the underpayment's link: the payer's words and account are on the page only.
    const under = b.mailer.ofKind('payment_exception', c.caseId)[0]!;
    const link = under.text.split('\n').find((l) => l.includes('/o/'))!;
    expect(under.text).not.toContain('IT02L1234512345123456789012');
    const shown = await officeLink(link);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('IT02L1234512345123456789012');
    expect(shown.body).toContain('€450.00');
    expect((await officeLink(link, { resolution: 'assign' })).statusCode).toBe(422);
    expect((await officeLink(link, { resolution: 'dismiss' })).statusCode).toBe(200);
    expect((await officeLink(link, { resolution: 'dismiss' })).statusCode).toBe(409);
    // The rest arrives: the amount is covered and the case moves on.
    await importFile(
      statement([{ amount: '50.00', text: rf, bankReference: `R-${c.caseId}` }]),
      `sha-rest-${c.caseId}`,
    );
    await waitForStatus(b, c.caseId, 'assignment');
  });

  it('re-opens a case that expired unpaid when the transfer arrives late, and tells the office', async () => {
    process.env.LINK_TTL_DAYS = '36500';
    b.reset(10_000_000);
    delete process.env.LINK_TTL_DAYS;
    const c = await createDraftCase(b, {
      status: 'awaiting_payment',
      submittedAt: b.clock.now().toISOString(),
      quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    });
    await startAt(b, c, 'payment');
    await waitForStatus(b, c.caseId, 'expired');
    await b.engine.settled(b.workflow.arn(c.caseId));
    b.reset(1000);
    const rf = paymentReference(c.reference);
    const summary = await importFile(
      statement([{ amount: '500.00', text: rf, bankReference: `L-${c.caseId}` }]),
      `sha-late-${c.caseId}`,
    );
    expect(summary.results.reopened).toBe(1);
    await waitForStatus(b, c.caseId, 'assignment');
    await waitForMail(b, 'late_payment_reopened', c.caseId);
    await waitForMail(b, 'payment_received', c.caseId);
    expect((await b.store.listEvents(c.caseId)).some((e) => e.action === 'reopened')).toBe(true);
    // The hospital prefers to return the money: the office's link cancels the case with a refund.
    const late = b.mailer.ofKind('late_payment_reopened', c.caseId)[0]!;
    const withdraw = late.text.split('\n').find((l) => l.includes('/o/'))!;
    expect((await officeLink(withdraw, {})).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'cancelled');
    expect((await b.store.getLedger(c.caseId)).refunds).toMatchObject([
      { amountCents: 50_000, reason: 'late_payment' },
    ]);
    await waitForMail(b, 'case_withdrawn', c.caseId);
  });
});

describe("the office's payment received link", () => {
  it('records the amount and value date typed, and a statement line of the same transfer is attached to it', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, {
      status: 'awaiting_payment',
      submittedAt: b.clock.now().toISOString(),
      quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    });
    await startAt(b, c, 'payment');
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const url = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    expect((await getLink(url)).body).toContain('value="€500.00"');
    expect((await postLink(url, { amount: 'five hundred', valueDate: '2026-03-02' })).statusCode).toBe(422);
    expect((await postLink(url, { amount: '500', valueDate: '2099-01-01' })).statusCode).toBe(422);
    expect((await postLink(url, { amount: '500,00', valueDate: '2026-03-02' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'assignment');
    const [manual] = (await b.store.getLedger(c.caseId)).payments;
    expect(manual).toMatchObject({
      amountCents: 50_000,
      valueDate: '2026-03-02',
      source: 'manual',
      recordedBy: 'office',
    });
    const rf = (await b.store.getCase(c.caseId))!.paymentReference;
    const summary = await importFile(
      statement([{ amount: '500.00', text: rf, bankReference: `M-${c.caseId}` }]),
      `sha-manual-${c.caseId}`,
    );
    expect(summary.results).toMatchObject({ reconciled: 1, paid: 0, exception: 0 });
    const payments = (await b.store.getLedger(c.caseId)).payments;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ payerName: 'Maria Rossi', line: { bankReference: `M-${c.caseId}` } });
  });
});

describe('refunds', () => {
  it('opens a refund task when the office withdraws a paid case, records it once, and tells the patient', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await toReport(c);
    const d = deps();
    const out = await withdrawCase(d, c.caseId, 'office');
    expect(out).toEqual({ status: 'cancelled', refundCents: 50_000 });
    expect(await statusOf(b, c.caseId)).toBe('cancelled');
    await waitForMail(b, 'refund_due', c.caseId);
    const task = b.mailer.ofKind('refund_due', c.caseId)[0]!;
    expect(task.to).toEqual([OFFICE]);
    expect(task.text).toContain('€500.00');
    const [refund] = (await b.store.getLedger(c.caseId)).refunds;
    expect(refund).toMatchObject({ amountCents: 50_000, reason: 'cancelled', payerName: 'Maria Rossi' });
    expect(refund!.doneAt).toBeUndefined();
    const record = task.text.split('\n').find((l) => l.includes('/o/'))!;
    expect((await officeLink(record)).body).toContain('IT02L1234512345123456789012');
    expect((await officeLink(record, { bankReference: 'TRN-1' })).statusCode).toBe(200);
    expect((await officeLink(record, { bankReference: 'TRN-2' })).statusCode).toBe(409);
    expect((await b.store.getLedger(c.caseId)).refunds[0]).toMatchObject({
      doneBy: 'office',
      bankReference: 'TRN-1',
    });
    await waitForMail(b, 'refund_done', c.caseId);
    expect(b.mailer.ofKind('case_withdrawn', c.caseId)).toHaveLength(1);
  });
});
