/**
 * Applies a step's first decision to the case: a conditional write from the step's status (the
 * lifecycle table decides whether), an audit event, and the notices that follow. A retry that
 * finds the decision already applied returns the same result.
 */
import { calendarOf } from '#app/config.ts';
import { addWorkingDays, workingDaysBetween } from '#domain/calendar.ts';
import { type CaseEvent, type CaseStatus, TRANSITIONS, transition } from '#domain/lifecycle.ts';
import type { Case, Step } from '#domain/model.ts';
import { quoteAdditional, updateWindowEnd } from '#domain/pricing.ts';
import { isStepDecision, stepStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { caseUrl } from '../common/links.ts';
import { OFFICE, patientRecipient } from '../common/people.ts';
import { checkReport } from '../common/report.ts';
import { WorkflowError } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase } from './case.ts';
import type { DecisionOutput } from './decision.ts';
import { quoteFor } from './quote.ts';

export interface Applied {
  status: CaseStatus;
  autoAssignTo: string | null;
}

function applied(c: Case): Applied {
  return { status: c.status, autoAssignTo: c.autoAssignTo ?? null };
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

export async function applyDecision(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'notifier' | 'documents'>,
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
  const expected = stepStatus(step);
  if (c.status !== expected) {
    if (c.status === TRANSITIONS[expected][event]) return applied(c);
    transition(c.status, event);
  }
  const to = transition(c.status, event);
  const now = d.clock.now();
  const cal = calendarOf(d.config);
  const v = decision.values ?? {};
  const changes: Partial<Case> = {
    status: to,
    deadlines: { ...c.deadlines },
    updatedAt: now.toISOString(),
  };
  const details: Record<string, unknown> = { step };
  const after: (() => Promise<void>)[] = [];
  const tell = (kind: 'case_rejected' | 'payment_received' | 'specialist_assigned') => () =>
    d.notifier.notify({ kind, to: patientRecipient(c), caseId: c.caseId, data: { reference: c.reference } });

  switch (event) {
    case 'complete': {
      changes.triageDoctorId = decision.by;
      Object.assign(changes, await quoteFor(d, c));
      details.totalCents = changes.quote?.totalCents;
      break;
    }
    case 'request_documents': {
      const documents = stringList(v.documents);
      if (!documents.length)
        throw new WorkflowError('no_documents', 'a documents request needs the list of documents');
      changes.triageDoctorId = decision.by;
      changes.requestedDocuments = documents;
      details.documents = documents.length;
      break;
    }
    case 'reject':
      changes.triageDoctorId = decision.by;
      // The doctor's words stay in the audit trail for staff; the patient's page shows no clinical reasoning.
      changes.reason = 'rejected at triage';
      if (typeof v.reason === 'string' && v.reason.trim()) details.reason = v.reason.trim().slice(0, 2000);
      after.push(tell('case_rejected'));
      break;
    case 'resubmit':
      changes.submittedAt = c.submittedAt ?? now.toISOString();
      break;
    case 'confirm_payment':
      changes.paidAt = now.toISOString();
      changes.deadlines = { ...c.deadlines, reportDue: addWorkingDays(now, 5, cal).toISOString() };
      after.push(tell('payment_received'));
      break;
    case 'assign': {
      const specialistId = String(v.specialistId ?? '');
      const s = await d.store.getStaff(specialistId);
      if (!s?.active || !s.roles.includes('specialist')) {
        throw new WorkflowError(
          'invalid_specialist',
          `${specialistId || 'nobody'} is not an active specialist`,
        );
      }
      changes.assigneeId = specialistId;
      details.assigneeId = specialistId;
      after.push(tell('specialist_assigned'));
      break;
    }
    case 'request_additional': {
      const consultation = String(v.consultation ?? '');
      changes.additional = {
        consultation,
        reason: String(v.reason ?? '').trim(),
        quote: quoteAdditional(consultation, d.config.ADDITIONAL_PRICES),
        requestedBy: decision.by,
        requestedAt: now.toISOString(),
      };
      details.consultation = consultation;
      break;
    }
    case 'approve':
    case 'decline': {
      if (!c.additional)
        throw new WorkflowError('no_additional', `case ${c.caseId} has no additional consultation`);
      changes.additional = { ...c.additional, answer: event, answeredAt: now.toISOString() };
      // The report clock stood still while the patient was asked: move the due time by those working days.
      const paused = workingDaysBetween(new Date(c.additional.requestedAt), now, cal);
      if (paused > 0 && c.deadlines.reportDue) {
        changes.deadlines = {
          ...c.deadlines,
          reportDue: addWorkingDays(new Date(c.deadlines.reportDue), paused, cal).toISOString(),
        };
      }
      details.pausedWorkingDays = paused;
      break;
    }
    case 'release': {
      const reportKey = await checkReport(d, c.caseId, String(v.reportId ?? ''));
      changes.reportKey = reportKey;
      changes.releasedAt = now.toISOString();
      changes.updateWindowEnds = updateWindowEnd(new Date(c.submittedAt ?? c.createdAt));
      after.push(async () =>
        d.notifier.notify({
          kind: 'report_ready',
          to: patientRecipient(c),
          caseId: c.caseId,
          data: { reference: c.reference, caseUrl: await caseUrl(d, c.caseId), courier: c.courier },
        }),
      );
      const address = c.courier ? c.courierAddress : undefined;
      if (address) {
        after.push(() =>
          d.notifier.notify({
            kind: 'courier_shipping',
            to: OFFICE,
            caseId: c.caseId,
            data: { reference: c.reference, address },
          }),
        );
      }
      break;
    }
    default:
      throw new WorkflowError('invalid_decision', `unhandled decision ${event}`);
  }
  const updated = await d.store.updateCase(c.caseId, c.version, changes);
  await audit(d, c.caseId, decision.by, event, details);
  for (const send of after) await send();
  return applied(updated);
}
