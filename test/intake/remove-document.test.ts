/**
 * DELETE /cases/{caseId}/documents/{documentId}: the patient removes a file of theirs before
 * submitting, and when a doctor asked for more only the files added since; the object and record
 * go, the place is freed, the audit keeps the fact; files in progress, staff's and other cases'
 * files stay.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createCase } from '#functions/api/create-case.ts';
import { handler as createUpload } from '#functions/api/create-upload.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { handler as removeDocument } from '#functions/api/remove-document.ts';
import { type Bench, CREATE_BODY, call, httpEvent, setup } from './harness.ts';

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
  const res = await call(
    createUpload,
    httpEvent('POST', `/cases/${caseId}/uploads`, {
      body: { fileName: 'referto.pdf', contentType: 'application/pdf', sizeBytes },
      token,
      pathParameters: { caseId },
    }),
  );
  expect(res.status).toBe(201);
  const { documentId } = res.body;
  const item = doc(documentId)!;
  Object.assign(item, { state, versionId: 'v1', classification: { documentType: 'pathology_report' } });
  b.objects.set(String(item.key), { bytes: new Uint8Array(sizeBytes), versionId: 'v1' });
  return documentId;
}

const remove = (documentId: string, t = token, id = caseId) =>
  call(
    removeDocument,
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
