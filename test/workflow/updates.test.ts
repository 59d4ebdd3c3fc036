/**
 * Updates (issue 13, item 4): the basis must be a released case of the same patient requested within
 * 12 months; triage decides whether the update falls within the previous physician's remit (EUR 350,
 * assigned to them) or goes to another doctor (EUR 500), and the ledger follows; the specialist
 * reads the previous report and documents through the audited routes.
 */
import { describe, expect, it } from 'vitest';
import { handler as createCaseHandler } from '#functions/api/create-case.ts';
import { apiEvent, LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import { createDraftCase, getLink, getLinkDocument, postLink, waitForMail } from '#local/testbed/workflow.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import { caseSteps, TRIAGE, useBench } from './steps.ts';

const b = useBench();

const { submit, pay, previousCase } = caseSteps(() => b);

/** A released case of dr-onco with its report, requested in June 2025 (the bench's clock is in March 2026). */
async function releasedPrevious() {
  const prev = await previousCase('2025-06-10T09:00:00.000Z');
  const c = await b.store.getCase(prev.caseId);
  await b.store.updateCase(prev.caseId, c!.version, { reportKey: `cases/${prev.caseId}/reports/r1.pdf` });
  return prev;
}

async function completeLink(caseId: string) {
  await waitForMail(b, 'triage_request', caseId);
  return b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', caseId);
}

describe('an update', () => {
  it('priced EUR 350: triage keeps it within the previous physician remit, who is assigned and reads the previous report and documents', async () => {
    b.reset(1000);
    const prev = await releasedPrevious();
    const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
    await submit(c);
    const url = await completeLink(c.caseId);
    const page = (await getLink(url)).body;
    expect(page).toContain('Rientra nella competenza di Carla Onco');
    expect(page).toContain('350,00\u00a0€');
    expect(page).toContain('Va a un altro medico: 500,00\u00a0€');
    expect((await postLink(url, { diseaseSite: 'breast', remit: 'same_physician' })).statusCode).toBe(200);
    await waitForMail(b, 'payment_details', c.caseId);
    expect(b.mailer.ofKind('payment_details', c.caseId)[0]!.text).toContain('350,00\u00a0€');
    const priced = await b.store.getCase(c.caseId);
    expect(priced).toMatchObject({ updateRemit: 'same_physician', autoAssignTo: 'dr-onco' });
    expect((await b.store.getLedger(c.caseId)).dues.map((x) => [x.itemId, x.amountCents])).toEqual([
      ['case', 35_000],
    ]);
    await pay(c);
    await waitForMail(b, 'report_task', c.caseId);
    expect((await b.store.getCase(c.caseId))?.assigneeId).toBe('dr-onco');
    expect(b.mailer.ofKind('assignment_candidates', c.caseId)).toHaveLength(0);

    const report = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    const body = (await getLink(report)).body;
    expect(body).toContain(`href="${report}/previous-report"`);
    expect(body).toContain(`href="${report}/previous-documents/doc-1"`);
    const opened = await getLinkDocument(`${report}/previous-documents/doc-1`);
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toContain(`cases/${prev.caseId}/documents/doc-1.pdf?expires=60`);
    expect(
      (await b.store.listEvents(c.caseId)).find((e) => e.action === 'previous_document_opened'),
    ).toMatchObject({
      actor: 'dr-onco',
      details: { previousCaseId: prev.caseId, previousDocumentId: 'doc-1' },
    });
    // A document of this case is no document of the previous one.
    expect((await getLinkDocument(`${report}/previous-documents/nope`)).statusCode).toBe(404);
  });

  it('moved to another doctor at EUR 500: the ledger follows, and the assignment does not propose the previous physician', async () => {
    b.reset(1000);
    const prev = await releasedPrevious();
    const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
    await submit(c);
    const url = await completeLink(c.caseId);
    expect((await postLink(url, { diseaseSite: 'breast', remit: 'other_physician' })).statusCode).toBe(200);
    await waitForMail(b, 'payment_details', c.caseId);
    expect(b.mailer.ofKind('payment_details', c.caseId)[0]!.text).toContain('500,00\u00a0€');
    const priced = await b.store.getCase(c.caseId);
    expect(priced?.quote?.lines).toEqual([{ code: 'base', amountCents: 50_000 }]);
    expect(priced?.updateRemit).toBe('other_physician');
    expect(priced?.autoAssignTo).toBeUndefined();
    expect((await b.store.getLedger(c.caseId)).dues.map((x) => x.amountCents)).toEqual([50_000]);
    await pay(c);
    await waitForMail(b, 'assignment_candidates', c.caseId);
    const candidates = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text;
    expect(candidates).not.toContain('Carla Onco');
    expect(candidates).toContain('Dario Onco');
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'complete')?.details).toMatchObject({
      updateRemit: 'other_physician',
      totalCents: 50_000,
    });
  });

  it('refuses a remit the form did not offer, and nothing is decided', async () => {
    b.reset(1000);
    const prev = await releasedPrevious();
    const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
    await submit(c);
    const url = await completeLink(c.caseId);
    const res = await postLink(url, { diseaseSite: 'breast', remit: 'half_price' });
    expect(res.statusCode).toBe(422);
    expect((await b.store.getCase(c.caseId))?.status).toBe('triage');
  });
});

