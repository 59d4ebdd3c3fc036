/**
 * First-page previews through the real handlers: RenderPreview draws a checked document (Debian's
 * pdftoppm) when Textract's completion reaches it, UploadReceived records the image when it lands,
 * the case page gets a one-minute signed address of it, and the image goes with its document.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetDocumentTextDetectionCommand } from '@aws-sdk/client-textract';
import { beforeEach, describe, expect, it } from 'vitest';
import { overrideDeps } from '#app/deps.ts';
import { handler as createUpload } from '#functions/api/create-upload.ts';
import { handler as documentActions } from '#functions/api/document-actions.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { handler as renderPreview } from '#functions/intake/render-preview.ts';
import { handler as textDetected } from '#functions/intake/text-detected.ts';
import { handler as uploadReceived } from '#functions/intake/upload-received.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import { fixture, issueUpload, land, newCase } from './flow.ts';
import {
  type Bench,
  call,
  httpEvent,
  s3,
  s3Created,
  setup,
  snsTextract,
  sqsEvent,
  textract,
} from './harness.ts';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let b: Bench;
let c: { caseId: string; token: string };

beforeEach(async () => {
  b = setup();
  c = await newCase();
  textract.on(GetDocumentTextDetectionCommand).resolves({
    JobStatus: 'SUCCEEDED',
    DocumentMetadata: { Pages: 1 },
    Blocks: [
      { BlockType: 'PAGE', Page: 1 },
      ...['REFERTO ISTOLOGICO', 'Diagnosi istologica: carcinoma duttale infiltrante.'].map((Text) => ({
        BlockType: 'LINE' as const,
        Page: 1,
        Text,
      })),
    ],
  });
});

/** A document uploaded and checked (being read), and what its preview will be called. */
async function checkedDocument(file = 'corpus/007-pathology_report-it.pdf') {
  const bytes = fixture(file);
  const { documentId, key } = await issueUpload(c, bytes.length);
  await land(b, key, bytes);
  return { documentId, key, previewKey: `cases/${c.caseId}/previews/${documentId}.png` };
}

/** Textract's completion for the document, as each of the topic's two queues delivers it. */
const completion = (key: string, documentId: string) =>
  sqsEvent([snsTextract(`job-${documentId}`, 'SUCCEEDED', c.caseId, key)]);

const doc = (documentId: string) => b.table.get(`CASE#${c.caseId}`, `DOC#${documentId}`)!;
/** What was stored under previews/ (the case's request form is stored when it is created). */
const puts = () =>
  s3
    .commandCalls(PutObjectCommand)
    .map((p) => p.args[0].input)
    .filter((p) => p.Key?.includes('/previews/'));

/** The image lands in the bucket (as RenderPreview's PUT left it) and S3 tells the uploads queue. */
async function previewLands(previewKey: string, versionId: string) {
  // The version S3 gave RenderPreview's PUT, which its event names.
  const stored = b.objects.get(previewKey);
  if (stored) stored.versionId = versionId;
  return uploadReceived(sqsEvent([s3Created(previewKey, VALID_ENV.BUCKET_NAME, versionId)]));
}

async function caseView() {
  return (
    await call(
      getCase,
      httpEvent('GET', `/cases/${c.caseId}`, { token: c.token, pathParameters: { caseId: c.caseId } }),
    )
  ).body;
}

