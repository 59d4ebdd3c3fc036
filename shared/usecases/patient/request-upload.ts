/**
 * A presigned upload for one PDF of the patient's case.
 *
 * 1. The patient token must open the case; the file must be a PDF of an allowed size.
 * 2. The case's file count and bytes are taken first (conditional on the case's version), so
 *    concurrent uploads cannot pass the limits together; uploads are open only while the patient
 *    may send documents.
 * 3. The document is recorded as `upload_pending` with its upload window, then the POST is signed.
 */
import { randomUUID } from 'node:crypto';
import { logger } from '#app/logger.ts';
import { sanitiseFileName } from '#domain/file-name.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import { adjustCaseUsage } from '../common/case-usage.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { CreateUploadResponse } from './views.ts';

export interface UploadRequest {
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** While the case is in one of these, the patient may add documents. */
export const UPLOAD_STATUSES: readonly CaseStatus[] = [
  'draft',
  'documents_requested',
  'more_documents_requested',
];

export async function requestUpload(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  token: string,
  input: UploadRequest,
): Promise<CreateUploadResponse> {
  await authorisePatient(d, caseId, token);
  const cfg = d.config;
  if (input.contentType.split(';')[0]!.trim().toLowerCase() !== 'application/pdf') {
    throw new Refusal('unsupported_media_type');
  }
  if (input.sizeBytes < 1) throw new Refusal('empty_file');
  if (input.sizeBytes > cfg.MAX_UPLOAD_BYTES) {
    throw new Refusal('file_too_large', { maxBytes: cfg.MAX_UPLOAD_BYTES });
  }
  await adjustCaseUsage(d, caseId, 1, input.sizeBytes, (c) => {
    if (!UPLOAD_STATUSES.includes(c.status)) throw new Refusal('uploads_closed');
    if (c.documentCount + 1 > cfg.MAX_FILES_PER_CASE) {
      throw new Refusal('too_many_files', { maxFiles: cfg.MAX_FILES_PER_CASE });
    }
    if (c.documentBytes + input.sizeBytes > cfg.MAX_CASE_BYTES) {
      throw new Refusal('case_too_large', {
        maxCaseBytes: cfg.MAX_CASE_BYTES,
        bytesLeft: Math.max(0, cfg.MAX_CASE_BYTES - c.documentBytes),
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
  const upload = await d.documents.presignUpload(key, cfg.MAX_UPLOAD_BYTES, cfg.UPLOAD_URL_SECONDS);
  logger.info('upload issued', { caseId, documentId });
  return { documentId, upload, expiresAt };
}
