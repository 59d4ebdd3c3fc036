/**
 * The patient's own files. DELETE /cases/{caseId}/documents/{documentId}: they remove a file of
 * theirs before submitting, and when a doctor asked for more only the files added since; the
 * object and record go, the place is freed, the audit keeps the fact; files in progress, staff's
 * and other cases' files stay. An upload with `replaces` takes a file's place the same way, and
 * PUT .../type stores what the patient says a file is beside the classifier's reading.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createCase } from '#functions/api/create-case.ts';
import { handler as createUpload } from '#functions/api/create-upload.ts';
import { handler as documentActions } from '#functions/api/document-actions.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { type Bench, CREATE_BODY, call, httpEvent, LIMITS, setup } from './harness.ts';

let b: Bench;
let caseId: string;
let token: string;

beforeEach(async () => {
  b = setup();
  const res = await call(createCase, httpEvent('POST', '/cases', { body: CREATE_BODY }));
  caseId = res.body.caseId;
  token = res.body.patientToken;
});

const theCase = () => b.table.get(`CASE#${caseId}`, 'CASE')!;
const doc = (documentId: string) => b.table.get(`CASE#${caseId}`, `DOC#${documentId}`);

/** An uploaded file, read and classified (the intake path is tested on its own), its object in the bucket. */
async function classifiedFile(sizeBytes = 1000, state = 'classified'): Promise<string> {
  const res = await upload(sizeBytes);
  expect(res.status).toBe(201);
  const { documentId } = res.body;
  const item = doc(documentId)!;
  Object.assign(item, { state, versionId: 'v1', classification: { documentType: 'pathology_report' } });
  b.objects.set(String(item.key), { bytes: new Uint8Array(sizeBytes), versionId: 'v1' });
  return documentId;
}

const upload = (sizeBytes: number, replaces?: string) =>
  call(
    createUpload,
    httpEvent('POST', `/cases/${caseId}/uploads`, {
      body: {
        fileName: 'referto.pdf',
        contentType: 'application/pdf',
        sizeBytes,
        ...(replaces ? { replaces } : {}),
      },
      token,
      pathParameters: { caseId },
    }),
  );

const relabel = (documentId: string, documentType: unknown, t = token) =>
  call(
    documentActions,
    httpEvent('PUT', `/cases/${caseId}/documents/${documentId}/type`, {
      body: { documentType },
      token: t,
      pathParameters: { caseId, documentId },
    }),
  );

const remove = (documentId: string, t = token, id = caseId) =>
  call(
    documentActions,
    httpEvent('DELETE', `/cases/${id}/documents/${documentId}`, {
      token: t,
      pathParameters: { caseId: id, documentId },
    }),
  );

const view = async () =>
  (await call(getCase, httpEvent('GET', `/cases/${caseId}`, { token, pathParameters: { caseId } }))).body;

