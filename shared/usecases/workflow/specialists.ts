/**
 * Who can write a case's report: active specialists ranked for it, with their open workload; and
 * the rest of a lead's team, one contributor for each consultation type the lead does not cover.
 */
import { proposeTeam, rankCandidates } from '#domain/assignment.ts';
import type { Case, ConsultationType } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';

async function openCases(d: Pick<UseCaseDeps, 'store'>): Promise<Record<string, number>> {
  const open: Record<string, number> = {};
  for (const status of ['in_report', 'awaiting_approval'] as const) {
    for (const other of await d.store.listCasesByStatus(status)) {
      if (other.assigneeId) open[other.assigneeId] = (open[other.assigneeId] ?? 0) + 1;
    }
  }
  return open;
}

/** Ranked for the case; an update triage gave to another doctor does not propose the previous physician. */
export async function rankedSpecialists(d: Pick<UseCaseDeps, 'store'>, c: Case) {
  const previous =
    c.updateRemit === 'other_physician' && c.previousCaseId
      ? await d.store.getCase(c.previousCaseId)
      : undefined;
  const staff = (await d.store.listStaff('specialist')).filter((s) => s.staffId !== previous?.assigneeId);
  return rankCandidates(c, staff, await openCases(d));
}

/** A consultation type the lead does not cover and who may contribute it, best first (the first is proposed). */
export interface TeamOption {
  consultationType: ConsultationType;
  options: { staffId: string; name: string }[];
}

/** The team a case needs under the lead `leadId`: none when the lead covers every type (or is unknown). */
export async function teamOptions(
  d: Pick<UseCaseDeps, 'store'>,
  c: Case,
  leadId: string,
): Promise<TeamOption[]> {
  const lead = await d.store.getStaff(leadId);
  if (!lead || c.consultationTypes.every((t) => lead.consultationTypes.includes(t))) return [];
  const team = proposeTeam(c, lead, await d.store.listStaff('specialist'), await openCases(d));
  return team.map((slot) => ({
    consultationType: slot.consultationType,
    options: slot.candidates.map((r) => ({ staffId: r.staff.staffId, name: r.staff.name })),
  }));
}
