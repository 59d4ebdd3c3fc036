/**
 * Opens a case task: stored open with its due time from the task policy, audited, and its
 * assignee told with a link that completes it (each member of the pathology gets their own).
 */
import { randomUUID } from 'node:crypto';
import { calendarOf } from '#app/config.ts';
import type { Case, ConsultationType } from '#domain/model.ts';
import { type CaseTask, TASK_POLICY, type TaskKind, taskDue } from '#domain/tasks.ts';
import { audit } from '../common/audit.ts';
import { createTaskLink } from '../common/links.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { taskAssignees } from './people.ts';

export interface TaskSpec {
  kind: TaskKind;
  /** A fixed id where a retry must find the task it opened (a random one otherwise). */
  taskId?: string;
  /** A staff id, "office" or "pathology"; the policy's own assignee where it has one. */
  assignee?: string;
  consultationType?: ConsultationType;
  consultation?: string;
}

/** What opening a task tells: its assignee. */
export type OpenTaskNotice = 'task_assigned';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<OpenTaskNotice>;

export async function openTask(d: Deps, c: Case, spec: TaskSpec): Promise<CaseTask> {
  const now = d.clock.now();
  const assignee = spec.assignee ?? TASK_POLICY[spec.kind].assignee;
  if (!assignee) throw new RangeError(`a ${spec.kind} task needs an assignee`);
  const reportDue = c.deadlines.reportDue ? new Date(c.deadlines.reportDue) : undefined;
  const task: CaseTask = {
    caseId: c.caseId,
    taskId: spec.taskId ?? randomUUID(),
    kind: spec.kind,
    assignee,
    ...(spec.consultationType ? { consultationType: spec.consultationType } : {}),
    ...(spec.consultation ? { consultation: spec.consultation } : {}),
    status: 'open',
    createdAt: now.toISOString(),
    dueAt: taskDue(spec.kind, now, calendarOf(d.config), reportDue).toISOString(),
    updatedAt: now.toISOString(),
  };
  await d.store.putTask(task);
  await audit(d, c.caseId, 'system', 'task_opened', {
    taskId: task.taskId,
    kind: task.kind,
    assignee,
    dueAt: task.dueAt,
  });
  for (const a of await taskAssignees(d, task)) {
    await d.notifier.notify({
      kind: 'task_assigned',
      to: a.to,
      caseId: c.caseId,
      data: {
        reference: c.reference,
        task: task.kind,
        ...(task.consultation ? { consultation: task.consultation } : {}),
        dueAt: task.dueAt,
        taskUrl: await createTaskLink(d, task, a.id),
      },
    });
  }
  return task;
}
