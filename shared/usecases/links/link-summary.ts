/**
 * What a link's page shows of the decision itself: the reference, the due time, the amounts and
 * the choices the form offers. What staff see of the case beside it is the staff view
 * (staff-view.ts); the patient sees no more than this.
 */
import { siteDate } from '#domain/calendar.ts';
import { approvedOf, proposed, quoteOf } from '#domain/consultations.ts';
import {
  type ConsultationType,
  type CourierAddress,
  DISEASE_SITES,
  type DiseaseSite,
} from '#domain/model.ts';
import { OFFICE_ASSIGNEE, PATHOLOGY_ASSIGNEE, type TaskKind, type TaskStatus } from '#domain/tasks.ts';
import { pendingConsultationItem } from '../payments/ledger.ts';
import type { UseCaseDeps } from '../ports.ts';
import { type UpdateProposal, updateProposal } from '../workflow/quote.ts';
import { type TeamOption, teamOptions } from '../workflow/specialists.ts';
import type { LinkState } from './resolve-link.ts';

/** How long a contribution's PDF link on the lead's page stays valid. */

export interface LinkSummary {
  reference: string;
  consultationTypes: readonly string[];
  /** ISO instant: when the wait is due (none for a case action). */
  dueAt?: string;
  amountCents?: number;
  /** The approval page: the consultations proposed, each with its price and the specialist's reason. */
  consultations?: { code: string; reason: string; amountCents: number }[];
  requestedDocuments?: string[];
  /** The specialist an assignment link proposes. */
  candidate?: string;
  /** The site-local date (YYYY-MM-DD), the value date a "payment received" page suggests. */
  today?: string;
  /** The consultations a specialist may propose, with their prices. */
  prices?: Readonly<Record<string, number>>;
  /** The disease site triage named. */
  diseaseSite?: DiseaseSite;
  /** The triage's complete link: the disease sites to choose from. */
  diseaseSites?: readonly DiseaseSite[];
  /** The triage's complete link of an update: the previous physician, and whether triage may give it to them at EUR 350. */
  update?: UpdateProposal;
  /** The office's courier task: where the printed report goes. */
  courierAddress?: CourierAddress;
  /** The task a task link completes. */
  task?: { kind: TaskKind; consultation?: string };
  /** An assignment link: for each type the proposed lead does not cover, who may contribute it (the first proposed). */
  team?: TeamOption[];
  /** The lead's report link: the team's contributions, received or still missing. */
  contributions?: LinkContribution[];
}

export interface LinkContribution {
  consultationType?: ConsultationType;
  /** The in-depth consultation (its code) whose outcome this is, for a consultation's or the pathology's task. */
  consultation?: string;
  /** Who did it, or who was asked (a staff member's name; none for a role). */
  name: string;
  /** A role asked rather than a person (the pathology, the office). */
  role?: 'pathology' | 'office';
  status: TaskStatus;
  /** ISO instant it was due. */
  dueAt: string;
  note?: string;
  /** The task, whose PDF (when `hasPdf`) opens through the link's audited route. */
  taskId: string;
  hasPdf?: true;
}

/** The tasks whose outcome the lead reads on the report page. */
const OUTCOME_KINDS: readonly TaskKind[] = ['contribution', 'consultation', 'pathology_result'];

async function contributions(
  d: Pick<UseCaseDeps, 'store' | 'documents'>,
  caseId: string,
): Promise<LinkContribution[]> {
  const out: LinkContribution[] = [];
  for (const t of await d.store.listTasks(caseId)) {
    // The team's contributions, and the outcomes of in-depth consultations (the revised diagnosis).
    if (!OUTCOME_KINDS.includes(t.kind)) continue;
    out.push({
      ...(t.consultationType ? { consultationType: t.consultationType } : {}),
      ...(t.consultation ? { consultation: t.consultation } : {}),
      // Who did it (a pathologist of the role), or who is asked.
      name: (await d.store.getStaff(t.result?.by ?? t.assignee))?.name ?? t.result?.by ?? t.assignee,
      ...(!t.result && (t.assignee === PATHOLOGY_ASSIGNEE || t.assignee === OFFICE_ASSIGNEE)
        ? { role: t.assignee }
        : {}),
      status: t.status,
      dueAt: t.dueAt,
      ...(t.result?.note ? { note: t.result.note } : {}),
      taskId: t.taskId,
      ...(t.result?.documentKey ? { hasPdf: true as const } : {}),
    });
  }
  return out;
}

export async function linkSummary(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  state: Extract<LinkState, { kind: 'open' }>,
): Promise<LinkSummary> {
  const c = state.case;
  const decision = state.link.decision;
  const specialistId = state.link.params?.specialistId;
  const candidate = specialistId ? (await d.store.getStaff(specialistId))?.name : undefined;
  const team = decision === 'assign' && specialistId ? await teamOptions(d, c, specialistId) : [];
  const contributed = decision === 'release' ? await contributions(d, c.caseId) : [];
  const update = decision === 'complete' ? await updateProposal(d, c) : undefined;
  return {
    reference: c.reference,
    consultationTypes: c.consultationTypes,
    ...(state.wait ? { dueAt: state.wait.dueAt } : {}),
    ...(state.task
      ? {
          dueAt: state.task.dueAt,
          task: {
            kind: state.task.kind,
            ...(state.task.consultation ? { consultation: state.task.consultation } : {}),
          },
        }
      : {}),
    // The "payment received" page of additional consultations shows their price, not the case's.
    ...(state.link.step === 'additional_payment' && pendingConsultationItem(c)
      ? { amountCents: quoteOf(approvedOf(c.consultations, pendingConsultationItem(c))).totalCents }
      : c.quote
        ? { amountCents: c.quote.totalCents }
        : {}),
    ...(state.link.step === 'approval' && proposed(c.consultations).length
      ? {
          consultations: proposed(c.consultations).map((x) => ({
            code: x.code,
            reason: x.reason,
            amountCents: x.quote.totalCents,
          })),
        }
      : {}),
    ...(c.requestedDocuments ? { requestedDocuments: c.requestedDocuments } : {}),
    ...(candidate ? { candidate } : {}),
    ...(decision === 'request_additional' ? { prices: d.config.ADDITIONAL_PRICES } : {}),
    ...(team.length ? { team } : {}),
    ...(c.diseaseSite ? { diseaseSite: c.diseaseSite } : {}),
    ...(decision === 'complete' ? { diseaseSites: DISEASE_SITES } : {}),
    ...(update ? { update } : {}),
    ...(state.task?.kind === 'courier_shipment' && c.courierAddress
      ? { courierAddress: c.courierAddress }
      : {}),
    ...(contributed.length ? { contributions: contributed } : {}),
    ...(decision === 'confirm_payment' ? { today: siteDate(d.clock.now()) } : {}),
  };
}
