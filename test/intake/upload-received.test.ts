import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import {
  LimitExceededException,
  ProvisionedThroughputExceededException,
  StartDocumentTextDetectionCommand,
  ThrottlingException,
} from '@aws-sdk/client-textract';
import { beforeEach, describe, expect, it } from 'vitest';
import { textractClient } from '#adapters/clients.ts';
import { TextractDetector } from '#adapters/textract.ts';
import { deps, overrideDeps } from '#app/deps.ts';
import { handler } from '#functions/intake/upload-received.ts';
import { codeWords } from '#presentation/i18n/code-words.ts';
import { CHECK_ATTEMPTS, CHECK_SECONDS, STALE_CHECK_SECONDS } from '#usecases/documents/windows.ts';
import { fixture, issueUpload, land, newCase } from './flow.ts';
import { type Bench, downloads, LIMITS, s3, s3Created, setup, sqsEvent, textract } from './harness.ts';

let b: Bench;
let c: { caseId: string; token: string };
beforeEach(async () => {
  b = setup();
  c = await newCase();
});

const doc = (documentId: string) => b.table.get(`CASE#${c.caseId}`, `DOC#${documentId}`)!;
const theCase = () => b.table.get(`CASE#${c.caseId}`, 'CASE')!;
const starts = () => textract.commandCalls(StartDocumentTextDetectionCommand);
const GOOD = fixture('corpus/002-oncologist_report-en.pdf');
const GOOD_PAGES = 2;

