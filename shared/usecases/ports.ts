/**
 * What the use cases need from the outside world. Adapters in shared/adapters implement these
 * with the AWS SDK; tests and the local stack use the same adapters against mocks or emulators.
 * `UseCaseDeps` is everything a use case may be handed; each takes the part it needs.
 */

import type { Config } from '#app/config.ts';
import type { Clock } from '#domain/clock.ts';
import type { AmountDue, ExceptionKind, ItemId, Payment, Refund } from '#domain/ledger.ts';
import type {
  ActionLink,
  AuditEvent,
  Case,
  CaseDocument,
  CaseErasure,
  PatientToken,
  StaffMember,
  StaffRole,
  Step,
  TextJob,
  Wait,
} from '#domain/model.ts';
import type { StatementCredit } from '#domain/statement.ts';
import type { CaseTask } from '#domain/tasks.ts';
import type { Notifier } from './notices.ts';

export type { Clock };

/** A conditional write lost: the item changed (or exists, or is gone) since it was read. */
export class ConflictError extends Error {
  readonly code = 'conflict';
}

/** Errors that say "slow down": the service is at its quota; the same call can succeed later. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

export function isThrottling(err: unknown): boolean {
  return THROTTLING.has((err as Error)?.name);
}

export interface CaseStore {
  /** Writes the reference, the case and its patient token; fails with ConflictError if the reference is taken. */
  createCase(item: Case, patientToken: PatientToken): Promise<void>;
  getCase(caseId: string): Promise<Case | undefined>;
  getCaseIdByReference(reference: string): Promise<string | undefined>;
  /**
   * Applies `changes` when the case still has `expectedVersion`; bumps the version.
   * Throws ConflictError when someone else changed it first.
   */
  updateCase(caseId: string, expectedVersion: number, changes: Partial<Case>): Promise<Case>;
  getPatientToken(tokenHash: string): Promise<PatientToken | undefined>;
  /**
   * Forgets a document (the audit trail keeps the fact); the record as it was when deleted (what
   * was added since it was read, such as its preview, goes with it), undefined when it was gone.
   */
  deleteDocument(caseId: string, documentId: string): Promise<CaseDocument | undefined>;
  /** Stores another patient token of a case (each workflow email to the patient carries a fresh one). */
  putPatientToken(item: PatientToken): Promise<void>;
  /** Cases in a status, by due time (the by-status index; eventually consistent). */
  listCasesByStatus(status: Case['status']): Promise<Case[]>;

  putDocument(item: CaseDocument): Promise<void>;
  getDocument(caseId: string, documentId: string): Promise<CaseDocument | undefined>;
  /**
   * Applies `changes` only when the document is in one of `fromStates` and, given `ifUpdatedAt`,
   * still has that updatedAt (nobody moved it since it was read); ConflictError otherwise.
   */
  updateDocument(
    caseId: string,
    documentId: string,
    fromStates: readonly CaseDocument['state'][],
    changes: Partial<CaseDocument>,
    ifUpdatedAt?: string,
  ): Promise<CaseDocument>;
  listDocuments(caseId: string): Promise<CaseDocument[]>;
  /**
   * Up to `limit` documents in an unsettled state (upload_pending, checking, reading) since
   * `enteredBy` or earlier, oldest first, across cases (an index; eventually consistent).
   */
  listDocumentsByState(
    state: CaseDocument['state'],
    enteredBy: string,
    limit: number,
  ): Promise<CaseDocument[]>;

  appendEvent(event: AuditEvent): Promise<void>;
  listEvents(caseId: string): Promise<AuditEvent[]>;

  putJob(item: TextJob): Promise<void>;
  getJob(jobId: string): Promise<TextJob | undefined>;

  /** Adds one to the counter `name` (kept until `deleteAfter`, then the table's TTL removes it); returns its new count. */
  countHit(name: string, deleteAfter: Date): Promise<number>;
}

export interface WaitStore {
  putWait(item: Wait): Promise<void>;
  getWait(caseId: string, step: Step): Promise<Wait | undefined>;
  /**
   * Records the first decision of a wait; ConflictError when a decision is already there (or, given
   * `openedAt`, when the step's wait is another one than that).
   */
  decideWait(
    caseId: string,
    step: Step,
    decision: {
      by: string;
      decision: string;
      at: string;
      openedAt?: string;
      output?: Record<string, unknown>;
    },
  ): Promise<Wait>;
  /** Changes the wait of a step opened at `openedAt`; ConflictError when that wait is gone or replaced. */
  updateWait(caseId: string, step: Step, openedAt: string, changes: Partial<Wait>): Promise<Wait>;
  deleteWait(caseId: string, step: Step): Promise<void>;

  putLink(item: ActionLink): Promise<void>;
  getLink(tokenHash: string): Promise<ActionLink | undefined>;
  /** Marks a link used if it is not yet; ConflictError otherwise. */
  useLink(tokenHash: string, at: string): Promise<ActionLink>;
}

