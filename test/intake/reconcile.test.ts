import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  GetDocumentTextDetectionCommand,
  InvalidJobIdException,
  StartDocumentTextDetectionCommand,
} from '@aws-sdk/client-textract';
import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { handler } from '#functions/intake/reconcile.ts';
import {
  CHECK_ATTEMPTS,
  CHECK_SECONDS,
  READING_GIVE_UP_SECONDS,
  READING_SECONDS,
  STALE_CHECK_SECONDS,
  UPLOAD_GRACE_SECONDS,
} from '#usecases/documents/windows.ts';
import { fixture, issueUpload, land, newCase } from './flow.ts';
import { type Bench, call, context, httpEvent, LIMITS, s3, setup, textract } from './harness.ts';

let b: Bench;
let c: { caseId: string; token: string };
beforeEach(async () => {
  b = setup();
  c = await newCase();
});

const GOOD = fixture('corpus/002-oncologist_report-en.pdf');
const doc = (documentId: string) => b.table.get(`CASE#${c.caseId}`, `DOC#${documentId}`)!;
const theCase = () => b.table.get(`CASE#${c.caseId}`, 'CASE')!;
const starts = () => textract.commandCalls(StartDocumentTextDetectionCommand);
const seconds = (n: number) => b.clock.advance(n * 1000);
const UPLOAD_WINDOW = 15 * 60;

/** A run of the scheduled function with `remainingMs` before its timeout. */
function run(remainingMs = 300_000) {
  return handler({ source: 'aws.events' }, {
    ...context,
    getRemainingTimeInMillis: () => remainingMs,
  } as Context);
}

/** The document as a check killed mid-way leaves it: claimed now, `attempts` times so far. */
async function claimedNow(documentId: string, attempts = 1) {
  await deps().store.updateDocument(c.caseId, documentId, ['upload_pending'], {
    state: 'checking',
    checkAttempts: attempts,
    updatedAt: b.clock.now().toISOString(),
  });
}

/** Textract's answer about a job: its status, with a short pathology report when it has finished. */
function textractSays(status: string) {
  textract.on(GetDocumentTextDetectionCommand).resolves({
    JobStatus: status as 'SUCCEEDED',
    Blocks:
      status === 'SUCCEEDED'
        ? [
            { BlockType: 'PAGE', Page: 1 },
            { BlockType: 'LINE', Page: 1, Text: 'REFERTO ISTOLOGICO' },
            { BlockType: 'LINE', Page: 1, Text: 'Descrizione microscopica: carcinoma duttale infiltrante.' },
            {
              BlockType: 'LINE',
              Page: 1,
              Text: 'Diagnosi istologica: carcinoma, margini di resezione indenni.',
            },
          ]
        : [],
  });
}

