/**
 * A presigned POST for the specialist's report, from a release link that is still open, or for a
 * task's PDF from its open link (a contribution, a consultation's outcome, the revised diagnosis).
 */
import { randomUUID } from 'node:crypto';
import { TASK_POLICY } from '#domain/tasks.ts';
import { reportKey, taskDocumentKey } from '../common/report.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { resolveLink } from './resolve-link.ts';

export async function presignReportUpload(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  token: string,
  body: { sizeBytes: number },
) {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open') throw new Refusal('link_not_open');
  const task = state.task;
  const takesDocument = task
    ? TASK_POLICY[task.kind].form === 'document' || TASK_POLICY[task.kind].form === 'document_or_note'
    : state.link.decision === 'release';
  if (!takesDocument) throw new Refusal('link_not_open');
  if (body.sizeBytes > d.config.MAX_UPLOAD_BYTES) throw new Refusal('too_large');
  const reportId = randomUUID();
  const upload = await d.documents.presignUpload(
    task ? taskDocumentKey(task.caseId, task.taskId, reportId) : reportKey(state.link.caseId, reportId),
    d.config.MAX_UPLOAD_BYTES,
    d.config.UPLOAD_URL_SECONDS,
  );
  const expiresAt = new Date(d.clock.now().getTime() + d.config.UPLOAD_URL_SECONDS * 1000).toISOString();
  return { reportId, upload, expiresAt };
}
