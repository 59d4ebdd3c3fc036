/** Who can write a case's report: active specialists ranked for it, with their open workload. */
import { rankCandidates } from '#domain/assignment.ts';
import type { Case } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';

export async function rankedSpecialists(d: Pick<UseCaseDeps, 'store'>, c: Case) {
  const open: Record<string, number> = {};
  for (const status of ['in_report', 'awaiting_approval'] as const) {
    for (const other of await d.store.listCasesByStatus(status)) {
      if (other.assigneeId) open[other.assigneeId] = (open[other.assigneeId] ?? 0) + 1;
    }
  }
  return rankCandidates(c, await d.store.listStaff('specialist'), open);
}