describe('reconcile', () => {
  it("checks again a document stuck in checking past the check's timeout, and leaves one within it", async () => {
    const stuck = await issueUpload(c, GOOD.length);
    const busy = await issueUpload(c, GOOD.length);
    b.objects.set(stuck.key, { bytes: GOOD });
    b.objects.set(busy.key, { bytes: GOOD });
    await claimedNow(stuck.documentId);
    seconds(CHECK_SECONDS);
    await claimedNow(busy.documentId);
    seconds(STALE_CHECK_SECONDS - CHECK_SECONDS);

    expect(await run()).toEqual({ reading: 1 });
    expect(doc(stuck.documentId)).toMatchObject({ state: 'reading', checkAttempts: 2 });
    expect(doc(busy.documentId).state).toBe('checking');
    expect(starts()).toHaveLength(1);
    // Out of reading, out of the index of unsettled documents; the one left is still in it.
    await land(b, busy.key, GOOD).catch(() => undefined);
    expect(doc(stuck.documentId).gsi1pk).toBe('DOCSTATE#reading');
    expect(doc(busy.documentId).gsi1pk).toBe('DOCSTATE#checking');
  });

  it('fails a document stuck in checking once its attempts are used up', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    await claimedNow(documentId, CHECK_ATTEMPTS);
    seconds(STALE_CHECK_SECONDS);
    expect(await run()).toEqual({ failed: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'failed', reason: 'check_failed' });
    expect(doc(documentId).gsi1pk).toBeUndefined();
    expect(starts()).toHaveLength(0);
    expect(await run()).toEqual({});
  });

  it('checks an upload whose bytes arrived but whose event never came', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    seconds(UPLOAD_WINDOW + UPLOAD_GRACE_SECONDS);
    expect(await run()).toEqual({ reading: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'reading', checkAttempts: 1 });
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: GOOD.length });
  });

  it('gives up an upload never sent, after its window and a grace, and frees its place on the case', async () => {
    const sent = await issueUpload(c, GOOD.length);
    await land(b, sent.key, GOOD);
    const never = await issueUpload(c, 5000, 'scan.pdf');
    expect(theCase()).toMatchObject({ documentCount: 2, documentBytes: GOOD.length + 5000 });

    textractSays('SUCCEEDED');
    seconds(UPLOAD_WINDOW + UPLOAD_GRACE_SECONDS - 1);
    // (The document sent lost its Textract notification too: it is read from the job.)
    expect(await run()).toEqual({ left: 1, classified: 1 });
    expect(doc(never.documentId).state).toBe('upload_pending');

    seconds(1);
    expect(await run()).toEqual({ abandoned: 1 });
    expect(doc(never.documentId)).toMatchObject({ state: 'rejected', reason: 'not_received' });
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: GOOD.length });
    const view = await call(
      getCase,
      httpEvent('GET', `/cases/${c.caseId}`, { token: c.token, pathParameters: { caseId: c.caseId } }),
    );
    expect(
      view.body.documents.find((x: { documentId: string }) => x.documentId === never.documentId),
    ).toMatchObject({
      state: 'rejected',
      reason: 'not_received',
    });
    expect(view.body.limits.filesLeft).toBe(LIMITS.MAX_FILES_PER_CASE - 1);
  });

  it('checks again a document handed back after errors, once its check would have ended', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    await claimedNow(documentId);
    await deps().store.updateDocument(c.caseId, documentId, ['checking'], {
      state: 'upload_pending',
      updatedAt: b.clock.now().toISOString(),
    });
    seconds(STALE_CHECK_SECONDS - 1);
    expect(await run()).toEqual({});
    seconds(1);
    expect(await run()).toEqual({ reading: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'reading', checkAttempts: 2 });
  });

  it('reads the result of a Textract job whose notification was lost', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    await land(b, key, GOOD);
    textractSays('SUCCEEDED');
    seconds(READING_SECONDS - 1);
    expect(await run()).toEqual({});
    seconds(1);
    expect(await run()).toEqual({ classified: 1 });
    expect(doc(documentId)).toMatchObject({
      state: 'classified',
      classification: { documentType: 'pathology_report' },
    });
  });

  it('leaves a job Textract is still running, and fails the document after a day', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    await land(b, key, GOOD);
    textractSays('IN_PROGRESS');
    seconds(READING_SECONDS);
    expect(await run()).toEqual({ left: 1 });
    expect(doc(documentId).state).toBe('reading');
    seconds(READING_GIVE_UP_SECONDS - READING_SECONDS);
    expect(await run()).toEqual({ failed: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'failed', reason: 'text_detection_failed' });
  });

  it('starts a job Textract no longer knows again, and fails the document when Textract gives back the same', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    await land(b, key, GOOD);
    textract
      .on(GetDocumentTextDetectionCommand)
      .rejects(
        new InvalidJobIdException({ message: 'An invalid job identifier was passed.', $metadata: {} }),
      );
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-again' });
    seconds(READING_SECONDS);
    expect(await run()).toEqual({ restarted: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'reading', jobId: 'job-again' });
    expect(b.table.get('JOB#job-again', 'JOB')).toMatchObject({ caseId: c.caseId, documentId });

    seconds(READING_SECONDS);
    expect(await run()).toEqual({ failed: 1 });
    expect(doc(documentId)).toMatchObject({ state: 'failed', reason: 'text_detection_failed' });
  });

  it('takes no check up without the time to finish it', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    await claimedNow(documentId);
    seconds(STALE_CHECK_SECONDS);
    expect(await run(CHECK_SECONDS * 1000)).toEqual({ left: 1 });
    expect(doc(documentId).state).toBe('checking');
  });

  it('settles the others when one document cannot be, and fails the run so the alarm says so', async () => {
    const broken = await issueUpload(c, GOOD.length);
    const fine = await issueUpload(c, GOOD.length);
    b.objects.set(broken.key, { bytes: GOOD });
    b.objects.set(fine.key, { bytes: GOOD });
    s3.on(GetObjectCommand, { Key: broken.key }).rejects(new Error('S3 is unwell'));
    seconds(UPLOAD_WINDOW + UPLOAD_GRACE_SECONDS);
    await expect(run()).rejects.toThrow('1 document(s) could not be reconciled');
    expect(doc(fine.documentId).state).toBe('reading');
    expect(doc(broken.documentId).state).toBe('upload_pending');
  });
});
