/**
 * Whole cases on the local stack, driven only over HTTP and through the links of the emails in the
 * mailbox: create, upload real PDFs with the presigned POST, classification, submit, triage, payment,
 * assignment, report upload, release; and the documents-requested loop. Every link is opened with a
 * GET first, which must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksOf } from '#local/driver.ts';
import {
  caseWithDocuments,
  getChangesNothing,
  type Harness,
  LABELS,
  patientRequest,
  pdf,
  STAFF,
  startHarness,
} from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: 300 });
});
afterAll(() => h?.close());

describe('a case on the local stack', () => {
  it('goes from request to released report through emails and links', { timeout: 120_000 }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d);
    expect(c.caseUrl).toBe(`${h.stack.endpoints.api}/case/${c.caseId}#token=${c.patientToken}`);

    // The patient's email carries the case link with its own working token.
    const welcome = await d.waitForLink(c.email, c.reference, LABELS.casePage);
    const emailed = { ...c, patientToken: welcome.url.split('#token=')[1]! };
    const view = await d.getCase(emailed);
    expect(view.documents.map((x) => x.state)).toEqual(['classified', 'classified']);
    expect(view.documents.map((x) => x.classification?.documentType).sort()).toEqual([
      'oncologist_report',
      'pathology_report',
    ]);
    expect(view.can.submit).toBe(true);

    expect((await d.caseAction(c, 'submit')).status).toBe(202);
    expect((await d.caseAction(c, 'submit')).status).toBe(202);
    expect(h.stack.stateMachine.listExecutions().filter((e) => e.name === c.caseId)).toHaveLength(1);

    const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
    expect((await d.getCase(c)).status).toBe('triage');
    expect(await getChangesNothing(d, c, triage.url)).toContain(c.reference);
    expect((await d.postLink(triage.url)).status).toBe(200);
    // The first decision wins: the link is spent.
    expect((await d.postLink(triage.url)).status).not.toBe(200);

    const office = await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
    const awaiting = await d.getCase(c);
    expect(awaiting.status).toBe('awaiting_payment');
    expect(awaiting.quote?.totalCents).toBe(50_000);
    const details = (await d.mailFor(c.email, c.reference)).find((m) =>
      /€500\.00|500,00\u00a0€/.test(m.text),
    );
    // The RF reference is printed in groups of four, as on a bank form.
    expect(details?.text.replace(/ /g, '')).toContain(awaiting.paymentReference);
    await getChangesNothing(d, c, office.url);
    expect((await d.postLink(office.url)).status).toBe(200);

    const candidate = await d.waitForLink(STAFF.triage, c.reference, (label) =>
      label.startsWith('Dr Laura Ferrari'),
    );
    // Only oncologists are offered for an oncological case.
    expect(linksOf(candidate.mail).some((l) => l.label.startsWith('Dr Paolo Esposito'))).toBe(false);
    await getChangesNothing(d, c, candidate.url);
    expect((await d.postLink(candidate.url)).status).toBe(200);

    const release = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.release);
    expect((await d.getCase(c)).status).toBe('in_report');
    await getChangesNothing(d, c, release.url);
    const reportId = await d.uploadReport(release.url, pdf('002-oncologist_report-en.pdf'));
    expect((await d.postLink(release.url, { reportId })).status).toBe(200);

    const released = await d.waitForStatus(c, 'released');
    expect(released.next).toBe('download_report');
    const report = await d.report(c);
    expect(report.status).toBe(200);
    const { url } = JSON.parse(report.body) as { url: string };
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    expect((await d.caseAction(c, 'treatment-request')).status).toBe(202);
    await d.waitForMail(STAFF.secretariat, c.reference, /./);
  });

  it('asks the patient for more documents and goes on after the resubmission', {
    timeout: 120_000,
  }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d, patientRequest({ language: 'en' }));
    expect((await d.caseAction(c, 'submit')).status).toBe(202);

    const ask = await d.waitForLink(STAFF.triage, c.reference, LABELS.requestDocuments);
    await getChangesNothing(d, c, ask.url);
    expect((await d.postLink(ask.url, { documents: 'Recent CT scan report' })).status).toBe(200);

    const requested = await d.waitForStatus(c, 'documents_requested');
    expect(requested.requestedDocuments).toEqual(['Recent CT scan report']);
    const mail = await d.waitForMail(c.email, c.reference, /./);
    await d.waitForLink(c.email, c.reference, (l) => LABELS.casePage.includes(l), { skip: 1 });
    expect(mail).toBeDefined();
    // What is asked is on the case page only, never in an email.
    expect(
      (await d.mailFor(c.email, c.reference)).some((m) => m.text.includes('Recent CT scan report')),
    ).toBe(false);

    await d.upload(c, 'ct-report.pdf', pdf('009-imaging_report-en.pdf'));
    await d.waitForDocuments(c, 3);
    expect((await d.caseAction(c, 'submit')).status).toBe(202);
    await d.waitForStatus(c, 'triage');

    // A fresh triage request, with fresh links; the old ones are spent.
    const again = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete, { skip: 1 });
    expect(again.url).not.toBe(ask.url);
    await getChangesNothing(d, c, again.url);
    expect((await d.postLink(again.url)).status).toBe(200);
    await d.waitForStatus(c, 'awaiting_payment');
  });

  it("shows each checked document's first page, drawn by poppler, and deletes it with its document", {
    timeout: 60_000,
  }, async () => {
    const d = h.driver;
    const c = await d.createCase(patientRequest());
    const kept = await d.upload(c, 'referto.pdf', pdf('003-oncologist_report-it.pdf'));
    const removed = await d.upload(c, 'duplicato.pdf', pdf('007-pathology_report-it.pdf'));
    const view = await d.waitForPreviews(c, 2);
    const urls = Object.fromEntries(view.documents.map((x) => [x.documentId, x.previewUrl!]));
    const image = await fetch(urls[removed]!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await image.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Math.max(png.readUInt32BE(16), png.readUInt32BE(20))).toBe(360);

    await d.waitForDocuments(c, 2);
    expect((await d.removeDocument(c, removed)).status).toBe(200);
    // The image is gone from the bucket with its document; the other stays.
    expect((await fetch(urls[removed]!)).status).toBe(404);
    expect((await fetch(urls[kept]!)).status).toBe(200);
    expect((await d.getCase(c)).documents.map((x) => x.documentId)).toEqual([kept]);
  });

  it('refuses bad input with a JSON 4xx and never a stack trace', async () => {
    const res = await fetch(`${h.stack.endpoints.api}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"patient":',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('invalid_json');
    const page = await h.driver.getLink(`${h.stack.endpoints.api}/a/${'x'.repeat(43)}`);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.body).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
});
