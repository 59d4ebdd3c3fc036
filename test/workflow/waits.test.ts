/**
 * Every wait has an end (docs/service-rules.md, Waits), driven through the real ASL, task handlers
 * and action links on a fast clock: staff steps escalate to a lead whose links act and time out to
 * the office; the report lead reassigns or extends; an unanswered approval and unsent documents let
 * the report go on; a stopped case is resumed where it stopped.
 */
import { describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { addWorkingDays, MILAN_CALENDAR } from '#domain/calendar.ts';
import {
  createDraftCase,
  eventually,
  getLink,
  type NewCase,
  postLink,
  startAt,
  statusOf,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { resumeCase } from '#usecases/operations/resume-case.ts';
import { getCaseView } from '#usecases/patient/case-view.ts';
import { requestUpload } from '#usecases/patient/request-upload.ts';
import { useBench } from './steps.ts';

const b = useBench();

const OFFICE = 'office@hospital.example';
const LEAD = 'dr-triage-lead@hospital.example';
const SPEC_LEAD = 'dr-spec-lead@hospital.example';
const ONCO = 'dr-onco@hospital.example';
const linksIn = (text: string) => text.split('\n').filter((l) => l.includes('/a/'));

function paid(changes: Record<string, unknown> = {}) {
  const now = b.clock.now();
  return createDraftCase(b, {
    status: 'in_report',
    submittedAt: now.toISOString(),
    paidAt: now.toISOString(),
    triageDoctorId: 'dr-triage',
    assigneeId: 'dr-onco',
    quote: { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 },
    deadlines: { reportDue: addWorkingDays(now, 5, MILAN_CALENDAR).toISOString() },
    ...changes,
  });
}

describe('triage and assignment', () => {
  it('a triage nobody decides times out; the office is told; operations resume it and it goes on', async () => {
    b.reset(200_000);
    const c = await createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString() });
    await startAt(b, c, 'triage');
    await waitForStatus(b, c.caseId, 'timed_out', 20_000);
    expect(b.mailer.ofKind('triage_escalation', c.caseId).length).toBeGreaterThan(0);
    expect(await b.store.getCase(c.caseId)).toMatchObject({
      reason: 'no_decision_from_staff',
      stoppedAt: 'triage',
    });
    await waitForMail(b, 'case_stopped', c.caseId);
    const stopped = b.mailer.ofKind('case_stopped', c.caseId)[0]!;
    expect(stopped.to).toEqual([OFFICE]);
    // The office's link opens the case; it decides nothing.
    const view = linksIn(stopped.text)[0]!;
    expect((await getLink(view)).statusCode).toBe(200);
    expect((await postLink(view)).statusCode).toBe(400);

    b.reset(1000);
    await resumeCase({ ...deps() }, c.caseId, 'ops-giulia');
    await waitForMail(b, 'triage_request', c.caseId);
    expect(await statusOf(b, c.caseId)).toBe('triage');
    const complete = b.mailer.link(
      'triage_request',
      'dr-triage@hospital.example',
      'Documentazione completa',
      c.caseId,
    );
    expect((await postLink(complete)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'resumed')).toMatchObject({
      actor: 'ops-giulia',
      details: { step: 'triage', from: 'timed_out' },
    });
    // A second resume of a running case is refused.
    await expect(resumeCase(deps(), c.caseId, 'ops-giulia')).rejects.toMatchObject({ code: 'not_resumable' });
  });

  it('a paid update whose specialist left before the assignment goes to the triage doctor to choose; the patient sees no error', async () => {
    b.reset(1000);
    const gone = (await b.store.getStaff('dr-onco'))!;
    await b.store.putStaff({ ...gone, active: false });
    try {
      // The update was priced for the same physician, who was deactivated before the payment was confirmed.
      const c = await paid({ status: 'assignment', assigneeId: undefined, autoAssignTo: 'dr-onco' });
      await startAt(b, c, 'assignment');
      await waitForMail(b, 'assignment_candidates', c.caseId);
      const mail = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!;
      expect(mail.to).toEqual(['dr-triage@hospital.example']);
      expect(mail.text).not.toContain('Carla Onco');
      expect(mail.text).toContain('Dario Onco');
      const after = (await b.store.getCase(c.caseId))!;
      expect(after).toMatchObject({ status: 'assignment' });
      expect(after.autoAssignTo).toBeUndefined();
      const refused = (await b.store.listEvents(c.caseId)).find((e) => e.details?.refused === 'dr-onco');
      expect(refused).toBeDefined();
      // The patient's page says where the case is, in words, never an error.
      const view = await getCaseView(deps(), c.caseId, c.patientToken);
      expect(view.status).toBe('assignment');
      expect(JSON.stringify(view)).not.toMatch(/error|exception/i);
      const [choose] = linksIn(mail.text);
      const done = await postLink(choose!);
      expect(done.statusCode).toBe(200);
      expect(done.body).not.toMatch(/WorkflowError|Error:/);
      await waitForStatus(b, c.caseId, 'in_report');
      expect((await b.store.getCase(c.caseId))!.assigneeId).toBe('dr-onco2');
      await waitForMail(b, 'report_task', c.caseId);
      expect(b.mailer.ofKind('report_task', c.caseId)[0]!.to).toEqual(['dr-onco2@hospital.example']);
    } finally {
      await b.store.putStaff(gone);
    }
  });

  it('an assignment nobody makes goes to the triage lead, who chooses; a deactivated specialist is refused on the page', async () => {
    b.reset(100_000);
    const c = await paid({ status: 'assignment', assigneeId: undefined });
    await startAt(b, c, 'assignment');
    await waitForMail(b, 'assignment_escalation', c.caseId, 1, 20_000);
    const mail = b.mailer.ofKind('assignment_escalation', c.caseId)[0]!;
    expect(mail.to).toEqual([LEAD]);
    const [first, second] = linksIn(mail.text);
    const gone = (await b.store.getStaff('dr-onco'))!;
    await b.store.putStaff({ ...gone, active: false });
    try {
      const refused = await postLink(first!);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('<form method="post"');
    } finally {
      await b.store.putStaff(gone);
    }
    expect((await postLink(second!)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'in_report');
    expect((await b.store.getCase(c.caseId))!.assigneeId).toBe('dr-onco2');
  });
});

describe('report', () => {
  it('the specialist lead gives a late report to another specialist, who is told', async () => {
    b.reset(100_000);
    const now = b.clock.now();
    const c = await paid({ deadlines: { reportDue: addWorkingDays(now, 1, MILAN_CALENDAR).toISOString() } });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_escalation', c.caseId, 1, 20_000);
    const lines = b.mailer.ofKind('report_escalation', c.caseId)[0]!.text.split('\n');
    const reassign = lines[lines.findIndex((l) => l.startsWith('Reassign to Dario Onco')) + 1]!;
    expect((await postLink(reassign)).statusCode).toBe(200);
    // The new specialist's task, not the last report_task: at this clock speed a reminder to the
    // first specialist can be sent before the reassignment (CI saw it).
    const task = await eventually(
      () => b.mailer.ofKind('report_task', c.caseId).find((m) => m.to.includes('dr-onco2@hospital.example')),
      undefined,
      'the report task sent to the new specialist',
    );
    expect(task.to).toEqual(['dr-onco2@hospital.example']);
    expect(task.text).toContain('given to you by the specialist lead');
    // The first specialist's links no longer act.
    const old = b.mailer.link('report_task', ONCO, 'Carichi e rilasci la relazione', c.caseId);
    expect((await getLink(old)).statusCode).toBe(410);
  });

  it('the specialist lead extends a late report once; the patient is told the new date and why', async () => {
    b.reset(100_000);
    const now = b.clock.now();
    const c = await paid({ deadlines: { reportDue: addWorkingDays(now, 1, MILAN_CALENDAR).toISOString() } });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_escalation', c.caseId, 1, 20_000);
    const extend = b.mailer.link('report_escalation', SPEC_LEAD, 'Extend the due time', c.caseId);
    const page = await getLink(extend);
    expect(page.body).toContain('name="workingDays"');
    expect((await postLink(extend, { workingDays: '9', reason: 'complex_case' })).statusCode).toBe(422);
    expect((await postLink(extend, { workingDays: '3', reason: 'complex_case' })).statusCode).toBe(200);
    await waitForMail(b, 'report_extended', c.caseId);
    expect(b.mailer.ofKind('report_extended', c.caseId)[0]!.text).toContain('studio più approfondito');
    await waitForMail(b, 'report_task', c.caseId, 2);
    expect(b.mailer.ofKind('report_task', c.caseId).at(-1)!.text).toContain('ha prorogato la scadenza');
    expect((await b.store.getCase(c.caseId))!.reportExtension?.workingDays).toBe(3);
  });

  it('the specialist asks for more documents: the patient is asked without clinical words, uploads reopen, the report goes on', async () => {
    b.reset(1000);
    const c = await paid();
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_task', c.caseId);
    const ask = b.mailer.link('report_task', ONCO, 'Chieda altri documenti al paziente', c.caseId);
    expect((await postLink(ask, { documents: 'Emocromo recente\nMarcatori tumorali' })).statusCode).toBe(200);
    await waitForMail(b, 'more_documents_requested', c.caseId);
    const mail = b.mailer.ofKind('more_documents_requested', c.caseId)[0]!;
    expect(mail.text).not.toContain('Emocromo');
    expect(mail.text).not.toContain('Marcatori');
    const view = await getCaseView(deps(), c.caseId, c.patientToken);
    expect(view).toMatchObject({
      status: 'more_documents_requested',
      next: 'send_requested_documents',
      requestedDocuments: ['Emocromo recente', 'Marcatori tumorali'],
      can: { upload: true, submit: true },
    });
    const upload = await requestUpload(deps(), c.caseId, c.patientToken, {
      fileName: 'emocromo.pdf',
      contentType: 'application/pdf',
      sizeBytes: 2000,
    });
    await b.store.updateDocument(c.caseId, upload.documentId, ['upload_pending'], { state: 'classified' });
    const resubmit = await import('#local/testbed/workflow.ts').then((m) =>
      m.caseAction(c, 'POST', 'submit'),
    );
    expect(resubmit.statusCode, resubmit.body).toBe(202);
    await waitForMail(b, 'report_task', c.caseId, 2);
    expect(b.mailer.ofKind('report_task', c.caseId).at(-1)!.text).toContain(
      'ha inviato i documenti richiesti',
    );
    expect(await statusOf(b, c.caseId)).toBe('in_report');
  });

  it('documents the patient never sends: the report goes on without them and the specialist is told', async () => {
    b.reset(10_000_000);
    const c = await paid({
      status: 'more_documents_requested',
      requestedDocuments: ['Emocromo'],
      reportPause: { at: b.clock.now().toISOString(), workingDaysLeft: 2 },
    });
    await startAt(b, c, 'more_documents');
    await waitForMail(b, 'report_task', c.caseId, 1, 20_000);
    expect(b.mailer.ofKind('documents_reminder', c.caseId).length).toBeGreaterThan(0);
    expect(b.mailer.ofKind('report_task', c.caseId)[0]!.text).toContain('non ha inviato in tempo');
    expect((await b.store.listEvents(c.caseId)).find((e) => e.action === 'resubmit')?.actor).toBe('system');
  });

  it('an approval the patient never gives: the report goes on without it and the specialist is told', async () => {
    b.reset(200_000);
    const now = b.clock.now().toISOString();
    const c = await paid({
      status: 'awaiting_approval',
      consultations: [
        {
          code: 'histology_review',
          reason: 'slides',
          quote: {
            currency: 'EUR',
            lines: [{ code: 'additional:histology_review', amountCents: 30_000 }],
            totalCents: 30_000,
          },
          status: 'proposed',
          requestedBy: 'dr-onco',
          requestedAt: now,
        },
      ],
    });
    await startAt(b, c, 'approval');
    await waitForMail(b, 'report_task', c.caseId, 1, 20_000);
    expect(b.mailer.ofKind('approval_reminder', c.caseId).length).toBeGreaterThan(0);
    expect(b.mailer.ofKind('report_task', c.caseId)[0]!.text).toContain('non ha risposto');
    expect((await b.store.getCase(c.caseId))!.consultations).toMatchObject([{ status: 'declined' }]);
  });
});

describe('failure', () => {
  it('a case that failed is resumed at the step where it stopped', async () => {
    b.reset(1000);
    const c: NewCase = await createDraftCase(b, {
      status: 'triage',
      submittedAt: b.clock.now().toISOString(),
    });
    const send = b.mailer.send.bind(b.mailer);
    b.mailer.send = async () => {
      throw new Error('Throttling: SES down');
    };
    await startAt(b, c, 'triage');
    await waitForStatus(b, c.caseId, 'failed');
    b.mailer.send = send;
    expect(await b.store.getCase(c.caseId)).toMatchObject({
      reason: 'processing_error',
      stoppedAt: 'triage',
    });
    const resumed = await resumeCase(deps(), c.caseId, 'ops-marco');
    expect(resumed).toMatchObject({ status: 'triage', step: 'triage', execution: `${c.caseId}-r1` });
    await waitForMail(b, 'triage_request', c.caseId);
    expect(b.engine.describeExecution(b.workflow.arn(`${c.caseId}-r1`)).status).toBe('RUNNING');
  });
});
