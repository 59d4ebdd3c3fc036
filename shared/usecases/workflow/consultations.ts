/**
 * The work of approved in-depth consultations: a consultation task for a consulting doctor (the
 * best-ranked specialist of the consultation's type other than the lead, else the lead), or the
 * pathology's slides receipt for a histological review; and the end of the `consultations` wait
 * once no task that holds the report is open (the completion of the last one decides it).
 */
import { rankCandidates } from '#domain/assignment.ts';
import { consultationTypeOf, HISTOLOGY_REVIEW } from '#domain/consultations.ts';
import type { Case, Consultation } from '#domain/model.ts';
import { holdsReport } from '#domain/tasks.ts';
import { stepStatus } from '#domain/wait-policy.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { type OpenTaskNotice, openTask } from '../tasks/open-task.ts';
import { decide } from './decision.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'> & Notifies<OpenTaskNotice>;

/** Who does a consultation of `code`: a specialist of its type other than the lead, best ranked; else the lead. */
export async function consultingDoctor(d: Pick<UseCaseDeps, 'store'>, c: Case, code: string) {
  const type = consultationTypeOf(code);
  if (type) {
    const ranked = rankCandidates(
      {
        consultationTypes: [type],
        language: c.language,
        ...(c.diseaseSite ? { diseaseSite: c.diseaseSite } : {}),
      },
      await d.store.listStaff('specialist'),
      {},
    ).filter((r) => r.typesMatched > 0 && r.staff.staffId !== c.assigneeId);
    if (ranked[0]) return ranked[0].staff.staffId;
  }
  return c.assigneeId;
}

/**
 * Opens the tasks of consultations approved (and paid, or invoiced later); returns their ids by
 * consultation code. A task's id is the amount due's and the code's, so a retried apply finds it
 * there and asks nobody twice.
 */
export async function openConsultationTasks(
  d: Deps,
  c: Case,
  list: readonly Consultation[],
): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  for (const x of list) {
    const taskId = `${x.itemId ?? 'consultation'}-${x.code}`;
    const histology = x.code === HISTOLOGY_REVIEW;
    const assignee = histology ? undefined : await consultingDoctor(d, c, x.code);
    const type = consultationTypeOf(x.code);
    try {
      await openTask(d, c, {
        kind: histology ? 'slides_receipt' : 'consultation',
        taskId,
        consultation: x.code,
        ...(assignee ? { assignee } : {}),
        ...(type ? { consultationType: type } : {}),
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    ids[x.code] = [taskId];
  }
  return ids;
}

/**
 * Ends the case's `consultations` wait when no task that holds the report is left open: the last
 * completion decides it (by whoever completed it), or the wait's opening when all were done
 * before it. Each caller reads after its own write, so of two last completions at least one sees
 * all done; the second decision loses quietly.
 */
export async function endConsultationsIfDone(
  d: Pick<UseCaseDeps, 'clock' | 'store' | 'workflow'>,
  caseId: string,
  by: string,
): Promise<boolean> {
  const c = await d.store.getCase(caseId);
  if (c?.status !== stepStatus('consultations')) return false;
  if (holdsReport(await d.store.listTasks(caseId))) return false;
  const wait = await d.store.getWait(caseId, 'consultations');
  if (!wait || wait.decision) return false;
  try {
    await decide(d, caseId, 'consultations', wait.openedAt, {
      decision: 'consultations_done',
      by,
      at: d.clock.now().toISOString(),
      values: {},
    });
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}
