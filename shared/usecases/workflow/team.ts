/**
 * The people around a report: the contributions of the chosen specialists, opened as tasks when the
 * lead is assigned and cancelled when the report is released; the office's courier shipment of the
 * released report; and who may be given a report.
 */
import type { Case } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { type OpenTaskNotice, openTask } from '../tasks/open-task.ts';
import { isConsultationType } from './decision-values.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'> & Notifies<OpenTaskNotice>;

/**
 * A contribution task for each chosen team member still active, due inside the report's time. Its
 * id is the consultation type's, so a retried apply finds it there and asks nobody twice.
 */
export async function openContributions(d: Deps, c: Case, chosen: unknown): Promise<Record<string, string>> {
  const team: Record<string, string> = {};
  const entries = chosen && typeof chosen === 'object' ? Object.entries(chosen) : [];
  for (const [type, staffId] of entries) {
    if (!isConsultationType(type) || !(await activeSpecialist(d, String(staffId)))) continue;
    try {
      await openTask(d, c, {
        kind: 'contribution',
        taskId: `contribution-${type}`,
        assignee: String(staffId),
        consultationType: type,
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    team[type] = String(staffId);
  }
  return team;
}

/** The office ships the released report the patient asked for: one task (a retried release finds it there). */
export async function openCourierShipment(d: Deps, c: Case): Promise<void> {
  try {
    await openTask(d, c, { kind: 'courier_shipment', taskId: 'courier-shipment' });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
}

export async function cancelContributions(d: Deps, caseId: string, at: string): Promise<void> {
  for (const task of await d.store.listTasks(caseId)) {
    if (task.kind !== 'contribution' || task.status !== 'open') continue;
    try {
      await d.store.updateOpenTask(caseId, task.taskId, { status: 'cancelled', updatedAt: at });
      await audit(d, caseId, 'system', 'task_cancelled', { taskId: task.taskId, kind: task.kind });
    } catch (err) {
      // Done meanwhile: it stays done.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
}

export async function activeSpecialist(d: Pick<UseCaseDeps, 'store'>, staffId: string) {
  const s = staffId ? await d.store.getStaff(staffId) : undefined;
  return s?.active && s.roles.includes('specialist') ? s : undefined;
}
