/**
 * What the document use cases share: their dependencies, the document keys they accept, the error
 * that sends a notification back to its queue, the clock of their windows, and the conditional
 * move of a document from one state to the next with its line in the audit trail.
 */
import type { CaseDocument, TextJob } from '#domain/model.ts';
import { ConflictError, type UseCaseDeps } from '#usecases/ports.ts';

export type UploadDeps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents' | 'textDetector'>;

const DOCUMENT_KEY = /^cases\/([0-9a-f-]{36})\/documents\/([0-9a-f-]{36})\.pdf$/;
const PREVIEW_KEY = /^cases\/([0-9a-f-]{36})\/previews\/([0-9a-f-]{36})\.png$/;

/** The notification came before the state it acts on: retry it later through the queue. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

export function parseDocumentKey(key: string): { caseId: string; documentId: string } | undefined {
  const m = DOCUMENT_KEY.exec(key);
  return m ? { caseId: m[1]!, documentId: m[2]! } : undefined;
}

/** Where a document's first-page image goes: beside the documents, under the case's prefix. */
export function previewKeyOf(doc: Pick<CaseDocument, 'caseId' | 'documentId'>): string {
  return `cases/${doc.caseId}/previews/${doc.documentId}.png`;
}

export function parsePreviewKey(key: string): { caseId: string; documentId: string } | undefined {
  const m = PREVIEW_KEY.exec(key);
  return m ? { caseId: m[1]!, documentId: m[2]! } : undefined;
}

/**
 * Whether the document's bytes passed the structural check (its SHA-256 is written only then) and
 * are kept: only those are ever drawn (./render-preview.ts).
 */
export function passedCheck(doc: CaseDocument): boolean {
  return doc.sha256 !== undefined && doc.state !== 'rejected';
}

/**
 * Whether `seconds` of real time (windows.ts) have passed since `since`, on the clock the handlers
 * run on: the local stack's runs CLOCK_SPEED times faster, the functions' timeouts do not.
 */
export function elapsed(d: Pick<UploadDeps, 'clock' | 'config'>, since: string, seconds: number): boolean {
  return Date.parse(since) + seconds * 1000 * d.config.CLOCK_SPEED <= d.clock.now().getTime();
}

/** Records the Textract job reading a document, to be deleted TEXTRACT_JOB_DAYS after it started. */
export async function recordJob(
  d: Pick<UploadDeps, 'config' | 'store'>,
  job: Omit<TextJob, 'deleteAfter'>,
): Promise<void> {
  const deleteAfter = new Date(Date.parse(job.startedAt) + d.config.TEXTRACT_JOB_DAYS * 86_400_000);
  await d.store.putJob({ ...job, deleteAfter: deleteAfter.toISOString() });
}

/**
 * Moves a document on from `doc.state` (or any of `from`) and, given an action, records it in the
 * audit trail; false when someone else moved it first. With `exact`, only if nobody changed the
 * document since `doc` was read.
 */
export async function moveDocument(
  d: Pick<UploadDeps, 'clock' | 'store'>,
  doc: CaseDocument,
  changes: Partial<CaseDocument>,
  audit: { action: string; details?: Record<string, unknown> } | undefined,
  options: { from?: readonly CaseDocument['state'][]; exact?: boolean } = {},
): Promise<boolean> {
  const at = d.clock.now().toISOString();
  try {
    await d.store.updateDocument(
      doc.caseId,
      doc.documentId,
      options.from ?? [doc.state],
      { ...changes, updatedAt: at },
      options.exact ? doc.updatedAt : undefined,
    );
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
  if (!audit) return true;
  await d.store.appendEvent({
    caseId: doc.caseId,
    at,
    actor: 'system',
    action: audit.action,
    details: { documentId: doc.documentId, ...audit.details },
  });
  return true;
}
