/**
 * The reconciler, run on a schedule: settles the documents no notification will move on any more,
 * found through the index of unsettled documents (oldest first, a bounded number per run).
 *
 * - `checking` past the check's timeout (the run that claimed it was killed, its message lost or
 *   dead-lettered): checked again as a redelivery would, within its attempts, then `failed`.
 * - `upload_pending` with its bytes in the bucket (the upload's event was lost, or its check handed
 *   back after errors): checked the same way.
 * - `upload_pending` with no bytes, past its window and a grace: the upload was abandoned; it is
 *   `rejected` as `not_received` and its place on the case freed.
 * - `reading` long after Textract should have answered: the job is looked up; its result is
 *   classified as the lost notification would have been; a job Textract no longer knows is started
 *   again; one still running after READING_GIVE_UP_SECONDS is `failed`.
 */
import { logger } from '#app/logger.ts';
import type { CaseDocument } from '#domain/model.ts';
import { elapsed, moveDocument, recordJob, type UploadDeps } from './common.ts';
import { failReading, type TextOutcome, textDetected } from './text-detected.ts';
import { isAbandonedCheck, reject, takeUp, type UploadOutcome } from './upload-received.ts';
import {
  READING_GIVE_UP_SECONDS,
  READING_SECONDS,
  STALE_CHECK_SECONDS,
  UPLOAD_GRACE_SECONDS,
} from './windows.ts';

/** Documents looked at per state and run; the next run goes on with the rest. */
const PER_RUN = 100;

export type ReconcileOutcome = UploadOutcome | TextOutcome | 'left' | 'abandoned' | 'restarted' | 'error';

export interface ReconcileOptions {
  /** Whether there is time left to check one more file (a check may take CHECK_SECONDS). */
  canCheck(): boolean;
}

/** One pass over the unsettled documents; how many came to each outcome. */
export async function reconcile(
  d: UploadDeps,
  options: ReconcileOptions,
): Promise<Partial<Record<ReconcileOutcome, number>>> {
  const tally: Partial<Record<ReconcileOutcome, number>> = {};
  const now = d.clock.now().getTime();
  const enteredBy = (seconds: number) => new Date(now - seconds * 1000 * d.config.CLOCK_SPEED).toISOString();
  const windows: [CaseDocument['state'], number][] = [
    ['checking', STALE_CHECK_SECONDS],
    ['upload_pending', STALE_CHECK_SECONDS],
    ['reading', READING_SECONDS],
  ];
  for (const [state, seconds] of windows) {
    for (const listed of await d.store.listDocumentsByState(state, enteredBy(seconds), PER_RUN)) {
      let outcome: ReconcileOutcome;
      try {
        outcome = await settle(d, listed, options);
      } catch (err) {
        // One document's trouble must not keep the others stuck: the next run tries it again.
        logger.error('could not reconcile document', {
          caseId: listed.caseId,
          documentId: listed.documentId,
          error: err as Error,
        });
        outcome = 'error';
      }
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
  }
  logger.info('documents reconciled', { ...tally });
  return tally;
}

async function settle(
  d: UploadDeps,
  listed: CaseDocument,
  options: ReconcileOptions,
): Promise<ReconcileOutcome> {
  // The index is eventually consistent: act on the document as it is now.
  const doc = await d.store.getDocument(listed.caseId, listed.documentId);
  if (!doc || doc.state !== listed.state) return 'left';
  switch (doc.state) {
    case 'checking':
      if (!isAbandonedCheck(d, doc)) return 'left';
      return options.canCheck() ? takeUp(d, doc) : 'left';
    case 'upload_pending': {
      // A check handed back after errors is due like an abandoned one; an upload never sent, after its grace.
      const due = doc.checkAttempts
        ? elapsed(d, doc.updatedAt, STALE_CHECK_SECONDS)
        : elapsed(d, doc.uploadExpiresAt, UPLOAD_GRACE_SECONDS);
      if (!due) return 'left';
      if (!(await d.documents.read(doc.key, 0)))
        return (await reject(d, doc, 'not_received')) ? 'abandoned' : 'duplicate_event';
      return options.canCheck() ? takeUp(d, doc) : 'left';
    }
    case 'reading':
      return elapsed(d, doc.updatedAt, READING_SECONDS) ? reread(d, doc) : 'left';
    default:
      return 'left';
  }
}

/** A document whose Textract completion never came: what does Textract say about its job? */
async function reread(d: UploadDeps, doc: CaseDocument): Promise<ReconcileOutcome> {
  const jobId = doc.jobId ?? '';
  let status: string;
  try {
    status = (await d.textDetector.getPage(jobId)).status;
  } catch (err) {
    if ((err as Error).name !== 'InvalidJobIdException') throw err;
    return restartReading(d, doc);
  }
  if (status === 'IN_PROGRESS')
    return elapsed(d, doc.updatedAt, READING_GIVE_UP_SECONDS)
      ? failReading(d, doc, 'text_detection_failed')
      : 'left';
  return textDetected(d, { jobId, status, key: doc.key });
}

/** Textract forgot the job (a local stack restarted, or results past their retention): start it again. */
async function restartReading(d: UploadDeps, doc: CaseDocument): Promise<ReconcileOutcome> {
  if (elapsed(d, doc.updatedAt, READING_GIVE_UP_SECONDS)) return failReading(d, doc, 'text_detection_failed');
  const { jobId } = await d.textDetector.start(doc.key, doc.documentId, doc.caseId, doc.versionId);
  // The same request token gave back the job Textract no longer has: there is nothing more to try.
  if (jobId === doc.jobId) return failReading(d, doc, 'text_detection_failed');
  await recordJob(d, {
    jobId,
    caseId: doc.caseId,
    documentId: doc.documentId,
    startedAt: d.clock.now().toISOString(),
  });
  const moved = await moveDocument(
    d,
    doc,
    { state: 'reading', jobId },
    { action: 'document_reading_restarted', details: { jobId } },
    { exact: true },
  );
  return moved ? 'restarted' : 'duplicate_event';
}
