/**
 * Textract finished reading a document: every result page is read, the text classified, and the
 * document moved out of `reading` once, whatever the number of notifications.
 */
import { logger } from '#app/logger.ts';
import { classify } from '#domain/classifier.ts';
import type { CaseDocument } from '#domain/model.ts';
import { moveDocument, NotReadyError, parseDocumentKey, type UploadDeps } from './common.ts';

/** Reading a document's text needs no access to the document itself: Textract has read it. */
type TextDeps = Pick<UploadDeps, 'config' | 'clock' | 'store' | 'textDetector'>;

const MAX_RESULT_PAGES = 1000;

export interface TextractNotification {
  jobId: string;
  status: string;
  /** The S3 key Textract read (DocumentLocation.S3ObjectName), when the notification carries it. */
  key?: string;
}

export type TextOutcome = 'ignored' | 'duplicate_event' | 'failed' | 'classified' | 'needs_review';

/** Textract finished a job: read every result page, classify, store. */
export async function textDetected(d: TextDeps, n: TextractNotification): Promise<TextOutcome> {
  // The key Textract read names the document: one read fewer than going through the job record,
  // which stays the way in for a notification without it.
  const named = n.key ? parseDocumentKey(n.key) : undefined;
  const target = named ?? (await d.store.getJob(n.jobId));
  const doc = target && (await d.store.getDocument(target.caseId, target.documentId));
  // Textract can finish before the upload step has recorded the job, or after that step failed
  // later and handed the document back (`upload_pending`): its retry starts the same job (the
  // request token) and Textract does not notify again, so let the queue bring this one back.
  if (doc?.state === 'checking' || doc?.state === 'upload_pending')
    throw new NotReadyError(`document ${doc.documentId} is still being checked`);
  if (!doc) {
    logger.warn('notification for an unknown job', { jobId: n.jobId });
    return 'ignored';
  }
  if (doc.state !== 'reading' || doc.jobId !== n.jobId) return 'duplicate_event';
  const ids = { caseId: doc.caseId, documentId: doc.documentId, jobId: n.jobId };

  if (n.status !== 'SUCCEEDED' && n.status !== 'PARTIAL_SUCCESS')
    return failReading(d, doc, 'text_detection_failed');

  const pages: string[][] = [];
  let nextToken: string | undefined;
  let calls = 0;
  do {
    const page = await d.textDetector.getPage(n.jobId, nextToken);
    if (page.status === 'FAILED') return failReading(d, doc, 'text_detection_failed');
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

/** Moves a document out of `reading`; false when a redelivered notification finds it already moved. */
function finishReading(
  d: TextDeps,
  doc: CaseDocument,
  changes: Partial<CaseDocument>,
  action: string,
  details: Record<string, unknown>,
): Promise<boolean> {
  return moveDocument(d, doc, changes, { action, details }, { from: ['reading'] });
}

/** The document could not be read: `failed` with the reason. */
export async function failReading(d: TextDeps, doc: CaseDocument, reason: string): Promise<TextOutcome> {
  if (!(await finishReading(d, doc, { state: 'failed', reason }, 'document_failed', { reason }))) {
    return 'duplicate_event';
  }
  logger.warn('text detection failed', { caseId: doc.caseId, documentId: doc.documentId, jobId: doc.jobId });
  return 'failed';
}
