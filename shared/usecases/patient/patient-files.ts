/**
 * Which of the patient's files they may change (remove, replace, relabel), and when: before
 * submitting any of their files, and when a doctor asked for more only the files added since (what
 * the doctor already saw stays). A file still being uploaded, checked or read waits. The use cases
 * are ./remove-document.ts, ./request-upload.ts (a replacement) and ./relabel-document.ts.
 */
import { isAbandonedUpload } from '#domain/checklist.ts';
import type { Classification } from '#domain/classifier.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import type { Case, CaseDocument } from '#domain/model.ts';
import { stepOfStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { adjustCaseUsage } from '../common/case-usage.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

/** While the case is in one of these, the patient may add documents. */
export const UPLOAD_STATUSES: readonly CaseStatus[] = [
  'draft',
  'documents_requested',
  'more_documents_requested',
];

const IN_PROGRESS: readonly CaseDocument['state'][] = ['upload_pending', 'checking', 'reading'];

/**
 * Since when the patient's files are theirs to change: the case's creation in a draft, the
 * doctor's request while documents are asked for; undefined when the case takes no files now.
 */
export async function changeableSince(
  d: Pick<UseCaseDeps, 'store'>,
  c: Pick<Case, 'caseId' | 'status' | 'createdAt'>,
): Promise<string | undefined> {
  if (!UPLOAD_STATUSES.includes(c.status)) return undefined;
  if (c.status === 'draft') return c.createdAt;
  const step = stepOfStatus(c.status);
  return step ? (await d.store.getWait(c.caseId, step))?.openedAt : undefined;
}

/** Whether the patient may change this file now (`since` from changeableSince). */
export function canChange(doc: CaseDocument, since: string | undefined, now: Date): boolean {
  if (!since || doc.origin === 'service' || doc.createdAt < since) return false;
  return !IN_PROGRESS.includes(doc.state) || isAbandonedUpload(doc, now);
}

/**
 * The patient's file `documentId` of this case, which they may change now (remove, replace or
 * relabel); refused when it is not theirs, the case takes no files, or it is not theirs to change.
 */
export async function changeableDocument(
  d: Pick<UseCaseDeps, 'clock' | 'store'>,
  c: Pick<Case, 'caseId' | 'status' | 'createdAt'>,
  documentId: string,
): Promise<CaseDocument> {
  const doc = await d.store.getDocument(c.caseId, documentId);
  if (!doc || doc.origin === 'service') throw new Refusal('not_found');
  const since = await changeableSince(d, c);
  if (!since) throw new Refusal('uploads_closed');
  if (!canChange(doc, since, d.clock.now())) {
    throw new Refusal(IN_PROGRESS.includes(doc.state) ? 'documents_in_progress' : 'read_only');
  }
  return doc;
}

/**
 * Deletes a file the patient removed or replaced: the record, the checked version of the object
 * (a versioned bucket's lifecycle expires anything else) and of its first-page image, its place on
 * the case unless `keepPlace` (a replacement takes it), and the audit entry (the document's id,
 * state and type, no file name). An image that lands after the record is gone is deleted by intake
 * (../documents/preview-stored.ts).
 */
export async function discardDocument(
  d: Pick<UseCaseDeps, 'clock' | 'store' | 'documents'>,
  doc: CaseDocument,
  action: 'document_removed' | 'document_replaced',
  details: Record<string, string> = {},
  keepPlace = false,
): Promise<void> {
  // The record as deleted: a preview recorded since `doc` was read goes too.
  const gone = (await d.store.deleteDocument(doc.caseId, doc.documentId)) ?? doc;
  await d.documents.delete(doc.key, doc.versionId);
  if (gone.preview) await d.documents.delete(gone.preview.key, gone.preview.versionId);
  // A rejected file's place was freed when it was rejected.
  if (!keepPlace && doc.state !== 'rejected') await adjustCaseUsage(d, doc.caseId, -1, -doc.sizeBytes);
  const type = (doc.classification as Classification | undefined)?.documentType;
  await audit(d, doc.caseId, 'patient', action, {
    documentId: doc.documentId,
    state: doc.state,
    ...(type ? { documentType: type } : {}),
    ...details,
  });
}
