/**
 * The first page of a document drawn as a small PNG, so that a patient (and the doctor after them)
 * sees which file is which. It runs in a function of its own, RenderPreview, that may read the
 * table and the documents and write previews, nothing else: the renderer parses untrusted bytes.
 *
 * What sets it off is Textract's completion (a second subscription of its topic): Textract is
 * started only on a document that passed the structural check. The record is read again all the
 * same, and only the version that passed the check is drawn. The PNG goes to the case's previews/
 * prefix; its landing is recorded on the document by the intake function (./preview-stored.ts),
 * as an upload's is. A renderer that cannot draw the page is "no preview", never a failed document.
 */
import { logger } from '#app/logger.ts';
import type { UseCaseDeps } from '../ports.ts';
import { parseDocumentKey, passedCheck, previewKeyOf } from './common.ts';

type PreviewDeps = Pick<UseCaseDeps, 'config' | 'store' | 'documents' | 'pagePreviews'>;

export type PreviewOutcome = 'ignored' | 'unchecked' | 'already' | 'no_preview' | 'rendered';

/** Draws the first page of the document at `key` (a document key, as Textract names what it read). */
export async function renderPreview(d: PreviewDeps, key: string): Promise<PreviewOutcome> {
  const ids = parseDocumentKey(key);
  if (!ids) return 'ignored';
  const doc = await d.store.getDocument(ids.caseId, ids.documentId);
  if (!doc || doc.key !== key) return 'ignored';
  if (!passedCheck(doc)) {
    logger.warn('no preview of a document that has not passed the check', ids);
    return 'unchecked';
  }
  // A job started again (the reconciler) notifies again: one drawing is enough.
  if (doc.preview) return 'already';
  let object: Awaited<ReturnType<typeof d.documents.read>>;
  try {
    object = await d.documents.read(doc.key, d.config.MAX_UPLOAD_BYTES, doc.versionId);
  } catch (err) {
    // Removed while it waited here: its checked version is gone for good, and its preview with it.
    if (!(await d.store.getDocument(ids.caseId, ids.documentId))) return 'ignored';
    throw err;
  }
  if (!object?.bytes) return 'no_preview';
  const png = await d.pagePreviews.render(object.bytes);
  if (!png) {
    logger.info('document has no preview', ids);
    return 'no_preview';
  }
  await d.documents.put(previewKeyOf(doc), png, 'image/png');
  logger.info('document preview rendered', { ...ids, bytes: png.length });
  return 'rendered';
}