describe('the basis of an update', () => {
  const patient = {
    firstName: 'Maria',
    lastName: 'Rossi',
    email: 'maria.update@example.com',
    phone: '+39 333 1234567',
    dateOfBirth: '1960-05-01',
    country: 'IT',
    taxCode: 'RSSMRA60E41H501C',
  };
  const request = async (previousReference: string, dateOfBirth = patient.dateOfBirth) => {
    const body = JSON.stringify({
      // Another date of birth: a patient resident abroad (no tax code to hold it).
      patient:
        dateOfBirth === patient.dateOfBirth
          ? patient
          : { ...patient, dateOfBirth, country: 'FR', taxCode: undefined },
      language: 'it',
      consultationTypes: ['oncological'],
      consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
      previousReference,
    });
    const res = await createCaseHandler(
      apiEvent('POST', '/cases', { body, headers: { 'content-type': 'application/json' } }),
      LAMBDA_CONTEXT,
    );
    const r = res as { statusCode: number; body: string };
    return { status: r.statusCode, body: JSON.parse(r.body) };
  };
  const drafts = async () => (await b.store.listCasesByStatus('draft')).length;

  it.each([
    ['a draft', { status: 'draft' as const }, 'previous_case_not_released', 'has no released report'],
    [
      'a case still in report',
      { status: 'in_report' as const },
      'previous_case_not_released',
      'has no released report',
    ],
    [
      'a released case requested more than 12 months ago',
      { status: 'released' as const, submittedAt: '2025-03-01T09:00:00.000Z' },
      'previous_case_too_old',
      'was requested more than 12 months ago',
    ],
  ])(
    'is refused when it is %s: a field error on the reference, nothing written',
    async (_, changes, code, message) => {
      b.reset(1000);
      const prev = await createDraftCase(b, changes);
      const before = await drafts();
      const res = await request(prev.reference);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code, details: [{ path: 'previousReference', message }] });
      expect(await drafts()).toBe(before);
    },
  );

  it("reads another patient's released case as not found, and takes a released one of the same patient", async () => {
    b.reset(1000);
    const prev = await createDraftCase(b, { status: 'released', submittedAt: '2025-06-10T09:00:00.000Z' });
    const stranger = await request(prev.reference, '1970-01-01');
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('previous_case_not_found');
    const ok = await request(prev.reference);
    expect(ok.status).toBe(201);
    expect(await b.store.getCase(ok.body.caseId)).toMatchObject({
      previousCaseId: prev.caseId,
      previousReference: prev.reference,
    });
  });
});
