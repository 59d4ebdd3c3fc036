/**
 * The domain model: a case, its patient, documents, audit events, waits, action links, staff and
 * the names of the steps, roles and consultation types. How they are stored (keys, indexes) is the
 * DynamoDB adapter's business (shared/adapters/dynamodb/items.ts).
 */
import type { CaseStatus } from './lifecycle.ts';
import type { Quote } from './pricing.ts';
import type { DocumentType } from './taxonomy.ts';

export type Language = 'en' | 'it';
export const LANGUAGES = ['en', 'it'] as const;

export const CONSULTATION_TYPES = ['surgical', 'oncological', 'cardio_oncological', 'radiotherapy'] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];

/** Areas of expertise: the disease site triage names for a case, and the sites a specialist covers. */
export const DISEASE_SITES = [
  'breast',
  'lung',
  'gastrointestinal',
  'gynaecological',
  'urological',
  'haematological',
  'melanoma_skin',
  'head_neck',
  'sarcoma',
  'neuro_oncology',
] as const;
export type DiseaseSite = (typeof DISEASE_SITES)[number];

/** The human steps a case can wait on; one name per step, the same in code, emails and the ASL. */
export const STEPS = [
  'triage',
  'documents',
  'payment',
  'assignment',
  'report',
  'approval',
  'additional_payment',
  /** Approved in-depth consultations are being done: the report clock stands still. */
  'consultations',
  'more_documents',
] as const;
export type Step = (typeof STEPS)[number];

export const STAFF_ROLES = [
  'triage',
  'triage_lead',
  'office',
  'specialist',
  'specialist_lead',
  'secretariat',
  /** The Pathological Anatomy: receives the slides of a histological review and writes the revised diagnosis. */
  'pathology',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/** The patient's email may be left out when someone applies for them: the applicant hears everything. */
export interface Patient extends Omit<Person, 'email'> {
  email?: string;
  dateOfBirth: string;
  country: string;
  /** The Italian codice fiscale, checked (asked of Italian residents, for their receipts). */
  taxCode?: string;
}

/** Who applied and reads the case's emails: the patient, or the person applying for them. */
export type Applicant = 'patient' | 'requester';

/** The privacy consent ticked on the request form, recorded by the server when the case is created. */
export interface Consent {
  /** The version of the privacy text the person read (PRIVACY_TEXT_VERSION of the pages). */
  version: string;
  at: string;
  by: Applicant;
}

export interface Requester extends Person {
  relationship: string;
}

export interface CourierAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  country: string;
}

export interface Deadlines {
  /** Triage answer due (2 working days after submission or resubmission). */
  triageDue?: string;
  /** Payment expected by (the case expires after it). */
  paymentDue?: string;
  /** Report due (5 working days after payment, moved by the time an approval wait stopped the clock). */
  reportDue?: string;
  /** Documents requested: the case expires after it. */
  documentsDue?: string;
  /** An approved additional consultation is to be paid by then. */
  additionalPaymentDue?: string;
  /** A draft re-opened by operations closes then (otherwise DRAFT_EXPIRY_DAYS after it was created). */
  draftDue?: string;
}

