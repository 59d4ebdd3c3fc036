/**
 * An uploaded file arrived (S3 ObjectCreated): checked (size, PDF magic, encryption, structure,
 * page count, SHA-256 and exact duplicates), then handed to Textract to be read. Every step is a
 * conditional state change of the document, so a redelivered event is harmless, and every outcome
 * is a visible document state with a reason.
 */
import { createHash } from 'node:crypto';
import { logger } from '#app/logger.ts';
import type { CaseDocument } from '#domain/model.ts';
import { checkPdf, type PdfRejection } from '#domain/pdf-check.ts';
import { adjustCaseUsage } from '#usecases/cases.ts';
import { ConflictError } from '#usecases/ports.ts';
import { parseDocumentKey, type UploadDeps } from './common.ts';

/** A document left in `checking` this long was abandoned by a crashed run and may be taken up again. */
const STALE_CHECK_MS = 15 * 60 * 1000;

export type RejectionReason = PdfRejection;

export type UploadOutcome = 'ignored' | 'duplicate_event' | 'rejected' | 'reading';

/** Takes the document from upload_pending (or an abandoned check) to checking; false when someone else has it. */
async function claim(d: UploadDeps, doc: CaseDocument): Promise<boolean> {
  const now = d.clock.now();
  const stale = doc.state === 'checking' && Date.parse(doc.updatedAt) + STALE_CHECK_MS < now.getTime();
  if (doc.state !== 'upload_pending' && !stale) return false;
  try {
    await d.store.updateDocument(doc.caseId, doc.documentId, [doc.state], {
      state: 'checking',
      updatedAt: now.toISOString(),
    });
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

async function reject(
  d: UploadDeps,
  doc: CaseDocument,
  reason: RejectionReason,
  measured?: number,
): Promise<void> {
  const at = d.clock.now().toISOString();
  await d.store.updateDocument(doc.caseId, doc.documentId, ['checking'], {
    state: 'rejected',
    reason,
    ...(measured !== undefined ? { sizeBytes: measured } : {}),
    updatedAt: at,
  });
  // A rejected file is never read again: keep no unusable (possibly hostile) bytes, and free its slot.
  try {
    await d.documents.delete(doc.key);
  } catch (err) {
    logger.warn('could not delete rejected object', {
      caseId: doc.caseId,
      documentId: doc.documentId,
      error: err as Error,
    });
  }
  await adjustCaseUsage(d, doc.caseId, -1, -doc.sizeBytes);
  await d.store.appendEvent({
    caseId: doc.caseId,
    at,
    actor: 'system',
    action: 'document_rejected',
    details: { documentId: doc.documentId, reason },
  });
  logger.info('document rejected', { caseId: doc.caseId, documentId: doc.documentId, reason });
}

/** The S3 object `key` was created: check it and start reading it. */
export async function uploadReceived(d: UploadDeps, key: string): Promise<UploadOutcome> {
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
  if (!(await claim(d, doc))) return 'duplicate_event';
  try {
    return await check(d, doc);
  } catch (err) {
    // Hand the document back so the queue's retry can take it up again.
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

async function check(d: UploadDeps, doc: CaseDocument): Promise<UploadOutcome> {
  const cfg = d.config;
  const object = await d.documents.read(doc.key, cfg.MAX_UPLOAD_BYTES);
  if (!object) throw new Error('uploaded object not found');
  if (object.sizeBytes === 0) return reject(d, doc, 'empty', 0).then(() => 'rejected');
  if (!object.bytes) return reject(d, doc, 'too_large', object.sizeBytes).then(() => 'rejected');
  const bytes = object.bytes;
  const result = checkPdf(bytes, { maxPages: cfg.MAX_PAGES, maxBytes: cfg.MAX_UPLOAD_BYTES });
  if (!result.ok) return reject(d, doc, result.reason, bytes.length).then(() => 'rejected');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = d.clock.now().toISOString();
  await d.store.updateDocument(doc.caseId, doc.documentId, ['checking'], {
    sha256,
    sizeBytes: bytes.length,
    pages: result.pages,
    updatedAt: now,
  });
  // The earliest identical file is the original, so two copies checked at once agree on which is which.
  const original = (await d.store.listDocuments(doc.caseId))
    .filter((o) => o.documentId !== doc.documentId && o.sha256 === sha256 && o.state !== 'rejected')
    .filter(
      (o) => o.createdAt < doc.createdAt || (o.createdAt === doc.createdAt && o.documentId < doc.documentId),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];

  // documentId as the client request token: a redelivered event gets the same job, never a second one.
  const { jobId } = await d.textDetector.start(doc.key, doc.documentId, doc.caseId);
  await d.store.putJob({ jobId, caseId: doc.caseId, documentId: doc.documentId, startedAt: now });
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
