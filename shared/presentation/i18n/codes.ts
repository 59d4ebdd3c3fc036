/**
 * The codes the pages put in words, beyond the domain's own lists: a document's state as the page
 * shows it (the API's states plus what happens in the browser first). `CodeWords` is the shape
 * of each language's code dictionary, so a code added anywhere fails typecheck until both
 * languages have words for it.
 */
import type { ProblemCode } from '#domain/checklist.ts';
import type { ExceptionKind, RefundReason } from '#domain/ledger.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import type {
  CaseReason,
  ConsultationType,
  DiseaseSite,
  DocumentReason,
  DocumentState,
  ExtensionReason,
  Language,
  ReportNote,
  Step,
} from '#domain/model.ts';
import type { TaskKind } from '#domain/tasks.ts';
import type { DocumentType, OncologistSection } from '#domain/taxonomy.ts';
import type { NextStep } from '#usecases/patient/views.ts';

export type PageDocumentState = DocumentState | 'not_received' | 'uploading' | 'upload_failed' | 'duplicate';

export const PAGE_DOCUMENT_STATES: readonly PageDocumentState[] = [
  'uploading',
  'upload_failed',
  'upload_pending',
  'not_received',
  'checking',
  'reading',
  'classified',
  'needs_review',
  'rejected',
  'failed',
  'duplicate',
];

export interface CodeWords {
  /** BCP 47 locale of the language, for Intl. */
  locale: string;
  statuses: Record<CaseStatus, string>;
  documentStates: Record<PageDocumentState, string>;
  next: Record<NextStep, string>;
  /** Templates with {placeholders}, filled from the problem's params. */
  problems: Record<ProblemCode, string>;
  consultationTypes: Record<ConsultationType, string>;
  /** Quote line codes; `additional:<name>` lines use `additional` with {name}. */
  quoteLines: { base: string; update: string; courier: string; additional: string };
  documentTypes: Record<DocumentType, string>;
  sections: Record<OncologistSection, string>;
  reasons: Record<DocumentReason, string>;
  /** Additional consultations the configuration may price (ADDITIONAL_PRICES keys). */
  additional: Record<string, string>;
  languageNames: Record<Language, string>;
  /** The steps a case waits on, as staff name them. */
  steps: Record<Step, string>;
  caseReasons: Record<CaseReason, string>;
  extensionReasons: Record<ExtensionReason, string>;
  /** What changed for the specialist; {consultation} is the additional consultation's name. */
  reportNotes: Record<ReportNote, string>;
  /** Why a bank statement credit needs the office. */
  exceptionKinds: Record<ExceptionKind, string>;
  /** Why money goes back to whoever sent it. */
  refundReasons: Record<RefundReason, string>;
  /** A candidate specialist: {name}, {types}, {languages}, {open}. */
  candidate: string;
  diseaseSites: Record<DiseaseSite, string>;
  /** Case tasks, as staff name them. */
  tasks: Record<TaskKind, string>;
  /** Who a task asks, when it is not a named staff member. */
  taskWho: { office: string; pathology: string };
}