export interface TaskStore {
  /** Stores a new task; ConflictError when its id is taken. */
  putTask(item: CaseTask): Promise<void>;
  getTask(caseId: string, taskId: string): Promise<CaseTask | undefined>;
  listTasks(caseId: string): Promise<CaseTask[]>;
  /**
   * Applies `changes` only while the task is open and, given `ifUpdatedAt`, unchanged since it was
   * read; ConflictError otherwise (completed, cancelled, or claimed by someone else first).
   */
  updateOpenTask(
    caseId: string,
    taskId: string,
    changes: Partial<CaseTask>,
    ifUpdatedAt?: string,
  ): Promise<CaseTask>;
  /** Open tasks of every case, earliest due first (an index; eventually consistent). */
  listOpenTasks(): Promise<CaseTask[]>;
}

export interface StaffDirectory {
  putStaff(item: StaffMember): Promise<void>;
  getStaff(staffId: string): Promise<StaffMember | undefined>;
  listStaff(role?: StaffRole): Promise<StaffMember[]>;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** An object's size, and its bytes unless it was too large to download. */
export interface StoredObject {
  sizeBytes: number;
  contentType?: string;
  bytes?: Uint8Array;
  /** The version read, when the bucket keeps versions. */
  versionId?: string;
}

export interface DocumentStore {
  /** A browser upload of exactly one PDF to `key`, between 1 byte and `maxBytes`, valid `expiresInSeconds`. */
  presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedPost>;
  /**
   * One request for an object (that version of it, when given): its size and, when it is at most
   * `maxBytes`, its bytes (a larger one is not downloaded). Undefined when there is no such object.
   */
  read(key: string, maxBytes: number, versionId?: string): Promise<StoredObject | undefined>;
  /** A short-lived link to read an object (that version of it, when given). */
  presignDownload(
    key: string,
    expiresInSeconds: number,
    fileName?: string,
    versionId?: string,
  ): Promise<string>;
  /** A short-lived link to a document's first-page image (that version of it, when given), shown in a page. */
  presignPreview(key: string, expiresInSeconds: number, versionId?: string): Promise<string>;
  /** Stores what the service made itself at `key`: a PDF (the request form) unless `contentType` says otherwise. */
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  /** Deletes an object (what a versioned bucket keeps, its lifecycle expires) or, given one, that version for good. */
  delete(key: string, versionId?: string): Promise<void>;
  /** Deletes every object under `prefix` for good, each version and delete marker; how many it deleted. */
  deletePrefix(prefix: string): Promise<number>;
}

/** A PDF the service renders, and the file name it is shown under. */
export interface RenderedForm {
  fileName: string;
  bytes: Uint8Array;
  pages: number;
}

/** Renders the service's own documents; the words and layout are the presentation's. */
export interface FormRenderer {
  /** What the web form said (patient, applicant, consultations, consent), in the case's language. */
  requestForm(c: Case): RenderedForm;
}

/**
 * Counts anonymous requests per key in fixed windows (one DynamoDB item per key and window, gone
 * with its TTL): true while the key has made at most `limit` in the current window.
 */
export interface RateLimiter {
  allow(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;
}

/** The case workflow. An execution is named after its case (a resumed case adds a suffix), so a second start is harmless. */
export interface Workflow {
  start(
    executionName: string,
    input: Record<string, unknown>,
  ): Promise<{ executionArn: string; alreadyStarted: boolean }>;
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
  stop(executionName: string, cause: string): Promise<void>;
}

export interface TextBlock {
  blockType: 'PAGE' | 'LINE' | 'WORD';
  page: number;
  text?: string;
  confidence?: number;
}

export interface TextDetectionPage {
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'PARTIAL_SUCCESS';
  statusMessage?: string;
  pages?: number;
  blocks: TextBlock[];
  nextToken?: string;
}

export interface TextDetector {
  /**
   * Starts asynchronous text detection of the object (of that version, given one);
   * `clientRequestToken` makes a redelivered start return the same job. Waits out the service's start quota for a while before failing with a throttling error.
   */
  start(
    key: string,
    clientRequestToken: string,
    jobTag: string,
    versionId?: string,
  ): Promise<{ jobId: string }>;
  getPage(jobId: string, nextToken?: string): Promise<TextDetectionPage>;
}

/**
 * Renders the first page of a PDF that passed the structural check (shared/domain/pdf-check.ts) as
 * a small PNG: at most PREVIEW_PX on its longer side. Undefined when it cannot (a renderer missing,
 * a page it cannot draw, too slow, too large): a document without a preview is still a document.
 */
export interface PagePreviews {
  render(pdf: Uint8Array): Promise<Uint8Array | undefined>;
}

/** The longer side of a preview, in pixels: sharp on a phone's card, a few tens of KB. */
export const PREVIEW_PX = 360;

/** How long a page's signed address of a preview works: enough to load it, too short to pass it around. */
export const PREVIEW_URL_SECONDS = 60;

/** A statement file imported once: importing the same bytes again changes nothing. */
export interface StatementImport {
  sha256: string;
  statementIds: string[];
  credits: number;
  importedAt: string;
  by: string;
}

/** A statement credit the office must look at, and what they decided. */
export interface PaymentException {
  exceptionId: string;
  kind: ExceptionKind;
  credit: StatementCredit;
  fileSha256: string;
  /** The case and amount due it was recorded on (or most likely meant for). */
  caseId?: string;
  itemId?: ItemId;
  paymentId?: string;
  /** A case reference found in the text when no payment reference matched. */
  probableReference?: string;
  createdAt: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: 'accept' | 'assign' | 'refund' | 'dismiss';
  note?: string;
}

/** An office link of the ledger: resolve an exception, record a refund, refund a late payment instead. */
export interface OfficeLink {
  tokenHash: string;
  purpose: 'exception' | 'refund' | 'withdraw';
  /** The exception's or refund's id, or the case's (withdraw). */
  id: string;
  caseId?: string;
  expiresAt: string;
  usedAt?: string;
  createdAt: string;
  /** When the table may delete the record (its TTL): EXPIRED_LINK_DAYS after it expired, as action links. */
  deleteAfter?: string;
}

export interface Ledger {
  dues: AmountDue[];
  payments: Payment[];
  refunds: Refund[];
}

export interface LedgerStore {
  /** ConflictError when the amount due exists already. */
  putDue(item: AmountDue): Promise<void>;
  updateDue(caseId: string, itemId: ItemId, changes: Partial<AmountDue>): Promise<AmountDue>;
  getLedger(caseId: string): Promise<Ledger>;
  /** ConflictError when a payment with this id exists already (a statement line is recorded once). */
  putPayment(item: Payment): Promise<void>;
  /** Attaches a statement line to a manual payment that has none yet; ConflictError otherwise. */
  reconcilePayment(
    caseId: string,
    paymentId: string,
    line: NonNullable<Payment['line']>,
    payer: Pick<Payment, 'payerName' | 'payerIban'>,
  ): Promise<Payment>;
  /** ConflictError when it exists already. */
  putRefund(item: Refund): Promise<void>;
  getRefund(caseId: string | undefined, refundId: string): Promise<Refund | undefined>;
  /** Records a refund done or not needed; ConflictError when it already was. */
  closeRefund(
    caseId: string | undefined,
    refundId: string,
    changes: Pick<Refund, 'doneAt' | 'doneBy' | 'bankReference' | 'cancelledAt'>,
  ): Promise<Refund>;
  listOpenRefunds(): Promise<Refund[]>;
  /** ConflictError when it exists already. */
  putException(item: PaymentException): Promise<void>;
  getException(exceptionId: string): Promise<PaymentException | undefined>;
  /** Records the office's decision; ConflictError when someone decided first. */
  resolveException(
    exceptionId: string,
    changes: Pick<PaymentException, 'resolvedAt' | 'resolvedBy' | 'resolution' | 'note'>,
  ): Promise<PaymentException>;
  listOpenExceptions(): Promise<PaymentException[]>;
  getStatementImport(sha256: string): Promise<StatementImport | undefined>;
  putStatementImport(item: StatementImport): Promise<void>;
  putOfficeLink(item: OfficeLink): Promise<void>;
  getOfficeLink(tokenHash: string): Promise<OfficeLink | undefined>;
  /** ConflictError when it was used already. */
  useOfficeLink(tokenHash: string, at: string): Promise<OfficeLink>;
}

/** The table: cases and their items, waits and links, tasks, the staff directory, the ledger. */
/** What the service lets go of: a closed case's patient tokens, and a case erased on request. */
export interface RetentionStore {
  /**
   * Sets the TTL of every patient token of the case to `deleteAfter` (the table deletes them then),
   * or removes it (a re-opened case); how many tokens it found.
   */
  setPatientTokensExpiry(caseId: string, deleteAfter: string | undefined): Promise<number>;
  /**
   * Deletes the case's patient tokens and its items, but for the ledger's (amounts due, payments,
   * refunds); the case item last, so a run cut short can be run again.
   */
  eraseCaseItems(caseId: string): Promise<{ items: number; tokens: number }>;
  putErasure(record: CaseErasure): Promise<void>;
  getErasure(caseId: string): Promise<CaseErasure | undefined>;
}

export type Store = CaseStore & WaitStore & TaskStore & StaffDirectory & LedgerStore & RetentionStore;

export interface UseCaseDeps {
  config: Config;
  clock: Clock;
  store: Store;
  documents: DocumentStore;
  notifier: Notifier;
  workflow: Workflow;
  textDetector: TextDetector;
  forms: FormRenderer;
  rateLimiter: RateLimiter;
  pagePreviews: PagePreviews;
}
