/**
 * The specialist's report, checked before it is released: it must exist at its key and pass intake's
 * PDF check (magic, not encrypted, readable, page and size limits). The emulated S3 enforces no POST
 * policy, so this check is the guarantee.
 */
import type { Deps } from '#app/deps.ts';
import { checkPdf } from '#domain/pdf-check.ts';
import { AppError } from '#http/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function reportKey(caseId: string, reportId: string): string {
  return `cases/${caseId}/reports/${reportId}.pdf`;
}

/** The key of a valid uploaded report; a 422 naming the problem otherwise. */
export async function checkReport(
  d: Pick<Deps, 'documents' | 'config'>,
  caseId: string,
  reportId: string,
): Promise<string> {
  if (!UUID.test(reportId)) throw new AppError(422, 'report_missing', 'Please upload the report first.');
  const key = reportKey(caseId, reportId);
  const report = await d.documents.read(key, d.config.MAX_UPLOAD_BYTES);
  if (!report)
    throw new AppError(422, 'report_missing', 'The report has not arrived yet. Please upload it again.');
  if (report.sizeBytes < 5 || !report.bytes) {
    throw new AppError(422, 'report_size', 'The report file is empty or too large.');
  }
  const check = checkPdf(report.bytes, {
    maxPages: d.config.MAX_PAGES,
    maxBytes: d.config.MAX_UPLOAD_BYTES,
  });
  if (!check.ok) {
    throw new AppError(
      422,
      `report_${check.reason}`,
      'The report must be a readable PDF, not password-protected.',
    );
  }
  return key;
}
