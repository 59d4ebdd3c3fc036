/**
 * The notices of a step's wait and the links that decide it: opening it, reminding whoever is
 * asked, escalating to the leads, and re-sending. Who is asked follows the wait policy's actor;
 * each staff member gets links of their own, and links re-sent to someone supersede theirs.
 */
import { approvedOf, proposed, quoteOf } from '#domain/consultations.ts';
import type { Case, Consultation, StaffMember, Wait } from '#domain/model.ts';
import type { TimeoutAction } from '#domain/wait-policy.ts';
import { caseUrl, createLink, supersedeLinks } from '../common/links.ts';
import { leadsOf, OFFICE, requireStaff, staffRecipient } from '../common/people.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { WorkflowError } from '../errors.ts';
import type { Candidate, NoticeData, Notifies } from '../notices.ts';
import { pendingConsultationItem } from '../payments/ledger.ts';
import type { UseCaseDeps } from '../ports.ts';
import { rankedSpecialists } from './specialists.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'>;

/** What opening a step's wait tells: whoever it asks, and the patient what is asked of them. */
export type AnnounceNotice =
  | 'triage_request'
  | 'documents_requested'
  | 'more_documents_requested'
  | 'payment_details'
  | 'payment_confirmation_request'
  | 'additional_payment_details'
  | 'assignment_candidates'
  | 'report_task'
  | 'additional_approval';
/** What a reminder tells (and a wait announced again when its links are re-sent). */
export type RemindNotice =
  | AnnounceNotice
  | 'documents_reminder'
  | 'payment_reminder'
  | 'additional_payment_reminder'
  | 'report_reminder'
  | 'approval_reminder';
/** What an escalation tells the leads. */
export type EscalateNotice = 'triage_escalation' | 'assignment_escalation' | 'report_escalation';

export async function assignee(d: Pick<UseCaseDeps, 'store'>, c: Case): Promise<StaffMember> {
  const s = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
  if (!s) throw new WorkflowError('no_assignee', `case ${c.caseId} has no specialist`);
  return s;
}

async function triageLinks(d: Deps, wait: Wait, staffId: string) {
  return {
    completeUrl: await createLink(d, wait, staffId, 'complete'),
    requestUrl: await createLink(d, wait, staffId, 'request_documents'),
    rejectUrl: await createLink(d, wait, staffId, 'reject'),
  };
}

/** The specialist's links of a report wait. */
async function reportLinks(d: Deps, wait: Wait, staffId: string) {
  return {
    documentsUrl: await createLink(d, wait, staffId, 'documents'),
    releaseUrl: await createLink(d, wait, staffId, 'release'),
    additionalUrl: await createLink(d, wait, staffId, 'request_additional'),
    moreDocumentsUrl: await createLink(d, wait, staffId, 'request_documents'),
  };
}

/** Active specialists ranked for the case, each with a link for `deciderId` that chooses them. */
async function candidates(
  d: Deps,
  c: Case,
  wait: Wait,
  deciderId: string,
  decision: 'assign' | 'reassign',
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const r of await rankedSpecialists(d, c)) {
    if (decision === 'reassign' && r.staff.staffId === c.assigneeId) continue;
    out.push({
      name: r.staff.name,
      consultationTypes: r.staff.consultationTypes,
      languages: r.staff.languages,
      openCases: r.openCases,
      url: await createLink(d, wait, deciderId, decision, { specialistId: r.staff.staffId }),
    });
  }
  return out;
}

/** What the report task's note is about: the consultations answered last (those worked on, after their work). */
function noteConsultations(list: readonly Consultation[], note: Case['reportNote']): string[] {
  const at =
    list
      .map((x) => x.answeredAt ?? '')
      .sort()
      .at(-1) ?? '';
  const last = list.filter((x) => (x.answeredAt ?? '') === at);
  const worked = note === 'consultations_done' || note === 'consultations_lapsed';
  return (worked ? last.filter((x) => x.taskIds) : last).map((x) => x.code);
}

export async function approvalData(d: Deps, c: Case, wait: Wait): Promise<NoticeData['additional_approval']> {
  const asked = proposed(c.consultations);
  if (!asked.length)
    throw new WorkflowError('no_additional', `case ${c.caseId} has no consultation to answer`);
  return {
    reference: c.reference,
    consultation: asked.map((x) => x.code),
    amountCents: quoteOf(asked).totalCents,
    approveUrl: await createLink(d, wait, 'patient', 'approve'),
    declineUrl: await createLink(d, wait, 'patient', 'decline'),
  };
}

/** The approved consultations a case waits to be paid for: their names, price and reference. */
async function additionalPayment(d: Deps, c: Case) {
  const itemId = pendingConsultationItem(c);
  const due = itemId ? (await d.store.getLedger(c.caseId)).dues.find((x) => x.itemId === itemId) : undefined;
  if (!itemId || !due)
    throw new WorkflowError('no_additional', `case ${c.caseId} has no additional amount due`);
  return {
    consultation: approvedOf(c.consultations, itemId).map((x) => x.code),
    amountCents: due.amountCents,
    paymentReference: due.reference,
  };
}

