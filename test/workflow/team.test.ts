/**
 * A team case (issue 13, expertise and the team): an oncological and surgical request goes to an
 * oncologist as lead with a surgeon contributing; the triage doctor confirms the team on the
 * assignment page; the contribution is due inside the report's time, escalated to the specialist
 * lead when late, shown to the lead as missing, and no longer asked for once the report is out.
 */
import { describe, expect, it } from 'vitest';
import { deps, overrideDeps } from '#app/deps.ts';
import { manualClock } from '#domain/clock.ts';
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
import { sweepTasks } from '#usecases/operations/task-sweep.ts';
import { useBench } from './steps.ts';

const b = useBench();

const LEAD = 'dr-onco@hospital.example';
const SURGEON = 'dr-surg@hospital.example';

describe('the disease site', () => {
  it('is named by triage from a list, and puts the specialist expert in it first', async () => {
    b.reset(100);
    const c = await createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString() });
    await startAt(b, c, 'triage');
    await waitForMail(b, 'triage_request', c.caseId);
    const complete = b.mailer.link(
      'triage_request',
      'dr-triage@hospital.example',
      'Documentazione completa',
      c.caseId,
    );
    const page = (await getLink(complete)).body;
    expect(page).toContain(
      '<select id="diseaseSite" name="diseaseSite" required><option value="" selected disabled>',
    );
    expect(page).toContain('<option value="melanoma_skin">Melanoma e cute</option>');
    const wrong = await postLink(complete, { diseaseSite: 'elbow' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Scelga la sede di malattia dall&#39;elenco.');
    expect((await postLink(complete, { diseaseSite: 'breast' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect((await b.store.getCase(c.caseId))?.diseaseSite).toBe('breast');

    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    const paid = b.mailer.link(
      'payment_confirmation_request',
      'office@hospital.example',
      'Payment received',
      c.caseId,
    );
    expect((await postLink(paid)).statusCode).toBe(200);
    await waitForMail(b, 'assignment_candidates', c.caseId);
    const text = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text;
    // Dario Onco is expert in breast cancer: first, though Carla Onco speaks the patient's Italian.
    expect(text.indexOf('Dario Onco')).toBeLessThan(text.indexOf('Carla Onco'));
    const lines = text.split('\n');
    const dario = lines[lines.findIndex((l) => l.startsWith('Dario Onco')) + 1]!;
    expect((await getLink(dario)).body).toContain('<th scope="row">Sede di malattia</th><td>Mammella</td>');
  });
});

describe('a two-specialist team', () => {
  it('has the contribution asked, the late one escalated and shown missing, and one report released', async () => {
    b.reset(100);
    const c = await createDraftCase(b, {
      status: 'assignment',
      consultationTypes: ['oncological', 'surgical'],
      triageDoctorId: 'dr-triage',
      paidAt: b.clock.now().toISOString(),
      // Paid Monday 2 March 2026: the report is due Monday 9 March.
      deadlines: { reportDue: '2026-03-09T22:59:59.000Z' },
    });
    await startAt(b, c, 'assignment');
    await waitForMail(b, 'assignment_candidates', c.caseId);
    const lines = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
    const carla = lines[lines.findIndex((l) => l.startsWith('Carla Onco')) + 1]!;

    // The page proposes the surgeon for the type the oncologist does not cover, or nobody.
    const page = await getLink(carla);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Collaboratore: Chirurgico');
    expect(page.body).toMatch(
      /<select id="contributor_surgical" name="contributor_surgical"><option value="dr-surg">Elena Surg<\/option><option value="">/,
    );
    expect(page.body).not.toContain('contributor_oncological');
    // Someone who does not cover the type is refused on the page; nothing is decided.
    const wrong = await postLink(carla, { contributor_surgical: 'dr-onco2' });
    expect(wrong.statusCode).toBe(422);
    expect((await b.store.getCase(c.caseId))?.status).toBe('assignment');

    expect((await postLink(carla, { contributor_surgical: 'dr-surg' })).statusCode).toBe(200);
    await waitForMail(b, 'report_task', c.caseId);
    expect((await b.store.getCase(c.caseId))?.assigneeId).toBe('dr-onco');
    const [task] = await b.store.listTasks(c.caseId);
    expect(task).toMatchObject({
      taskId: 'contribution-surgical',
      kind: 'contribution',
      assignee: 'dr-surg',
      consultationType: 'surgical',
      status: 'open',
      // 2 working days before the report: Thursday 5 March, end of day in Milan.
      dueAt: '2026-03-05T22:59:59.000Z',
    });
    const asked = b.mailer.ofKind('task_assigned', c.caseId);
    expect(asked.map((m) => m.to)).toEqual([[SURGEON]]);
    const contribution = b.mailer.link('task_assigned', SURGEON, 'Open the task', c.caseId);
    const assign = (await b.store.listEvents(c.caseId)).find((e) => e.action === 'assign');
    expect(assign?.details).toMatchObject({ assigneeId: 'dr-onco', contributors: { surgical: 'dr-surg' } });

    // Friday 6 March, the morning round: the contribution is late, the specialist lead is told.
    overrideDeps({ clock: manualClock(new Date('2026-03-06T06:00:00Z')) });
    const swept = await sweepTasks(deps());
    expect(swept.escalated).toBe(1);
    const [escalation] = b.mailer.ofKind('task_escalation', c.caseId);
    expect(escalation!.to).toEqual(['dr-spec-lead@hospital.example']);
    expect(escalation!.subject).toBe(`Task overdue: a contribution to the report for ${c.reference}`);

    // The lead sees it missing on the report page, and releases the one report without it.
    const release = b.mailer.link('report_task', LEAD, 'Carichi e rilasci la relazione', c.caseId);
    const reportPage = await getLink(release);
    expect(reportPage.body).toContain('Contributi dell&#39;équipe');
    expect(reportPage.body).toContain('<strong>Elena Surg</strong> (Chirurgico): non ancora ricevuto');
    const reportId = await uploadReport(b, release);
    expect((await postLink(release, { reportId })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'released');
    await waitForMail(b, 'report_ready', c.caseId);
    expect((await b.store.getTask(c.caseId, 'contribution-surgical'))?.status).toBe('cancelled');
    // The contributor's link no longer asks anything.
    expect((await getLink(contribution)).statusCode).toBe(410);
    expect((await postLink(contribution, { note: 'too late' })).statusCode).toBe(410);
    expect((await b.store.listEvents(c.caseId)).map((e) => e.action)).toContain('task_cancelled');
  });

  it('shows the lead a contribution received, with its note and PDF', async () => {
    b.reset(100);
    const c = await createDraftCase(b, {
      status: 'assignment',
      consultationTypes: ['oncological', 'surgical'],
      triageDoctorId: 'dr-triage',
      deadlines: { reportDue: '2026-03-09T22:59:59.000Z' },
    });
    await startAt(b, c, 'assignment');
    await waitForMail(b, 'assignment_candidates', c.caseId);
    const lines = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
    const carla = lines[lines.findIndex((l) => l.startsWith('Carla Onco')) + 1]!;
    expect((await postLink(carla, { contributor_surgical: 'dr-surg' })).statusCode).toBe(200);
    await waitForMail(b, 'task_assigned', c.caseId);
    const contribution = b.mailer.link('task_assigned', SURGEON, 'Open the task', c.caseId);
    const uploadId = await uploadReport(b, contribution);
    expect(
      (await postLink(contribution, { reportId: uploadId, note: 'Resectable after\nneoadjuvant therapy.' }))
        .statusCode,
    ).toBe(200);
    await waitForMail(b, 'report_task', c.caseId);
    const release = b.mailer.link('report_task', LEAD, 'Carichi e rilasci la relazione', c.caseId);
    const body = (await getLink(release)).body;
    expect(body).toContain('<strong>Elena Surg</strong> (Chirurgico): ricevuto');
    // The PDF opens through the link's own audited route, not an address that outlives the page.
    expect(body).toContain(`href="${release}/contributions/contribution-surgical"`);
    expect(body).not.toContain('expires=');
    const opened = await getLinkDocument(`${release}/contributions/contribution-surgical`);
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toContain(
      `cases/${c.caseId}/tasks/contribution-surgical/${uploadId}.pdf?expires=60`,
    );
    expect(
      (await b.store.listEvents(c.caseId)).find((e) => e.action === 'contribution_opened'),
    ).toMatchObject({
      actor: 'dr-onco',
      details: { taskId: 'contribution-surgical' },
    });
    expect((await getLinkDocument(`${release}/contributions/contribution-oncological`)).statusCode).toBe(404);
    expect(body).toContain('<span class="note">Resectable after\nneoadjuvant therapy.</span>');
    expect(b.mailer.ofKind('task_done', c.caseId)[0]?.to).toEqual([LEAD]);
    // Nobody else was asked: no contributor is proposed for a type the lead covers.
    expect(b.mailer.ofKind('task_assigned', c.caseId).map((m) => m.to)).toEqual([[SURGEON]]);
  });
});
