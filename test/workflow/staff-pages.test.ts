/**
 * The staff pages show what the decision needs, through the real handler and workflow: every
 * document with a link that opens it (an audited redirect to a one-minute presigned GET), the
 * checklist, the previous report of an update, the timeline; contact details for the office only.
 * The patient's links open nothing, and the emails carry none of it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { hashToken, newSecretToken } from '#domain/ids.ts';
import type { CaseDocument } from '#domain/model.ts';
import {
  caseAction,
  createDraftCase,
  getLink,
  getLinkDocument,
  type NewCase,
  postLink,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { useBench } from './steps.ts';

const b = useBench();
const TRIAGE = 'dr-triage@hospital.example';
const OFFICE = 'office@hospital.example';

beforeEach(() => {
  b.reset(1000);
});

async function addDocument(c: NewCase, id: string, changes: Partial<CaseDocument>) {
  const now = b.clock.now().toISOString();
  await b.store.putDocument({
    caseId: c.caseId,
    documentId: id,
    fileName: `${id}.pdf`,
    key: `cases/${c.caseId}/documents/${id}.pdf`,
    sizeBytes: 1000,
    state: 'classified',
    uploadExpiresAt: now,
    createdAt: now,
    updatedAt: now,
    ...changes,
  });
}

/** A submitted case with three documents to open and one refused at upload. */
async function caseInTriage(changes = {}): Promise<NewCase> {
  const c = await createDraftCase(b, changes);
  await addDocument(c, 'istologico', {
    fileName: 'esame istologico.pdf',
    pages: 2,
    classification: { documentType: 'pathology_report', confidence: 0.81, language: 'it', signals: [] },
  });
  await addDocument(c, 'scansione', {
    fileName: 'IMG_0931.pdf',
    state: 'needs_review',
    classification: { documentType: 'other', confidence: 0.2, language: 'it', signals: [] },
  });
  await addDocument(c, 'word', { fileName: 'lettera.docx.pdf', state: 'rejected', reason: 'not_pdf' });
  expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
  await waitForMail(b, 'triage_request', c.caseId);
  return c;
}

