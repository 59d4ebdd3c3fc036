/** The workflow's paths before the report: triage's three answers and its escalation, the payment wait, and updates' prices. */
import { describe, expect, it } from 'vitest';
import {
  caseAction,
  createDraftCase,
  getLink,
  postLink,
  STAFF,
  startAt,
  statusOf,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { caseSteps, OFFICE, TRIAGE, useBench } from './steps.ts';

const b = useBench();

const { resetFast, submit, triage, pay, toReport, release, previousCase } = caseSteps(() => b);

describe('triage', () => {
  it('requests documents with a list, then the patient resubmits and triage starts again', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await submit(c);
    await triage(c, 'Richieda documenti', { documents: 'Referto istologico\nTAC torace recente' });
    await waitForMail(b, 'documents_requested', c.caseId);
    const mail = b.mailer.ofKind('documents_requested', c.caseId)[0]!;
    expect(mail.to).toEqual([(await b.store.getCase(c.caseId))!.patient.email]);
    // The list is on the case page; the email only points there.
    for (const part of [mail.text, mail.html]) expect(part).not.toMatch(/istologico|TAC/);
    expect(mail.text).toContain('pagina della richiesta');
    expect((await b.store.getCase(c.caseId))!.requestedDocuments).toEqual([
      'Referto istologico',
      'TAC torace recente',
    ]);
    expect(await statusOf(b, c.caseId)).toBe('documents_requested');

    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    await waitForMail(b, 'triage_request', c.caseId, 2);
    expect(await statusOf(b, c.caseId)).toBe('triage');
    // The old triage links belong to a wait that moved on.
    const first = b.mailer
      .ofKind('triage_request', c.caseId)[0]!
      .text.split('\n')
      .find((l) => l.includes('/a/'))!;
    const superseded = await postLink(first);
    expect(superseded.statusCode).toBe(410);
    expect(superseded.body).toContain('superata');
    await triage(c, 'Documentazione completa');
    await waitForStatus(b, c.caseId, 'awaiting_payment');
  });

  it('expires when the requested documents do not come, after reminders', async () => {
    resetFast(1_000_000);
    const c = await createDraftCase(b, {
      status: 'documents_requested',
      submittedAt: b.clock.now().toISOString(),
      requestedDocuments: ['Referto istologico'],
    });
    await startAt(b, c, 'documents');
    await waitForStatus(b, c.caseId, 'expired');
    await waitForMail(b, 'case_expired', c.caseId);
    expect(b.mailer.ofKind('documents_reminder', c.caseId).length).toBeGreaterThan(0);
    expect(await b.store.getCase(c.caseId)).toMatchObject({
      reason: 'no_answer_from_patient',
      stoppedAt: 'documents',
    });
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(409);
  });

  it('rejects: the patient is told, the execution ends', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await submit(c);
    await triage(c, 'Rifiuti la richiesta', { reason: 'not an oncological question' });
    await waitForStatus(b, c.caseId, 'rejected');
    await waitForMail(b, 'case_rejected', c.caseId);
    expect(b.mailer.ofKind('case_rejected', c.caseId)[0]!.text).not.toContain('oncological question');
    // The doctor's words are kept for staff in the audit trail, not on the patient's case.
    expect((await b.store.getCase(c.caseId))?.reason).toBe('rejected_at_triage');
    // The patient was told the office will call: the office is told too, with a link to the case.
    await waitForMail(b, 'case_rejected_office', c.caseId);
    expect(b.mailer.ofKind('case_rejected_office', c.caseId)[0]!.to).toEqual([OFFICE]);
    const rejected = (await b.store.listEvents(c.caseId)).find((e) => e.action === 'reject');
    expect(rejected).toMatchObject({
      actor: 'dr-triage',
      details: { reason: 'not an oncological question' },
    });
    expect((await b.engine.settled(b.workflow.arn(c.caseId))).status).toBe('SUCCEEDED');
  });

  it('past its due time goes to the triage lead, whose link decides; the patient hears of the delay', async () => {
    b.reset(100_000);
    const c = await createDraftCase(b);
    await submit(c);
    await waitForMail(b, 'triage_escalation', c.caseId, 1, 20_000);
    const escalation = b.mailer.ofKind('triage_escalation', c.caseId)[0]!;
    expect(escalation.to).toEqual(['dr-triage-lead@hospital.example']);
    await waitForMail(b, 'triage_delayed', c.caseId);
    const lead = b.mailer.link('triage_escalation', 'dr-triage-lead@hospital.example', 'Complete', c.caseId);
    expect((await postLink(lead)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect((await b.store.getCase(c.caseId))?.triageDoctorId).toBe('dr-triage-lead');
    // The triage doctor's own links are answered now.
    const own = await postLink(b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId));
    expect(own.statusCode).toBe(409);
    const events = await b.store.listEvents(c.caseId);
    expect(events.filter((e) => e.action === 'escalated').length).toBeGreaterThan(0);
  });
});

