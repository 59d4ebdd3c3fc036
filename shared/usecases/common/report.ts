/**
 * The specialist's report (and a task's PDF: a contribution, a revised diagnosis), checked before
 * it is used: it must exist at its key and pass intake's PDF check (magic, not encrypted, readable,
 * page and size limits). The emulated S3 enforces no POST policy, so this check is the guarantee.
 */
import { checkPdf } from '#domain/pdf-check.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function reportKey(caseId: string, reportId: string): string {
  return `cases/${caseId}/reports/${reportId}.pdf`;
}

/** A PDF uploaded from a task's link. */
export function taskDocumentKey(caseId: string, taskId: string, uploadId: string): string {
  return `cases/${caseId}/tasks/${taskId}/${uploadId}.pdf`;
}

/**
 * The key of a valid uploaded report and the version checked, which the case keeps so that what the
 * patient downloads is what was checked and released, whatever is sent to the key later.
 */
export function checkReport(
  d: Pick<UseCaseDeps, 'documents' | 'config'>,
  caseId: string,
  reportId: string,
): Promise<{ key: string; versionId?: string }> {
  return checkUpload(d, reportId, (id) => reportKey(caseId, id));
}

/** The key of a valid PDF uploaded for a task; a refusal naming the problem otherwise. */
export async function checkTaskDocument(
  d: Pick<UseCaseDeps, 'documents' | 'config'>,
  task: { caseId: string; taskId: string },
  uploadId: string,
): Promise<string> {
  return (await checkUpload(d, uploadId, (id) => taskDocumentKey(task.caseId, task.taskId, id))).key;
}

async function checkUpload(
  d: Pick<UseCaseDeps, 'documents' | 'config'>,
  uploadId: string,
  keyOf: (id: string) => string,
): Promise<{ key: string; versionId?: string }> {
  if (!UUID.test(uploadId)) throw new Refusal('report_missing');
  const key = keyOf(uploadId);
  const report = await d.documents.read(key, d.config.MAX_UPLOAD_BYTES);
  if (!report) throw new Refusal('report_missing');
  if (report.sizeBytes < 5 || !report.bytes) throw new Refusal('report_size');
  const check = checkPdf(report.bytes, {
    maxPages: d.config.MAX_PAGES,
    maxBytes: d.config.MAX_UPLOAD_BYTES,
  });
  if (!check.ok) throw new Refusal(`report_${check.reason}`);
  return { key, ...(report.versionId ? { versionId: report.versionId } : {}) };
}