/** The document links of a page, by their href. */
function documentLinks(body: string): string[] {
  return [...body.matchAll(/href="([^"]*\/documents\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

const triageLink = (c: NewCase, label = 'Documentazione completa') =>
  b.mailer.link('triage_request', TRIAGE, label, c.caseId);

describe('the triage page', () => {
  it('lists every document with a link that opens it, audited, through a one-minute presigned GET', async () => {
    const c = await caseInTriage();
    const url = triageLink(c);
    const page = await getLink(url);
    expect(page.statusCode).toBe(200);
    const links = documentLinks(page.body);
    expect(links).toEqual(
      ['doc-1', 'istologico', 'scansione'].map(
        (id) => `http://localhost:3000/a/${url.split('/a/')[1]}/documents/${id}`,
      ),
    );
    // The refused file is not offered; the page says what was read and how sure the classifier was.
    expect(page.body).not.toContain('documents/word');
    expect(page.body).toContain('esame istologico.pdf');
    expect(page.body).toContain('Referto istologico (affidabilità 81%)');
    expect(page.body).toContain('Da rivedere');
    // Opening the page itself signs nothing and records nothing.
    const events = (await b.store.listEvents(c.caseId)).length;
    expect(page.body).not.toContain('s3.local');

    const opened = await getLinkDocument(links[1]!);
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toBe(
      `http://s3.local/documents/cases/${c.caseId}/documents/istologico.pdf?expires=60&name=esame%20istologico.pdf`,
    );
    expect(opened.headers['cache-control']).toBe('no-store');
    const audit = (await b.store.listEvents(c.caseId)).filter((e) => e.action === 'document_opened');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'dr-triage',
      details: { documentId: 'istologico', step: 'triage' },
    });
    expect((await b.store.listEvents(c.caseId)).length).toBe(events + 1);
    // Every click is a new audited signature.
    expect((await getLinkDocument(links[1]!)).statusCode).toBe(302);
    expect((await b.store.listEvents(c.caseId)).filter((e) => e.action === 'document_opened')).toHaveLength(
      2,
    );
    // The timeline on the page shows who opened what.
    expect((await getLink(url)).body).toMatch(
      /Anna Triage<\/td><td>File aperto: &quot;esame istologico.pdf&quot;/,
    );
  });

  it("shows each document's first page beside it through the link, signed for a minute and not audited", async () => {
    const c = await caseInTriage();
    const key = `cases/${c.caseId}/previews/istologico.png`;
    await b.store.updateDocument(c.caseId, 'istologico', ['classified'], {
      preview: { key, versionId: 'v7' },
    });
    const url = triageLink(c);
    const base = `http://localhost:3000/a/${url.split('/a/')[1]}`;
    const page = await getLink(url);
    expect(page.body).toContain(
      `<img class="thumb" src="${base}/previews/istologico" alt="Prima pagina di &quot;esame istologico.pdf&quot;" loading="lazy"`,
    );
    // The others have none to show, and say so.
    expect(page.body.match(/<span class="thumb none">Anteprima non disponibile<\/span>/g)).toHaveLength(2);
    const events = (await b.store.listEvents(c.caseId)).length;
    const shown = await getLinkDocument(`${base}/previews/istologico`);
    expect(shown.statusCode).toBe(302);
    expect(shown.headers.location).toBe(`http://s3.local/documents/${key}?expires=60&versionId=v7`);
    expect(shown.headers['cache-control']).toBe('no-store');
    // It loads with the page, which records nothing: neither does it.
    expect((await b.store.listEvents(c.caseId)).length).toBe(events);
    expect((await getLinkDocument(`${base}/previews/scansione`)).statusCode).toBe(404);
  });

  it('shows the checklist in words, the types, the patient and the timeline, then the form', async () => {
    const c = await caseInTriage({ consultationTypes: ['oncological', 'surgical'] });
    const body = (await getLink(triageLink(c, 'Rifiuti la richiesta'))).body;
    expect(body).toContain('Manca: Documento d&#39;identità.');
    expect(body).toContain('Oncologico, Chirurgico');
    // Born 1 May 1960; the bench's clock starts on 2 March 2026.
    expect(body).toMatch(/Età<\/th><td>65 anni/);
    expect(body).toMatch(/Paese<\/th><td>Italia/);
    expect(body).toMatch(/Lingua<\/th><td>Italiano/);
    expect(body).toContain('Documenti inviati al triage');
    // Read top to bottom: the case first, the form last.
    const order = [
      'id="patient-heading"',
      'id="documents-heading"',
      'id="checklist-heading"',
      'id="timeline-heading"',
      '<form method="post"',
    ];
    const at = order.map((s) => body.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // A doctor's page carries no contact details.
    const patient = (await b.store.getCase(c.caseId))!.patient;
    expect(body).not.toContain(patient.email);
    expect(body).not.toContain(patient.phone);
    expect(body).not.toContain('Recapiti');
  });

  it('opens nothing of another case, nothing refused, and nothing once the link is spent', async () => {
    const other = await createDraftCase(b);
    expect((await caseAction(other, 'POST', 'submit')).statusCode).toBe(202);
    await waitForMail(b, 'triage_request', other.caseId);
    const c = await caseInTriage();
    const url = triageLink(c);
    const base = `${url}/documents`;
    for (const id of ['word', 'nope']) {
      const res = await getLinkDocument(`${base}/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.body).toContain('Questo documento non può essere aperto');
    }
    expect((await getLinkDocument(`${base}/..%2F..%2Fx`)).statusCode).toBe(404);
    // Both cases have a doc-1: each link opens its own case's; the other's link cannot reach this case's files.
    expect((await getLinkDocument(`${base}/doc-1`)).headers.location).toContain(`cases/${c.caseId}/`);
    const elsewhere = `${triageLink(other)}/documents`;
    expect((await getLinkDocument(`${elsewhere}/doc-1`)).headers.location).toContain(
      `cases/${other.caseId}/`,
    );
    expect((await getLinkDocument(`${elsewhere}/istologico`)).statusCode).toBe(404);
    expect((await postLink(url)).statusCode).toBe(200);
    const spent = await getLinkDocument(`${base}/doc-1`);
    expect(spent.statusCode).toBe(409);
    expect(spent.headers.location).toBeUndefined();
    const opened = (await b.store.listEvents(c.caseId)).filter((e) => e.action === 'document_opened');
    expect(opened.map((e) => e.details?.documentId)).toEqual(['doc-1']);
  });

  it('gives each element of each of its pages an id of its own', async () => {
    const c = await caseInTriage();
    for (const label of ['Documentazione completa', 'Richieda documenti', 'Rifiuti la richiesta']) {
      const body = (await getLink(triageLink(c, label))).body;
      const ids = [...body.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
      expect(ids.length, label).toBeGreaterThanOrEqual(10);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        label,
      ).toEqual([]);
    }
  });

  it('ends every page, the form, its result and each refusal, with the hospital and how to reach the office', async () => {
    const c = await caseInTriage();
    const url = triageLink(c);
    const token = url.split('/a/')[1]!;
    const pages = {
      form: await getLink(url),
      unavailable: await getLinkDocument(`${url}/documents/word`),
      unknown: await getLink(url.replace(token, `${token.slice(0, -4)}AAAA`)),
      done: await postLink(url),
      decided: await postLink(url),
    };
    expect(Object.values(pages).map((p) => p.statusCode)).toEqual([200, 404, 404, 200, 409]);
    for (const [name, { body }] of Object.entries(pages)) {
      expect(body, name).toContain('<a href="/">Ospedale Oncologico di Milano</a>');
      const footer = body.slice(body.indexOf('<footer class="site">'));
      expect(footer, name).toContain('href="tel:+390257489000"');
      expect(footer, name).toContain('href="mailto:office@hospital.example"');
      expect(footer, name).toContain('Via Ripamonti 435, 20141 Milano, Italia');
    }
    // The footer speaks the page's language: Italian for this doctor, English for an unknown link.
    expect(pages.form.body).toContain('da lunedì a venerdì, 09:00–17:00');
    expect(pages.unknown.body).toContain('Monday to Friday, 09:00–17:00');
  });
});

describe("the patient's links", () => {
  it('never open a staff document, and their pages show no case panel', async () => {
    const c = await caseInTriage();
    const wait = (await b.store.getWait(c.caseId, 'triage'))!;
    const token = newSecretToken();
    await b.store.putLink({
      tokenHash: hashToken(token),
      caseId: c.caseId,
      step: 'triage',
      decision: 'approve',
      recipient: 'patient',
      waitOpenedAt: wait.openedAt,
      expiresAt: '2030-01-01T00:00:00.000Z',
      createdAt: wait.openedAt,
    });
    const url = `http://localhost:3000/a/${token}`;
    const page = await getLink(url);
    expect(page.statusCode).toBe(200);
    expect(documentLinks(page.body)).toEqual([]);
    expect(page.body).not.toContain('Cronologia');
    expect(page.body).not.toContain('referto-oncologico.pdf');
    for (const path of ['/documents/doc-1', '/previews/doc-1', '/previous-report']) {
      const res = await getLinkDocument(`${url}${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
    const actions = (await b.store.listEvents(c.caseId)).map((e) => e.action);
    expect(actions).not.toContain('document_opened');
    expect(actions).not.toContain('previous_report_opened');
  });
});

describe("the office's pages", () => {
  it('alone show how to reach the patient and whoever applies for them', async () => {
    const c = await caseInTriage({
      requester: {
        firstName: 'Luca',
        lastName: 'Rossi',
        email: 'luca.rossi@example.com',
        phone: '+39 347 0000000',
        relationship: 'figlio',
      },
    });
    const triagePage = (await getLink(triageLink(c))).body;
    expect(triagePage).not.toContain('luca.rossi@example.com');
    expect(triagePage).toContain('Un&#39;altra persona, per il paziente');
    expect((await postLink(triageLink(c))).statusCode).toBe(200);
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const pay = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    const body = (await getLink(pay)).body;
    const patient = (await b.store.getCase(c.caseId))!.patient;
    // The office reads English.
    expect(body).toContain('Contact details');
    expect(body).toContain(`href="mailto:${patient.email}"`);
    expect(body).toContain('href="tel:+393331234567"');
    expect(body).toContain('Maria Rossi');
    expect(body).toContain('Applying for the patient (figlio)');
    expect(body).toContain('luca.rossi@example.com');
    expect(body).toContain('Documentation complete');
    expect(body).toContain('Awaiting payment');
    // And the office can open the documents too.
    expect((await getLinkDocument(documentLinks(body)[0]!)).statusCode).toBe(302);
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'document_opened')?.actor).toBe(
      'office',
    );
  });

  it("view a rejected case with the doctor's reason, and open its documents after it ended", async () => {
    const c = await caseInTriage();
    expect(
      (await postLink(triageLink(c, 'Rifiuti la richiesta'), { reason: 'Richiesta non oncologica' }))
        .statusCode,
    ).toBe(200);
    await waitForStatus(b, c.caseId, 'rejected');
    await waitForMail(b, 'case_rejected_office', c.caseId);
    const view = b.mailer.link('case_rejected_office', OFFICE, 'Open the case', c.caseId);
    const page = await getLink(view);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<form');
    expect(page.body).toContain('Rejected at triage');
    expect(page.body).toMatch(
      /Anna Triage<\/td><td>Rejected: &quot;Richiesta non oncologica&quot; \(triage\)/,
    );
    expect(page.body).toContain('Contact details');
    const links = documentLinks(page.body);
    expect(links).toHaveLength(3);
    expect((await getLinkDocument(links[0]!)).statusCode).toBe(302);
  });
});

describe('an update', () => {
  it("offers the previous case's report, audited", async () => {
    const previous = await createDraftCase(b, {
      status: 'released',
      reportKey: 'cases/prev/reports/r1.pdf',
      submittedAt: '2025-06-10T08:00:00.000Z',
    });
    const c = await caseInTriage({ previousCaseId: previous.caseId, previousReference: previous.reference });
    const url = triageLink(c);
    const body = (await getLink(url)).body;
    expect(body).toContain(previous.reference);
    expect(body).toContain('10 giugno 2025');
    expect(body).toContain(`href="${url}/previous-report"`);
    const res = await getLinkDocument(`${url}/previous-report`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(
      `http://s3.local/documents/cases/prev/reports/r1.pdf?expires=60&name=${previous.reference}-report.pdf`,
    );
    expect(
      (await b.store.listEvents(c.caseId)).find((e) => e.action === 'previous_report_opened'),
    ).toMatchObject({
      actor: 'dr-triage',
      details: { previousCaseId: previous.caseId, previousReference: previous.reference },
    });
  });

  it('has no report to open while the previous case has none', async () => {
    const previous = await createDraftCase(b, { status: 'in_report' });
    const c = await caseInTriage({ previousCaseId: previous.caseId, previousReference: previous.reference });
    const url = triageLink(c);
    const body = (await getLink(url)).body;
    expect(body).toContain('Per quella richiesta non è stata rilasciata alcuna relazione.');
    expect(body).not.toContain('previous-report');
    expect((await getLinkDocument(`${url}/previous-report`)).statusCode).toBe(404);
  });
});

describe('the emails', () => {
  it('keep only the reference, the step and the links', async () => {
    const c = await caseInTriage();
    const mail = b.mailer.ofKind('triage_request', c.caseId).find((m) => m.to.includes(TRIAGE))!;
    const patient = (await b.store.getCase(c.caseId))!.patient;
    for (const part of [mail.subject, mail.text, mail.html]) {
      for (const secret of [
        'referto-oncologico',
        'istologico',
        'Maria',
        'Rossi',
        patient.email,
        patient.phone,
        '1960',
      ])
        expect(part, secret).not.toContain(secret);
    }
    expect(mail.subject).toContain(c.reference);
  });
});
