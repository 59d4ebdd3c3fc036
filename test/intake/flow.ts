/** Steps shared by the intake handler tests: a case, an issued upload, the file landing in the bucket. */
import { readFileSync } from 'node:fs';
import { handler as createCase } from '#functions/api/create-case.ts';
import { handler as createUpload } from '#functions/api/create-upload.ts';
import { handler as uploadReceived } from '#functions/intake/upload-received.ts';
import { type Bench, CREATE_BODY, call, httpEvent, s3Created, sqsEvent } from './harness.ts';

export const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));

export async function newCase(body: object = CREATE_BODY): Promise<{ caseId: string; token: string }> {
  const res = await call(createCase, httpEvent('POST', '/cases', { body }));
  return { caseId: res.body.caseId, token: res.body.patientToken };
}

export async function issueUpload(
  c: { caseId: string; token: string },
  sizeBytes = 1000,
  fileName = 'file.pdf',
) {
  const res = await call(
    createUpload,
    httpEvent('POST', `/cases/${c.caseId}/uploads`, {
      token: c.token,
      pathParameters: { caseId: c.caseId },
      body: { fileName, contentType: 'application/pdf', sizeBytes },
    }),
  );
  if (res.status !== 201) throw new Error(`upload refused: ${JSON.stringify(res.body)}`);
  const documentId: string = res.body.documentId;
  return { documentId, key: `cases/${c.caseId}/documents/${documentId}.pdf` };
}

/** The browser's POST lands: the object is in the bucket and S3 tells the queue. */
export async function land(b: Bench, key: string, bytes: Uint8Array, sizeBytes?: number) {
  b.objects.set(key, { bytes, ...(sizeBytes !== undefined ? { sizeBytes } : {}) });
  return uploadReceived(sqsEvent([s3Created(key)]));
}
