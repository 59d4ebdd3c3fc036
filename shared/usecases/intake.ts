/**
 * What happens to an uploaded file: checked when S3 says it arrived (size, PDF magic, encryption,
 * structure, page count, SHA-256 and exact duplicates), then read by Textract, then classified.
 * Every step is a conditional state change of the document, so a redelivered event is harmless,
 * and every outcome is a visible document state with a reason.
 */
import { createHash } from 'node:crypto';
import { logger } from '#app/logger.ts';
import { classify } from '#domain/classifier.ts';
import type { CaseDocument } from '#domain/model.ts';
import { checkPdf, type PdfRejection } from '#domain/pdf-check.ts';
import { adjustCaseUsage } from './common/case-usage.ts';
import { ConflictError, type UseCaseDeps } from './ports.ts';

export type UploadDeps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents' | 'textDetector'>;

const DOCUMENT_KEY = /^cases\/([0-9a-f-]{36})\/documents\/([0-9a-f-]{36})\.pdf$/;
/** A document left in `checking` this long was abandoned by a crashed run and may be taken up again. */
const STALE_CHECK_MS = 15 * 60 * 1000;
const MAX_RESULT_PAGES = 1000;

export type RejectionReason = PdfRejection;

/** The notification came before the state it acts on: retry it later through the queue. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

export function parseDocumentKey(key: string): { caseId: string; documentId: string } | undefined {
  const m = DOCUMENT_KEY.exec(key);
  return m ? { caseId: m[1]!, documentId: m[2]! } : undefined;
}

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

export interface TextractNotification {
  jobId: string;
  status: string;
  /** The S3 key Textract read (DocumentLocation.S3ObjectName), when the notification carries it. */
  key?: string;
}

export type TextOutcome = 'ignored' | 'duplicate_event' | 'failed' | 'classified' | 'needs_review';

/** Textract finished a job: read every result page, classify, store. */
export async function textDetected(d: UploadDeps, n: TextractNotification): Promise<TextOutcome> {
  // The key Textract read names the document: one read fewer than going through the job record,
  // which stays the way in for a notification without it.
  const named = n.key ? parseDocumentKey(n.key) : undefined;
  const target = named ?? (await d.store.getJob(n.jobId));
  const doc = target && (await d.store.getDocument(target.caseId, target.documentId));
  // Textract can finish before the upload step has recorded the job: let the queue bring it back.
  if (doc?.state === 'checking') throw new NotReadyError(`document ${doc.documentId} is still being checked`);
  if (!doc) {
    logger.warn('notification for an unknown job', { jobId: n.jobId });
    return 'ignored';
  }
  if (doc.state !== 'reading' || doc.jobId !== n.jobId) return 'duplicate_event';
  const ids = { caseId: doc.caseId, documentId: doc.documentId, jobId: n.jobId };

  if (n.status !== 'SUCCEEDED' && n.status !== 'PARTIAL_SUCCESS')
    return fail(d, doc, 'text_detection_failed');

  const pages: string[][] = [];
  let nextToken: string | undefined;
  let calls = 0;
  do {
    const page = await d.textDetector.getPage(n.jobId, nextToken);
    if (page.status === 'FAILED') return fail(d, doc, 'text_detection_failed');
    for (const b of page.blocks) {
      if (b.blockType !== 'LINE' || !b.text) continue;
      const lines = pages[b.page - 1] ?? [];
      lines.push(b.text);
      pages[b.page - 1] = lines;
    }
    nextToken = page.nextToken;
    calls += 1;
  } while (nextToken && calls < MAX_RESULT_PAGES);

  const text = Array.from(pages, (lines) => (lines ?? []).join('\n'));
  const classification = classify(text);
  const empty = text.every((t) => !t.trim());
  const state = classification.needsReview || empty ? 'needs_review' : 'classified';
  const settled = await finishReading(
    d,
    doc,
    { state, classification, ...(empty ? { reason: 'no_text' } : {}) },
    'document_classified',
    { documentType: classification.documentType, confidence: classification.confidence, state },
  );
  if (!settled) return 'duplicate_event';
  // Ids and the state only: what a document is stays out of the logs.
  logger.info('document classified', { ...ids, state });
  return state;
}

/**
 * Moves a document out of `reading` and records why in the audit trail; false when a redelivered
 * notification finds it already moved.
 */
async function finishReading(
  d: UploadDeps,
  doc: CaseDocument,
  changes: Partial<CaseDocument>,
  action: string,
  details: Record<string, unknown>,
): Promise<boolean> {
  const at = d.clock.now().toISOString();
  try {
    await d.store.updateDocument(doc.caseId, doc.documentId, ['reading'], { ...changes, updatedAt: at });
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
  await d.store.appendEvent({
    caseId: doc.caseId,
    at,
    actor: 'system',
    action,
    details: { documentId: doc.documentId, ...details },
  });
  return true;
}

async function fail(d: UploadDeps, doc: CaseDocument, reason: string): Promise<TextOutcome> {
  if (!(await finishReading(d, doc, { state: 'failed', reason }, 'document_failed', { reason }))) {
    return 'duplicate_event';
  }
  logger.warn('text detection failed', { caseId: doc.caseId, documentId: doc.documentId, jobId: doc.jobId });
  return 'failed';
}
