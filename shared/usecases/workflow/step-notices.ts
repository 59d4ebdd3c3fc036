/**
 * The notices that open each step's wait, with the links that decide it: who is asked depends on
 * the step (the wait policy's actor), and each staff member gets links of their own.
 */
import type { Case, Wait } from '#domain/model.ts';
import { caseUrl, createLink } from '../common/links.ts';
import { OFFICE, patientRecipient, requireStaff, staffRecipient } from '../common/people.ts';
import { WorkflowError } from '../errors.ts';
import type { NoticeData } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { rankedSpecialists } from './specialists.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'notifier'>;

/** The specialist's links of a report wait (a reminder carries fresh ones, so they never run out). */
export async function reportLinks(d: Deps, wait: Wait, staffId: string) {
  return {
    documentsUrl: await createLink(d, wait, staffId, 'documents'),
    releaseUrl: await createLink(d, wait, staffId, 'release'),
    additionalUrl: await createLink(d, wait, staffId, 'request_additional'),
  };
}

export async function approvalData(d: Deps, c: Case, wait: Wait): Promise<NoticeData['additional_approval']> {
  if (!c.additional)
    throw new WorkflowError('no_additional', `case ${c.caseId} has no additional consultation`);
  return {
    reference: c.reference,
    consultation: c.additional.consultation,
    amountCents: c.additional.quote.totalCents,
    approveUrl: await createLink(d, wait, 'patient', 'approve'),
    declineUrl: await createLink(d, wait, 'patient', 'decline'),
  };
}

export async function assignee(d: Pick<UseCaseDeps, 'store'>, c: Case) {
  const s = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
  if (!s) throw new WorkflowError('no_assignee', `case ${c.caseId} has no specialist`);
  return s;
}

/** Sends the notices that open a step; returns who was asked. */
export async function announceWait(d: Deps, c: Case, wait: Wait): Promise<string[]> {
  const caseId = c.caseId;
  const reference = c.reference;
  switch (wait.step) {
    case 'triage': {
      const doctors = await requireStaff(d, 'triage');
      for (const s of doctors) {
        await d.notifier.notify({
          kind: 'triage_request',
          to: staffRecipient(s),
          caseId,
          data: {
            reference,
            dueAt: wait.dueAt,
            completeUrl: await createLink(d, wait, s.staffId, 'complete'),
            requestUrl: await createLink(d, wait, s.staffId, 'request_documents'),
            rejectUrl: await createLink(d, wait, s.staffId, 'reject'),
          },
        });
      }
      return doctors.map((s) => s.staffId);
    }
    case 'documents':
      await d.notifier.notify({
        kind: 'documents_requested',
        to: patientRecipient(c),
        caseId,
        data: {
          reference,
          documents: c.requestedDocuments ?? [],
          caseUrl: await caseUrl(d, caseId),
          dueAt: wait.dueAt,
        },
      });
      return ['patient'];
    case 'payment': {
      if (!c.quote) throw new WorkflowError('no_quote', `case ${caseId} has no quote`);
      await d.notifier.notify({
        kind: 'payment_details',
        to: patientRecipient(c),
        caseId,
        data: {
          reference,
          amountCents: c.quote.totalCents,
          paymentReference: c.paymentReference,
          dueAt: wait.dueAt,
          caseUrl: await caseUrl(d, caseId),
        },
      });
      await d.notifier.notify({
        kind: 'payment_confirmation_request',
        to: OFFICE,
        caseId,
        data: {
          reference,
          amountCents: c.quote.totalCents,
          paymentReference: c.paymentReference,
          confirmUrl: await createLink(d, wait, 'office', 'confirm_payment'),
        },
      });
      return ['patient', 'office'];
    }
    case 'assignment': {
      const decider = c.triageDoctorId ? await d.store.getStaff(c.triageDoctorId) : undefined;
      const deciders = decider?.active ? [decider] : await requireStaff(d, 'triage');
      const ranked = await rankedSpecialists(d, c);
      for (const s of deciders) {
        const candidates = [];
        for (const r of ranked) {
          candidates.push({
            name: r.staff.name,
            consultationTypes: r.staff.consultationTypes,
            languages: r.staff.languages,
            openCases: r.openCases,
            url: await createLink(d, wait, s.staffId, 'assign', { specialistId: r.staff.staffId }),
          });
        }
        await d.notifier.notify({
          kind: 'assignment_candidates',
          to: staffRecipient(s),
          caseId,
          data: { reference, candidates },
        });
      }
      return deciders.map((s) => s.staffId);
    }
    case 'report': {
      const s = await assignee(d, c);
      const answer = c.additional?.answer;
      await d.notifier.notify({
        kind: 'report_task',
        to: staffRecipient(s),
        caseId,
        data: {
          reference,
          dueAt: wait.dueAt,
          ...(answer && c.additional
            ? { additional: { consultation: c.additional.consultation, answer } }
            : {}),
          ...(await reportLinks(d, wait, s.staffId)),
        },
      });
      return [s.staffId];
    }
    case 'approval':
      await d.notifier.notify({
        kind: 'additional_approval',
        to: patientRecipient(c),
        caseId,
        data: await approvalData(d, c, wait),
      });
      return ['patient'];
  }
}
