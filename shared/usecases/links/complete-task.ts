/**
 * The POST of a task link completes its task once.
 *
 * 1. The form must carry what the task's policy asks (a PDF or a note, the PDF, the carrier and
 *    tracking number); a refusal names what is missing and the link stays unused.
 * 2. The link is used (conditional), then the task goes from open to done with its result
 *    (conditional: of two links of the same task, the first wins), and it is audited.
 * 3. Whoever needs to know is told (the case's lead specialist, or the patient with the tracking
 *    number), and the task the policy chains after it is opened (slides received → the revised
 *    diagnosis → the slides' return; shipped → delivered).
 * A lost race is a ConflictError: the caller shows what happened instead.
 */
import { TASK_POLICY, type TaskResult } from '#domain/tasks.ts';
import { audit } from '../common/audit.ts';
import { caseUrl, createCaseLink } from '../common/links.ts';
import { staffRecipient } from '../common/people.ts';
import { checkTaskDocument } from '../common/report.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { type OpenTaskNotice, openTask } from '../tasks/open-task.ts';
import { taskWho } from '../tasks/people.ts';
import { endConsultationsIfDone } from '../workflow/consultations.ts';
import type { LinkForm } from './link-form.ts';
import type { LinkState } from './resolve-link.ts';

/** What a task done tells: the lead, the patient of a courier's shipment, the next task's assignee. */
export type CompleteTaskNotice = 'task_done' | 'courier_shipped' | OpenTaskNotice;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents' | 'workflow'> &
  Notifies<CompleteTaskNotice>;
type OpenLink = Extract<LinkState, { kind: 'open' }>;
export type OpenTaskLink = OpenLink & { task: NonNullable<OpenLink['task']> };

/** What the form records for the task's policy; a refusal names what is missing. */
async function resultOf(d: Deps, state: OpenTaskLink, form: LinkForm, at: string): Promise<TaskResult> {
  const task = state.task;
  const result: TaskResult = { by: state.link.recipient, at, ...(form.note ? { note: form.note } : {}) };
  switch (TASK_POLICY[task.kind].form) {
    case 'document_or_note':
      if (form.reportId) return { ...result, documentKey: await checkTaskDocument(d, task, form.reportId) };
      if (!form.note) throw new Refusal('contribution_required');
      return result;
    case 'document':
      return { ...result, documentKey: await checkTaskDocument(d, task, form.reportId ?? '') };
    case 'shipment':
      if (!form.carrier || !form.tracking) throw new Refusal('shipment_required');
      return { ...result, carrier: form.carrier, tracking: form.tracking };
    case 'confirm':
      return result;
  }
}

export async function completeTask(d: Deps, state: OpenTaskLink, form: LinkForm): Promise<void> {
  const { link, task } = state;
  const at = d.clock.now().toISOString();
  const result = await resultOf(d, state, form, at);
  await d.store.useLink(link.tokenHash, at);
  const done = await d.store.updateOpenTask(task.caseId, task.taskId, {
    status: 'done',
    result,
    updatedAt: at,
  });
  await audit(d, task.caseId, link.recipient, 'task_done', {
    taskId: task.taskId,
    kind: task.kind,
    ...(result.documentKey ? { document: true } : {}),
    ...(result.tracking ? { carrier: result.carrier, tracking: result.tracking } : {}),
  });
  const rule = TASK_POLICY[done.kind];
  const c = state.case;
  const lead = rule.tell === 'lead' && c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
  if (lead) {
    await d.notifier.notify({
      kind: 'task_done',
      to: staffRecipient(lead),
      caseId: c.caseId,
      data: {
        reference: c.reference,
        task: done.kind,
        ...(done.consultation ? { consultation: done.consultation } : {}),
        by: await taskWho(d, result.by),
        viewUrl: await createCaseLink(d, c.caseId, lead.staffId, 'view'),
      },
    });
  }
  if (rule.tell === 'patient' && result.carrier && result.tracking) {
    const { carrier, tracking } = result;
    await tellApplicants(d, c, 'courier_shipped', async (a) => ({
      reference: c.reference,
      carrier,
      tracking,
      caseUrl: await caseUrl(d, c.caseId, a.applicant),
    }));
  }
  if (rule.next)
    await openTask(d, c, {
      kind: rule.next,
      ...(done.consultation ? { consultation: done.consultation } : {}),
    });
  // The last work of the approved consultations done: the report goes on.
  if (rule.holdsReport) await endConsultationsIfDone(d, c.caseId, result.by);
}
