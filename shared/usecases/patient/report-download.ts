/** A short-lived link to the released report. */
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';

const REPORT_URL_SECONDS = 300;

export async function reportDownload(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  patientToken: string,
) {
  const c = await authorisePatient(d, caseId, patientToken);
  if (c.status !== 'released' || !c.reportKey) throw new Refusal('not_released');
  const url = await d.documents.presignDownload(
    c.reportKey,
    REPORT_URL_SECONDS,
    `${c.reference}-report.pdf`,
    c.reportVersionId,
  );
  return { url, expiresAt: new Date(d.clock.now().getTime() + REPORT_URL_SECONDS * 1000).toISOString() };
}
