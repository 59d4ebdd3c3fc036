/**
 * The task sweep (part of the daily round): case tasks are not waits of the state machine, so
 * their reminders and escalations come from here, per the task policy (shared/domain/tasks.ts).
 * A task due soon gets one reminder with a fresh link; one past its due time is escalated to the
 * leads of the policy's role (its assignee reminded again with a fresh link), and again every few
 * working days while it stays open. Each action is claimed with a conditional write before its
 * emails go out, so a run delivered twice sends nothing twice; a task completed meanwhile is left.
 */
import { calendarOf } from '#app/config.ts';
import { logger } from '#app/logger.ts';
import type { Case } from '#domain/model.ts';
import { type CaseTask, taskSweepAction } from '#domain/tasks.ts';
import { audit } from '../common/audit.ts';
import { createCaseLink, createTaskLink } from '../common/links.ts';
import { leadsOf, staffRecipient } from '../common/people.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { taskAssignees, taskWho } from '../tasks/people.ts';

export interface TaskSweep {
  /** Tasks still open after the sweep. */
  open: number;
  reminded: number;
  escalated: number;
  /** Tasks the sweep could not handle (logged; the next round tries again). */
  failed: number;
}

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<'task_reminder' | 'task_escalation'>;

async function remindAssignees(d: Deps, c: Case, task: CaseTask, pastDue: boolean): Promise<void> {
  for (const a of await taskAssignees(d, task)) {
    await d.notifier.notify({
      kind: 'task_reminder',
      to: a.to,
      caseId: c.caseId,
      data: {
        reference: c.reference,
        task: task.kind,
        ...(task.consultation ? { consultation: task.consultation } : {}),
        dueAt: task.dueAt,
        taskUrl: await createTaskLink(d, task, a.id),
        pastDue,
      },
    });
  }
}

export async function sweepTasks(d: Deps): Promise<TaskSweep> {
  const now = d.clock.now();
  const at = now.toISOString();
  const cal = calendarOf(d.config);
  const tally: TaskSweep = { open: 0, reminded: 0, escalated: 0, failed: 0 };
  for (const listed of await d.store.listOpenTasks()) {
    try {
      // The index is eventually consistent: act on the task as it is now.
      const task = await d.store.getTask(listed.caseId, listed.taskId);
      if (task?.status !== 'open') continue;
      tally.open += 1;
      const action = taskSweepAction(task, now, cal);
      if (action.kind === 'none') continue;
      const c = await d.store.getCase(task.caseId);
      if (!c) continue;
      const pastDue = action.kind === 'escalate' || action.pastDue;
      const claim: Partial<CaseTask> = pastDue
        ? { escalations: (task.escalations ?? 0) + 1, escalatedAt: at, updatedAt: at }
        : { reminders: (task.reminders ?? 0) + 1, updatedAt: at };
      const claimed = await d.store.updateOpenTask(task.caseId, task.taskId, claim, task.updatedAt);
      try {
        await remindAssignees(d, c, claimed, pastDue);
        if (action.kind === 'escalate') {
          const assignee = await taskWho(d, task.assignee);
          const leads = await leadsOf(d, action.to, action.fallback);
          for (const lead of leads) {
            await d.notifier.notify({
              kind: 'task_escalation',
              to: staffRecipient(lead),
              caseId: c.caseId,
              data: {
                reference: c.reference,
                task: task.kind,
                ...(task.consultation ? { consultation: task.consultation } : {}),
                dueAt: task.dueAt,
                assignee,
                viewUrl: await createCaseLink(d, c.caseId, lead.staffId, 'view'),
              },
            });
          }
          await audit(d, c.caseId, 'system', 'task_escalated', {
            taskId: task.taskId,
            kind: task.kind,
            to: leads.map((l) => l.staffId),
          });
          tally.escalated += 1;
        } else {
          await audit(d, c.caseId, 'system', 'task_reminded', {
            taskId: task.taskId,
            kind: task.kind,
            pastDue,
          });
          tally.reminded += 1;
        }
      } catch (err) {
        // Not sent: give the claim back so the next round tries again.
        const back = pastDue
          ? { escalations: task.escalations, escalatedAt: task.escalatedAt, updatedAt: task.updatedAt }
          : { reminders: task.reminders, updatedAt: task.updatedAt };
        await d.store.updateOpenTask(task.caseId, task.taskId, back, claimed.updatedAt).catch(() => {});
        throw err;
      }
    } catch (err) {
      // Completed or claimed by another run meanwhile: nothing to do.
      if (err instanceof ConflictError) continue;
      tally.failed += 1;
      logger.error('task sweep failed for a task', {
        caseId: listed.caseId,
        taskId: listed.taskId,
        error: (err as Error).message,
      });
    }
  }
  return tally;
}
