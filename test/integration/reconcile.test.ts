/**
 * The reconciler on the local stack, run by its schedule on the fast clock: what a stop in the
 * middle of intake leaves behind (a check cut off, a Textract job the restarted stand-in forgot, an
 * upload never sent) is settled with nobody doing anything, and the patient's page says so.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import type { CaseDocument } from '#domain/model.ts';

import { until } from '#local/driver.ts';
import { REGION } from '#local/wiring.ts';
import { adjustCaseUsage } from '#usecases/common/case-usage.ts';
import type { CreateUploadResponse } from '#usecases/patient/views.ts';
import { type Harness, patientRequest, pdf, startHarness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: 500, schedules: true });
});
afterAll(() => h?.close());

/** Bytes put straight into the bucket, before the system knows the key: their event is ignored. */
async function putObject(key: string, bytes: Uint8Array) {
  const s3 = new S3Client({
    endpoint: h.stack.endpoints.s3,
    forcePathStyle: true,
    region: REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await s3.send(new PutObjectCommand({ Bucket: h.stack.env.BUCKET_NAME, Key: key, Body: bytes }));
  s3.destroy();
  await h.stack.queues.uploads.idle();
}

/** A document as a stop left it, long ago on the simulated clock, counted on its case. */
async function leftBehind(caseId: string, bytes: Uint8Array, changes: Partial<CaseDocument>) {
  const documentId = randomUUID();
  const key = `cases/${caseId}/documents/${documentId}.pdf`;
  await putObject(key, bytes);
  const past = new Date(h.stack.clock.now().getTime() - 60 * 86_400_000).toISOString();
  await deps().store.putDocument({
    caseId,
    documentId,
    fileName: `${changes.state}.pdf`,
    key,
    sizeBytes: bytes.length,
    state: 'upload_pending',
    uploadExpiresAt: past,
    createdAt: past,
    updatedAt: past,
    ...changes,
  });
  await adjustCaseUsage(deps(), caseId, 1, bytes.length);
  return documentId;
}

it('settles a check cut off, a forgotten Textract job and an upload never sent', {
  timeout: 90_000,
}, async () => {
  const d = h.driver;
  const c = await d.createCase(patientRequest());
  const checking = await leftBehind(c.caseId, pdf('007-pathology_report-it.pdf'), {
    state: 'checking',
    checkAttempts: 1,
  });
  const reading = await leftBehind(c.caseId, pdf('003-oncologist_report-it.pdf'), {
    state: 'reading',
    jobId: 'job-the-stand-in-forgot',
  });
  // An upload asked for and never sent, its window long closed.
  const res = await fetch(new URL(`/cases/${c.caseId}/uploads`, h.stack.endpoints.api), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.patientToken}` },
    body: JSON.stringify({ fileName: 'scan.pdf', contentType: 'application/pdf', sizeBytes: 40_000 }),
  });
  const never = ((await res.json()) as CreateUploadResponse).documentId;
  const past = new Date(h.stack.clock.now().getTime() - 60 * 86_400_000).toISOString();
  await deps().store.updateDocument(c.caseId, never, ['upload_pending'], {
    state: 'upload_pending',
    uploadExpiresAt: past,
    updatedAt: past,
  });
  expect((await d.getCase(c)).limits.filesLeft).toBe(37);

  const view = await until(
    async () => {
      const v = await d.getCase(c);
      const state = (id: string) => v.documents.find((x) => x.documentId === id)?.state;
      return state(checking) === 'classified' &&
        state(reading) === 'classified' &&
        state(never) === 'rejected'
        ? v
        : undefined;
    },
    'the reconciler to settle the three documents',
    60_000,
  );
  expect(view.documents.find((x) => x.documentId === never)?.reason).toBe('not_received');
  expect(view.limits.filesLeft).toBe(38);
  expect(view.can.submit).toBe(true);
  expect(view.checklist.problems.map((p) => p.code)).toContain('rejected_file');
  const events = (await deps().store.listEvents(c.caseId)).map((e) => e.action);
  expect(events).toEqual(expect.arrayContaining(['document_check_retried', 'document_reading_restarted']));
});
