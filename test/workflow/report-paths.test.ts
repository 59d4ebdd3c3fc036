/** The workflow's paths from the report on: reminders and escalation, the specialist's requests, cancellation and failure. */
import { describe, expect, it, vi } from 'vitest';
import { addWorkingDays, MILAN_CALENDAR } from '#domain/calendar.ts';
import {
  caseAction,
  createDraftCase,
  doConsultations,
  getLink,
  postLink,
  statusOf,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { caseSteps, OFFICE, useBench } from './steps.ts';

const b = useBench();

const { submit, triage, toReport, release } = caseSteps(() => b);

describe('report', () => {
  it('reminds the specialist a working day before the due time and escalates to the lead when breached', async () => {
    // Slow enough that the report wait opens well before the reminder time even on a busy machine.
    b.reset(200_000);
    const c = await createDraftCase(b);
    await toReport(c);
    await waitForMail(b, 'report_reminder', c.caseId, 1, 20_000);
    expect(b.mailer.ofKind('report_reminder', c.caseId)[0]!.to).toEqual(['dr-onco@hospital.example']);
    // The reminder carries working links of the same wait.
    const fromReminder = b.mailer.link(
      'report_reminder',
      'dr-onco@hospital.example',
      'Apra i documenti',
      c.caseId,
    );
    expect((await getLink(fromReminder)).statusCode).toBe(200);
    await waitForMail(b, 'report_escalation', c.caseId, 1, 20_000);
    const escalation = b.mailer.ofKind('report_escalation', c.caseId)[0]!;
    expect(escalation.to).toEqual(['dr-spec-lead@hospital.example']);
    // The lead can give the report to another specialist or extend it, from the email.
    expect(escalation.text).toContain('Reassign to Dario Onco');
    expect(escalation.text).toContain('Extend the due time:');
    const reportDue = new Date((await b.store.getCase(c.caseId))!.deadlines.reportDue!);
    const escalated = (await b.store.listEvents(c.caseId)).filter(
      (e) => e.action === 'escalated' && e.details?.step === 'report',
    );
    // Not before the due time (the repeats each working day after it are pinned in wait-policy.test.ts).
    expect(new Date(escalated[0]!.at).getTime()).toBeGreaterThanOrEqual(reportDue.getTime());
    await waitForMail(b, 'report_delayed', c.caseId);
    // The reminder's links superseded the task's: the specialist releases from the newest email.
    const superseded = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    expect((await getLink(superseded)).statusCode).toBe(410);
    const url = b.mailer.link(
      'report_reminder',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    const reportId = await uploadReport(b, url);
    expect((await postLink(url, { reportId })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'released');
  });

  it('asks the patient to approve an additional consultation; the report clock stops meanwhile', async () => {
    b.reset(100_000);
    const c = await createDraftCase(b);
    await toReport(c);
    const dueBefore = (await b.store.getCase(c.caseId))!.deadlines.reportDue!;
    const ask = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Richieda un approfondimento',
      c.caseId,
    );
    expect(
      (await postLink(ask, { consultation: 'histology_review', reason: 'Re-read the slides' })).statusCode,
    ).toBe(200);
    await waitForMail(b, 'additional_approval', c.caseId);
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(mail.text).toContain('300,00\u00a0€');
    expect(mail.text).not.toContain('Re-read the slides');
    expect(await statusOf(b, c.caseId)).toBe('awaiting_approval');
    // Let about two simulated days pass, then approve.
    await new Promise((r) => setTimeout(r, 2000));
    const approve = b.mailer.link('additional_approval', mail.to[0]!, 'Legga e approvi', c.caseId);
    expect((await postLink(approve)).statusCode).toBe(200);
    // Approved: its price is asked for, and the office's "payment received" starts the work.
    await waitForMail(b, 'additional_payment_details', c.caseId);
    expect(await statusOf(b, c.caseId)).toBe('awaiting_additional_payment');
    await waitForMail(b, 'payment_confirmation_request', c.caseId, 2);
    expect(
      (await postLink(b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId)))
        .statusCode,
    ).toBe(200);
    // Paid: the pathology's work starts, and the report clock stays stopped until its result.
    await waitForStatus(b, c.caseId, 'in_consultation');
    expect(await doConsultations(b, c.caseId)).toEqual(['slides_receipt', 'pathology_result']);
    await waitForMail(b, 'report_task', c.caseId, 2);
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.status).toBe('in_report');
    expect(after.consultations?.[0]?.status).toBe('done');
    const events = await b.store.listEvents(c.caseId);
    // The report goes on with the working days it had left when the specialist asked.
    const left = events.find((e) => e.action === 'request_additional')!.details!.workingDaysLeft as number;
    const resumed = events.find((e) => e.action === 'consultations_done')!;
    expect(resumed.details?.workingDaysLeft).toBe(Math.max(1, left));
    expect(after.deadlines.reportDue).toBe(
      addWorkingDays(new Date(resumed.at), Math.max(1, left), MILAN_CALENDAR).toISOString(),
    );
    expect(after.deadlines.reportDue! > dueBefore).toBe(true);
    expect(b.mailer.ofKind('report_task', c.caseId)[1]!.text).toContain('Gli approfondimenti sono conclusi');
    await release(c, 2);
  });

  it('continues without the additional consultation when the patient declines', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await toReport(c);
    const ask = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Richieda un approfondimento',
      c.caseId,
    );
    expect((await postLink(ask, { consultation: 'histology_review', reason: 'slides' })).statusCode).toBe(
      200,
    );
    await waitForMail(b, 'additional_approval', c.caseId);
    const mail = b.mailer.ofKind('additional_approval', c.caseId)[0]!;
    expect(
      (await postLink(b.mailer.link('additional_approval', mail.to[0]!, 'Legga e rifiuti', c.caseId)))
        .statusCode,
    ).toBe(200);
    await waitForMail(b, 'report_task', c.caseId, 2);
    expect((await b.store.getCase(c.caseId))?.consultations?.[0]?.status).toBe('declined');
    expect(b.mailer.ofKind('report_task', c.caseId)[1]!.text).toContain('rifiutato');
    await release(c, 2);
  });
});

