/** Who a case task asks: its staff member, the office, or every active member of the pathology. */
import { type CaseTask, OFFICE_ASSIGNEE, PATHOLOGY_ASSIGNEE } from '#domain/tasks.ts';
import { activeStaff, OFFICE, staffRecipient } from '../common/people.ts';
import type { Recipient, TaskWho } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';

/** One person a task's links go to: `id` is the links' recipient (a staff id, or "office"). */
export interface TaskAssignee {
  id: string;
  to: Recipient;
}

export async function taskAssignees(
  d: Pick<UseCaseDeps, 'store'>,
  task: Pick<CaseTask, 'assignee'>,
): Promise<TaskAssignee[]> {
  if (task.assignee === OFFICE_ASSIGNEE) return [{ id: OFFICE_ASSIGNEE, to: OFFICE }];
  if (task.assignee === PATHOLOGY_ASSIGNEE)
    return (await activeStaff(d, 'pathology')).map((s) => ({ id: s.staffId, to: staffRecipient(s) }));
  const s = await d.store.getStaff(task.assignee);
  // A member who left is not asked; the sweep's escalation reaches the leads.
  return s?.active ? [{ id: s.staffId, to: staffRecipient(s) }] : [];
}

/** Who a task asks (or who did it), as notices name them: never an email address. */
export async function taskWho(d: Pick<UseCaseDeps, 'store'>, who: string): Promise<TaskWho> {
  if (who === OFFICE_ASSIGNEE) return { kind: 'office' };
  if (who === PATHOLOGY_ASSIGNEE) return { kind: 'pathology' };
  return { kind: 'staff', name: (await d.store.getStaff(who))?.name ?? who };
}