describe('payment', () => {
  it('expires when the payment does not arrive, after reminders to both; the office can re-open it', async () => {
    resetFast(1_000_000);
    const c = await createDraftCase(b, {
      status: 'awaiting_payment',
      submittedAt: b.clock.now().toISOString(),
      quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    });
    await startAt(b, c, 'payment');
    await waitForStatus(b, c.caseId, 'expired');
    await waitForMail(b, 'case_expired', c.caseId);
    expect(b.mailer.ofKind('payment_reminder', c.caseId).length).toBeGreaterThan(0);
    // The office is reminded too, each time with a fresh link that supersedes the one before.
    const office = b.mailer.ofKind('payment_confirmation_request', c.caseId);
    expect(office.length).toBeGreaterThan(1);
    const firstLink = office[0]!.text.split('\n').find((l) => l.includes('/a/'))!;
    expect((await getLink(firstLink)).statusCode).toBe(410);
    expect((await b.engine.settled(b.workflow.arn(c.caseId))).status).toBe('SUCCEEDED');
    // The office's newest link leads nowhere either now.
    const paid = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    expect((await postLink(paid)).statusCode).toBe(410);
    expect(await b.store.getCase(c.caseId)).toMatchObject({
      reason: 'no_answer_from_patient',
      stoppedAt: 'payment',
    });

    // A late transfer: the office re-opens the case from its email, and the payment wait starts again.
    await waitForMail(b, 'payment_expired', c.caseId);
    const reopen = b.mailer.link('payment_expired', OFFICE, 'Re-open for payment', c.caseId);
    b.reset(1000);
    expect((await getLink(reopen)).statusCode).toBe(200);
    expect((await postLink(reopen)).statusCode).toBe(200);
    expect((await postLink(reopen)).statusCode).toBe(409);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    await pay(c);
    await waitForStatus(b, c.caseId, 'assignment');
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'resumed')).toMatchObject({
      actor: 'office',
      details: { step: 'payment', from: 'expired' },
    });
  });

  it('adds EUR 18 for the courier and gives the office a shipment task for the report', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, {
      courier: true,
      courierAddress: {
        name: 'Maria Rossi',
        line1: 'Via Roma 1',
        city: 'Torino',
        postalCode: '10100',
        country: 'IT',
      },
    });
    await toReport(c);
    expect((await b.store.getCase(c.caseId))?.quote?.totalCents).toBe(51_800);
    expect(b.mailer.ofKind('payment_details', c.caseId)[0]!.text).toContain('518,00\u00a0€');
    await release(c);
    await waitForMail(b, 'task_assigned', c.caseId);
    const ship = b.mailer.ofKind('task_assigned', c.caseId)[0]!;
    expect(ship.to).toEqual([OFFICE]);
    expect((await b.store.listTasks(c.caseId)).map((t) => [t.kind, t.assignee])).toEqual([
      ['courier_shipment', 'office'],
    ]);
  });
});

describe('updates', () => {
  it('costs EUR 350 within 12 months with the same physician, who is assigned without asking triage', async () => {
    b.reset(1000);
    const prev = await previousCase('2025-06-10T09:00:00.000Z');
    const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
    await submit(c);
    await triage(c, 'Documentazione completa');
    await waitForMail(b, 'payment_details', c.caseId);
    expect(b.mailer.ofKind('payment_details', c.caseId)[0]!.text).toContain('350,00\u00a0€');
    await pay(c);
    await waitForMail(b, 'report_task', c.caseId);
    const after = await b.store.getCase(c.caseId);
    expect(after?.assigneeId).toBe('dr-onco');
    expect(after?.quote?.lines[0]?.code).toBe('update');
    expect(b.mailer.ofKind('assignment_candidates', c.caseId)).toHaveLength(0);
  });

  it('costs EUR 500 when the previous physician no longer answers, and triage chooses', async () => {
    b.reset(1000);
    const gone = { ...STAFF.find((s) => s.staffId === 'dr-onco2')!, active: false };
    await b.store.putStaff(gone);
    try {
      const prev = await previousCase('2025-06-10T09:00:00.000Z', 'dr-onco2');
      const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
      await submit(c);
      await triage(c, 'Documentazione completa');
      await pay(c);
      await waitForMail(b, 'assignment_candidates', c.caseId);
      expect((await b.store.getCase(c.caseId))?.quote?.totalCents).toBe(50_000);
      expect(b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text).not.toContain('Dario Onco');
    } finally {
      await b.store.putStaff({ ...gone, active: true });
    }
  });

  it('costs EUR 500 past the 12-month window, even with the same physician', async () => {
    b.reset(1000);
    const prev = await previousCase('2025-02-01T09:00:00.000Z');
    const c = await createDraftCase(b, { previousCaseId: prev.caseId, previousReference: prev.reference });
    await submit(c);
    await triage(c, 'Documentazione completa');
    await waitForMail(b, 'payment_details', c.caseId);
    expect((await b.store.getCase(c.caseId))?.quote?.totalCents).toBe(50_000);
  });
});
