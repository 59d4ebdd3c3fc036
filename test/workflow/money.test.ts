/**
 * Money through the workflow: an additional consultation approved, paid through an imported bank
 * statement, and done, or invoiced later; a paid case withdrawn by the office and its refund
 * recorded (statements.test.ts: matching, dropped files and the office's link). Statements are
 * camt.053 files built here from the ISO 20022 schema and read by the same adapter as production,
 * imported as `so payments import` does or dropped into statements/ for the S3 event's function.
 */

import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { handler as getReceipt } from '#functions/api/get-receipt.ts';
import { apiEvent, LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import {
  caseAction,
  createDraftCase,
  doConsultations,
  officeLink,
  postLink,
  statusOf,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { getCaseView } from '#usecases/patient/case-view.ts';
import { recordPayment } from '#usecases/payments/ledger.ts';
import { markFailed } from '#usecases/workflow/mark-failed.ts';
import { IBAN, importFile, moneySteps, OFFICE, so, statement } from './money-support.ts';
import { useBench } from './steps.ts';

const b = useBench();

const { toReport } = moneySteps(() => b);

describe('an additional consultation', () => {
  it('is asked for with its own reference once approved, paid through a statement, and the report goes on', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await toReport(c);
    const ask = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Richieda un approfondimento',
      c.caseId,
    );
    expect((await postLink(ask, { consultation: 'histology_review', reason: 'slides' })).statusCode).toBe(
      200,
    );
    await waitForMail(b, 'additional_approval', c.caseId);
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(
      (await postLink(b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId)))
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
    // The codice fiscale the request form took, for the patient's tax return.
    expect(text).toContain('RSSMRA60E41H501C');
    expect(((await receiptOf('x'.repeat(43))) as { statusCode: number }).statusCode).toBe(401);

    // The same file again changes nothing.
    const again = await importFile(file, `sha-add-${c.caseId}`);
    expect(again.alreadyImported).toBe(true);
    expect((await b.store.getLedger(c.caseId)).payments).toHaveLength(2);

    const url = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    const reportId = await uploadReport(b, url);
    expect((await postLink(url, { reportId })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'released');
  });
});

describe('an additional consultation the hospital invoices later', () => {
  it('starts at once when approved: its amount is due on the ledger, and nobody is asked to pay it now', async () => {
    process.env.ADDITIONAL_BILLING = 'invoice';
    try {
      b.reset(1000);
    } finally {
      delete process.env.ADDITIONAL_BILLING;
    }
    const c = await createDraftCase(b);
    await toReport(c);
    const ask = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Richieda un approfondimento',
      c.caseId,
    );
    expect((await postLink(ask, { consultation: 'histology_review', reason: 'slides' })).statusCode).toBe(
      200,
    );
    await waitForMail(b, 'additional_approval', c.caseId);
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(
      (await postLink(b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId)))
        .statusCode,
    ).toBe(200);
    // The review starts without waiting for the money: the pathology is given its task at once.
    await waitForStatus(b, c.caseId, 'in_consultation');
    await waitForMail(b, 'task_assigned', c.caseId);
    expect(await b.store.getTask(c.caseId, 'additional-1-histology_review')).toMatchObject({
      kind: 'slides_receipt',
      assignee: 'pathology',
    });
    const due = (await b.store.getLedger(c.caseId)).dues.find((x) => x.itemId !== 'case')!;
    expect(due).toMatchObject({ amountCents: 30_000, billing: 'invoice' });
    expect(b.mailer.ofKind('additional_payment_details', c.caseId)).toHaveLength(0);
    expect((await getCaseView(deps(), c.caseId, c.patientToken)).next).not.toBe('pay');
  });
});

describe('refunds', () => {
  it("opens a refund task when the office withdraws a paid case at the patient's request, records it once, and tells the patient", async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await toReport(c);
    // The patient can no longer cancel a paid case themselves: the office does, by reference.
    expect((await caseAction(c, 'POST', 'cancel')).statusCode).toBe(409);
    const out = await so('case', 'withdraw', c.reference, '--operator', 'office.anna');
    expect(out.code, out.err).toBe(0);
    expect(out.out).toBe(
      `${c.reference}: cancelled; the office was sent a refund task for 500.00 EUR and the patient told`,
    );
    expect(await statusOf(b, c.caseId)).toBe('cancelled');
    expect((await b.store.getCase(c.caseId))!.closedAt).toEqual(expect.any(String));
    // Its execution is stopped: the specialist's report wait no longer runs.
    await b.engine.settled(b.workflow.arn(c.caseId));
    expect(b.engine.describeExecution(b.workflow.arn(c.caseId)).status).toBe('ABORTED');
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'withdraw')).toMatchObject({
      actor: 'ops:office.anna',
      details: { from: 'in_report', reason: 'cancelled' },
    });
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
    // Once cancelled, there is nothing left to withdraw.
    const again = await so('case', 'withdraw', c.reference, '--operator', 'office.anna');
    expect(again.code).toBe(1);
    expect(again.err).toContain('(not_withdrawable)');
  });

  it('offers the office a refund instead of a resume when a paid case stops, and refunds it as a failure of ours', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, {
      status: 'assignment',
      submittedAt: b.clock.now().toISOString(),
      paidAt: b.clock.now().toISOString(),
      quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    });
    const d = deps();
    await recordPayment(d, {
      caseId: c.caseId,
      paymentId: `P-${c.caseId}`,
      itemId: 'case',
      amountCents: 50_000,
      feesCents: 0,
      valueDate: '2026-03-04',
      payerName: 'Maria Rossi',
      payerIban: 'IT02L1234512345123456789012',
      source: 'manual',
      recordedBy: 'office',
      recordedAt: b.clock.now().toISOString(),
    });
    await markFailed(d, c.caseId, 'assignment', { Error: 'Error', Cause: 'boom' });
    expect(await statusOf(b, c.caseId)).toBe('failed');
    const stopped = b.mailer.ofKind('case_stopped', c.caseId)[0]!;
    expect(stopped.text).toContain('It was paid');
    const links = stopped.text.split('\n').filter((l) => l.includes('/o/'));
    expect(links).toHaveLength(1);
    const page = await officeLink(links[0]!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cancel the stopped request and refund it');
    expect(page.body).toContain('€500.00');
    expect((await officeLink(links[0]!, {})).statusCode).toBe(200);
    expect(await statusOf(b, c.caseId)).toBe('cancelled');
    expect((await b.store.getLedger(c.caseId)).refunds).toMatchObject([
      { amountCents: 50_000, reason: 'failed', payerIban: 'IT02L1234512345123456789012' },
    ]);
    await waitForMail(b, 'refund_due', c.caseId);
    await waitForMail(b, 'case_withdrawn', c.caseId);
    // The patient hears it is our failure, and that the money goes back.
    const told = b.mailer.ofKind('case_withdrawn', c.caseId)[0]!.text;
    expect(told).toContain('non siamo riusciti a completare la Sua richiesta');
    expect(told).toContain('Restituiremo 500,00');
    expect((await officeLink(links[0]!, {})).statusCode).toBe(409);

    // A stopped case nobody paid for offers no refund.
    const unpaid = await createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString() });
    await markFailed(d, unpaid.caseId, 'triage', { Error: 'Error', Cause: 'boom' });
    const plain = b.mailer.ofKind('case_stopped', unpaid.caseId)[0]!;
    expect(plain.text).not.toContain('/o/');
  });
});
