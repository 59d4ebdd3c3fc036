/**
 * The patient removes a wrong, duplicate or unneeded file (to replace it, they upload another):
 * before submitting any of their files, and when a doctor asked for more only the files added
 * since (what the doctor already saw stays). A file still being uploaded, checked or read waits.
 * The object is deleted, the record goes, the file's place on the case is freed, and the audit
 * keeps the fact (the document's id, state and type, no file name).
 */
import { isAbandonedUpload } from '#domain/checklist.ts';
import type { Classification } from '#domain/classifier.ts';
import type { Case, CaseDocument } from '#domain/model.ts';
import { stepOfStatus } from '#domain/wait-policy.ts';
import { audit } from '../common/audit.ts';
import { adjustCaseUsage } from '../common/case-usage.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { UPLOAD_STATUSES } from './request-upload.ts';

const IN_PROGRESS: readonly CaseDocument['state'][] = ['upload_pending', 'checking', 'reading'];

/**
 * Since when the patient's files are theirs to remove: the case's creation in a draft, the
 * doctor's request while documents are asked for; undefined when the case takes no files now.
 */
export async function removableSince(
  d: Pick<UseCaseDeps, 'store'>,
  c: Pick<Case, 'caseId' | 'status' | 'createdAt'>,
): Promise<string | undefined> {
  if (!UPLOAD_STATUSES.includes(c.status)) return undefined;
  if (c.status === 'draft') return c.createdAt;
  const step = stepOfStatus(c.status);
  return step ? (await d.store.getWait(c.caseId, step))?.openedAt : undefined;
}

/** Whether the patient may remove this file now (`since` from removableSince). */
export function canRemove(doc: CaseDocument, since: string | undefined, now: Date): boolean {
  if (!since || doc.origin === 'service' || doc.createdAt < since) return false;
  return !IN_PROGRESS.includes(doc.state) || isAbandonedUpload(doc, now);
}

export async function removeDocument(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  token: string,
  documentId: string,
): Promise<{ removed: string }> {
  const c = await authorisePatient(d, caseId, token);
  const doc = await d.store.getDocument(caseId, documentId);
  if (!doc || doc.origin === 'service') throw new Refusal('not_found');
  const since = await removableSince(d, c);
  if (!since) throw new Refusal('uploads_closed');
  if (!canRemove(doc, since, d.clock.now())) {
    throw new Refusal(IN_PROGRESS.includes(doc.state) ? 'documents_in_progress' : 'read_only');
  }
  await d.store.deleteDocument(caseId, documentId);
  // The checked version is deleted for good; a versioned bucket's lifecycle expires anything else.
  await d.documents.delete(doc.key, doc.versionId);
  // A rejected file's place was freed when it was rejected.
  if (doc.state !== 'rejected') await adjustCaseUsage(d, caseId, -1, -doc.sizeBytes);
  const type = (doc.classification as Classification | undefined)?.documentType;
  await audit(d, caseId, 'patient', 'document_removed', {
    documentId,
    state: doc.state,
    ...(type ? { documentType: type } : {}),
  });
  return { removed: documentId };
}