describe('first-page previews', () => {
  it('draws the first page of a checked document under previews/, and intake records it for the case page', async () => {
    const { documentId, key, previewKey } = await checkedDocument();
    expect((await renderPreview(completion(key, documentId))).batchItemFailures).toEqual([]);
    expect(puts()).toEqual([expect.objectContaining({ Key: previewKey, ContentType: 'image/png' })]);
    expect([...(b.objects.get(previewKey)?.bytes ?? []).slice(0, 8)]).toEqual(PNG);
    // The renderer cannot write the table: until the image lands, the page has none.
    expect(doc(documentId).preview).toBeUndefined();
    expect((await caseView()).documents[0].previewUrl).toBeNull();

    const before = doc(documentId);
    expect((await previewLands(previewKey, 'pv-1')).batchItemFailures).toEqual([]);
    expect(doc(documentId).preview).toEqual({ key: previewKey, versionId: 'pv-1' });
    // Not a move: the document's state and its time in it are as they were.
    expect(doc(documentId)).toMatchObject({ state: before.state, updatedAt: before.updatedAt });
    const url = new URL((await caseView()).documents[0].previewUrl);
    expect(url.pathname).toContain(previewKey);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('versionId')).toBe('pv-1');
    expect(url.searchParams.get('response-content-type')).toBe('image/png');

    // Textract reading it again (a job started again) draws nothing more.
    await renderPreview(completion(key, documentId));
    expect(puts()).toHaveLength(1);
  });

  it('never draws a document that has not passed the check', async () => {
    const pending = await issueUpload(c, 1000);
    const refused = await issueUpload(c, 29);
    await land(b, refused.key, fixture('bad/not-a-pdf.pdf'));
    expect(doc(refused.documentId).state).toBe('rejected');
    const reads = s3.commandCalls(GetObjectCommand).length;
    for (const d of [pending, refused])
      expect((await renderPreview(completion(d.key, d.documentId))).batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(reads);
    expect(puts()).toEqual([]);
  });

  it('lets go of a document removed while it waited, and retries one whose bytes S3 failed to give', async () => {
    const { documentId, key } = await checkedDocument();
    const other = await checkedDocument('corpus/003-oncologist_report-it.pdf');
    const denied = () => Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    // S3 refuses a version deleted for good (403 without ListBucket): the document went meanwhile.
    s3.on(GetObjectCommand).callsFake(() => {
      b.table.items.delete(`CASE#${c.caseId}|DOC#${documentId}`);
      throw denied();
    });
    expect((await renderPreview(completion(key, documentId))).batchItemFailures).toEqual([]);
    // The same refusal of a document still there: the queue brings it back.
    s3.on(GetObjectCommand).rejects(denied());
    expect((await renderPreview(completion(other.key, other.documentId))).batchItemFailures).toEqual([
      { itemIdentifier: 'msg-1' },
    ]);
    expect(puts()).toEqual([]);
  });

  it('leaves a document it cannot draw without a preview, and the document as it was', async () => {
    overrideDeps({ pagePreviews: { render: async () => undefined } });
    const { documentId, key } = await checkedDocument();
    const before = doc(documentId);
    expect((await renderPreview(completion(key, documentId))).batchItemFailures).toEqual([]);
    expect(puts()).toEqual([]);
    expect(doc(documentId)).toEqual(before);
    await textDetected(completion(key, documentId));
    const view = await caseView();
    // Read and settled all the same: the patient can send it.
    expect(view.documents[0].previewUrl).toBeNull();
    expect(view.can.submit).toBe(true);
  });

  it('deletes the preview with its document, removed or replaced, and one that lands after its document went', async () => {
    const first = await checkedDocument();
    await renderPreview(completion(first.key, first.documentId));
    await previewLands(first.previewKey, 'pv-1');
    await textDetected(completion(first.key, first.documentId));
    const removed = await call(
      documentActions,
      httpEvent('DELETE', `/cases/${c.caseId}/documents/${first.documentId}`, {
        token: c.token,
        pathParameters: { caseId: c.caseId, documentId: first.documentId },
      }),
    );
    expect(removed.status).toBe(200);
    expect(b.objects.has(first.previewKey)).toBe(false);
    // For good: the version recorded, not a delete marker over it.
    expect(s3.commandCalls(DeleteObjectCommand).map((d) => d.args[0].input)).toContainEqual(
      expect.objectContaining({ Key: first.previewKey, VersionId: 'pv-1' }),
    );

    // A replacement takes its file's preview with it.
    const second = await checkedDocument('corpus/003-oncologist_report-it.pdf');
    await renderPreview(completion(second.key, second.documentId));
    await previewLands(second.previewKey, 'pv-2');
    await textDetected(completion(second.key, second.documentId));
    const replaced = await call(
      createUpload,
      httpEvent('POST', `/cases/${c.caseId}/uploads`, {
        token: c.token,
        pathParameters: { caseId: c.caseId },
        body: {
          fileName: 'new.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1000,
          replaces: second.documentId,
        },
      }),
    );
    expect(replaced.status).toBe(201);
    expect(b.objects.has(second.previewKey)).toBe(false);

    // Drawn while its document was being removed: the image lands with nobody to show it to.
    const third = await checkedDocument('corpus/002-oncologist_report-en.pdf');
    await renderPreview(completion(third.key, third.documentId));
    await textDetected(completion(third.key, third.documentId));
    await call(
      documentActions,
      httpEvent('DELETE', `/cases/${c.caseId}/documents/${third.documentId}`, {
        token: c.token,
        pathParameters: { caseId: c.caseId, documentId: third.documentId },
      }),
    );
    expect(b.objects.has(third.previewKey)).toBe(true);
    expect((await previewLands(third.previewKey, 'pv-3')).batchItemFailures).toEqual([]);
    expect(b.objects.has(third.previewKey)).toBe(false);
  });
});
