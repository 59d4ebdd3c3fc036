/**
 * What the patient's use cases return: the JSON of the patient routes (docs/architecture.md,
 * Contracts). Data only: codes, ISO times and cents, which the pages put in words.
 */
import type { Checklist } from '#domain/checklist.ts';
import type { OncologistSections } from '#domain/classifier.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import type { CaseReason, ConsultationType, Deadlines, DocumentState, Language } from '#domain/model.ts';
import type { Quote, QuoteLine } from '#domain/pricing.ts';
import type { DocumentLanguage, DocumentType } from '#domain/taxonomy.ts';

/** 201 of POST /cases */
export interface CreateCaseResponse {
  caseId: string;
  reference: string;
  /** Shown once: the page keeps it and sends it as `Authorization: Bearer`. */
  patientToken: string;
  /** `${PUBLIC_BASE_URL}/case/${caseId}#token=${patientToken}`, also emailed. */
  caseUrl: string;
}

/** 201 of POST /cases/{caseId}/uploads: POST the file as multipart form data, `fields` first, then `file`. */
export interface CreateUploadResponse {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}

/** What the classifier said about a document, for the page (the doctor sees the signals elsewhere). */
export interface DocumentClassificationView {
  documentType: DocumentType;
  confidence: number;
  language: DocumentLanguage;
  documentDate: string | null;
  oncologistSections?: OncologistSections;
}

export interface DocumentView {
  documentId: string;
  fileName: string;
  sizeBytes: number;
  pages: number | null;
  /** `upload_pending` past its upload window shows as `not_received`. */
  state: DocumentState | 'not_received';
  /** Machine code of why it was rejected or failed (not_pdf, empty, too_large, encrypted, corrupt, too_many_pages, text_detection_failed). */
  reason: string | null;
  /** documentId of the earlier identical file in this case. */
  duplicateOf: string | null;
  classification: DocumentClassificationView | null;
  /** What the patient says it is (PUT /cases/{caseId}/documents/{documentId}/type), beside the classification. */
  declaredType: DocumentType | null;
  uploadedAt: string;
  /**
   * The image of its first page (a PNG at most PREVIEW_PX wide or high), signed for
   * PREVIEW_URL_SECONDS; null while it has none (being drawn, or not drawable).
   */
  previewUrl: string | null;
  /**
   * The patient may change it now: remove it (DELETE /cases/{caseId}/documents/{documentId}),
   * replace it (an upload with `replaces`) and, once read, say what it is.
   */
  removable: boolean;
}

/** What the patient can do now; the page shows the buttons that are true. */
export interface PatientCan {
  upload: boolean;
  submit: boolean;
  cancel: boolean;
  /** Ask for the printed report by courier (until the report is released). */
  courier: boolean;
}

/** What the request form of an additional second opinion is filled in with (a released case only). */
export interface RequestPrefill {
  firstName: string;
  lastName: string;
  email?: string;
  phone: string;
  dateOfBirth: string;
  country: string;
  taxCode?: string;
}

/** The one next step the page leads with. */
export const NEXT_STEPS = [
  'upload_documents',
  'wait_for_documents_check',
  'submit',
  'send_requested_documents',
  'wait_for_triage',
  'pay',
  'wait_for_report',
  'answer_additional_consultation',
  'download_report',
  'none',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxCaseBytes: number;
  filesLeft: number;
  bytesLeft: number;
}

/** What the case is asked to pay, has paid and has been refunded, in cents. */
export interface LedgerView {
  /** The amount to pay now, with its own reference, when the case waits for a payment. */
  toPay: {
    reference: string;
    lines: QuoteLine[];
    amountCents: number;
    paidCents: number;
    outstandingCents: number;
    dueAt: string | null;
  } | null;
  dueCents: number;
  paidCents: number;
  refundedCents: number;
  outstandingCents: number;
  /** Each payment received, with a receipt to download. */
  payments: { paymentId: string; amountCents: number; valueDate: string }[];
}

/** 200 of GET /cases/{caseId} */
export interface CaseView {
  caseId: string;
  reference: string;
  /** RF creditor reference to quote on the bank transfer. */
  paymentReference: string;
  status: CaseStatus;
  language: Language;
  consultationTypes: ConsultationType[];
  patientFirstName: string;
  /** Someone applies for the patient. */
  hasRequester: boolean;
  courier: boolean;
  /** The printed report's shipment, once the office recorded it (the carrier, the tracking number, when). */
  courierShipment: { carrier: string; tracking: string; shippedAt: string } | null;
  previousReference: string | null;
  createdAt: string;
  submittedAt: string | null;
  deadlines: Deadlines;
  quote: Quote | null;
  /** The ledger: null until the case is priced. */
  ledger: LedgerView | null;
  /** What the triage doctor asked the patient to send, in their words. */
  requestedDocuments: string[];
  documents: DocumentView[];
  checklist: Checklist;
  limits: UploadLimits;
  can: PatientCan;
  /** Released: the patient's details for the request form of an update of this case. */
  prefill: RequestPrefill | null;
  next: NextStep;
  /** Why the case ended, when it did. */
  reason: CaseReason | null;
}