/** The patient's payment details of an additional consultation, and the office's "payment received" link. */
async function askAdditionalPayment<K extends 'additional_payment_details' | 'additional_payment_reminder'>(
  d: Deps & Notifies<K | 'payment_confirmation_request'>,
  c: Case,
  wait: Wait,
  kind: K,
): Promise<void> {
  const caseId = c.caseId;
  const item = await additionalPayment(d, c);
  await tellApplicants(d, c, kind, async (a) => ({
    reference: c.reference,
    dueAt: wait.dueAt,
    caseUrl: await caseUrl(d, caseId, a.applicant),
    ...item,
  }));
  await d.notifier.notify({
    kind: 'payment_confirmation_request',
    to: OFFICE,
    caseId,
    data: {
      reference: c.reference,
      amountCents: item.amountCents,
      paymentReference: item.paymentReference,
      consultation: item.consultation,
      confirmUrl: await createLink(d, wait, 'office', 'confirm_payment'),
    },
  });
}

/** Who decides the assignment: the triage doctor who completed triage, or every triage doctor. */
async function assignmentDeciders(d: Deps, c: Case): Promise<StaffMember[]> {
  const decider = c.triageDoctorId ? await d.store.getStaff(c.triageDoctorId) : undefined;
  return decider?.active ? [decider] : requireStaff(d, 'triage');
}

/** Sends the notices that open a step; returns who was asked. */
export async function announceWait(
  d: Deps & Notifies<AnnounceNotice>,
  c: Case,
  wait: Wait,
): Promise<string[]> {
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
          data: { reference, dueAt: wait.dueAt, ...(await triageLinks(d, wait, s.staffId)) },
        });
      }
      return doctors.map((s) => s.staffId);
    }
    case 'documents':
      // As for more documents: the list is on the case page, the email carries no clinical words.
      await tellApplicants(d, c, 'documents_requested', async (a) => ({
        reference,
        caseUrl: await caseUrl(d, caseId, a.applicant),
        dueAt: wait.dueAt,
      }));
      return ['patient'];
    case 'more_documents':
      // What is asked stays on the case page: the email carries no clinical words.
      await tellApplicants(d, c, 'more_documents_requested', async (a) => ({
        reference,
        dueAt: wait.dueAt,
        caseUrl: await caseUrl(d, caseId, a.applicant),
      }));
      return ['patient'];
    case 'payment': {
      const quote = c.quote;
      if (!quote) throw new WorkflowError('no_quote', `case ${caseId} has no quote`);
      await tellApplicants(d, c, 'payment_details', async (a) => ({
        reference,
        amountCents: quote.totalCents,
        paymentReference: c.paymentReference,
        dueAt: wait.dueAt,
        caseUrl: await caseUrl(d, caseId, a.applicant),
      }));
      await d.notifier.notify({
        kind: 'payment_confirmation_request',
        to: OFFICE,
        caseId,
        data: {
          reference,
          amountCents: quote.totalCents,
          paymentReference: c.paymentReference,
          confirmUrl: await createLink(d, wait, 'office', 'confirm_payment'),
        },
      });
      return ['patient', 'office'];
    }
    case 'assignment': {
      const deciders = await assignmentDeciders(d, c);
      for (const s of deciders) {
        await d.notifier.notify({
          kind: 'assignment_candidates',
          to: staffRecipient(s),
          caseId,
          data: { reference, candidates: await candidates(d, c, wait, s.staffId, 'assign') },
        });
      }
      return deciders.map((s) => s.staffId);
    }
    case 'report': {
      const s = await assignee(d, c);
      await d.notifier.notify({
        kind: 'report_task',
        to: staffRecipient(s),
        caseId,
        data: {
          reference,
          dueAt: wait.dueAt,
          ...(c.reportNote ? { note: c.reportNote } : {}),
          ...(c.consultations?.length
            ? { consultation: noteConsultations(c.consultations, c.reportNote) }
            : {}),
          ...(await reportLinks(d, wait, s.staffId)),
        },
      });
      return [s.staffId];
    }
    case 'approval':
      await tellApplicants(d, c, 'additional_approval', () => approvalData(d, c, wait));
      return ['patient'];
    case 'additional_payment':
      await askAdditionalPayment(d, c, wait, 'additional_payment_details');
      return ['patient', 'office'];
    case 'consultations':
      // The consulting doctors and the pathology were asked by their tasks when the work started.
      return [];
  }
}

