/**
 * Money in the workflow tests: camt.053 statements built from the ISO 20022 schema, imported as
 * `so payments import` does or dropped into statements/ for the S3 event's function, and a case
 * taken to its report with its payment matched from a statement.
 */
import { expect } from 'vitest';
import { parseCamt053 } from '#adapters/camt053.ts';
import { deps } from '#app/deps.ts';
import { handler as statementReceived } from '#functions/payments/statement-received.ts';
import { LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import { s3Created, sqsEvent } from '#local/testbed/queue-events.ts';
import { type Bench, caseAction, type NewCase, postLink, waitForMail } from '#local/testbed/workflow.ts';
import { importStatement } from '#usecases/payments/import-statement.ts';
import { main } from '../../bin/so.ts';
import { OFFICE, TRIAGE } from './steps.ts';

export { OFFICE, TRIAGE };
export const IBAN = 'IT60X0542811101000000123456';
export interface Credit {
  amount: string;
  text: string;
  bankReference: string;
  payer?: string;
}

/** A one-day camt.053.001.02 statement of our account with these credits. */
export function statement(credits: Credit[]): Uint8Array {
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

/** `so` with its output caught. */
export async function so(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function importFile(bytes: Uint8Array, sha256: string) {
  return importStatement(deps(), { sha256, statement: parseCamt053(bytes), by: 'ops:test' });
}

/** The steps that need the bench `bench()` returns (started in the test file's beforeAll). */
export function moneySteps(bench: () => Bench) {
  /** The office drops a file into the bucket's statements/ prefix: S3's event reaches the function through the queue. */
  async function dropStatement(bytes: Uint8Array, name: string) {
    const key = `statements/${name}`;
    await bench().documents.put(key, bytes);
    const out = await statementReceived(sqsEvent([s3Created(key)]), LAMBDA_CONTEXT);
    // Nothing goes back to the queue: a file is imported, or refused once by email.
    expect(out.batchItemFailures).toEqual([]);
    return bench().mailer.sent.findLast((m) => String(m.tags?.kind).startsWith('statement_'))!;
  }

  async function toReport(c: NewCase) {
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    await waitForMail(bench(), 'triage_request', c.caseId);
    expect(
      (await postLink(bench().mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId)))
        .statusCode,
    ).toBe(200);
    await waitForMail(bench(), 'payment_confirmation_request', c.caseId);
    const rf = (await bench().store.getCase(c.caseId))!.paymentReference;
    const paid = await importFile(
      statement([{ amount: '500.00', text: `Bonifico ${rf.toLowerCase()}`, bankReference: `B-${c.caseId}` }]),
      `sha-base-${c.caseId}`,
    );
    expect(paid.results.paid).toBe(1);
    await waitForMail(bench(), 'assignment_candidates', c.caseId);
    const lines = bench().mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
    expect((await postLink(lines.find((l) => l.includes('/a/'))!)).statusCode).toBe(200);
    await waitForMail(bench(), 'report_task', c.caseId);
  }
  return { dropStatement, toReport };
}
