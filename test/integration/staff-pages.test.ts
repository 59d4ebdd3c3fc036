/**
 * The triage doctor's page on the local stack, driven only over HTTP and through the mailbox: it
 * opens every uploaded document (each link redirects to a presigned GET that returns the PDF) and
 * names the missing identity document in the checklist; the office's page alone has the contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, LABELS, patientRequest, pdf, STAFF, startHarness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: 300 });
});
afterAll(() => h?.close());

/** The document links of a staff page. */
function documentLinks(body: string): string[] {
  return [...body.matchAll(/href="([^"]*\/documents\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('the triage page on the local stack', () => {
  it('opens every uploaded document and shows the missing identity document', {
    timeout: 120_000,
  }, async () => {
    const d = h.driver;
    const request = patientRequest();
    const c = await d.createCase(request);
    const files = {
      'relazione oncologo.pdf': pdf('003-oncologist_report-it.pdf'),
      'istologico.pdf': pdf('007-pathology_report-it.pdf'),
      'modulo.pdf': pdf('035-request_form-it.pdf'),
    };
    for (const [name, bytes] of Object.entries(files)) await d.upload(c, name, bytes);
    await d.waitForDocuments(c, 3);
    expect((await d.caseAction(c, 'submit')).status).toBe(202);

    const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
    // The email names the case and the step, nothing of the patient or the documents.
    expect(triage.mail.text).not.toContain('istologico');
    expect(triage.mail.text).not.toContain(request.patient.lastName);
    const page = await d.getLink(triage.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Manca: Documento d&#39;identità.');
    const links = documentLinks(page.body);
    expect(links).toHaveLength(3);
    for (const name of Object.keys(files)) expect(page.body).toContain(name);

    const opened: string[] = [];
    for (const link of links) {
      // The route answers with a redirect to a presigned GET of the bucket; fetch follows it.
      const first = await fetch(link, { redirect: 'manual' });
      expect(first.status).toBe(302);
      expect(first.headers.get('location')).toContain(h.stack.endpoints.s3);
      const res = await fetch(link);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="/);
      const same = Object.entries(files).find(([, f]) => Buffer.from(f).equals(bytes));
      expect(same, link).toBeDefined();
      opened.push(same![0]);
    }
    expect(opened.sort()).toEqual(Object.keys(files).sort());
    // Each opening shows on the page's timeline, by the doctor's name.
    const again = await d.getLink(triage.url);
    expect(again.body.match(/File aperto/g)).toHaveLength(6);

    // The office's page (payment) has how to reach the patient; the doctor's never did.
    expect(page.body).not.toContain(request.patient.email);
    expect((await d.postLink(triage.url)).status).toBe(200);
    const office = await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
    const officePage = await d.getLink(office.url);
    expect(officePage.body).toContain(`mailto:${request.patient.email}`);
    expect(officePage.body).toContain(request.patient.phone);
  });
});
