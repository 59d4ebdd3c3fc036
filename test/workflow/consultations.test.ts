/**
 * In-depth consultations (issue 13): the specialist proposes two, the patient approves one and
 * declines the other on one page, the approved one is an amount due of its own, paid, then done by
 * a consulting doctor of its type (not the lead) while the report clock stands still; the outcome
 * is on the lead's report page and the report goes on with the working days it had left.
 */
import { describe, expect, it } from 'vitest';
import { overrideDeps } from '#app/deps.ts';
import { type ManualClock, manualClock } from '#domain/clock.ts';
import {
  createDraftCase,
  getLink,
  getLinkDocument,
  postLink,
  startAt,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { useBench } from './steps.ts';

const b = useBench();
let clock: ManualClock;

const LEAD = 'dr-onco@hospital.example';
const SURGEON = 'dr-surg@hospital.example';
const OFFICE = 'office@hospital.example';
const PATHOLOGIST = 'dr-path@hospital.example';

/** Sets the site's time of day (Milan, UTC+1 in March) for what happens next. */
const at = (iso: string) => clock.set(iso);

describe('in-depth consultations', () => {
  it('are answered one by one, paid, done by a consulting doctor, and the report resumes with the days it had left', async () => {
    b.reset(1000);
    clock = manualClock('2026-03-02T09:00:00Z');
    overrideDeps({ clock });
    const c = await createDraftCase(b, {
      status: 'in_report',
      assigneeId: 'dr-onco',
      triageDoctorId: 'dr-triage',
      paidAt: '2026-03-02T09:00:00Z',
      // Paid Monday 2 March: the report is due Monday 9 March, end of day in Milan.
      deadlines: { reportDue: '2026-03-09T22:59:59.000Z' },
    });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_task', c.caseId);

    // Tuesday 3 March: the lead proposes two consultations; 4 working days of the report are left.
    at('2026-03-03T09:00:00Z');
    const ask = b.mailer.link('report_task', LEAD, 'Richieda un approfondimento', c.caseId);
    const form = (await getLink(ask)).body;
    expect(form).toContain('<input type="checkbox" name="consultation" value="surgical_review">');
    const unknown = await postLink(ask, { consultation: ['surgical_review', 'acupuncture'], reason: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(
      (
        await postLink(ask, {
          consultation: ['surgical_review', 'radiotherapy_review'],
          reason: 'Resectability and dose',
        })
      ).statusCode,
    ).toBe(200);
    await waitForMail(b, 'additional_approval', c.caseId);
    const request = (await b.store.listEvents(c.caseId)).find((e) => e.action === 'request_additional');
    expect(request?.details).toMatchObject({
      consultations: ['surgical_review', 'radiotherapy_review'],
      workingDaysLeft: 4,
    });
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(mail.text).toContain('Consulenza chirurgica, Consulenza radioterapica');
    expect(mail.text).toContain('500,00\u00a0€');
    expect(mail.text).not.toContain('Resectability');

    // Wednesday 4 March: on one page the patient approves the surgical one and declines the other.
    at('2026-03-04T09:00:00Z');
    const approve = b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId);
    const page = (await getLink(approve)).body;
    expect(page).toContain('<legend><strong>Consulenza chirurgica</strong> – 250,00\u00a0€</legend>');
    expect(page).toContain('<input type="radio" name="answer_radiotherapy_review" value="decline">');
    expect(page).toContain('Motivo: Resectability and dose');
    expect((await postLink(approve, { answer_radiotherapy_review: 'decline' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_additional_payment');
    const due = (await b.store.getLedger(c.caseId)).dues.find((x) => x.itemId === 'additional-1');
    expect(due).toMatchObject({
      amountCents: 25_000,
      lines: [{ code: 'additional:surgical_review', amountCents: 25_000 }],
    });
    expect((await b.store.getCase(c.caseId))?.consultations?.map((x) => [x.code, x.status])).toEqual([
      ['surgical_review', 'approved'],
      ['radiotherapy_review', 'declined'],
    ]);

    // Thursday 5 March: paid; the surgeon (not the lead) is asked, due 5 working days later.
    at('2026-03-05T09:00:00Z');
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const paid = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    expect((await postLink(paid, { amount: '250,00', valueDate: '2026-03-05' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'in_consultation');
    await waitForMail(b, 'task_assigned', c.caseId);
    expect(await b.store.getTask(c.caseId, 'additional-1-surgical_review')).toMatchObject({
      kind: 'consultation',
      assignee: 'dr-surg',
      consultation: 'surgical_review',
      status: 'open',
      dueAt: '2026-03-12T22:59:59.000Z',
    });
    expect(b.mailer.ofKind('task_assigned', c.caseId).map((m) => m.to)).toEqual([[SURGEON]]);
    expect(
      (await b.store.getLedger(c.caseId)).payments.find((p) => p.itemId === 'additional-1'),
    ).toMatchObject({ amountCents: 25_000 });

    // Monday 9 March (the old due day): the surgeon's outcome arrives; the report goes on with its
    // 4 working days: due Friday 13 March.
    at('2026-03-09T09:00:00Z');
    const consult = b.mailer.link('task_assigned', SURGEON, 'Open the task', c.caseId);
    const uploadId = await uploadReport(b, consult);
    expect((await postLink(consult, { reportId: uploadId, note: 'Resectable.' })).statusCode).toBe(200);
    await waitForMail(b, 'report_task', c.caseId, 2);
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.status).toBe('in_report');
    expect(after.deadlines.reportDue).toBe('2026-03-13T22:59:59.000Z');
    expect(after.reportPause).toBeUndefined();
    expect(after.consultations?.map((x) => x.status)).toEqual(['done', 'declined']);
    const done = (await b.store.listEvents(c.caseId)).find((e) => e.action === 'consultations_done');
    expect(done).toMatchObject({ actor: 'dr-surg', details: { workingDaysLeft: 4 } });
    const task = b.mailer.ofKind('report_task', c.caseId)[1]!;
    expect(task.text).toContain('Gli approfondimenti sono conclusi (Consulenza chirurgica)');

    // The outcome is on the lead's report page; one report is released.
    const release = b.mailer.link('report_task', LEAD, 'Carichi e rilasci la relazione', c.caseId);
    const body = (await getLink(release)).body;
    expect(body).toContain('<strong>Elena Surg</strong> (Consulenza chirurgica): ricevuto');
    expect(body).toContain(`href="${release}/contributions/additional-1-surgical_review"`);
    const pdf = await getLinkDocument(`${release}/contributions/additional-1-surgical_review`);
    expect(pdf.headers.location).toContain(
      `cases/${c.caseId}/tasks/additional-1-surgical_review/${uploadId}.pdf`,
    );
    expect(body).toContain('<span class="note">Resectable.</span>');
    const reportId = await uploadReport(b, release);
    expect((await postLink(release, { reportId })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'released');
  });

  it('declined on the approve page one by one: the report goes on at once, nothing is owed', async () => {
    b.reset(1000);
    clock = manualClock('2026-03-02T09:00:00Z');
    overrideDeps({ clock });
    const c = await createDraftCase(b, {
      status: 'in_report',
      assigneeId: 'dr-onco',
      deadlines: { reportDue: '2026-03-09T22:59:59.000Z' },
    });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_task', c.caseId);
    const ask = b.mailer.link('report_task', LEAD, 'Richieda un approfondimento', c.caseId);
    expect((await postLink(ask, { consultation: 'surgical_review', reason: 'why' })).statusCode).toBe(200);
    await waitForMail(b, 'additional_approval', c.caseId);
    // Two working days later (Wednesday 4 March): 5 working days were left on Monday.
    at('2026-03-04T09:00:00Z');
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    const approve = b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId);
    expect((await postLink(approve, { answer_surgical_review: 'decline' })).statusCode).toBe(200);
    await waitForMail(b, 'report_task', c.caseId, 2);
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.consultations?.[0]?.status).toBe('declined');
    expect(after.deadlines.reportDue).toBe('2026-03-11T22:59:59.000Z');
    expect((await b.store.listEvents(c.caseId)).map((e) => e.action)).toContain('decline');
    expect((await b.store.getLedger(c.caseId)).dues.filter((x) => x.itemId !== 'case')).toEqual([]);
  });

  it('a histological review: shipping instructions, the pathology slides and revised diagnosis, the clock stopped from approval to the result, the slides returned', async () => {
    b.reset(1000);
    clock = manualClock('2026-03-02T09:00:00Z');
    overrideDeps({ clock });
    const c = await createDraftCase(b, {
      status: 'in_report',
      assigneeId: 'dr-onco',
      deadlines: { reportDue: '2026-03-09T22:59:59.000Z' },
    });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_task', c.caseId);
    // Tuesday 3 March: the lead asks for the review, with 4 working days of the report left.
    at('2026-03-03T09:00:00Z');
    const ask = b.mailer.link('report_task', LEAD, 'Richieda un approfondimento', c.caseId);
    expect((await postLink(ask, { consultation: 'histology_review', reason: 'Re-read' })).statusCode).toBe(
      200,
    );
    await waitForMail(b, 'additional_approval', c.caseId);

    // Wednesday 4 March: approved; the patient is told where to send the slides and how to label them.
    at('2026-03-04T09:00:00Z');
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(
      (await postLink(b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId)))
        .statusCode,
    ).toBe(200);
    await waitForMail(b, 'histology_shipping', c.caseId);
    const shipping = b.mailer.ofKind('histology_shipping', c.caseId)[0]!;
    expect(shipping.to).toEqual(mail.to);
    expect(shipping.subject).toBe(`Invio dei vetrini per la revisione istologica: ${c.reference}`);
    expect(shipping.text).toContain('Anatomia Patologica, Via Ripamonti 435, 20141 Milano, Italia');
    expect(shipping.text).toContain(`scriva il riferimento ${c.reference} sul pacco`);
    expect(shipping.text).not.toContain('Re-read');

    // Thursday 5 March: paid; the pathology is asked to confirm the slides, due in 10 working days.
    at('2026-03-05T09:00:00Z');
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const paid = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    expect((await postLink(paid, { amount: '300,00', valueDate: '2026-03-05' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'in_consultation');
    await waitForMail(b, 'task_assigned', c.caseId);
    expect(await b.store.getTask(c.caseId, 'additional-1-histology_review')).toMatchObject({
      kind: 'slides_receipt',
      assignee: 'pathology',
      dueAt: '2026-03-19T22:59:59.000Z',
    });

    // Tuesday 10 March: the slides arrive; the revised diagnosis is asked for; the clock stays stopped.
    at('2026-03-10T09:00:00Z');
    const received = b.mailer.link('task_assigned', PATHOLOGIST, "Apra l'attività", c.caseId);
    expect((await postLink(received)).statusCode).toBe(200);
    await waitForMail(b, 'task_assigned', c.caseId, 2);
    expect((await b.store.getCase(c.caseId))?.status).toBe('in_consultation');

    // Monday 16 March: the revised diagnosis; the lead is told and the report goes on with its 4
    // working days: due Friday 20 March. The office is asked to send the slides back.
    at('2026-03-16T09:00:00Z');
    const result = b.mailer.link('task_assigned', PATHOLOGIST, "Apra l'attività", c.caseId);
    expect((await postLink(result)).statusCode).toBe(422);
    const diagnosis = await uploadReport(b, result);
    expect((await postLink(result, { reportId: diagnosis })).statusCode).toBe(200);
    await waitForMail(b, 'report_task', c.caseId, 2);
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.deadlines.reportDue).toBe('2026-03-20T22:59:59.000Z');
    expect(after.consultations?.[0]?.status).toBe('done');
    const events = await b.store.listEvents(c.caseId);
    expect(events.find((e) => e.action === 'consultations_done')).toMatchObject({
      actor: 'dr-path',
      details: { workingDaysLeft: 4 },
    });
    expect(b.mailer.ofKind('task_done', c.caseId).map((m) => m.to)).toEqual([[LEAD]]);
    const release = b.mailer.link('report_task', LEAD, 'Carichi e rilasci la relazione', c.caseId);
    const body = (await getLink(release)).body;
    expect(body).toContain(
      '<strong>Giulia Path</strong> (Revisione istologica (rilettura dei vetrini)): ricevuto',
    );
    const route = new RegExp(`href="(${release}/contributions/[^"]+)"`).exec(body)?.[1];
    expect((await getLinkDocument(route!)).headers.location).toContain(`${diagnosis}.pdf`);

    // Tuesday 17 March: the office records the slides sent back, with the carrier and tracking number.
    at('2026-03-17T09:00:00Z');
    const back = b.mailer.link('task_assigned', OFFICE, 'Open the task', c.caseId);
    expect((await postLink(back, { carrier: 'BRT' })).statusCode).toBe(422);
    expect((await postLink(back, { carrier: 'BRT', tracking: '0123 4567' })).statusCode).toBe(200);
    const tasks = await b.store.listTasks(c.caseId);
    expect(tasks.find((t) => t.kind === 'slides_return')).toMatchObject({
      status: 'done',
      result: { by: 'office', carrier: 'BRT', tracking: '0123 4567' },
    });
    expect(tasks.map((t) => t.status)).toEqual(['done', 'done', 'done']);
  });
});
