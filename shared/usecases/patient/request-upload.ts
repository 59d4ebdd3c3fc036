/**
 * A presigned upload for one PDF of the patient's case.
 *
 * 1. The patient token must open the case; the file must be a PDF of an allowed size.
 * 2. The case's file count and bytes are taken first (conditional on the case's version), so
 *    concurrent uploads cannot pass the limits together; uploads are open only while the patient
 *    may send documents.
 * 3. The document is recorded as `upload_pending` with its upload window, then the POST is signed.
 * 4. A replacement (`replaces`) takes the place of a file the patient may change now: the new one is
 *    counted net of the old, so a full case can still swap a file, and the old one is deleted (record
 *    and object) with the fact audited, pointing at its replacement.
 */
import { randomUUID } from 'node:crypto';
import { logger } from '#app/logger.ts';
import { sanitiseFileName } from '#domain/file-name.ts';
import { adjustCaseUsage } from '../common/case-usage.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { changeableDocument, discardDocument, UPLOAD_STATUSES } from './patient-files.ts';
import type { CreateUploadResponse } from './views.ts';

export interface UploadRequest {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** The documentId of a file of the patient's this one replaces (wrong scan, missing page). */
  replaces?: string | undefined;
}

export async function requestUpload(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  token: string,
  input: UploadRequest,
): Promise<CreateUploadResponse> {
  const c = await authorisePatient(d, caseId, token);
  const cfg = d.config;
  if (input.contentType.split(';')[0]!.trim().toLowerCase() !== 'application/pdf') {
    throw new Refusal('unsupported_media_type');
  }
  if (input.sizeBytes < 1) throw new Refusal('empty_file');
  if (input.sizeBytes > cfg.MAX_UPLOAD_BYTES) {
    throw new Refusal('file_too_large', { maxBytes: cfg.MAX_UPLOAD_BYTES });
  }
  const old = input.replaces ? await changeableDocument(d, c, input.replaces) : undefined;
  // A rejected file's place was freed when it was rejected: only a counted one is handed on.
  const counted = old && old.state !== 'rejected';
  const files = counted ? 0 : 1;
  const bytes = input.sizeBytes - (counted ? old.sizeBytes : 0);
  await adjustCaseUsage(d, caseId, files, bytes, (now) => {
    if (!UPLOAD_STATUSES.includes(now.status)) throw new Refusal('uploads_closed');
    if (now.documentCount + files > cfg.MAX_FILES_PER_CASE) {
      throw new Refusal('too_many_files', { maxFiles: cfg.MAX_FILES_PER_CASE });
    }
    if (now.documentBytes + bytes > cfg.MAX_CASE_BYTES) {
      throw new Refusal('case_too_large', {
        maxCaseBytes: cfg.MAX_CASE_BYTES,
        bytesLeft: Math.max(0, cfg.MAX_CASE_BYTES - now.documentBytes),
      });
    }
  });

  const now = d.clock.now();
  const documentId = randomUUID();
  const key = `cases/${caseId}/documents/${documentId}.pdf`;
  const expiresAt = new Date(now.getTime() + cfg.UPLOAD_URL_SECONDS * 1000).toISOString();
  await d.store.putDocument({
    caseId,
    documentId,
    fileName: sanitiseFileName(input.fileName),
    key,
    sizeBytes: input.sizeBytes,
    state: 'upload_pending',
    uploadExpiresAt: expiresAt,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  if (old) await discardDocument(d, old, 'document_replaced', { replacedBy: documentId }, true);
  const upload = await d.documents.presignUpload(key, cfg.MAX_UPLOAD_BYTES, cfg.UPLOAD_URL_SECONDS);
  logger.info('upload issued', { caseId, documentId });
  return { documentId, upload, expiresAt };
}
