/**
 * A document's first-page image landed in the bucket (S3 ObjectCreated under previews/, through
 * the uploads queue): it is recorded on the document, with its version, so the pages show it and
 * the document's removal deletes it. The renderer cannot write the table; this is where its work
 * becomes part of the case. An image whose document is gone (removed, replaced, or the case erased
 * while it was drawn) or never passed the check is deleted for good instead.
 */
import { logger } from '#app/logger.ts';
import type { DocumentState } from '#domain/model.ts';
import { ConflictError } from '../ports.ts';
import { parsePreviewKey, passedCheck, type UploadDeps } from './common.ts';

export type PreviewStoredOutcome = 'ignored' | 'recorded' | 'deleted';

/** Every state a document that passed the check can be in. */
const KEPT: readonly DocumentState[] = ['checking', 'reading', 'classified', 'needs_review', 'failed'];

export async function previewStored(
  d: Pick<UploadDeps, 'store' | 'documents'>,
  key: string,
  versionId?: string,
): Promise<PreviewStoredOutcome> {
  const ids = parsePreviewKey(key);
  if (!ids) return 'ignored';
  const doc = await d.store.getDocument(ids.caseId, ids.documentId);
  if (doc && passedCheck(doc)) {
    try {
      // Not a move: the document's state and its time in it stay as they are.
      await d.store.updateDocument(ids.caseId, ids.documentId, KEPT, {
        preview: { key, ...(versionId ? { versionId } : {}) },
      });
      // Drawn twice (two notifications at once): the one recorded before is not kept either.
      const before = doc.preview?.versionId;
      if (before && before !== versionId) await d.documents.delete(key, before);
      return 'recorded';
    } catch (err) {
      // Removed between the read and the write: its image goes too.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  await d.documents.delete(key, versionId);
  logger.info('preview of a document that is gone deleted', ids);
  return 'deleted';
}
