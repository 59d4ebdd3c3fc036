/**
 * Issue 13 on the local stack, over HTTP and the mailbox, as the people involved see it: a team
 * case (triage names the disease site and confirms a lead with a contributor; the contributor's
 * note and PDF reach the lead's page; one report is released) and a histological review (the
 * patient approves it and declines a second consultation on one page, pays, gets the shipping
 * instructions; the pathology confirms the slides and uploads the revised diagnosis; the lead is
 * told and releases; the office records the slides sent back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePagePdf } from '#local/testbed/workflow.ts';
import {
  caseWithDocuments,
  driveToReport,
  getChangesNothing,
  type Harness,
  LABELS,
  patientRequest,
  STAFF,
  startHarness,
} from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: 100 });
});
afterAll(async () => {
  await h?.close();
});

describe('a team case', () => {
  it('triage names the site, the team is a lead and a contributor, the contribution reaches the lead, who releases one report', {
    timeout: 180_000,
  }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d, patientRequest({ consultationTypes: ['oncological', 'surgical'] }));
    expect((await d.caseAction(c, 'submit')).status).toBe(202);

    // Triage: the disease site is asked for from the list, and a wrong one is refused.
    const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
    const form = await getChangesNothing(d, c, triage.url);
    expect(form).toContain('<select id="diseaseSite" name="diseaseSite" required>');
    expect((await d.postLink(triage.url, { diseaseSite: 'elbow' })).status).toBe(422);
    expect((await d.postLink(triage.url, { diseaseSite: 'breast' })).status).toBe(200);
    const office = await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
    expect((await d.postLink(office.url)).status).toBe(200);

    // The assignment page of the oncologist proposes the surgeon for the type she does not cover.
    const candidate = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    const assign = (await d.getLink(candidate.url)).body;
    expect(assign).toContain('<th scope="row">Sede di malattia</th><td>Mammella</td>');
    expect(assign).toMatch(
      /<select id="contributor_surgical" name="contributor_surgical"><option value="surg-esposito">Dr Paolo Esposito<\/option>/,
    );
    expect(assign).not.toContain('contributor_oncological');
    expect((await d.postLink(candidate.url, { contributor_surgical: 'surg-esposito' })).status).toBe(200);
    await d.waitForStatus(c, 'in_report');

    // The surgeon is asked, with a due time inside the report's, and contributes a PDF and a note.
    const asked = await d.waitForMail(STAFF.surgeon, c.reference, /^Attività per /);
    expect(asked.subject).toContain('contributo');
    const task = await d.waitForLink(STAFF.surgeon, c.reference, LABELS.task);
    const taskPage = await getChangesNothing(d, c, task.url);
    expect(taskPage).toContain('Il Suo contributo alla relazione');
    expect(taskPage).toContain('<input id="report" type="file" accept="application/pdf">');
    const pdfId = await d.uploadReport(task.url, await onePagePdf());
    const note = 'Resecabile dopo terapia neoadiuvante.';
    expect((await d.postLink(task.url, { reportId: pdfId, note })).status).toBe(200);
    // The link acts once.
    expect((await d.postLink(task.url, { note: 'again' })).status).toBeGreaterThanOrEqual(400);

    // The lead is told, and reads it on the report page above the form.
    const done = await d.waitForMail(STAFF.oncologist, c.reference, /^Completata per /);
    expect(done.text).toContain('Dr Paolo Esposito');
    expect(done.text).not.toContain(note);
    const release = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.release);
    const page = (await d.getLink(release.url)).body;
    expect(page).toContain('Contributi dell&#39;équipe');
    expect(page).toContain('<strong>Dr Paolo Esposito</strong> (Chirurgico): ricevuto');
    expect(page).toContain(`<span class="note">${note}</span>`);
    // The PDF opens through the page's audited route, a redirect to a one-minute presigned GET.
    expect(page).not.toContain(`${pdfId}.pdf`);
    const pdfLink = `${release.url}/contributions/contribution-surgical`;
    expect(page).toContain(`href="${pdfLink}"`);
    const pdf = await fetch(pdfLink);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const reportId = await d.uploadReport(release.url, await onePagePdf());
    expect((await d.postLink(release.url, { reportId })).status).toBe(200);
    await d.waitForStatus(c, 'released');
    await d.waitForMail(c.email, c.reference, /relazione|report/i);
    // One report: the surgeon is never asked to release one.
    const surgeonLinks = (await d.mailFor(STAFF.surgeon, c.reference)).filter((m) =>
      m.text.includes('Carichi e rilasci'),
    );
    expect(surgeonLinks).toEqual([]);
  });
});

describe('a histological review', () => {
  it('approved on the approve-each page, paid, shipped by the patient, re-read by the pathology, told to the lead, released, the slides sent back', {
    timeout: 180_000,
  }, async () => {
    const d = h.driver;
    const c = await caseWithDocuments(d);
    const { release } = await driveToReport(d, c);

    // The lead proposes two consultations at once: the review and a surgical one.
    const ask = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.requestAdditional);
    const reason = 'Rileggere i vetrini: diagnosi incerta.';
    expect(
      (
        await d.postLink(ask.url, [
          ['consultation', 'histology_review'],
          ['consultation', 'surgical_review'],
          ['reason', reason],
        ])
      ).status,
    ).toBe(200);
    await d.waitForStatus(c, 'awaiting_approval');

    // The patient answers each on one page: the review approved, the surgical one declined.
    const approve = await d.waitForLink(c.email, c.reference, LABELS.approve);
    const approvePage = await getChangesNothing(d, c, approve.url);
    expect(approvePage).toContain('Approvazione degli approfondimenti');
    expect(approvePage).toMatch(/Revisione istologica[^<]*<\/strong> – 300,00/);
    expect(approvePage).toMatch(/Consulenza chirurgica<\/strong> – 250,00/);
    expect(approvePage).toContain('name="answer_histology_review" value="approve" checked');
    expect(approvePage).toContain('name="answer_surgical_review" value="decline"');
    expect(
      (
        await d.postLink(approve.url, {
          answer_histology_review: 'approve',
          answer_surgical_review: 'decline',
        })
      ).status,
    ).toBe(200);

    // The shipping instructions, in the patient's Italian, with the address and the reference.
    const shipping = await d.waitForMail(c.email, c.reference, /^Invio dei vetrini/);
    expect(shipping.subject).toBe(`Invio dei vetrini per la revisione istologica: ${c.reference}`);
    expect(shipping.text).toContain(h.stack.env.PATHOLOGY_ADDRESS!);
    expect(shipping.text).toContain(`scriva il riferimento ${c.reference} sul pacco`);
    expect(shipping.text).not.toContain(reason);

    // Only the approved one is to pay.
    const awaiting = await d.waitForStatus(c, 'awaiting_additional_payment');
    const toPay = (awaiting.ledger as { toPay: { outstandingCents: number } }).toPay;
    expect(toPay.outstandingCents).toBe(30_000);
    const paid = await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived, { skip: 1 });
    expect((await d.postLink(paid.url)).status).toBe(200);
    await d.waitForStatus(c, 'in_consultation');

    // The pathology confirms the slides, then uploads the revised diagnosis (a PDF is required).
    const received = await d.waitForLink(STAFF.pathologist, c.reference, LABELS.task);
    const receivedPage = await getChangesNothing(d, c, received.url);
    expect(receivedPage).toContain('Vetrini ricevuti');
    expect((await d.postLink(received.url)).status).toBe(200);
    const result = await d.waitForLink(STAFF.pathologist, c.reference, LABELS.task, { skip: 1 });
    expect((await d.getLink(result.url)).body).toContain('La diagnosi rivista');
    expect((await d.getCase(c)).status).toBe('in_consultation');
    expect((await d.postLink(result.url)).status).toBe(422);
    const diagnosis = await d.uploadReport(result.url, await onePagePdf());
    expect((await d.postLink(result.url, { reportId: diagnosis })).status).toBe(200);

    // The lead is told; the report goes on with the revised diagnosis on the page.
    const told = await d.waitForMail(STAFF.oncologist, c.reference, /^Completata per /);
    expect(told.text).toContain('Dr Anna Greco');
    await d.waitForStatus(c, 'in_report');
    const again = await d.waitForLink(STAFF.oncologist, c.reference, LABELS.release, { skip: 1 });
    expect(again.url).not.toBe(release);
    const page = (await d.getLink(again.url)).body;
    expect(page).toMatch(/<strong>Dr Anna Greco<\/strong> \(Revisione istologica[^<]*\): ricevuto/);
    const diagnosisLink = /href="([^"]+\/contributions\/[^"]+)"/.exec(page)?.[1];
    const revised = await fetch(diagnosisLink!, { redirect: 'manual' });
    expect(revised.headers.get('location')).toContain(`${diagnosis}.pdf`);
    const reportId = await d.uploadReport(again.url, await onePagePdf());
    expect((await d.postLink(again.url, { reportId })).status).toBe(200);
    await d.waitForStatus(c, 'released');

    // The office is asked to send the slides back, and records the carrier and tracking number.
    const back = await d.waitForLink(STAFF.office, c.reference, LABELS.task);
    expect((await d.getLink(back.url)).body).toContain('<input id="tracking" name="tracking"');
    expect((await d.postLink(back.url, { carrier: 'BRT' })).status).toBe(422);
    expect((await d.postLink(back.url, { carrier: 'BRT', tracking: '0123 4567' })).status).toBe(200);
    expect(
      (await d.postLink(back.url, { carrier: 'BRT', tracking: '0123 4567' })).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await d.getCase(c)).status).toBe('released');
  });
});
