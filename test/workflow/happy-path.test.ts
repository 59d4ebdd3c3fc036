import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VALID_ENV } from '#local/testbed/env.ts';
import {
  caseAction,
  createDraftCase,
  getLink,
  postLink,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { useBench } from './steps.ts';

const b = useBench();

describe('the happy path', () => {
  it('goes from submit to released with the real ASL, handlers and links', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    const submitted = await caseAction(c, 'POST', 'submit');
    expect(submitted.statusCode).toBe(202);
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    expect(b.engine.listExecutions()).toHaveLength(1);

    await waitForMail(b, 'triage_request', c.caseId);
    const complete = b.mailer.link(
      'triage_request',
      'dr-triage@hospital.example',
      'Documentazione completa',
      c.caseId,
    );
    const page = await getLink(complete);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(c.reference);
    expect(page.body).toContain('<form method="post"');
    expect((await postLink(complete)).statusCode).toBe(200);

    await waitForMail(b, 'payment_details', c.caseId);
    const payment = b.mailer.ofKind('payment_details', c.caseId)[0]!;
    expect(payment.text).toContain('500,00\u00a0€');
    // The IBAN in groups of four, as banks print it.
    expect(payment.text).toContain('IT60 X054 2811 1010 0000 0123 456');
    expect(payment.text).toMatch(/RF\d\d SO20/);
    const caseAfterQuote = await b.store.getCase(c.caseId);
    expect(caseAfterQuote?.status).toBe('awaiting_payment');
    expect(caseAfterQuote?.quote?.totalCents).toBe(50_000);
    expect(caseAfterQuote?.triageDoctorId).toBe('dr-triage');

    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const paid = b.mailer.link(
      'payment_confirmation_request',
      'office@hospital.example',
      'Payment received',
      c.caseId,
    );
    expect((await postLink(paid)).statusCode).toBe(200);
    await waitForMail(b, 'payment_received', c.caseId);

    await waitForMail(b, 'assignment_candidates', c.caseId);
    const candidates = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!;
    // Oncological, Italian-speaking first; the surgeon is not offered for an oncological case.
    expect(candidates.text.indexOf('Carla Onco')).toBeLessThan(candidates.text.indexOf('Dario Onco'));
    expect(candidates.text).not.toContain('Elena Surg');
    const assign =
      candidates.text.split('\n')[
        candidates.text.split('\n').findIndex((l) => l.startsWith('Carla Onco')) + 1
      ]!;
    expect((await postLink(assign)).statusCode).toBe(200);

    await waitForMail(b, 'report_task', c.caseId);
    const inReport = await b.store.getCase(c.caseId);
    expect(inReport?.status).toBe('in_report');
    expect(inReport?.assigneeId).toBe('dr-onco');
    expect(inReport?.deadlines.reportDue).toBeDefined();
    const release = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    // The documents link only shows the case, each document opened per click.
    const docs = b.mailer.link('report_task', 'dr-onco@hospital.example', 'Apra i documenti', c.caseId);
    const docsPage = await getLink(docs);
    expect(docsPage.statusCode).toBe(200);
    expect(docsPage.body).toContain(`href="${docs}/documents/doc-1"`);
    expect(docsPage.body).not.toContain('<form');
    expect((await postLink(docs)).statusCode).toBe(400);
    // The upload page's inline script is allowed by its hash, and nothing else is.
    const uploadPage = await getLink(release);
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(uploadPage.body)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(uploadPage.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
    // It connects to the service and to the documents bucket the report goes to, nowhere else.
    expect(uploadPage.headers['content-security-policy']).toContain(
      `connect-src 'self' ${new URL(VALID_ENV.UPLOAD_ORIGIN).origin};`,
    );
    // Releasing without an uploaded report is refused on the same page.
    const missing = await postLink(release, {});
    expect(missing.statusCode).toBe(422);
    const notPdf = await uploadReport(b, release, new TextEncoder().encode('<html>not a report</html>'));
    const refused = await postLink(release, { reportId: notPdf });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('PDF leggibile');
    const reportId = await uploadReport(b, release);
    expect((await postLink(release, { reportId })).statusCode).toBe(200);

    await waitForStatus(b, c.caseId, 'released');
    await waitForMail(b, 'report_ready', c.caseId);
    const released = await b.store.getCase(c.caseId);
    expect(released?.reportKey).toBe(`cases/${c.caseId}/reports/${reportId}.pdf`);
    expect(released?.updateWindowEnds).toBe('2027-03-02');
    expect(await b.store.listTasks(c.caseId)).toEqual([]);
    const exec = await b.engine.settled(b.workflow.arn(c.caseId));
    expect(exec.status).toBe('SUCCEEDED');

    // Every patient email links to the case page with a working token of its own.
    const pageUrl = b.mailer.link(
      'report_ready',
      released!.patient.email!,
      'Apra la pagina della richiesta',
      c.caseId,
    );
    expect(pageUrl).toMatch(new RegExp(`^http://localhost:3000/case/${c.caseId}#token=[A-Za-z0-9_-]{43}$`));
    const fromEmail = { ...c, patientToken: pageUrl.split('#token=')[1]! };
    expect((await caseAction(fromEmail, 'GET', 'report')).statusCode).toBe(200);
    expect((await caseAction({ ...c, patientToken: 'x'.repeat(43) }, 'GET', 'report')).statusCode).toBe(401);
    const report = await caseAction(c, 'GET', 'report');
    expect(report.statusCode).toBe(200);
    expect(JSON.parse(report.body as string).url).toContain(`cases/${c.caseId}/reports/`);
    // The report is bound to the version checked at its release: bytes sent to its key later
    // (the presigned POST sent again) are never what the patient downloads.
    expect(released?.reportVersionId).toBe('v1');
    await b.documents.put(released!.reportKey!, new TextEncoder().encode('<html>swapped</html>'));
    const after = JSON.parse((await caseAction(c, 'GET', 'report')).body as string).url as string;
    expect(after).toContain('versionId=v1');

    const treatment = await caseAction(c, 'POST', 'treatment-request');
    expect(treatment.statusCode).toBe(202);
    expect(b.mailer.ofKind('treatment_request', c.caseId)[0]?.to).toEqual([
      'segreteria.onco@hospital.example',
    ]);
    await caseAction(c, 'POST', 'treatment-request');
    expect(b.mailer.ofKind('treatment_request', c.caseId)).toHaveLength(1);

    const actions = (await b.store.listEvents(c.caseId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'submit',
        'complete',
        'confirm_payment',
        'assign',
        'release',
        'treatment_requested',
      ]),
    );
  });
});
