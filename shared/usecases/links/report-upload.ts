/** A presigned POST for the specialist's report, from a release link that is still open. */
import { randomUUID } from 'node:crypto';
import { reportKey } from '../common/report.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { resolveLink } from './resolve-link.ts';

export async function presignReportUpload(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  token: string,
  body: { sizeBytes: number },
) {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open' || state.link.decision !== 'release') throw new Refusal('link_not_open');
  if (body.sizeBytes > d.config.MAX_UPLOAD_BYTES) throw new Refusal('too_large');
  const reportId = randomUUID();
  const upload = await d.documents.presignUpload(
    reportKey(state.link.caseId, reportId),
    d.config.MAX_UPLOAD_BYTES,
    d.config.UPLOAD_URL_SECONDS,
  );
  const expiresAt = new Date(d.clock.now().getTime() + d.config.UPLOAD_URL_SECONDS * 1000).toISOString();
  return { reportId, upload, expiresAt };
}