export interface Case {
  caseId: string;
  reference: string;
  paymentReference: string;
  status: CaseStatus;
  language: Language;
  patient: Patient;
  requester?: Requester;
  /** The privacy consent of the request form (older cases have none). */
  consent?: Consent;
  /**
   * Patient tokens of an applicant made before this time no longer open the case: "send me my
   * link" rotates that applicant's tokens.
   */
  tokensValidFrom?: Partial<Record<Applicant, string>>;
  /** When the case reached released, rejected, expired or cancelled: its patient tokens end a set time later. */
  closedAt?: string;
  consultationTypes: ConsultationType[];
  /** The disease site the triage doctor named when completing triage. */
  diseaseSite?: DiseaseSite;
  courier: boolean;
  courierAddress?: CourierAddress;
  /** The case this one updates (an update within 12 months), by id and reference. */
  previousCaseId?: string;
  previousReference?: string;
  quote?: Quote;
  deadlines: Deadlines;
  /** Staff id of the specialist who writes the report. */
  assigneeId?: string;
  /** Staff id of the triage doctor who decided triage. */
  triageDoctorId?: string;
  /** What the triage doctor asked the patient to send, in their words. */
  requestedDocuments?: string[];
  /** The last site-local date on which an update of this case is priced at EUR 350. */
  updateWindowEnds?: string;
  reportKey?: string;
  /** The version of the report checked at its release: the one every link opens. */
  reportVersionId?: string;
  documentCount: number;
  documentBytes: number;
  /** Pages handed to Textract for this case, counted against TEXTRACT_PAGES_PER_CASE (absent: none yet). */
  textractPages?: number;
  createdAt: string;
  submittedAt?: string;
  paidAt?: string;
  releasedAt?: string;
  /** Why the case ended, stopped or failed, as a code the pages put in words. */
  reason?: CaseReason;
  /** An email to the patient bounced: staff must reach them another way. */
  emailBounced?: boolean;
  /** The in-depth consultations the specialist proposed, each with its price, the patient's answer and its work. */
  consultations?: Consultation[];
  /** An update quoted at EUR 350: the previous case's physician, assigned without asking again. */
  autoAssignTo?: string;
  /** Triage's decision on an update: within the previous physician's remit (EUR 350) or for another doctor (EUR 500). */
  updateRemit?: UpdateRemit;
  /** When the patient asked to enter the treatment path (forwarded once to the secretariat). */
  treatmentRequestedAt?: string;
  /** The step a case stopped at when it failed, timed out or expired: where a resume starts. */
  stoppedAt?: Step;
  /** The name of the case's current workflow execution (the case id; a resumed case adds `-r<n>`). */
  execution?: string;
  /** How many times operations resumed the case. */
  resumes?: number;
  /** When the patient was reminded of a draft they never sent (once; a re-opened draft is reminded again). */
  draftRemindedAt?: string;
  /** The report's due time was extended once by the specialist lead. */
  reportExtension?: { by: string; at: string; workingDays: number; reason: ExtensionReason };
  /** The specialist asked for more documents: the report clock stopped with this many working days left. */
  reportPause?: { at: string; workingDaysLeft: number };
  /** What changed for the specialist when the report wait opens again (told in their next task email). */
  reportNote?: ReportNote;
  version: number;
  updatedAt: string;
}

export const UPDATE_REMITS = ['same_physician', 'other_physician'] as const;
export type UpdateRemit = (typeof UPDATE_REMITS)[number];

/** Why a case ended or stopped: codes, so the patient reads them in their language and never a raw error. */
export const CASE_REASONS = [
  'cancelled_by_patient',
  'rejected_at_triage',
  'no_answer_from_patient',
  'no_decision_from_staff',
  'processing_error',
  /** The office cancelled a paid case (the patient asked, or a late payment was refunded). */
  'cancelled_by_office',
] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

/** Why a report task is sent again: what changed for the specialist. */
export type ReportNote =
  | 'additional_approved'
  | 'additional_declined'
  | 'additional_lapsed'
  | 'additional_unpaid'
  /** The approved consultations are done: their outcomes are on the report page. */
  | 'consultations_done'
  /** The consultations' wait ended before all were done: go on without the missing ones. */
  | 'consultations_lapsed'
  | 'documents_received'
  | 'documents_not_received'
  | 'reassigned'
  | 'extended';

/** Why a report needs more time, in words the patient is told (coded: no free text reaches them). */
export const EXTENSION_REASONS = [
  'complex_case',
  'specialist_consultation',
  'specialist_unavailable',
] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

export type ConsultationStatus = 'proposed' | 'approved' | 'declined' | 'done';

/** An in-depth consultation the specialist proposed (a code of the configured price list). */
export interface Consultation {
  code: string;
  /** The specialist's reason, in their words; shown to the patient on the approval page only. */
  reason: string;
  quote: Quote;
  status: ConsultationStatus;
  requestedBy: string;
  requestedAt: string;
  answeredAt?: string;
  /** The ledger's amount due it is paid with, once approved (its own RF reference; shared by the consultations approved together). */
  itemId?: string;
  /** When it was paid (or the work started because the hospital invoices later). */
  paidAt?: string;
  /** The case tasks that do it (a consulting doctor's, or the pathology's first). */
  taskIds?: string[];
}

export const DOCUMENT_STATES = [
  'upload_pending',
  'checking',
  'reading',
  'classified',
  'needs_review',
  'rejected',
  'failed',
] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** Why a document was rejected or failed: codes the pages put in words. */
export const DOCUMENT_REASONS = [
  'not_pdf',
  'empty',
  'too_large',
  'encrypted',
  'corrupt',
  'too_many_pages',
  'text_detection_failed',
  'check_failed',
  'not_received',
  'no_text',
  'page_cap',
  'unknown',
] as const;
export type DocumentReason = (typeof DOCUMENT_REASONS)[number];

/** A document's first-page image in the documents bucket. */
export interface DocumentPreview {
  key: string;
  versionId?: string;
}