/** Reminds whoever a step asks, with fresh links that supersede the ones sent before. */
export async function remindWait(d: Deps & Notifies<RemindNotice>, c: Case, open: Wait): Promise<void> {
  const caseId = c.caseId;
  const reference = c.reference;
  switch (open.step) {
    case 'documents':
    case 'more_documents':
      await tellApplicants(d, c, 'documents_reminder', async (a) => ({
        reference,
        dueAt: open.dueAt,
        caseUrl: await caseUrl(d, caseId, a.applicant),
      }));
      return;
    case 'payment': {
      const wait = await supersedeLinks(d, open, ['office']);
      await tellApplicants(d, c, 'payment_reminder', async (a) => ({
        reference,
        dueAt: wait.dueAt,
        caseUrl: await caseUrl(d, caseId, a.applicant),
      }));
      await d.notifier.notify({
        kind: 'payment_confirmation_request',
        to: OFFICE,
        caseId,
        data: {
          reference,
          amountCents: c.quote?.totalCents ?? 0,
          paymentReference: c.paymentReference,
          confirmUrl: await createLink(d, wait, 'office', 'confirm_payment'),
        },
      });
      return;
    }
    case 'report': {
      const s = await assignee(d, c);
      const wait = await supersedeLinks(d, open, [s.staffId]);
      await d.notifier.notify({
        kind: 'report_reminder',
        to: staffRecipient(s),
        caseId,
        data: { reference, dueAt: wait.dueAt, ...(await reportLinks(d, wait, s.staffId)) },
      });
      return;
    }
    case 'approval': {
      const wait = await supersedeLinks(d, open, ['patient']);
      await tellApplicants(d, c, 'approval_reminder', () => approvalData(d, c, wait));
      return;
    }
    case 'additional_payment':
      await askAdditionalPayment(
        d,
        c,
        await supersedeLinks(d, open, ['office']),
        'additional_payment_reminder',
      );
      return;
    case 'consultations':
      // Its tasks are reminded by the task sweep.
      return;
    case 'triage':
    case 'assignment':
      // Staff steps are re-sent by escalation (and by `so case resend`), not reminded before their due time.
      await resendWait(d, c, open);
  }
}

/** Asks the leads to decide a step that passed its due time, with links that act; returns who. */
export async function escalateWait(
  d: Deps & Notifies<EscalateNotice>,
  c: Case,
  open: Wait,
  action: Extract<TimeoutAction, { kind: 'escalate' }>,
): Promise<string[]> {
  const leads = await leadsOf(d, action.to, action.fallback);
  const wait = await supersedeLinks(
    d,
    open,
    leads.map((s) => s.staffId),
  );
  const caseId = c.caseId;
  const reference = c.reference;
  for (const s of leads) {
    const to = staffRecipient(s);
    if (wait.step === 'triage') {
      await d.notifier.notify({
        kind: 'triage_escalation',
        to,
        caseId,
        data: { reference, dueAt: wait.dueAt, ...(await triageLinks(d, wait, s.staffId)) },
      });
    } else if (wait.step === 'assignment') {
      await d.notifier.notify({
        kind: 'assignment_escalation',
        to,
        caseId,
        data: { reference, dueAt: wait.dueAt, candidates: await candidates(d, c, wait, s.staffId, 'assign') },
      });
    } else if (wait.step === 'report') {
      const specialist = await assignee(d, c);
      await d.notifier.notify({
        kind: 'report_escalation',
        to,
        caseId,
        data: {
          reference,
          dueAt: wait.dueAt,
          specialistName: specialist.name,
          candidates: await candidates(d, c, wait, s.staffId, 'reassign'),
          extendUrl: await createLink(d, wait, s.staffId, 'extend'),
          documentsUrl: await createLink(d, wait, s.staffId, 'documents'),
        },
      });
    } else {
      throw new WorkflowError('no_escalation', `the ${wait.step} step does not escalate`);
    }
  }
  return leads.map((s) => s.staffId);
}

/**
 * Sends a step's links again to whoever it asks (or to `to`, a staff member who takes it over),
 * superseding the links they had. Returns who got them.
 */
export async function resendWait(
  d: Deps & Notifies<AnnounceNotice>,
  c: Case,
  open: Wait,
  to?: StaffMember,
): Promise<string[]> {
  if (to) {
    const wait = await supersedeLinks(d, open, [to.staffId]);
    const caseId = c.caseId;
    const reference = c.reference;
    if (wait.step === 'triage') {
      await d.notifier.notify({
        kind: 'triage_request',
        to: staffRecipient(to),
        caseId,
        data: { reference, dueAt: wait.dueAt, ...(await triageLinks(d, wait, to.staffId)) },
      });
    } else if (wait.step === 'assignment') {
      await d.notifier.notify({
        kind: 'assignment_candidates',
        to: staffRecipient(to),
        caseId,
        data: { reference, candidates: await candidates(d, c, wait, to.staffId, 'assign') },
      });
    } else {
      throw new WorkflowError('not_reassignable', `the ${wait.step} step is not handed over this way`);
    }
    return [to.staffId];
  }
  const wait = await supersedeLinks(d, open, open.recipients);
  return announceWait(d, c, wait);
}