describe('upload received', () => {
  it('checks a good PDF, records its hash and pages, and starts one Textract job keyed by the document', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    const res = await land(b, key, GOOD);
    expect(res.batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({
      state: 'reading',
      jobId: `job-${documentId}`,
      pages: 2,
      sizeBytes: GOOD.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(doc(documentId).duplicateOf).toBeUndefined();
    const job = b.table.get(`JOB#job-${documentId}`, 'JOB')!;
    expect(job).toMatchObject({ caseId: c.caseId, documentId });
    // The table's TTL deletes the job's record TEXTRACT_JOB_DAYS (30) after it started.
    const kept = Number(job.expiresAtEpoch) * 1000 - Date.parse(String(job.startedAt)) - 30 * 86_400_000;
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(kept).toBeLessThan(1000);
    expect(starts()).toHaveLength(1);
    expect(starts()[0]!.args[0].input).toMatchObject({
      ClientRequestToken: documentId,
      JobTag: c.caseId,
      DocumentLocation: { S3Object: { Bucket: 'documents', Name: key } },
      NotificationChannel: { SNSTopicArn: expect.stringContaining('textract') },
    });
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: GOOD.length });
  });

  it("keeps a document past the case's Textract pages unread, for a doctor to read, and starts no job for it", async () => {
    overrideDeps({ config: { ...deps().config, TEXTRACT_PAGES_PER_CASE: GOOD_PAGES + 1 } });
    const first = await issueUpload(c, GOOD.length, 'report.pdf');
    const over = await issueUpload(c, GOOD.length, 'report (1).pdf');
    const fits = await issueUpload(c, 2000, 'one-page.pdf');
    await land(b, first.key, GOOD);
    await land(b, over.key, GOOD);
    await land(b, fits.key, fixture('bad/ok.pdf'));
    expect(doc(first.documentId).state).toBe('reading');
    expect(doc(over.documentId)).toMatchObject({
      state: 'needs_review',
      reason: 'page_cap',
      pages: GOOD_PAGES,
      classification: { documentType: 'other', needsReview: true },
    });
    expect(doc(over.documentId).jobId).toBeUndefined();
    // The document is kept: its bytes stay and it still counts on the case.
    expect(b.objects.has(over.key)).toBe(true);
    expect(doc(fits.documentId).state).toBe('reading');
    expect(starts().map((s) => s.args[0].input.ClientRequestToken)).toEqual([
      first.documentId,
      fits.documentId,
    ]);
    expect(theCase()).toMatchObject({ textractPages: GOOD_PAGES + 1, documentCount: 3 });
    expect(b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#')).toContainEqual(
      expect.objectContaining({
        action: 'document_received',
        details: { documentId: over.documentId, pages: GOOD_PAGES, unread: 'page_cap' },
      }),
    );
    // A redelivered event changes nothing.
    expect((await land(b, over.key, GOOD)).batchItemFailures).toEqual([]);
    expect(starts()).toHaveLength(2);
    expect(codeWords('it').reasons.page_cap).toMatch(/medico/);
  });

  it('corrects the case bytes to the measured size', async () => {
    const { key } = await issueUpload(c, 5);
    await land(b, key, GOOD);
    expect(theCase().documentBytes).toBe(GOOD.length);
  });

  it('handles the same S3 event delivered twice (and twice in one batch) once', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    await land(b, key, GOOD);
    const again = await handler(sqsEvent([s3Created(key), s3Created(key)]));
    expect(again.batchItemFailures).toEqual([]);
    expect(starts()).toHaveLength(1);
    expect(doc(documentId).state).toBe('reading');
  });

  it('flags the same file uploaded twice as a duplicate of the first', async () => {
    const first = await issueUpload(c, GOOD.length, 'report.pdf');
    b.clock.advance(1000);
    const second = await issueUpload(c, GOOD.length, 'report (1).pdf');
    await land(b, first.key, GOOD);
    await land(b, second.key, GOOD);
    expect(doc(first.documentId).duplicateOf).toBeUndefined();
    expect(doc(second.documentId)).toMatchObject({ state: 'reading', duplicateOf: first.documentId });
    expect(doc(second.documentId).sha256).toBe(doc(first.documentId).sha256);
  });

  it.each([
    ['a non-PDF renamed .pdf', 'bad/not-a-pdf.pdf', 'not_pdf'],
    ['a Word file renamed .pdf', 'bad/word-document.pdf', 'not_pdf'],
    ['an empty file', 'bad/empty.pdf', 'empty'],
    ['an encrypted PDF', 'bad/encrypted.pdf', 'encrypted'],
    ['a truncated PDF', 'bad/corrupt-truncated.pdf', 'corrupt'],
    ['a PDF without pages', 'bad/corrupt-no-pages.pdf', 'corrupt'],
    ['a PDF over the page limit', 'bad/many-pages.pdf', 'too_many_pages'],
  ])('rejects %s with a reason, deletes it and frees its place on the case', async (_, file, reason) => {
    const ok = await issueUpload(c, GOOD.length);
    await land(b, ok.key, GOOD);
    const { documentId, key } = await issueUpload(c, 2000);
    const res = await land(b, key, fixture(file));
    expect(res.batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({ state: 'rejected', reason });
    expect(b.objects.has(key)).toBe(false);
    expect(starts()).toHaveLength(1);
    expect(b.table.byPrefix('JOB#')).toHaveLength(1);
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: GOOD.length });
    expect(b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#').map((e) => e.action)).toContain(
      'document_rejected',
    );
  });

  it('rejects an object larger than the limit from its size alone, without reading it', async () => {
    const { documentId, key } = await issueUpload(c, 1000);
    await land(b, key, GOOD, LIMITS.MAX_UPLOAD_BYTES + 1);
    expect(doc(documentId)).toMatchObject({ state: 'rejected', reason: 'too_large' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
    expect(downloads).toEqual([]);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(1);
  });

  it('ignores keys the system never issued, report keys and other buckets', async () => {
    const before = b.table.snapshot();
    const unknown = `cases/${c.caseId}/documents/00000000-0000-4000-8000-000000000000.pdf`;
    b.objects.set(unknown, { bytes: GOOD });
    const res = await handler(
      sqsEvent([
        s3Created(unknown),
        s3Created(`cases/${c.caseId}/reports/00000000-0000-4000-8000-000000000001.pdf`),
        s3Created('uploads/evil.pdf'),
        s3Created(`cases/${c.caseId}/documents/../../x.pdf`),
        s3Created(unknown, 'another-bucket'),
      ]),
    );
    expect(res.batchItemFailures).toEqual([]);
    expect(starts()).toHaveLength(0);
    expect(b.table.snapshot()).toBe(before);
    expect(b.objects.has(unknown)).toBe(true);
  });

  it('ignores the S3 test event and reports an unreadable message for the dead-letter queue', async () => {
    const res = await handler(
      sqsEvent([{ Service: 'Amazon S3', Event: 's3:TestEvent' }, 'not json', { hello: 1 }]),
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-2' }, { itemIdentifier: 'msg-3' }]);
  });

  const slowDowns = [
    [
      'ProvisionedThroughputExceeded',
      () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
    ],
    ['LimitExceeded', () => new LimitExceededException({ message: 'too many jobs', $metadata: {} })],
    ['Throttling', () => new ThrottlingException({ message: 'rate', $metadata: {} })],
  ] as const;

  /** Textract refuses the first document's start while `full()` says the quota is used up. */
  function quota(firstDocumentId: string, error: () => Error, full: () => boolean) {
    textract.on(StartDocumentTextDetectionCommand).callsFake((input) => {
      if (input.ClientRequestToken === firstDocumentId && full()) throw error();
      return { JobId: `job-${input.ClientRequestToken}` };
    });
  }

  it.each(slowDowns)('on %s waits the quota out and reads the document in the same run', async (_, error) => {
    const first = await issueUpload(c, GOOD.length);
    const second = await issueUpload(c, GOOD.length);
    b.objects.set(first.key, { bytes: GOOD });
    b.objects.set(second.key, { bytes: fixture('bad/ok.pdf') });
    let refusals = 2;
    quota(first.documentId, error, () => refusals-- > 0);

    const res = await handler(sqsEvent([s3Created(first.key), s3Created(second.key)]));
    expect(res.batchItemFailures).toEqual([]);
    expect(doc(first.documentId)).toMatchObject({ state: 'reading', jobId: `job-${first.documentId}` });
    expect(doc(second.documentId).state).toBe('reading');
    const tokens = starts().map((s) => s.args[0].input.ClientRequestToken);
    expect(tokens.filter((t) => t === first.documentId)).toHaveLength(3);
    expect(b.table.byPrefix('JOB#')).toHaveLength(2);
  });

  it.each(slowDowns)(
    'on %s that outlasts its patience leaves the document retryable, reports the record, and succeeds on redelivery',
    async (_, error) => {
      overrideDeps({
        textDetector: new TextractDetector(textractClient(), 'b', 'arn:topic', 'arn:role', {
          totalMs: 40,
          maxPauseMs: 10,
        }),
      });
      const first = await issueUpload(c, GOOD.length);
      const second = await issueUpload(c, GOOD.length);
      b.objects.set(first.key, { bytes: GOOD });
      b.objects.set(second.key, { bytes: fixture('bad/ok.pdf') });
      let full = true;
      quota(first.documentId, error, () => full);

      const res = await handler(sqsEvent([s3Created(first.key), s3Created(second.key)]));
      expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
      expect(doc(first.documentId).state).toBe('upload_pending');
      expect(doc(first.documentId).jobId).toBeUndefined();
      expect(b.table.get(`JOB#job-${first.documentId}`, 'JOB')).toBeUndefined();
      expect(doc(second.documentId).state).toBe('reading');

      full = false;
      const retry = await handler(sqsEvent([s3Created(first.key)]));
      expect(retry.batchItemFailures).toEqual([]);
      expect(doc(first.documentId)).toMatchObject({ state: 'reading', jobId: `job-${first.documentId}` });
      // Its pages count once against the case's Textract pages, however many starts were refused.
      expect(theCase().textractPages).toBe(GOOD_PAGES + 1);
    },
  );

  /** The document as a run killed mid-check leaves it: `checking`, claimed `attempts` times, now. */
  function killedMidCheck(documentId: string, attempts = 1) {
    const key = `CASE#${c.caseId}|DOC#${documentId}`;
    b.table.items.set(key, {
      ...b.table.items.get(key),
      state: 'checking',
      checkAttempts: attempts,
      updatedAt: b.clock.now().toISOString(),
    });
  }

  it('sends a redelivery back to the queue while a check may still run, and takes the document up once the function timeout has passed', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    killedMidCheck(documentId);
    // Never dropped as a duplicate: the queue brings it back (and, in the end, dead-letters it).
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([
      { itemIdentifier: 'msg-1' },
    ]);
    b.clock.advance(CHECK_SECONDS * 1000);
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([
      { itemIdentifier: 'msg-1' },
    ]);
    expect(doc(documentId).state).toBe('checking');
    expect(starts()).toHaveLength(0);

    b.clock.set(new Date(Date.parse(String(doc(documentId).updatedAt)) + STALE_CHECK_SECONDS * 1000));
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({ state: 'reading', checkAttempts: 2 });
    expect(starts()).toHaveLength(1);
    const events = b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#');
    expect(events.find((e) => e.action === 'document_check_retried')?.details).toMatchObject({ attempt: 2 });
  });

  it('fails a document whose checks were all killed, with a reason the pages put in words', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    killedMidCheck(documentId, CHECK_ATTEMPTS);
    b.clock.advance(STALE_CHECK_SECONDS * 1000);
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({ state: 'failed', reason: 'check_failed' });
    expect(starts()).toHaveLength(0);
    expect(codeWords('it').reasons.check_failed).toBe(
      'non è stato possibile completare il controllo del file',
    );
    // Settled: another delivery changes nothing.
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([]);
    expect(doc(documentId).state).toBe('failed');
  });

  it('counts every check it claims, so a document whose checks keep failing ends failed, not pending', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD });
    textract.on(StartDocumentTextDetectionCommand).rejects(new Error('Textract is down'));
    for (let i = 1; i <= CHECK_ATTEMPTS; i++) {
      expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toHaveLength(1);
      expect(doc(documentId)).toMatchObject({ state: 'upload_pending', checkAttempts: i });
    }
    expect((await handler(sqsEvent([s3Created(key)]))).batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({ state: 'failed', reason: 'check_failed' });
  });

  it('deletes bytes that arrive for an upload already given up as never received', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    const pending = doc(documentId);
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, {
      ...pending,
      state: 'rejected',
      reason: 'not_received',
    });
    const res = await land(b, key, GOOD);
    expect(res.batchItemFailures).toEqual([]);
    expect(b.objects.has(key)).toBe(false);
    expect(doc(documentId).state).toBe('rejected');
    expect(starts()).toHaveLength(0);
  });
});

