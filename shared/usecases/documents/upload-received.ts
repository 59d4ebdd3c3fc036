/**
 * An uploaded file arrived (S3 ObjectCreated): checked (size, PDF magic, encryption, structure,
 * page count, SHA-256 and exact duplicates), then handed to Textract to be read. Every step is a
 * conditional state change of the document, so a redelivered event is harmless, and every outcome
 * is a visible document state with a reason.
 *
 * A check is claimed (`checking`) before it starts. A redelivery that finds the claim younger than
 * the check's timeout goes back to the queue to come again later, never dropped; one that finds it
 * older takes the document up again, as the reconciler does: the run that claimed it was killed.
 * A document claimed CHECK_ATTEMPTS times without an outcome fails with `check_failed`.
 *
 * The record is bound to the version of the object it checked (the bucket keeps versions): Textract
 * reads that version, and an object created again at the key (the same presigned POST sent again)
 * is refused, its version deleted, whatever state the document is in.
 */
import { createHash } from 'node:crypto';
import { logger } from '#app/logger.ts';
import type { CaseDocument } from '#domain/model.ts';
import { checkPdf, type PdfRejection } from '#domain/pdf-check.ts';
import { adjustCaseUsage, reserveTextractPages } from '#usecases/common/case-usage.ts';
import {
  elapsed,
  moveDocument,
  NotReadyError,
  parseDocumentKey,
  recordJob,
  type UploadDeps,
} from './common.ts';
import { CHECK_ATTEMPTS, STALE_CHECK_SECONDS } from './windows.ts';

export type RejectionReason = PdfRejection | 'not_received';

export type UploadOutcome =
  | 'ignored'
  | 'duplicate_event'
  | 'refused'
  | 'rejected'
  | 'reading'
  | 'unread'
  | 'failed';

/** A check claimed long enough ago that the run holding it is gone. */
export function isAbandonedCheck(d: UploadDeps, doc: CaseDocument): boolean {
  return doc.state === 'checking' && elapsed(d, doc.updatedAt, STALE_CHECK_SECONDS);
}

/** Deletes an object (or one version) that will never be read, possibly hostile bytes; a failure is only logged. */
async function deleteObject(d: UploadDeps, doc: CaseDocument, versionId?: string): Promise<void> {
  try {
    await d.documents.delete(doc.key, versionId);
  } catch (err) {
    logger.warn('could not delete an object no document needs', {
      caseId: doc.caseId,
      documentId: doc.documentId,
      error: err as Error,
    });
  }
}

/** Refuses a document for good: its bytes deleted, its place on the case freed; false when it moved on first. */
export async function reject(
  d: UploadDeps,
  doc: CaseDocument,
  reason: RejectionReason,
  measured?: { sizeBytes: number; versionId?: string | undefined },
): Promise<boolean> {
  const moved = await moveDocument(
    d,
    doc,
    {
      state: 'rejected',
      reason,
      ...(measured ? { sizeBytes: measured.sizeBytes } : {}),
      ...(measured?.versionId ? { versionId: measured.versionId } : {}),
    },
    { action: 'document_rejected', details: { reason } },
    { exact: doc.state === 'upload_pending' },
  );
  if (!moved) return false;
  await deleteObject(d, doc);
  await adjustCaseUsage(d, doc.caseId, -1, -doc.sizeBytes);
  logger.info('document rejected', { caseId: doc.caseId, documentId: doc.documentId, reason });
  return true;
}

/** The S3 object `key` was created (as version `versionId`, in a versioned bucket): check it and start reading it. */
export async function uploadReceived(d: UploadDeps, key: string, versionId?: string): Promise<UploadOutcome> {
  const ids = parseDocumentKey(key);
  if (!ids) return 'ignored';
  const doc = await d.store.getDocument(ids.caseId, ids.documentId);
  if (!doc || doc.key !== key) {
    logger.warn('object with a key the system did not issue', {
      caseId: ids.caseId,
      documentId: ids.documentId,
    });
    return 'ignored';
  }
  if (doc.state === 'rejected' && doc.reason === 'not_received') {
    // The upload was given up long after its window: bytes that come now are nobody's.
    await deleteObject(d, doc, versionId);
    return 'ignored';
  }
  if (versionId && doc.versionId && versionId !== doc.versionId) return refuseReplacement(d, doc, versionId);
  return takeUp(d, doc);
}

/**
 * Another version of a document already checked: the checked bytes stay what the record, Textract
 * and the doctors see, and the newcomer is deleted for good (the one before it is current again).
 */
async function refuseReplacement(
  d: UploadDeps,
  doc: CaseDocument,
  versionId: string,
): Promise<UploadOutcome> {
  await d.documents.delete(doc.key, versionId);
  await d.store.appendEvent({
    caseId: doc.caseId,
    at: d.clock.now().toISOString(),
    actor: 'system',
    action: 'document_replacement_refused',
    details: { documentId: doc.documentId, versionId },
  });
  logger.warn('a checked document was sent again: the new version is deleted', {
    caseId: doc.caseId,
    documentId: doc.documentId,
  });
  return 'refused';
}

/**
 * Checks a document whose bytes are in the bucket: from `upload_pending`, or an abandoned
 * `checking`. The upload's event comes this way, and the reconciler when the event never will.
 */
