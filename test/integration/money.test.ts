/**
 * Money on the local stack, over HTTP and the S3 stand-in: camt.053 statements dropped into the
 * bucket's statements/ prefix (S3's event, the statements queue, the StatementReceived function)
 * pay one case and keep another's underpayment for the office; a transfer that arrives after its
 * case expired re-opens it, the office refunds it instead through its link and records the
 * refund, and the patient is told; an in-depth consultation approved by the patient is paid the
 * same way and done by the surgeon, and the report goes on. The payment wait is five simulated days
 * (seconds here).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverCase, linksOf } from '#local/driver.ts';
import { REGION } from '#local/environment.ts';
import { onePagePdf } from '#local/testbed/workflow.ts';
import { caseWithDocuments, type Harness, LABELS, STAFF, startHarness } from './support.ts';

let h: Harness;
let s3: S3Client;
beforeAll(async () => {
  h = await startHarness({ speed: 40_000, env: { PAYMENT_EXPIRY_DAYS: '5', LINK_TTL_DAYS: '120' } });
  s3 = new S3Client({
    endpoint: h.stack.endpoints.s3,
    forcePathStyle: true,
    region: REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});
afterAll(async () => {
  s3?.destroy();
  await h?.close();
});

/** Submitted and through triage: the case waits for its payment. */
async function awaitingPayment(c: DriverCase) {
  const d = h.driver;
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  expect((await d.postLink(triage.url)).status).toBe(200);
  await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
  return (await d.getCase(c)).paymentReference as string;
}

/** A one-day camt.053.001.02 statement of the stage's account, dropped where the office drops them. */
async function drop(name: string, credits: { amount: string; text: string; ref: string }[]) {
  const iban = h.stack.env.BANK_IBAN!;
  const entries = credits.map(
    (c) => `<Ntry><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-03-04</Dt></BookgDt><ValDt><Dt>2026-03-04</Dt></ValDt><AcctSvcrRef>${c.ref}</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><AcctSvcrRef>${c.ref}</AcctSvcrRef></Refs>
<RltdPties><Dbtr><Nm>Maria Bruno</Nm></Dbtr><DbtrAcct><Id><IBAN>IT02L1234512345123456789012</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>${c.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${name}</MsgId><CreDtTm>2026-03-05T06:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>${name}</Id><CreDtTm>2026-03-05T06:00:00+01:00</CreDtTm><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries.join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
  await s3.send(
    new PutObjectCommand({ Bucket: h.stack.env.BUCKET_NAME, Key: `statements/${name}.xml`, Body: xml }),
  );
}

describe('a statement dropped into the bucket', () => {
  it('pays a case exactly, and keeps an underpayment of another for the office', {
    timeout: 120_000,
  }, async () => {
    const d = h.driver;
    const paid = await caseWithDocuments(d);
    const under = await caseWithDocuments(d);
    const [rfPaid, rfUnder] = [await awaitingPayment(paid), await awaitingPayment(under)];
    // As payers type it: spaces, lower case, inside other words.
    await drop(`day-${paid.reference}`, [
      { amount: '500.00', text: `Secondo parere ${rfPaid.toLowerCase()}`, ref: `P-${paid.caseId}` },
      { amount: '450.00', text: rfUnder.replace(/(.{4})/g, '$1 '), ref: `U-${under.caseId}` },
    ]);
    await d.waitForStatus(paid, 'assignment');
    const exception = await d.waitForMail(STAFF.office, under.reference, /^Payment to check/);
    expect(exception.text).toContain('less than the amount due');
    const summary = await d.waitForMail(STAFF.office, paid.reference, /^Statement imported/);
    expect(summary.text).toContain('2 credits read: 1 paid an amount due');
    expect((await d.getCase(under)).status).toBe('awaiting_payment');
    // The office decides on the link: the page shows the payer's words, the email never does.
    const decide = linksOf(exception).find((l) => l.label === 'Decide')!.url;
    expect(exception.text).not.toContain('IT02L1234512345123456789012');
    expect((await d.getLink(decide)).body).toContain('IT02L1234512345123456789012');
    expect((await d.postLink(decide, { resolution: 'accept' })).status).toBe(200);
    await d.waitForStatus(under, 'assignment');
  });
});

describe('a late transfer', () => {
  it('re-opens the expired case; the office refunds it instead and records the refund, and the patient is told', {
    timeout: 120_000,
  }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d);
    const rf = await awaitingPayment(c);
    await d.waitForStatus(c, 'expired', 60_000);
    await drop(`late-${c.reference}`, [{ amount: '500.00', text: rf, ref: `L-${c.caseId}` }]);
    const late = await d.waitForMail(STAFF.office, c.reference, /^Late payment, request re-opened/);
    await d.waitForStatus(c, 'assignment');
    const refundInstead = linksOf(late).find((l) => l.label === 'Refund instead')!.url;
    expect((await d.postLink(refundInstead)).status).toBe(200);
    await d.waitForStatus(c, 'cancelled');
    await d.waitForMail(c.email, c.reference, /annullata|cancelled/);
    const task = await d.waitForMail(STAFF.office, c.reference, /^Refund to make/);
    expect(task.text).toContain('€500.00');
    const record = linksOf(task).find((l) => l.label === 'Record the refund')!.url;
    expect((await d.postLink(record, { bankReference: 'TRN-LATE-1' })).status).toBe(200);
    expect((await d.postLink(record, { bankReference: 'TRN-LATE-2' })).status).toBe(409);
    const done = await d.waitForMail(c.email, c.reference, /^(Rimborso inviato|Refund sent)/);
    expect(done.text).toContain('500,00');
  });
});

describe('an in-depth consultation', () => {
  it('approved by the patient, paid by a dropped statement and done by the surgeon: the report goes on', {
    timeout: 180_000,
  }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d);
    const rf = await awaitingPayment(c);
    await drop(`base-${c.reference}`, [{ amount: '500.00', text: rf, ref: `B-${c.caseId}` }]);
    const candidate = await d.waitForLink(STAFF.triage, c.reference, (label) =>
      label.startsWith('Dr Laura Ferrari'),
    );
    expect((await d.postLink(candidate.url)).status).toBe(200);
    const ask = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.requestAdditional);
    expect(
      (await d.postLink(ask.url, { consultation: 'surgical_review', reason: 'Resecabilità' })).status,
    ).toBe(200);
    const approve = await d.waitForLink(c.email, c.reference, LABELS.approve);
    expect((await d.postLink(approve.url)).status).toBe(200);
    const awaiting = await d.waitForStatus(c, 'awaiting_additional_payment');
    const toPay = (awaiting.ledger as { toPay: { reference: string; outstandingCents: number } }).toPay;
    // Its own reference: the case's is paid already.
    expect(toPay.reference).not.toBe(rf);
    await drop(`extra-${c.reference}`, [
      { amount: (toPay.outstandingCents / 100).toFixed(2), text: toPay.reference, ref: `X-${c.caseId}` },
    ]);
    await d.waitForStatus(c, 'in_consultation');
    const task = await d.waitForLink(STAFF.surgeon, c.reference, LABELS.task);
    expect((await d.postLink(task.url, { note: 'Resecabile dopo terapia neoadiuvante.' })).status).toBe(200);
    await d.waitForStatus(c, 'in_report');
    const release = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.release, { skip: 1 });
    const reportId = await d.uploadReport(release.url, await onePagePdf());
    expect((await d.postLink(release.url, { reportId })).status).toBe(200);
    await d.waitForStatus(c, 'released');
  });
});