export interface CaseDocument {
  caseId: string;
  documentId: string;
  fileName: string;
  key: string;
  /** Size declared when the upload was requested, then the size measured. */
  sizeBytes: number;
  sha256?: string;
  pages?: number;
  /** Its pages are counted in the case's Textract pages (so a retried check does not count them again). */
  pagesCounted?: boolean;
  state: DocumentState;
  /** Why a document was rejected or failed, as a machine code the pages translate. */
  reason?: string;
  /** documentId of the earlier document with the same bytes in this case. */
  duplicateOf?: string;
  jobId?: string;
  /** The S3 version checked (a versioned bucket): Textract reads it, and any other version is refused. */
  versionId?: string;
  /** Checks claimed so far (the queue's deliveries and the reconciler's); past a limit the document fails. */
  checkAttempts?: number;
  classification?: unknown;
  /** What the patient says the file is, beside the classifier's reading (never over it). */
  declaredType?: DocumentType;
  /** Made by the service (the request form from the web form), not uploaded: not the patient's to remove. */
  origin?: 'service';
  /**
   * The image of its first page (a PNG under the case's previews/ prefix, rendered after the check
   * passed), recorded when it lands in the bucket: the version deleted with the document.
   */
  preview?: DocumentPreview;
  uploadExpiresAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEvent {
  caseId: string;
  at: string;
  /** "patient", "system", or a staff id. */
  actor: string;
  action: string;
  details?: Record<string, unknown>;
}

export interface Wait {
  caseId: string;
  step: Step;
  taskToken: string;
  openedAt: string;
  dueAt: string;
  recipients: string[];
  /** Set by the first decision; later links of the step show it. */
  decidedBy?: string;
  decision?: string;
  decidedAt?: string;
  /** What the first decision carried (requested documents, reason, chosen specialist...). */
  decisionOutput?: Record<string, unknown>;
  /** Reminders or escalations sent for this wait so far. */
  reminders?: number;
  /** When the wait's links and emails went out (a retried open does not send them twice). */
  notifiedAt?: string;
  /** When the wait ends without a decision (its final outcome); its links expire then. */
  endsAt?: string;
  /** When the patient was told the step is late (once per wait). */
  delayNotifiedAt?: string;
  /** What applying the wait's decision did (a retried apply returns it instead of applying again). */
  applied?: { status: CaseStatus; next: Step | 'end' };
  /** The generation of each recipient's newest links: links re-sent later (a reminder, a resend) supersede older ones. */
  generations?: Record<string, number>;
}

/** What a link does that decides no wait: show the case to staff, re-open an expired case for payment. */
export const CASE_ACTIONS = ['view', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface ActionLink {
  tokenHash: string;
  caseId: string;
  /** The step whose wait the link answers; none for a case action or a task. */
  step?: Step;
  /** The case task the link completes (shared/domain/tasks.ts); its decision is the task's action. */
  taskId?: string;
  /** A decision of the step's wait, a read-only view of it ("documents"), a task's action, or a case action. */
  decision: string;
  /** A staff id, "office", or "patient". */
  recipient: string;
  /** Extra values the decision carries (the candidate specialist of an assignment link). */
  params?: Record<string, string>;
  /** The openedAt of the wait the link was made for: a link of an older wait of the step is superseded. */
  waitOpenedAt?: string;
  /** The recipient's link generation on the wait when the link was made: links re-sent later supersede it. */
  generation?: number;
  expiresAt: string;
  usedAt?: string;
  createdAt: string;
  /** When the table may delete the record (its TTL): a while after it expired. */
  deleteAfter?: string;
}

/**
 * A case erased on request: what is left of it. No name, address or clinical fact: the reference,
 * when, by whom and why, the status it had, and how much was deleted.
 */
export interface CaseErasure {
  caseId: string;
  reference: string;
  erasedAt: string;
  /** Who erased it, as audited (`ops:<name>`). */
  by: string;
  status: CaseStatus;
  /** Why a case still open was erased (given with --force). */
  reason?: string;
  deleted: { items: number; tokens: number; objects: number };
}

export interface PatientToken {
  tokenHash: string;
  caseId: string;
  /** Whose email carried it (older tokens have none and count as the patient's). */
  holder?: Applicant;
  createdAt: string;
  /** When the table may delete it: set once its case closed (the access period's end). */
  deleteAfter?: string;
}

export interface StaffMember {
  staffId: string;
  name: string;
  email: string;
  roles: StaffRole[];
  consultationTypes: ConsultationType[];
  /** Disease sites the specialist is expert in (none recorded: matches no site). */
  diseaseSites?: DiseaseSite[];
  languages: Language[];
  /** Email address of the secretariat that books this doctor's patients. */
  secretariatEmail?: string;
  active: boolean;
  createdAt: string;
}

export interface TextJob {
  jobId: string;
  caseId: string;
  documentId: string;
  startedAt: string;
  /** When the table may delete the record (its TTL): long after Textract forgot the job. */
  deleteAfter?: string;
}