export async function takeUp(d: UploadDeps, doc: CaseDocument): Promise<UploadOutcome> {
  if (doc.state === 'checking' && !isAbandonedCheck(d, doc))
    throw new NotReadyError(`document ${doc.documentId} is being checked`);
  if (doc.state !== 'upload_pending' && doc.state !== 'checking') return 'duplicate_event';
  const attempts = (doc.checkAttempts ?? 0) + 1;
  if (attempts > CHECK_ATTEMPTS) {
    const failed = await moveDocument(
      d,
      doc,
      { state: 'failed', reason: 'check_failed' },
      { action: 'document_failed', details: { reason: 'check_failed', attempts: attempts - 1 } },
      { exact: true },
    );
    if (failed)
      logger.warn('document check failed for good', { caseId: doc.caseId, documentId: doc.documentId });
    return failed ? 'failed' : 'duplicate_event';
  }
  // The claim: only if nobody moved the document since it was read, so two takers never both win.
  const claimed = await moveDocument(
    d,
    doc,
    { state: 'checking', checkAttempts: attempts },
    attempts > 1 ? { action: 'document_check_retried', details: { attempt: attempts } } : undefined,
    { exact: true },
  );
  if (!claimed) return 'duplicate_event';
  try {
    return await check(d, doc);
  } catch (err) {
    // Hand the document back so the queue's retry (or the reconciler) can take it up again.
    await d.store
      .updateDocument(doc.caseId, doc.documentId, ['checking'], {
        state: 'upload_pending',
        updatedAt: d.clock.now().toISOString(),
      })
      .catch((e: unknown) =>
        logger.warn('could not release document', { documentId: doc.documentId, error: e as Error }),
      );
    throw err;
  }
}

/** The check proper, on a document claimed in `checking`. */
async function check(d: UploadDeps, claimed: CaseDocument): Promise<UploadOutcome> {
  const doc: CaseDocument = { ...claimed, state: 'checking' };
  const cfg = d.config;
  const object = await d.documents.read(doc.key, cfg.MAX_UPLOAD_BYTES);
  if (!object) throw new Error('uploaded object not found');
  const refuse = async (reason: RejectionReason, sizeBytes: number) =>
    (await reject(d, doc, reason, { sizeBytes, versionId: object.versionId }))
      ? 'rejected'
      : 'duplicate_event';
  if (object.sizeBytes === 0) return refuse('empty', 0);
  if (!object.bytes) return refuse('too_large', object.sizeBytes);
  const bytes = object.bytes;
  const result = checkPdf(bytes, { maxPages: cfg.MAX_PAGES, maxBytes: cfg.MAX_UPLOAD_BYTES });
  if (!result.ok) return refuse(result.reason, bytes.length);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = d.clock.now().toISOString();
  await d.store.updateDocument(doc.caseId, doc.documentId, ['checking'], {
    sha256,
    sizeBytes: bytes.length,
    pages: result.pages,
    ...(object.versionId ? { versionId: object.versionId } : {}),
    updatedAt: now,
  });
  // The earliest identical file is the original, so two copies checked at once agree on which is which.
  const original = (await d.store.listDocuments(doc.caseId))
    .filter((o) => o.documentId !== doc.documentId && o.sha256 === sha256 && o.state !== 'rejected')
    .filter(
      (o) => o.createdAt < doc.createdAt || (o.createdAt === doc.createdAt && o.documentId < doc.documentId),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];

  if (!doc.pagesCounted) {
    if (!(await reserveTextractPages(d, doc.caseId, result.pages, cfg.TEXTRACT_PAGES_PER_CASE)))
      return keepUnread(d, doc, result.pages, original?.documentId);
    await d.store.updateDocument(doc.caseId, doc.documentId, ['checking'], { pagesCounted: true });
  }

  // documentId as the client request token: a redelivered event gets the same job, never a second one.
  const { jobId } = await d.textDetector.start(doc.key, doc.documentId, doc.caseId, object.versionId);
  await recordJob(d, { jobId, caseId: doc.caseId, documentId: doc.documentId, startedAt: now });
  await d.store.updateDocument(doc.caseId, doc.documentId, ['checking'], {
    state: 'reading',
    jobId,
    ...(original ? { duplicateOf: original.documentId } : {}),
    updatedAt: d.clock.now().toISOString(),
  });
  if (bytes.length !== doc.sizeBytes) await adjustCaseUsage(d, doc.caseId, 0, bytes.length - doc.sizeBytes);
  await d.store.appendEvent({
    caseId: doc.caseId,
    at: now,
    actor: 'system',
    action: 'document_received',
    details: {
      documentId: doc.documentId,
      pages: result.pages,
      ...(original ? { duplicateOf: original.documentId } : {}),
    },
  });
  logger.info('document reading', { caseId: doc.caseId, documentId: doc.documentId, jobId });
  return 'reading';
}

/**
 * The case has had its Textract pages: the document is kept, unread, for a doctor to read (its
 * type the patient's word, or "other"), so that anonymous uploads cannot run up Textract's bill.
 */
async function keepUnread(
  d: UploadDeps,
  doc: CaseDocument,
  pages: number,
  duplicateOf: string | undefined,
): Promise<UploadOutcome> {
  // The classifier and its model (58 KB) load for this rare path only: the check needs neither.
  const { classify } = await import('#domain/classifier.ts');
  const moved = await moveDocument(
    d,
    doc,
    {
      state: 'needs_review',
      reason: 'page_cap',
      classification: classify([]),
      ...(duplicateOf ? { duplicateOf } : {}),
    },
    { action: 'document_received', details: { documentId: doc.documentId, pages, unread: 'page_cap' } },
    { from: ['checking'] },
  );
  if (!moved) return 'duplicate_event';
  logger.warn('document kept unread: the case reached its Textract pages', {
    caseId: doc.caseId,
    documentId: doc.documentId,
    pages,
  });
  return 'unread';
}
