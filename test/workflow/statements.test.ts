/**
 * Bank statements through the workflow: exact payments, underpayments kept aside for the office, a
 * late payment re-opening an expired case, files dropped into statements/, and the office's
 * "payment received" link recording the amount and value date.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '#adapters/dynamodb/items.ts';
import { hashToken, paymentReference } from '#domain/ids.ts';
import { handler as statementReceived } from '#functions/payments/statement-received.ts';
import { LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import { s3Created, sqsEvent } from '#local/testbed/queue-events.ts';
import {
  createDraftCase,
  getLink,
  officeLink,
  postLink,
  startAt,
  statusOf,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { importFile, moneySteps, OFFICE, statement } from './money-support.ts';
import { useBench } from './steps.ts';

const b = useBench();

const { dropStatement } = moneySteps(() => b);

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
    // Dropped into the bucket this time: the office hears what the file did.
    const file = statement([
      { amount: '450.00', text: rf, bankReference: `U-${c.caseId}` },
      // Our reference with a mistyped check digit: flagged, never matched.
      {
        amount: '500.00',
        text: `RF${rf.slice(2, 4) === '99' ? '98' : '99'}${rf.slice(4)}`,
        bankReference: `W-${c.caseId}`,
      },
    ]);
    const imported = await dropStatement(file, `2026-03-04 ${c.caseId}.xml`);
    expect(imported.subject).toBe(`Statement imported: statements/2026-03-04 ${c.caseId}.xml`);
    expect(imported.to).toEqual([OFFICE]);
    expect(imported.text).toContain('2 credits read: 0 paid an amount due');
    expect(imported.text).toContain('2 need a decision');
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
    // Its record goes with the table's TTL 30 days (EXPIRED_LINK_DAYS) after the link expires, as action links do.
    const { Item } = await b.table.client.send(
      new GetCommand({
        TableName: b.table.tableName,
        Key: keys.officeLink(hashToken(link.split('/o/')[1]!)),
      }),
    );
    const kept = Number(Item?.expiresAtEpoch) * 1000 - Date.parse(String(Item?.expiresAt));
    expect(kept - 30 * 86_400_000).toBeGreaterThanOrEqual(0);
    expect(kept - 30 * 86_400_000).toBeLessThan(1000);
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

describe('a file dropped among the statements', () => {
  it('is refused once, by email to the office, when it is not a statement, and imported once when dropped twice', async () => {
    b.reset(1000);
    const refused = await dropStatement(
      new TextEncoder().encode('Date;Amount\n2026-03-04;500,00'),
      'march.csv',
    );
    expect(refused.subject).toBe('Statement not imported: statements/march.csv');
    expect(refused.text).toContain('not a camt.053 bank statement');
    const file = statement([{ amount: '12.00', text: 'no reference at all', bankReference: 'N-1' }]);
    await dropStatement(file, 'a.xml');
    const again = await dropStatement(file, 'a copy.xml');
    expect(again.text).toContain('imported before: nothing was done again');
    expect(
      b.mailer
        .ofKind('payment_exception')
        .filter((m) => m.text.includes('12,00') || m.text.includes('12.00')),
    ).toHaveLength(1);
    // An object outside statements/ is not read as one.
    await b.documents.put('cases/x/report.pdf', file);
    const out = await statementReceived(sqsEvent([s3Created('cases/x/report.pdf')]), LAMBDA_CONTEXT);
    expect(out.batchItemFailures).toEqual([]);
    expect(b.mailer.ofKind('statement_imported')).toHaveLength(2);
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
