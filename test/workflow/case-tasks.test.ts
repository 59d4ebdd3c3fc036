/**
 * Case tasks (shared/domain/tasks.ts): work beside the case's step, each done once from its link.
 * A contribution with a PDF or a note, told to the lead; the pathology's chain from the slides to
 * their return; a courier shipment with tracking told to the patient; and the daily round's sweep
 * reminding and escalating a late contribution.
 */
import { describe, expect, it } from 'vitest';
import { deps, overrideDeps } from '#app/deps.ts';
import { manualClock } from '#domain/clock.ts';
import type { Case } from '#domain/model.ts';
import { createDraftCase, getLink, ORIGIN, postLink, uploadReport } from '#local/testbed/workflow.ts';
import { openTask } from '#usecases/tasks/open-task.ts';
import { useBench } from './steps.ts';

const b = useBench();

/** Report due Monday 9 March 2026 (5 working days after ORIGIN), with Carla Onco as lead. */
const REPORT_DUE = '2026-03-09T22:59:59.000Z';

async function caseInReport(changes: Partial<Case> = {}) {
  const n = await createDraftCase(b, {
    status: 'in_report',
    assigneeId: 'dr-onco',
    consultationTypes: ['oncological', 'surgical'],
    deadlines: { reportDue: REPORT_DUE },
    ...changes,
  });
  return { ...n, c: (await b.store.getCase(n.caseId))! };
}

function taskLink(kind: string, to: string, caseId: string): string {
  const label = b.mailer.ofKind(kind, caseId).at(-1)?.text.includes("Apra l'attività")
    ? "Apra l'attività"
    : 'Open the task';
  return b.mailer.link(kind, to, label, caseId);
}