describe('cancellation and failure', () => {
  it('cancels before payment: status cancelled, execution stopped; not after payment', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await submit(c);
    await triage(c, 'Documentazione completa');
    await waitForMail(b, 'payment_details', c.caseId);
    const res = await caseAction(c, 'POST', 'cancel');
    expect(res.statusCode).toBe(200);
    expect(await statusOf(b, c.caseId)).toBe('cancelled');
    expect(b.engine.describeExecution(b.workflow.arn(c.caseId)).status).toBe('ABORTED');
    await waitForMail(b, 'case_cancelled', c.caseId);
    const paid = b.mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId);
    expect((await postLink(paid)).statusCode).toBe(410);

    const other = await createDraftCase(b);
    await toReport(other);
    const refused = await caseAction(other, 'POST', 'cancel');
    expect(refused.statusCode).toBe(409);
    expect(await statusOf(b, other.caseId)).toBe('in_report');
  });

  it('refuses a submit without usable documents, and one still uploading', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await b.store.updateDocument(c.caseId, 'doc-1', ['classified'], { state: 'checking' });
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(409);
    await b.store.updateDocument(c.caseId, 'doc-1', ['checking'], { state: 'rejected' });
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(422);
    expect(await statusOf(b, c.caseId)).toBe('draft');
    expect(b.engine.listExecutions()).toHaveLength(0);
  });

  it('waits for an upload still in its window, but not for one the patient never sent', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    const now = b.clock.now().getTime();
    const pending = {
      caseId: c.caseId,
      documentId: 'doc-2',
      fileName: 'esami.pdf',
      key: `cases/${c.caseId}/documents/doc-2.pdf`,
      sizeBytes: 2000,
      state: 'upload_pending' as const,
      uploadExpiresAt: new Date(now + 15 * 60_000).toISOString(),
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    };
    await b.store.putDocument(pending);
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(409);
    await b.store.putDocument({
      ...pending,
      documentId: 'doc-3',
      key: `cases/${c.caseId}/documents/doc-3.pdf`,
      uploadExpiresAt: new Date(now - 60_000).toISOString(),
    });
    await b.store.updateDocument(c.caseId, 'doc-2', ['upload_pending'], { state: 'classified' });
    await submit(c);
    expect(await statusOf(b, c.caseId)).toBe('triage');
  });

  it("retries a task whose AWS service still throttles after the SDK's retries, instead of failing the case", async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    const send = b.mailer.send.bind(b.mailer);
    let throttled = 0;
    b.mailer.send = async (...args) => {
      if (throttled < 2) {
        throttled += 1;
        throw Object.assign(new Error('Maximum sending rate exceeded.'), {
          name: 'Throttling',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return send(...args);
    };
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    await waitForMail(b, 'triage_request', c.caseId);
    expect(throttled).toBe(2);
    expect(await statusOf(b, c.caseId)).toBe('triage');
    expect((await b.store.listEvents(c.caseId)).map((e) => e.action)).not.toContain('fail');
  });

  it('marks the case failed and fails the execution when a task keeps failing', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    b.mailer.send = async () => {
      throw new Error('MessageRejected: sender not verified');
    };
    // What the logger prints (warnings and errors go to stderr).
    const lines: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      }),
    );
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    await waitForStatus(b, c.caseId, 'failed');
    const exec = await b.engine.settled(b.workflow.arn(c.caseId));
    for (const spy of spies) spy.mockRestore();
    expect(exec.status).toBe('FAILED');
    expect(exec.error).toBe('CaseFailed');
    const failed = await b.store.getCase(c.caseId);
    expect(failed).toMatchObject({ reason: 'processing_error', stoppedAt: 'triage' });
    // Each attempt's error and the final one reach the logs with their message, as ops need them.
    const logged = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const messageOf = (line: string) =>
      logged.filter((l) => l.message === line).map((l) => String(l.errorMessage));
    expect(messageOf('task failed')).toContain('MessageRejected: sender not verified');
    expect(messageOf('case workflow failed')).toContain('MessageRejected: sender not verified');
    const fail = (await b.store.listEvents(c.caseId)).find((e) => e.action === 'fail');
    expect(String(fail?.details?.message)).toContain('MessageRejected');
  });
});