describe('a document bound to the version it checked', () => {
  const OTHER = fixture('bad/ok.pdf');
  const post = (key: string, versionId: string) => handler(sqsEvent([s3Created(key, undefined, versionId)]));
  const deletions = () => s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input);

  it('records the version it checked, and Textract reads that version', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD, versionId: 'v1' });
    expect((await post(key, 'v1')).batchItemFailures).toEqual([]);
    expect(doc(documentId)).toMatchObject({ state: 'reading', versionId: 'v1' });
    expect(starts()[0]!.args[0].input.DocumentLocation?.S3Object).toMatchObject({ Name: key, Version: 'v1' });
  });

  it('refuses the same upload sent again over a checked document: the new version deleted, nothing else changes', async () => {
    const { documentId, key } = await issueUpload(c, GOOD.length);
    b.objects.set(key, { bytes: GOOD, versionId: 'v1' });
    await post(key, 'v1');
    const before = b.table.snapshot();
    b.objects.set(key, { bytes: OTHER, versionId: 'v2', previous: b.objects.get(key)! });

    expect((await post(key, 'v2')).batchItemFailures).toEqual([]);
    expect(deletions()).toEqual([{ Bucket: 'documents', Key: key, VersionId: 'v2' }]);
    expect(b.objects.get(key)).toMatchObject({ bytes: GOOD, versionId: 'v1' });
    expect(b.table.snapshot()).toBe(before);
    expect(starts()).toHaveLength(1);
    const events = b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#').map((e) => e.action);
    expect(events).toContain('document_replacement_refused');
    // The checked version's own event, redelivered, is still a duplicate.
    expect((await post(key, 'v1')).batchItemFailures).toEqual([]);
    expect(deletions()).toHaveLength(1);
    expect(doc(documentId).state).toBe('reading');
  });

  it('refuses a new version after a rejection too', async () => {
    const { documentId, key } = await issueUpload(c, 2000);
    b.objects.set(key, { bytes: fixture('bad/encrypted.pdf'), versionId: 'v1' });
    await post(key, 'v1');
    expect(doc(documentId)).toMatchObject({ state: 'rejected', reason: 'encrypted', versionId: 'v1' });
    b.objects.set(key, { bytes: GOOD, versionId: 'v2' });
    expect((await post(key, 'v2')).batchItemFailures).toEqual([]);
    expect(b.objects.has(key)).toBe(false);
    expect(doc(documentId).state).toBe('rejected');
    expect(starts()).toHaveLength(0);
  });
});
