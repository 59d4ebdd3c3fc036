/**
 * Applies a step's first decision (a person's, or the system's when the wait ended) to the case:
 * a conditional write from the step's status that the lifecycle table allows, an audit event, the
 * notices that follow, and the next step. A retried apply returns what the first one did.
 */
import { calendarOf } from '#app/config.ts';
import { addWorkingDays, siteDate, workingDaysBetween } from '#domain/calendar.ts';
import {
  answerConsultations,
  approvedOf,
  HISTOLOGY_REVIEW,
  proposeConsultations,
  proposed,
  quoteOf,
} from '#domain/consultations.ts';
import { type ItemId, itemBalance } from '#domain/ledger.ts';
import {
  type CaseEvent,
  type CaseStatus,
  isClosed,
  isTerminal,
  TRANSITIONS,
  transition,
} from '#domain/lifecycle.ts';
import type { Case, Step } from '#domain/model.ts';
import { updateWindowEnd } from '#domain/pricing.ts';
import { holdsReport } from '#domain/tasks.ts';
import { isStepDecision, stepOfStatus, stepStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { caseUrl, createCaseLink, updateRequestUrl } from '../common/links.ts';
import { syncPatientTokens } from '../common/patient-access.ts';
import { OFFICE } from '../common/people.ts';
import { checkReport } from '../common/report.ts';
import { applicantNotices } from '../common/tell-applicants.ts';
import { WorkflowError } from '../errors.ts';
import type { Notice, Notifies } from '../notices.ts';
import { loadLedger, openAdditionalDue, openCaseDue, recordPayment, stableId } from '../payments/ledger.ts';
import { withdrawLinkIfPaid } from '../payments/office-links.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { OpenTaskNotice } from '../tasks/open-task.ts';
import { loadCase } from './case.ts';
import { openConsultationTasks } from './consultations.ts';
import type { DecisionOutput } from './decision.ts';
import { answersOf, extensionOf, isDiseaseSite, remitOf, stringList } from './decision-values.ts';
import { quoteFor } from './quote.ts';
import { activeSpecialist, cancelContributions, openContributions, openCourierShipment } from './team.ts';

/** A reassigned specialist has at least this many working days for the report. */
export const REASSIGNED_MIN_WORKING_DAYS = 2;

export interface Applied {
  status: CaseStatus;
  next: Step | 'end';
}

/** What a decision applied tells: the patient and the office what happened, and a new task's assignee. */
export type ApplyNotice =
  | 'case_rejected'
  | 'case_rejected_office'
  | 'payment_received'
  | 'specialist_assigned'
  | 'report_delayed'
  | 'report_extended'
  | 'histology_shipping'
  | 'report_ready'
  | 'case_expired'
  | 'payment_expired'
  | 'case_stopped'
  | OpenTaskNotice;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'> & Notifies<ApplyNotice>;

function nextOf(status: CaseStatus): Applied {
  return { status, next: isTerminal(status) ? 'end' : (stepOfStatus(status) ?? 'end') };
}

export async function applyDecision(
  d: Deps,
  input: { caseId: string; step: Step; openedAt: string; decision: DecisionOutput },
): Promise<Applied> {
  const { step, decision } = input;
  if (!isStepDecision(step, decision.decision)) {
    throw new WorkflowError(
      'invalid_decision',
      `"${decision.decision}" is not a decision of the ${step} step`,
    );
  }
  const event: CaseEvent = decision.decision;
  const c = await loadCase(d, input.caseId);
  const wait = await d.store.getWait(input.caseId, step);
  const sameWait = wait?.openedAt === input.openedAt;
  if (sameWait && wait?.applied) return wait.applied;
  // The case already ended (cancelled meanwhile): nothing to apply, the workflow ends quietly.
  if (isTerminal(c.status)) return nextOf(c.status);
  const expected = stepStatus(step);
  if (c.status !== expected) {
    if (c.status === TRANSITIONS[expected][event]) return nextOf(c.status);
    transition(c.status, event);
  }
  const now = d.clock.now();
  const at = now.toISOString();
  const cal = calendarOf(d.config);
  const v = decision.values ?? {};
  let to = transition(c.status, event);
  const changes: Partial<Case> = { deadlines: { ...c.deadlines }, updatedAt: at };
  const details: Record<string, unknown> = { step };
  const after: Notice<ApplyNotice>[] = [];
  const patient = async (
    kind: 'case_rejected' | 'payment_received' | 'specialist_assigned' | 'case_expired',
  ) => after.push(...(await applicantNotices(c, kind, () => ({ reference: c.reference }))));
  const office = async (notice: (viewUrl: string) => Notice<ApplyNotice>) =>
    after.push(notice(await createCaseLink(d, c.caseId, 'office', 'view')));
  // The report goes on with the working days it had left when its clock stopped (at least one).
  const resumeReport = () => {
    const left = c.reportPause?.workingDaysLeft;
    if (left !== undefined) {
      const days = Math.max(1, left);
      changes.deadlines = { ...c.deadlines, reportDue: addWorkingDays(now, days, cal).toISOString() };
      details.workingDaysLeft = days;
    }
    changes.reportPause = undefined;
  };
  // The report clock stops: the working days left are given back when the report goes on.
  const pauseReport = () => {
    const left = c.deadlines.reportDue ? workingDaysBetween(now, new Date(c.deadlines.reportDue), cal) : 0;
    changes.reportPause = { at, workingDaysLeft: left };
    details.workingDaysLeft = left;
  };
  // The work of consultations approved and paid (or invoiced later) starts: their tasks open.
  const startConsultations = async (list: ReturnType<typeof approvedOf>, paidAt?: string) => {
    const ids = await openConsultationTasks(d, c, list);
    const started = new Set(list.map((x) => x.code));
    changes.consultations = (changes.consultations ?? c.consultations ?? []).map((x) =>
      x.status === 'approved' && started.has(x.code) && !x.taskIds
        ? { ...x, taskIds: ids[x.code] ?? [], ...(paidAt ? { paidAt } : {}) }
        : x,
    );
  };
  // What the office typed on the "payment received" page: the payment, recorded once per wait.
  // A page that sent no amount records the amount still owed, valued today.
  const recordManual = async (itemId: ItemId) => {
    if (decision.by === 'system') return;
    const ledger = await loadLedger(d, c);
    const due = ledger.dues.find((x) => x.itemId === itemId);
    const owed = due ? itemBalance(due, ledger.payments).outstandingCents : 0;
    const amountCents = typeof v.amountCents === 'number' ? v.amountCents : owed;
    if (amountCents <= 0) return;
    const paymentId = stableId('M', c.caseId, step, input.openedAt);
    await recordPayment(d, {
      caseId: c.caseId,
      paymentId,
      itemId,
      amountCents,
      feesCents: 0,
      valueDate: typeof v.valueDate === 'string' ? v.valueDate : siteDate(now),
      source: 'manual',
      recordedBy: decision.by,
      recordedAt: at,
    });
    details.paymentId = paymentId;
    details.amountCents = amountCents;
  };

  switch (event) {
    case 'complete':
      changes.triageDoctorId = decision.by;
      if (isDiseaseSite(v.diseaseSite)) {
        changes.diseaseSite = v.diseaseSite;
        details.diseaseSite = v.diseaseSite;
      }
      Object.assign(changes, await quoteFor(d, c, remitOf(v.remit)));
      if (changes.updateRemit) details.updateRemit = changes.updateRemit;
      details.totalCents = changes.quote?.totalCents;
      if (changes.quote) await openCaseDue(d, c, changes.quote, at);
      break;
    case 'request_documents': {
      const documents = stringList(v.documents);
      if (!documents.length)
        throw new WorkflowError('no_documents', 'a documents request needs the list of documents');
      changes.requestedDocuments = documents;
      details.documents = documents.length;
      if (step === 'triage') changes.triageDoctorId = decision.by;
      else pauseReport();
      break;
    }
    case 'reject':
      changes.triageDoctorId = decision.by;
      changes.reason = 'rejected_at_triage';
      // The doctor's words stay in the audit trail for staff; the patient's page shows no clinical reasoning.
      if (typeof v.reason === 'string' && v.reason.trim()) details.reason = v.reason.trim().slice(0, 2000);
      await patient('case_rejected');
      await office((viewUrl) => ({
        kind: 'case_rejected_office',
        to: OFFICE,
        caseId: c.caseId,
        data: { reference: c.reference, viewUrl },
      }));
      break;
    case 'resubmit':
      if (step === 'documents') changes.submittedAt = c.submittedAt ?? at;
      else {
        resumeReport();
        changes.reportNote = decision.by === 'system' ? 'documents_not_received' : 'documents_received';
      }
      break;
    case 'confirm_payment':
      if (step === 'additional_payment') {
        const pending = approvedOf(c.consultations).filter((x) => !x.paidAt && !x.taskIds);
        const itemId = pending[0]?.itemId as ItemId | undefined;
        if (!itemId) throw new WorkflowError('no_additional', `case ${c.caseId} has no consultation to pay`);
        await recordManual(itemId);
        await startConsultations(pending, at);
        details.itemId = itemId;
        await patient('payment_received');
        break;
      }
      await recordManual('case');
      changes.paidAt = at;
      changes.deadlines = { ...c.deadlines, reportDue: addWorkingDays(now, 5, cal).toISOString() };
      await patient('payment_received');
      break;
    case 'assign': {
      const specialistId = String(v.specialistId ?? '');
      if (!(await activeSpecialist(d, specialistId))) {
        // The specialist left meanwhile: ask again rather than fail a paid case.
        to = c.status;
        changes.autoAssignTo = undefined;
        details.refused = specialistId || 'nobody';
        break;
      }
      changes.assigneeId = specialistId;
      changes.reportNote = undefined;
      details.assigneeId = specialistId;
      const team = await openContributions(d, c, v.contributors);
      if (Object.keys(team).length) details.contributors = team;
      await patient('specialist_assigned');
      break;
    }
    case 'reassign': {
      const specialistId = String(v.specialistId ?? '');
      if (specialistId === c.assigneeId || !(await activeSpecialist(d, specialistId))) {
        details.refused = specialistId || 'nobody';
        break;
      }
      // The new specialist keeps the case's due time, but never has fewer than two working days.
      const floor = addWorkingDays(now, REASSIGNED_MIN_WORKING_DAYS, cal);
      const due = c.deadlines.reportDue ? new Date(c.deadlines.reportDue) : floor;
      const reportDue = new Date(Math.max(due.getTime(), floor.getTime()));
      changes.assigneeId = specialistId;
      changes.reportNote = 'reassigned';
      changes.deadlines = { ...c.deadlines, reportDue: reportDue.toISOString() };
      details.from = c.assigneeId;
      details.assigneeId = specialistId;
      if (reportDue.getTime() !== due.getTime()) {
        after.push(
          ...(await applicantNotices(c, 'report_delayed', () => ({
            reference: c.reference,
            newDate: reportDue.toISOString(),
          }))),
        );
      }
      break;
    }
    case 'extend': {
      const extension = extensionOf(v);
      if (!extension || c.reportExtension) {
        details.refused = c.reportExtension ? 'already_extended' : 'invalid';
        break;
      }
      const from =
        c.deadlines.reportDue && new Date(c.deadlines.reportDue) > now
          ? new Date(c.deadlines.reportDue)
          : now;
      const reportDue = addWorkingDays(from, extension.workingDays, cal);
      changes.reportExtension = { by: decision.by, at, ...extension };
      changes.reportNote = 'extended';
      changes.deadlines = { ...c.deadlines, reportDue: reportDue.toISOString() };
      Object.assign(details, extension);
      after.push(
        ...(await applicantNotices(c, 'report_extended', () => ({
          reference: c.reference,
          newDate: reportDue.toISOString(),
          reason: extension.reason,
        }))),
      );
      break;
    }
    case 'request_additional': {
      const codes = stringList(v.consultations ?? v.consultation);
      const asked = proposeConsultations(
        codes,
        String(v.reason ?? '').trim(),
        d.config.ADDITIONAL_PRICES,
        decision.by,
        at,
      );
      if (!asked.length)
        throw new WorkflowError('no_consultation', 'a consultation request needs at least one consultation');
      changes.consultations = [...(c.consultations ?? []), ...asked];
      details.consultations = asked.map((x) => x.code);
      pauseReport();
      break;
    }
    case 'approve':
    case 'decline': {
      const list = c.consultations ?? [];
      if (step === 'additional_payment') {
        // Approved but not paid by the end of its wait: the report goes on without them, nothing is owed.
        const unpaid = approvedOf(list).filter((x) => !x.paidAt && !x.taskIds);
        const itemId = unpaid[0]?.itemId as ItemId | undefined;
        if (itemId) await d.store.updateDue(c.caseId, itemId, { cancelledAt: at });
        changes.consultations = list.map((x) => (unpaid.includes(x) ? { ...x, status: 'declined' } : x));
        changes.reportNote = 'additional_unpaid';
        resumeReport();
        break;
      }
      const asked = proposed(list);
      if (!asked.length)
        throw new WorkflowError('no_additional', `case ${c.caseId} has no consultation to answer`);
      // Unanswered by the end of the wait: none is done.
      const answers = answersOf(
        decision.by === 'system' ? {} : v,
        decision.by === 'system' ? 'decline' : event,
        asked.map((x) => x.code),
      );
      const answered = answerConsultations(list, answers, at);
      const approved = answered.filter((x, i) => list[i]?.status === 'proposed' && x.status === 'approved');
      changes.consultations = answered;
      details.answers = answers;
      changes.reportNote =
        decision.by === 'system'
          ? 'additional_lapsed'
          : approved.length
            ? 'additional_approved'
            : 'additional_declined';
      if (!approved.length) {
        to = transition(c.status, 'decline');
        resumeReport();
        break;
      }
      // Approved together, they are one amount due (a line each); the work starts when it is paid,
      // or at once when the hospital invoices it later.
      const billing = d.config.ADDITIONAL_BILLING;
      const due = await openAdditionalDue(d, c, quoteOf(approved), billing, at);
      changes.consultations = answered.map((x) => (approved.includes(x) ? { ...x, itemId: due.itemId } : x));
      details.itemId = due.itemId;
      details.billing = billing;
      // The slides travel by post: the patient is told where and how at once (the clock is stopped).
      if (approved.some((x) => x.code === HISTOLOGY_REVIEW)) {
        after.push(
          ...(await applicantNotices(c, 'histology_shipping', async (a) => ({
            reference: c.reference,
            address: d.config.PATHOLOGY_ADDRESS,
            caseUrl: await caseUrl(d, c.caseId, a.applicant),
          }))),
        );
      }
      if (billing === 'invoice') {
        to = transition(to, 'defer_payment');
        await startConsultations(approvedOf(changes.consultations, due.itemId));
      } else changes.reportNote = c.reportNote;
      break;
    }
    case 'consultations_done': {
      const tasks = await d.store.listTasks(c.caseId);
      // A consultation whose work holds the report no more is done; its outcome is on the report page.
      changes.consultations = (c.consultations ?? []).map((x) =>
        x.status === 'approved' && x.taskIds && !holdsReport(tasks.filter((t) => t.consultation === x.code))
          ? { ...x, status: 'done' }
          : x,
      );
      changes.reportNote = holdsReport(tasks) ? 'consultations_lapsed' : 'consultations_done';
      resumeReport();
      break;
    }
    case 'release': {
      const report = await checkReport(d, c.caseId, String(v.reportId ?? ''));
      changes.reportKey = report.key;
      changes.reportVersionId = report.versionId;
      changes.releasedAt = at;
      // One report, even when a contribution is late: what is still open is no longer asked for.
      await cancelContributions(d, c.caseId, at);
      changes.updateWindowEnds = updateWindowEnd(new Date(c.submittedAt ?? c.createdAt));
      after.push(
        ...(await applicantNotices(c, 'report_ready', async (a) => ({
          reference: c.reference,
          caseUrl: await caseUrl(d, c.caseId, a.applicant),
          courier: c.courier,
          updateUrl: updateRequestUrl(d.config.PUBLIC_BASE_URL, c.language, c.reference),
        }))),
      );
      // The patient asked for the printed report: the office ships it from a task link.
      if (c.courier) await openCourierShipment(d, c);
      break;
    }
    case 'expire':
      changes.reason = 'no_answer_from_patient';
      changes.stoppedAt = step;
      await patient('case_expired');
      if (step === 'payment') {
        const reopenUrl = await createCaseLink(d, c.caseId, 'office', 'reopen');
        await office((viewUrl) => ({
          kind: 'payment_expired',
          to: OFFICE,
          caseId: c.caseId,
          data: { reference: c.reference, reopenUrl, viewUrl },
        }));
      }
      break;
    case 'time_out': {
      changes.reason = 'no_decision_from_staff';
      changes.stoppedAt = step;
      // Paid: the office may cancel and refund it rather than resume it.
      const withdrawUrl = await withdrawLinkIfPaid(d, c.caseId);
      await office((viewUrl) => ({
        kind: 'case_stopped',
        to: OFFICE,
        caseId: c.caseId,
        data: {
          reference: c.reference,
          step,
          reason: 'no_decision_from_staff',
          viewUrl,
          ...(withdrawUrl ? { withdrawUrl } : {}),
        },
      }));
      break;
    }
    default:
      throw new WorkflowError('invalid_decision', `unhandled decision ${event}`);
  }
  changes.status = to;
  // The patient's links end a set time after the case closes (a re-opened case forgets it).
  changes.closedAt = isClosed(to) ? (c.closedAt ?? at) : undefined;
  const updated = await d.store.updateCase(c.caseId, c.version, changes);
  if (isClosed(to) || isClosed(c.status)) await syncPatientTokens(d, updated);
  await audit(d, c.caseId, decision.by, event, details);
  for (const notice of after) await d.notifier.notify(notice);
  const result = nextOf(updated.status);
  if (sameWait) await d.store.updateWait(c.caseId, step, input.openedAt, { applied: result });
  return result;
}
