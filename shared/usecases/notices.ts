/**
 * What the use cases tell people: a notice names what happened, to whom, and the data it needs
 * (references, ISO times, cents, links), never words. The Notifier adapter picks the language,
 * renders the words (shared/presentation) and sends the email.
 */

import type { ExceptionKind, RefundReason } from '#domain/ledger.ts';
import type {
  CaseReason,
  ConsultationType,
  ExtensionReason,
  Language,
  ReportNote,
  Step,
} from '#domain/model.ts';
import type { TaskKind } from '#domain/tasks.ts';

export type Recipient =
  /** A patient, or someone applying for them: they read the case's language. */
  | { kind: 'person'; email: string; name: string; language: Language }
  | { kind: 'staff'; email: string; name: string; languages: readonly Language[] }
  /** The office mailbox of the stage configuration. */
  | { kind: 'office' }
  /** The secretariat that books a doctor's patients. */
  | { kind: 'secretariat'; email: string };

interface Ref {
  reference: string;
}
interface Due {
  /** ISO instant. */
  dueAt: string;
}
interface Approval extends Ref {
  /** The codes of the consultations proposed. */
  consultation: readonly string[];
  amountCents: number;
  approveUrl: string;
  declineUrl: string;
}
interface AdditionalPayment extends Ref, Due {
  /** The codes of the consultations approved together. */
  consultation: readonly string[];
  amountCents: number;
  paymentReference: string;
  caseUrl: string;
}
interface ReportLinks extends Ref, Due {
  documentsUrl: string;
  releaseUrl: string;
  additionalUrl: string;
  moreDocumentsUrl: string;
}
interface TriageLinks extends Ref, Due {
  completeUrl: string;
  requestUrl: string;
  rejectUrl: string;
}
interface NewDate extends Ref {
  /** ISO instant: the new expected date. */
  newDate: string;
}

export interface Candidate {
  name: string;
  consultationTypes: readonly ConsultationType[];
  languages: readonly Language[];
  openCases: number;
  url: string;
}

/** What the credits of an imported statement did. */
export interface StatementCounts {
  credits: number;
  paid: number;
  reopened: number;
  reconciled: number;
  exceptions: number;
  /** Lines an earlier file held too (overlapping days): recorded then. */
  alreadyRecorded: number;
  /** Credits to another of the hospital's accounts, left alone. */
  otherAccount: number;
  /** Lines that were not credits in euro. */
  skipped: number;
}

/** Who a case waits on, as the office's digest names them. */
export type WaitingOn = { kind: 'patient' } | { kind: 'office' } | { kind: 'staff'; name: string };

/** Who a task asks: a staff member, the office, or the pathology. */
export type TaskWho = { kind: 'office' } | { kind: 'pathology' } | { kind: 'staff'; name: string };

interface TaskRef extends Ref {
  task: TaskKind;
  /** The in-depth consultation (its code) a consultation task does. */
  consultation?: string;
}

/** An open case in the office's digest: its reference and step, never clinical content. */
export interface DigestCase {
  reference: string;
  step: Step;
  /** ISO instant; none when the case has no open wait (its workflow is not waiting: operations look). */
  dueAt?: string;
  overdue: boolean;
  waitingOn: WaitingOn[];
  /** The office's view of the case. */
  url: string;
}

/** A case that stopped without its outcome (failed, timed out), for operations to resume. */
export interface DigestStopped {
  reference: string;
  status: 'failed' | 'timed_out';
  step?: Step;
  reason?: CaseReason;
  /** ISO instant of its last change. */
  since: string;
  url: string;
}