describe('DELETE /cases/{caseId}/documents/{documentId}', () => {
  it('removes a file of a draft: object, record and place on the case, with an audit entry', async () => {
    const keep = await classifiedFile(500);
    const gone = await classifiedFile(1000);
    expect(theCase()).toMatchObject({ documentCount: 2, documentBytes: 1500 });
    expect((await view()).documents.map((d: { removable: boolean }) => d.removable)).toEqual([true, true]);
    const key = String(doc(gone)!.key);

    const res = await remove(gone);
    expect(res).toEqual({ status: 200, body: { removed: gone } });
    expect(doc(gone)).toBeUndefined();
    expect(b.objects.has(key)).toBe(false);
    expect(doc(keep)).toBeDefined();
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: 500 });
    expect(b.table.byPrefix(`CASE#${caseId}`, 'EVENT#')).toContainEqual(
      expect.objectContaining({
        action: 'document_removed',
        actor: 'patient',
        details: { documentId: gone, state: 'classified', documentType: 'pathology_report' },
      }),
    );
    expect((await view()).documents.map((d: { documentId: string }) => d.documentId)).toEqual([keep]);
  });

  it('does not free twice the place of a rejected file', async () => {
    const rejected = await classifiedFile(1000, 'rejected');
    // Rejection freed it already.
    Object.assign(theCase(), { documentCount: 0, documentBytes: 0 });
    expect((await remove(rejected)).status).toBe(200);
    expect(theCase()).toMatchObject({ documentCount: 0, documentBytes: 0 });
  });

  it('waits for a file still being checked, and refuses anything that is not the patient’s file', async () => {
    const checking = await classifiedFile(1000, 'checking');
    expect((await remove(checking)).body.error.code).toBe('documents_in_progress');
    expect(doc(checking)).toBeDefined();

    const form = b.table.byPrefix(`CASE#${caseId}`, 'DOC#').find((d) => d.origin === 'service')!;
    expect((await remove(String(form.documentId))).status).toBe(404);
    expect((await remove('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await remove(checking, 'x'.repeat(43))).status).toBe(401);
    expect(theCase()).toMatchObject({ documentCount: 1 });
  });

  it('when documents are requested, removes only the files added since the request', async () => {
    const seen = await classifiedFile();
    b.clock.advance(60_000);
    const openedAt = b.clock.now().toISOString();
    Object.assign(theCase(), { status: 'documents_requested', submittedAt: openedAt });
    b.table.items.set(`CASE#${caseId}|WAIT#documents`, {
      pk: `CASE#${caseId}`,
      sk: 'WAIT#documents',
      caseId,
      step: 'documents',
      openedAt,
    });
    b.clock.advance(60_000);
    const added = await classifiedFile();
    expect((await view()).documents.map((d: { removable: boolean }) => d.removable)).toEqual([false, true]);
    expect((await remove(seen)).status).toBe(400);
    expect(doc(seen)).toBeDefined();
    expect((await remove(added)).status).toBe(200);
  });

  it('refuses once the case takes no files', async () => {
    const file = await classifiedFile();
    Object.assign(theCase(), { status: 'triage' });
    expect((await remove(file)).body.error.code).toBe('uploads_closed');
    expect((await view()).documents[0].removable).toBe(false);
  });
});

describe('a replacement (POST /cases/{caseId}/uploads with replaces)', () => {
  it('takes the old file’s place: the old object and record go, the audit names the new one', async () => {
    const keep = await classifiedFile(500);
    const old = await classifiedFile(1000);
    const key = String(doc(old)!.key);
    const res = await upload(3000, old);
    expect(res.status).toBe(201);
    const fresh = res.body.documentId;
    expect(doc(old)).toBeUndefined();
    expect(b.objects.has(key)).toBe(false);
    expect(doc(fresh)).toMatchObject({ state: 'upload_pending', sizeBytes: 3000 });
    // Counted net of the old file: two files, 500 + 3000 bytes.
    expect(theCase()).toMatchObject({ documentCount: 2, documentBytes: 3500 });
    expect(b.table.byPrefix(`CASE#${caseId}`, 'EVENT#')).toContainEqual(
      expect.objectContaining({
        action: 'document_replaced',
        actor: 'patient',
        details: {
          documentId: old,
          state: 'classified',
          documentType: 'pathology_report',
          replacedBy: fresh,
        },
      }),
    );
    expect((await view()).documents.map((d: { documentId: string }) => d.documentId).sort()).toEqual(
      [keep, fresh].sort(),
    );
  });

  it('works on a full case, and refuses what the patient may not change, keeping the old file', async () => {
    const files: string[] = [];
    for (let i = 0; i < LIMITS.MAX_FILES_PER_CASE; i++) files.push(await classifiedFile(10));
    expect((await upload(10)).body.error.code).toBe('too_many_files');
    expect((await upload(10, files[0]!)).status).toBe(201);
    expect(theCase()).toMatchObject({ documentCount: LIMITS.MAX_FILES_PER_CASE });

    const checking = files[1]!;
    Object.assign(doc(checking)!, { state: 'checking' });
    expect((await upload(10, checking)).body.error.code).toBe('documents_in_progress');
    expect(doc(checking)).toBeDefined();
    const form = b.table.byPrefix(`CASE#${caseId}`, 'DOC#').find((d) => d.origin === 'service')!;
    expect((await upload(10, String(form.documentId))).status).toBe(404);
    expect(b.table.byPrefix(`CASE#${caseId}`, 'DOC#').some((d) => d.origin === 'service')).toBe(true);
    Object.assign(theCase(), { status: 'triage' });
    expect((await upload(10, files[2]!)).body.error.code).toBe('uploads_closed');
    expect(doc(files[2]!)).toBeDefined();
  });
});

describe('PUT /cases/{caseId}/documents/{documentId}/type', () => {
  it('stores the patient’s word beside the classifier’s, flags the disagreement, and withdraws it', async () => {
    const file = await classifiedFile();
    Object.assign(doc(file)!, {
      classification: { documentType: 'privacy_consent', confidence: 0.6, language: 'it' },
    });
    const res = await relabel(file, 'identity_document');
    expect(res).toEqual({ status: 200, body: { documentId: file, declaredType: 'identity_document' } });
    // Beside, never over, the classifier's reading.
    expect(doc(file)).toMatchObject({
      declaredType: 'identity_document',
      classification: { documentType: 'privacy_consent' },
    });
    const v = await view();
    expect(v.documents[0]).toMatchObject({
      declaredType: 'identity_document',
      classification: { documentType: 'privacy_consent' },
    });
    // The checklist counts it as the patient says, and tells triage the two disagree.
    expect(v.checklist.items).toContainEqual(
      expect.objectContaining({ documentType: 'identity_document', present: true }),
    );
    expect(v.checklist.problems).toContainEqual(
      expect.objectContaining({ code: 'declared_type_differs', documentId: file }),
    );
    expect(b.table.byPrefix(`CASE#${caseId}`, 'EVENT#')).toContainEqual(
      expect.objectContaining({
        action: 'document_relabelled',
        actor: 'patient',
        details: { documentId: file, documentType: 'privacy_consent', declaredType: 'identity_document' },
      }),
    );

    expect((await relabel(file, null)).status).toBe(200);
    expect(doc(file)).not.toHaveProperty('declaredType');
    expect((await view()).checklist.problems.map((p: { code: string }) => p.code)).not.toContain(
      'declared_type_differs',
    );
  });

  it('refuses an unknown type, a file not read yet, a stranger, and a closed case', async () => {
    const file = await classifiedFile();
    expect((await relabel(file, 'x_ray')).status).toBe(400);
    expect((await relabel(file, 'identity_document', 'x'.repeat(43))).status).toBe(401);
    const checking = await classifiedFile(1000, 'checking');
    expect((await relabel(checking, 'identity_document')).body.error.code).toBe('documents_in_progress');
    const rejected = await classifiedFile(1000, 'rejected');
    expect((await relabel(rejected, 'identity_document')).body.error.code).toBe('read_only');
    Object.assign(theCase(), { status: 'triage' });
    expect((await relabel(file, 'identity_document')).body.error.code).toBe('uploads_closed');
    for (const id of [file, checking, rejected]) expect(doc(id)).not.toHaveProperty('declaredType');
  });
});