describe('a contribution', () => {
  it('is asked of the contributor with a link that opens the documents and a form, and acts once', async () => {
    b.reset(1);
    const { c } = await caseInReport();
    const task = await openTask(deps(), c, {
      kind: 'contribution',
      assignee: 'dr-surg',
      consultationType: 'surgical',
    });
    // 2 working days before the report's due time: Thursday 5 March, end of day in Milan.
    expect(task.dueAt).toBe('2026-03-05T22:59:59.000Z');
    const [mail] = b.mailer.ofKind('task_assigned', c.caseId);
    expect(mail!.to).toEqual(['dr-surg@hospital.example']);
    expect(mail!.subject).toBe(`Task for ${c.reference}: a contribution to the report`);
    expect(mail!.text).toContain('by Thu, 5 Mar 2026, 23:59');
    expect(mail!.text).not.toMatch(/Maria|Rossi/);
    const url = taskLink('task_assigned', 'dr-surg@hospital.example', c.caseId);

    const page = await getLink(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your contribution to the report');
    expect(page.body).toContain(c.reference);
    // The contributor reads the documents: each opened through the link, audited, per click.
    expect(page.body).toContain(`${new URL(url).pathname}/documents/doc-1`);
    expect(page.body).toContain('type="file"');
    expect(page.body).not.toMatch(/type="file"[^>]*required/);

    // Neither a PDF nor a note: refused on the page, the link still open.
    const empty = await postLink(url, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Please upload a PDF or write a short note.');
    expect((await b.store.getTask(c.caseId, task.taskId))?.status).toBe('open');

    const done = await postLink(url, { note: 'Resectable: surgery after neoadjuvant therapy.' });
    expect(done.statusCode).toBe(200);
    const stored = await b.store.getTask(c.caseId, task.taskId);
    expect(stored).toMatchObject({
      status: 'done',
      result: { by: 'dr-surg', note: 'Resectable: surgery after neoadjuvant therapy.' },
    });
    // The lead is told, in her language, with a link to the case.
    const [told] = b.mailer.ofKind('task_done', c.caseId);
    expect(told!.to).toEqual(['dr-onco@hospital.example']);
    expect(told!.subject).toBe(`Completata per ${c.reference}: un contributo alla relazione`);
    expect(told!.text).toContain('Elena Surg ha completato');
    expect(told!.text).not.toContain('Resectable');

    // Once: the link, and any other link of the task, now shows who did it.
    const again = await postLink(url, { note: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Elena Surg');
    expect((await b.store.getTask(c.caseId, task.taskId))?.result?.note).toContain('Resectable');
    const events = (await b.store.listEvents(c.caseId)).map((e) => [e.actor, e.action]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['system', 'task_opened'],
        ['dr-surg', 'task_done'],
      ]),
    );
    expect(events.filter(([, a]) => a === 'task_done')).toHaveLength(1);
    expect(await b.store.listOpenTasks()).not.toContainEqual(
      expect.objectContaining({ taskId: task.taskId }),
    );
  });

  it('takes a PDF uploaded from its link, checked like a report', async () => {
    b.reset(1);
    const { c } = await caseInReport();
    const task = await openTask(deps(), c, { kind: 'contribution', assignee: 'dr-surg' });
    const url = taskLink('task_assigned', 'dr-surg@hospital.example', c.caseId);
    const notPdf = await uploadReport(b, url, new TextEncoder().encode('<html>not a pdf</html>'));
    expect((await postLink(url, { reportId: notPdf })).statusCode).toBe(422);
    const uploadId = await uploadReport(b, url);
    expect((await postLink(url, { reportId: uploadId })).statusCode).toBe(200);
    expect((await b.store.getTask(c.caseId, task.taskId))?.result?.documentKey).toBe(
      `cases/${c.caseId}/tasks/${task.taskId}/${uploadId}.pdf`,
    );
  });
});

describe('the pathology and the office', () => {
  it('go from the slides received to the revised diagnosis (told to the lead) to the slides sent back', async () => {
    b.reset(1);
    const { c } = await caseInReport();
    await openTask(deps(), c, { kind: 'slides_receipt' });
    const received = taskLink('task_assigned', 'dr-path@hospital.example', c.caseId);
    const page = await getLink(received);
    expect(page.body).toContain('Vetrini ricevuti');
    expect(page.body).not.toContain('type="file"');
    expect((await postLink(received)).statusCode).toBe(200);

    // The revised diagnosis is asked of the pathology next: a PDF is required.
    const mails = b.mailer.ofKind('task_assigned', c.caseId);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe(`Attività per ${c.reference}: la diagnosi rivista dei vetrini`);
    const result = taskLink('task_assigned', 'dr-path@hospital.example', c.caseId);
    expect((await getLink(result)).body).toMatch(/type="file"[^>]*required/);
    expect((await postLink(result, { note: 'no file' })).statusCode).toBe(422);
    expect((await postLink(result, { reportId: await uploadReport(b, result) })).statusCode).toBe(200);
    expect(b.mailer.ofKind('task_done', c.caseId)[0]?.to).toEqual(['dr-onco@hospital.example']);

    // The office is asked to send the slides back, and records carrier and tracking.
    const back = b.mailer.ofKind('task_assigned', c.caseId).at(-1)!;
    expect(back.to).toEqual(['office@hospital.example']);
    const returned = taskLink('task_assigned', 'office@hospital.example', c.caseId);
    expect((await getLink(returned)).body).toContain('Tracking number');
    expect((await postLink(returned, { carrier: 'BRT' })).statusCode).toBe(422);
    expect((await postLink(returned, { carrier: 'BRT', tracking: 'BRT-778899' })).statusCode).toBe(200);
    const tasks = await b.store.listTasks(c.caseId);
    expect(tasks.map((t) => [t.kind, t.status]).sort()).toEqual([
      ['pathology_result', 'done'],
      ['slides_receipt', 'done'],
      ['slides_return', 'done'],
    ]);
    expect(tasks.find((t) => t.kind === 'slides_return')?.result).toMatchObject({
      by: 'office',
      carrier: 'BRT',
      tracking: 'BRT-778899',
    });
  });

  it('ships the report by courier: the patient gets the tracking number, then delivery is asked', async () => {
    b.reset(1);
    const { c } = await caseInReport({ status: 'released', courier: true });
    await openTask(deps(), c, { kind: 'courier_shipment' });
    const shipped = taskLink('task_assigned', 'office@hospital.example', c.caseId);
    expect((await postLink(shipped, { carrier: 'SDA', tracking: 'SDA 123 456' })).statusCode).toBe(200);
    const [told] = b.mailer.ofKind('courier_shipped', c.caseId);
    expect(told!.to).toEqual([c.patient.email]);
    expect(told!.subject).toBe(`La Sua relazione ${c.reference} è in viaggio`);
    expect(told!.text).toContain('Numero di spedizione: SDA 123 456');
    expect(told!.text).toContain('Corriere: SDA');
    const delivery = b.mailer.ofKind('task_assigned', c.caseId).at(-1)!;
    expect(delivery.subject).toBe(`Task for ${c.reference}: the delivery of the report by courier`);
    const delivered = taskLink('task_assigned', 'office@hospital.example', c.caseId);
    expect((await postLink(delivered)).statusCode).toBe(200);
    expect((await b.store.listTasks(c.caseId)).every((t) => t.status === 'done')).toBe(true);
  });
});

describe('the task sweep of the daily round', () => {
  it('reminds a contributor the working day before, escalates to the lead past due, and stops once done', async () => {
    b.reset(1);
    const clock = manualClock(ORIGIN);
    overrideDeps({ clock });
    const { handler } = await import('#functions/operations/daily-round.ts');
    const { c } = await caseInReport();
    const task = await openTask(deps(), c, { kind: 'contribution', assignee: 'dr-surg' });
    const at = (iso: string) => {
      clock.set(new Date(iso));
      return handler({});
    };
    const reminders = () => b.mailer.ofKind('task_reminder', c.caseId);
    const escalations = () => b.mailer.ofKind('task_escalation', c.caseId);

    // Tuesday 3 March, 07:00 in Milan: two working days ahead, nothing yet.
    await at('2026-03-03T06:00:00Z');
    expect(reminders()).toEqual([]);
    // Wednesday: the working day before the due day.
    const wed = await at('2026-03-04T06:00:00Z');
    expect(wed.tasks.reminded).toBeGreaterThanOrEqual(1);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.subject).toBe(`Due soon: a contribution to the report for ${c.reference}`);
    // The reminder's fresh link works, as the first one still does.
    const fresh = b.mailer.link('task_reminder', 'dr-surg@hospital.example', 'Open the task', c.caseId);
    expect((await getLink(fresh)).statusCode).toBe(200);
    await at('2026-03-04T10:00:00Z');
    await at('2026-03-05T06:00:00Z');
    expect(reminders()).toHaveLength(1);
    expect(escalations()).toEqual([]);

    // Friday 6 March: past due, the specialist lead is told, and the contributor reminded again.
    await at('2026-03-06T06:00:00Z');
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.to).toEqual(['dr-spec-lead@hospital.example']);
    expect(escalations()[0]!.text).toContain('asked of Elena Surg');
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.subject).toBe(`Overdue: a contribution to the report for ${c.reference}`);
    // Not again the same day, nor at the weekend; again on Monday.
    await at('2026-03-06T15:00:00Z');
    await at('2026-03-07T06:00:00Z');
    await at('2026-03-08T06:00:00Z');
    expect(escalations()).toHaveLength(1);
    await at('2026-03-09T06:00:00Z');
    expect(escalations()).toHaveLength(2);
    expect(reminders()).toHaveLength(3);

    // Done late: the sweep leaves it alone from then on.
    expect((await postLink(fresh, { note: 'Late, but here.' })).statusCode).toBe(200);
    await at('2026-03-10T06:00:00Z');
    expect(escalations()).toHaveLength(2);
    expect(reminders()).toHaveLength(3);
    const events = (await b.store.listEvents(c.caseId)).filter((e) => e.actor === 'system');
    expect(events.map((e) => [e.action, e.details?.to ?? e.details?.pastDue ?? null])).toEqual([
      ['task_opened', null],
      ['task_reminded', false],
      ['task_escalated', ['dr-spec-lead']],
      ['task_escalated', ['dr-spec-lead']],
    ]);
    expect(await b.store.getTask(c.caseId, task.taskId)).toMatchObject({
      status: 'done',
      escalations: 2,
      reminders: 1,
    });
  });
});