/** Every notice and its data. */
export interface NoticeData {
  case_created: Ref & { caseUrl: string };
  documents_requested: Ref & Due & { caseUrl: string };
  documents_reminder: Ref & Due & { caseUrl: string };
  more_documents_requested: Ref & Due & { caseUrl: string };
  payment_details: Ref & Due & { amountCents: number; paymentReference: string; caseUrl: string };
  payment_reminder: Ref & Due & { caseUrl: string };
  payment_received: Ref;
  specialist_assigned: Ref;
  additional_approval: Approval;
  approval_reminder: Approval;
  /** `updateUrl`: the request form, its update of this case filled in. */
  report_ready: Ref & { caseUrl: string; courier: boolean; updateUrl: string };
  case_rejected: Ref;
  case_expired: Ref;
  case_cancelled: Ref;
  triage_delayed: NewDate;
  report_delayed: NewDate;
  report_extended: NewDate & { reason: ExtensionReason };
  triage_request: TriageLinks;
  triage_escalation: TriageLinks;
  payment_confirmation_request: Ref & {
    amountCents: number;
    paymentReference: string;
    confirmUrl: string;
    /** The additional consultations this amount pays, when it is not the case's price. */
    consultation?: readonly string[];
  };
  /** A histological review approved: where to send the slides and how to label them (no clinical words). */
  histology_shipping: Ref & { address: string; caseUrl: string };
  /** An approved additional consultation: its price and how to pay it. */
  additional_payment_details: AdditionalPayment;
  additional_payment_reminder: AdditionalPayment;
  /** A statement credit the office must decide on (the amount, never the payer's words). */
  payment_exception: {
    kind: ExceptionKind;
    reference?: string;
    amountCents: number;
    valueDate: string;
    resolveUrl: string;
  };
  /** A statement dropped into the bucket was imported: what its credits did (each exception has its own email). */
  statement_imported: StatementCounts & { file: string; alreadyImported: boolean };
  /** A file dropped among the statements was not read: nothing was recorded. */
  statement_refused: { file: string; reason: 'too_large' | 'not_a_statement' };
  /** Money to send back: the office transfers it and records it with the link. */
  refund_due: { reference?: string; amountCents: number; reason: RefundReason; refundUrl: string };
  /** The office recorded a refund to the patient. */
  refund_done: Ref & { amountCents: number };
  /** The office cancelled the paid request (the patient asked, the money came late, we failed): the payment is refunded. */
  case_withdrawn: Ref & { amountCents: number; reason: 'cancelled' | 'late_payment' | 'failed' };
  /** A transfer arrived after the case expired: the case goes on; the office may refund instead. */
  late_payment_reopened: Ref & { amountCents: number; viewUrl: string; refundUrl: string };
  payment_expired: Ref & { reopenUrl: string; viewUrl: string };
  assignment_candidates: Ref & { candidates: Candidate[] };
  assignment_escalation: Ref & Due & { candidates: Candidate[] };
  report_task: ReportLinks & { note?: ReportNote; consultation?: readonly string[] };
  report_reminder: ReportLinks;
  report_escalation: Ref &
    Due & { specialistName: string; candidates: Candidate[]; extendUrl: string; documentsUrl: string };
  case_rejected_office: Ref & { viewUrl: string };
  /** A case the service stopped; `withdrawUrl` (paid cases) cancels it with a refund instead of a resume. */
  case_stopped: Ref & { step: Step; reason: CaseReason; viewUrl: string; withdrawUrl?: string };
  treatment_request: Ref & { patientName: string; email: string; phone: string; language: Language };
  draft_reminder: Ref & Due & { caseUrl: string };
  /** A case task for its assignee, with the link that completes it. */
  task_assigned: TaskRef & Due & { taskUrl: string };
  /** The task again, with a fresh link; `pastDue` once its due time has passed. */
  task_reminder: TaskRef & Due & { taskUrl: string; pastDue: boolean };
  /** A task past its due time, to the leads of the policy's role. */
  task_escalation: TaskRef & Due & { assignee: TaskWho; viewUrl: string };
  /** A task is done, to the case's lead specialist: its result is on their case page. */
  task_done: TaskRef & { by: TaskWho; viewUrl: string };
  /** The report is on its way by courier (the patient). */
  courier_shipped: Ref & { carrier: string; tracking: string; caseUrl: string };
  /** "Send me my link": a fresh case link; the ones sent before no longer work. */
  case_link: Ref & { caseUrl: string };
  daily_digest: {
    /** ISO instant the digest was made. */
    at: string;
    /** Open cases, earliest due first (those with no open wait last). */
    open: DigestCase[];
    stopped: DigestStopped[];
    /** Drafts not yet sent, and what the daily round did with them today. */
    drafts: { open: number; reminded: number; closed: number };
  };
}

export type NoticeKind = keyof NoticeData;

export interface Notice<K extends NoticeKind = NoticeKind> {
  kind: K;
  to: Recipient;
  /** Tags the email, so a bounce finds its case. */
  caseId?: string;
  data: NoticeData[K];
}

/**
 * Tells people, by the notices of kinds K. A function's notifier writes only the kinds its use
 * cases send, so each use case names them (`Notifies<...>`): a notifier without a kind a use case
 * sends is a type error (`in`: a notifier of more kinds stands in for one of fewer, never the reverse).
 */
export interface Notifier<in K extends NoticeKind = NoticeKind> {
  notify: <k extends K>(notice: Notice<k>) => Promise<void>;
}

/** The dependency of a use case that sends notices of kinds K. */
export interface Notifies<K extends NoticeKind> {
  notifier: Notifier<K>;
}
