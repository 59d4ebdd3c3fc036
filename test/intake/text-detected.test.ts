import {
  GetDocumentTextDetectionCommand,
  type GetDocumentTextDetectionCommandOutput,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-textract';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/intake/text-detected.ts';
import { fixture, issueUpload, land, newCase } from './flow.ts';
import { type Bench, setup, snsTextract, sqsEvent, textract } from './harness.ts';

let b: Bench;
let c: { caseId: string; token: string };
let documentId: string;
let jobId: string;

beforeEach(async () => {
  b = setup();
  c = await newCase();
  const good = fixture('bad/ok.pdf');
  ({ documentId } = await issueUpload(c, good.length));
  await land(b, `cases/${c.caseId}/documents/${documentId}.pdf`, good);
  jobId = `job-${documentId}`;
});

const doc = () => b.table.get(`CASE#${c.caseId}`, `DOC#${documentId}`)!;
const gets = () => textract.commandCalls(GetDocumentTextDetectionCommand);

type Out = Partial<GetDocumentTextDetectionCommandOutput>;
const lines = (page: number, texts: string[]) => [
  { BlockType: 'PAGE' as const, Page: page },
  ...texts.map((Text) => ({ BlockType: 'LINE' as const, Page: page, Text, Confidence: 99 })),
  ...texts.flatMap((t) => t.split(' ').map((w) => ({ BlockType: 'WORD' as const, Page: page, Text: w }))),
];

/** Textract's answer in result pages, chained by NextToken. */
function results(pages: Out[]) {
  textract.on(GetDocumentTextDetectionCommand).callsFake((input) => {
    const i = input.NextToken ? Number(input.NextToken.slice(1)) : 0;
    return {
      JobStatus: 'SUCCEEDED',
      DocumentMetadata: { Pages: 2 },
      ...pages[i],
      ...(i + 1 < pages.length ? { NextToken: `t${i + 1}` } : {}),
    };
  });
}

describe('text detected', () => {
  it('pages through every result (NextToken), groups lines per page, classifies and stores', async () => {
    results([
      { Blocks: lines(1, ['REFERTO ISTOLOGICO', 'Data referto: 12/11/2026', 'Paziente: Bianchi Giulia']) },
      { Blocks: lines(1, ['Descrizione macroscopica: il preparato misura cm 6.']) },
      {
        Blocks: lines(2, [
          'Descrizione microscopica: carcinoma duttale infiltrante.',
          'Diagnosi istologica: carcinoma, margini di resezione indenni.',
        ]),
      },
    ]);
    const res = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED', c.caseId)]));
    expect(res.batchItemFailures).toEqual([]);
    expect(gets().map((g) => g.args[0].input.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(doc()).toMatchObject({
      state: 'classified',
      classification: {
        documentType: 'pathology_report',
        language: 'it',
        documentDate: '2026-11-12',
        needsReview: false,
      },
    });
    const signals = (doc().classification as { signals: { cue: string; where: string }[] }).signals;
    expect(signals).toContainEqual(expect.objectContaining({ for: 'pathology_report', where: 'title' }));
  });

  it('accepts the raw Textract message as well as the SNS envelope', async () => {
    results([
      { Blocks: lines(1, ['PROXY AUTHORIZATION', 'I hereby authorize my son to act on my behalf.']) },
    ]);
    const raw = JSON.parse(snsTextract(jobId, 'SUCCEEDED').Message);
    const res = await handler(sqsEvent([raw]));
    expect(res.batchItemFailures).toEqual([]);
    expect(doc()).toMatchObject({
      state: 'classified',
      classification: { documentType: 'proxy_authorization' },
    });
  });

  it('makes a failed job a visible failed document with a reason', async () => {
    const res = await handler(sqsEvent([snsTextract(jobId, 'FAILED')]));
    expect(res.batchItemFailures).toEqual([]);
    expect(doc()).toMatchObject({ state: 'failed', reason: 'text_detection_failed' });
    expect(gets()).toHaveLength(0);
    expect(b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#').map((e) => e.action)).toContain('document_failed');
  });

  it('puts a document with no readable text up for review', async () => {
    results([{ Blocks: [{ BlockType: 'PAGE', Page: 1 }] }]);
    await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(doc()).toMatchObject({
      state: 'needs_review',
      reason: 'no_text',
      classification: { documentType: 'other' },
    });
  });

  it('handles a redelivered notification once', async () => {
    results([
      { Blocks: lines(1, ['OPERATIVE REPORT', 'Procedure performed: lobectomy.', 'Surgeon: Dr. Rossi']) },
    ]);
    await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    const after = b.table.snapshot();
    const again = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED'), snsTextract(jobId, 'FAILED')]));
    expect(again.batchItemFailures).toEqual([]);
    expect(gets()).toHaveLength(1);
    expect(b.table.snapshot()).toBe(after);
    expect(doc().state).toBe('classified');
  });

  it('ignores a job it never started and other Textract APIs', async () => {
    const before = b.table.snapshot();
    const other = {
      ...snsTextract(jobId, 'SUCCEEDED'),
      Message: JSON.stringify({ JobId: jobId, Status: 'SUCCEEDED', API: 'StartDocumentAnalysis' }),
    };
    const res = await handler(sqsEvent([snsTextract('job-unknown', 'SUCCEEDED'), other]));
    expect(res.batchItemFailures).toEqual([]);
    expect(b.table.snapshot()).toBe(before);
  });

  it('on throttling keeps the document reading and reports the record for a retry that then succeeds', async () => {
    let first = true;
    textract.on(GetDocumentTextDetectionCommand).callsFake(() => {
      if (first) {
        first = false;
        throw new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
      }
      return {
        JobStatus: 'SUCCEEDED',
        Blocks: lines(1, ['DISCHARGE SUMMARY', 'Date of discharge: 02/11/2026']),
      };
    });
    const res = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(doc().state).toBe('reading');
    const retry = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(retry.batchItemFailures).toEqual([]);
    expect(doc()).toMatchObject({
      state: 'classified',
      classification: { documentType: 'discharge_letter', documentDate: '2026-11-02' },
    });
  });

  it('sends a completion that overtook the upload step back to the queue, then handles it', async () => {
    results([{ Blocks: lines(1, ['LETTERA DI DIMISSIONE', 'Data di dimissione: 02/11/2026']) }]);
    const reading = doc();
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, {
      ...reading,
      state: 'checking',
      jobId: undefined,
    });
    const early = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(doc().state).toBe('checking');
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, reading);
    const later = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(later.batchItemFailures).toEqual([]);
    expect(doc()).toMatchObject({
      state: 'classified',
      classification: { documentType: 'discharge_letter' },
    });
  });

  it('sends back a completion for a document its failed check handed back, until the retried check records the job', async () => {
    results([{ Blocks: lines(1, ['LETTERA DI DIMISSIONE', 'Data di dimissione: 02/11/2026']) }]);
    const reading = doc();
    // The check had started the job, then failed (a table error) and released the document.
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, {
      ...reading,
      state: 'upload_pending',
      jobId: undefined,
    });
    const early = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(doc().state).toBe('upload_pending');
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, reading);
    const later = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED')]));
    expect(later.batchItemFailures).toEqual([]);
    expect(doc().state).toBe('classified');
  });

  it('sends back a completion that arrives before its job is even recorded', async () => {
    results([{ Blocks: lines(1, ['LETTERA DI DIMISSIONE', 'Data di dimissione: 02/11/2026']) }]);
    const reading = doc();
    const job = b.table.get(`JOB#${jobId}`, 'JOB')!;
    b.table.items.delete(`JOB#${jobId}|JOB`);
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, {
      ...reading,
      state: 'checking',
      jobId: undefined,
    });
    const key = `cases/${c.caseId}/documents/${documentId}.pdf`;
    const early = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED', c.caseId, key)]));
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    b.table.items.set(`JOB#${jobId}|JOB`, job);
    b.table.items.set(`CASE#${c.caseId}|DOC#${documentId}`, reading);
    const later = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED', c.caseId, key)]));
    expect(later.batchItemFailures).toEqual([]);
    expect(doc().state).toBe('classified');
  });

  it('finds the document by the key Textract read, without the job record', async () => {
    results([{ Blocks: lines(1, ['LETTERA DI DIMISSIONE', 'Data di dimissione: 02/11/2026']) }]);
    b.table.items.delete(`JOB#${jobId}|JOB`);
    const key = `cases/${c.caseId}/documents/${documentId}.pdf`;
    const res = await handler(sqsEvent([snsTextract(jobId, 'SUCCEEDED', c.caseId, key)]));
    expect(res.batchItemFailures).toEqual([]);
    expect(doc().state).toBe('classified');
    // Another job's completion for the same document changes nothing.
    const after = b.table.snapshot();
    await handler(sqsEvent([snsTextract('job-other', 'SUCCEEDED', c.caseId, key)]));
    expect(b.table.snapshot()).toBe(after);
  });

  it('reports unreadable messages for the dead-letter queue', async () => {
    const res = await handler(sqsEvent(['{', { Type: 'Notification', Message: '{}' }]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }]);
    expect(doc().state).toBe('reading');
  });
});
