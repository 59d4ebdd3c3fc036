import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  type Block,
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPdfText, tesseractOcr } from '#adapters/pdf-text.ts';
import { TextractDetector } from '#adapters/textract.ts';
import { close, listen } from '#local/net.ts';
import { TextractFacade, type TextractFacadeOptions, type TextractQuotas } from '#local/textract.ts';

const PDF = readFileSync(new URL('../fixtures/corpus/002-oncologist_report-en.pdf', import.meta.url));
const TOPIC = 'arn:aws:sns:eu-south-1:000000000000:textract';

let stopAll: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopAll?.();
  stopAll = undefined;
});

/** A page with no text layer, only a drawing: a scan, as far as a text layer goes. */
const SCAN = await (async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 300 });
  return pdf.save();
})();

/** `readMs`: how long reading an object takes, so that calls overlap while the facade reads. */
async function start(
  quotas: Partial<TextractQuotas> = {},
  readMs = 0,
  reading: Partial<Pick<TextractFacadeOptions, 'extractText' | 'warn'>> = {},
) {
  const notes: string[] = [];
  const objects = new Map<string, Uint8Array>([
    ['b/report.pdf', PDF],
    ['b/scan.pdf', SCAN],
    ['b/not.pdf', new TextEncoder().encode('hello, not a pdf')],
  ]);
  const facade = new TextractFacade({
    region: 'eu-south-1',
    accountId: '000000000000',
    quotas: { jobMs: 10, ...quotas },
    readObject: async (bucket, key) => {
      if (readMs) await new Promise((r) => setTimeout(r, readMs));
      return objects.get(`${bucket}/${key}`);
    },
    extractText: extractPdfText,
    notify: (_topic, envelope) => notes.push(envelope),
    ...reading,
  });
  const server = facade.server();
  const port = await listen(server, 0, '127.0.0.1', 'textract');
  const client = new TextractClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const earlier = stopAll;
  stopAll = async () => {
    await earlier?.();
    facade.stop();
    client.destroy();
    await close(server);
  };
  return { facade, client, notes, port: (server.address() as AddressInfo).port };
}

const startCommand = (key: string, token?: string) =>
  new StartDocumentTextDetectionCommand({
    DocumentLocation: { S3Object: { Bucket: 'b', Name: key } },
    ...(token ? { ClientRequestToken: token } : {}),
    JobTag: 'case-1',
    NotificationChannel: { SNSTopicArn: TOPIC, RoleArn: 'arn:aws:iam::000000000000:role/t' },
  });

async function until<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Textract facade', () => {
  it('reads the text layer into PAGE/LINE/WORD blocks, paginated, and notifies through an SNS envelope', async () => {
    const { client, notes } = await start();
    const { JobId } = await client.send(startCommand('report.pdf', 'tok-1'));
    expect(JobId).toMatch(/^[0-9a-f]{32}$/);
    const envelope = JSON.parse(await until(() => notes[0]));
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn: TOPIC });
    expect(JSON.parse(envelope.Message)).toMatchObject({
      JobId,
      Status: 'SUCCEEDED',
      API: 'StartDocumentTextDetection',
      JobTag: 'case-1',
      DocumentLocation: { S3ObjectName: 'report.pdf', S3Bucket: 'b' },
    });

    const blocks: Block[] = [];
    let next: string | undefined;
    let pagesSeen = 0;
    do {
      const out = await client.send(
        new GetDocumentTextDetectionCommand({ JobId, MaxResults: 7, ...(next ? { NextToken: next } : {}) }),
      );
      expect(out.JobStatus).toBe('SUCCEEDED');
      expect(out.Blocks!.length).toBeLessThanOrEqual(7);
      pagesSeen = out.DocumentMetadata!.Pages!;
      blocks.push(...out.Blocks!);
      next = out.NextToken;
    } while (next);
    const { pages } = await extractPdfText(PDF);
    expect(pagesSeen).toBe(pages.length);
    expect(blocks.filter((b) => b.BlockType === 'PAGE')).toHaveLength(pages.length);
    const firstLine = pages[0]!
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .find(Boolean);
    const line = blocks.find((b) => b.BlockType === 'LINE')!;
    expect(line.Text).toBe(firstLine);
    // A line's children are its words, in order.
    const words = line.Relationships![0]!.Ids!.map((id) => blocks.find((b) => b.Id === id)!.Text);
    expect(words.join(' ')).toBe(firstLine);

    // The service adapter reads the same job.
    const detector = new TextractDetector(client, 'b', TOPIC, 'role');
    const page = await detector.getPage(JobId!);
    expect(page.status).toBe('SUCCEEDED');
    expect(page.blocks.some((b) => b.blockType === 'WORD')).toBe(true);
  });

  it('reads a page without a text layer by OCR into the same LINE blocks', async () => {
    const ocr = {
      unavailable: async () => undefined,
      read: async (_pdf: Uint8Array, pages: readonly number[]) =>
        pages.map(() => 'HISTOLOGY REPORT\nDiagnosis: naevus'),
    };
    const { client, notes } = await start({}, 0, { extractText: (b) => extractPdfText(b, { ocr }) });
    const { JobId } = await client.send(startCommand('scan.pdf'));
    await until(() => notes[0]);
    const out = await client.send(new GetDocumentTextDetectionCommand({ JobId }));
    expect(out.Blocks!.filter((b) => b.BlockType === 'LINE').map((b) => b.Text)).toEqual([
      'HISTOLOGY REPORT',
      'Diagnosis: naevus',
    ]);
  });

  it('says once, not per job, when OCR is not installed, and reads the scanned page as empty', async () => {
    const warned: string[] = [];
    const ocr = tesseractOcr({ tesseract: '/nonexistent/tesseract' });
    const { client, notes } = await start({}, 0, {
      extractText: (b) => extractPdfText(b, { ocr }),
      warn: (line) => warned.push(line),
    });
    const first = await client.send(startCommand('scan.pdf'));
    await client.send(startCommand('scan.pdf'));
    await client.send(startCommand('report.pdf'));
    await until(() => (notes.length === 3 ? true : undefined));
    expect(warned).toEqual([
      expect.stringMatching(/^textract: OCR is not installed.*apt-get install tesseract-ocr/),
    ]);
    const out = await client.send(new GetDocumentTextDetectionCommand({ JobId: first.JobId }));
    expect(out.JobStatus).toBe('SUCCEEDED');
    expect(out.DocumentMetadata!.Pages).toBe(1);
    expect(out.Blocks!.filter((b) => b.BlockType === 'LINE')).toEqual([]);
  });

  it('returns the same job for a repeated ClientRequestToken and refuses it with other parameters', async () => {
    const { client, facade } = await start();
    const a = await client.send(startCommand('report.pdf', 'same-token'));
    const b = await client.send(startCommand('report.pdf', 'same-token'));
    expect(b.JobId).toBe(a.JobId);
    await expect(client.send(startCommand('not.pdf', 'same-token'))).rejects.toMatchObject({
      name: 'IdempotentParameterMismatchException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(facade.stats().jobsPerObject.get('b/report.pdf')).toBe(1);
  });

  it('throttles starts beyond the rate with ProvisionedThroughputExceededException', async () => {
    const { client, facade } = await start({ startsPerSecond: 3, concurrentJobs: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => client.send(startCommand('report.pdf', `rate-${i}`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        name: 'ProvisionedThroughputExceededException',
        $metadata: { httpStatusCode: 400 },
      });
    }
    expect(facade.stats().throttled).toBe(2);
    // A second later the window has room again.
    await new Promise((r) => setTimeout(r, 1050));
    await expect(client.send(startCommand('report.pdf', 'rate-late'))).resolves.toHaveProperty('JobId');
  });

  it('holds to the rate, the concurrent-job quota and the token while the objects are being read', async () => {
    const { client, facade } = await start({ startsPerSecond: 3, concurrentJobs: 2 }, 200);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => client.send(startCommand('report.pdf', `overlap-${i}`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(facade.stats().limitExceeded + facade.stats().throttled).toBe(4);

    const again = await start({ startsPerSecond: 100, concurrentJobs: 100 }, 200);
    const same = await Promise.all(
      Array.from({ length: 4 }, () => again.client.send(startCommand('report.pdf', 'one-token'))),
    );
    expect(new Set(same.map((r) => r.JobId)).size).toBe(1);
    expect(again.facade.stats().jobsPerObject.get('b/report.pdf')).toBe(1);
    expect(again.facade.stats().idempotentReplays).toBe(3);
  });

  it('refuses a job beyond the concurrent-job quota with LimitExceededException until one ends', async () => {
    const { client, notes } = await start({ startsPerSecond: 100, concurrentJobs: 2, jobMs: 300 });
    await client.send(startCommand('report.pdf', 'c-1'));
    await client.send(startCommand('report.pdf', 'c-2'));
    await expect(client.send(startCommand('report.pdf', 'c-3'))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await until(() => (notes.length >= 1 ? true : undefined));
    await expect(client.send(startCommand('report.pdf', 'c-3'))).resolves.toHaveProperty('JobId');
  });

  it('fails a job on a file that is not a PDF, and answers unknown jobs and objects with the service errors', async () => {
    const { client, notes } = await start();
    const { JobId } = await client.send(startCommand('not.pdf'));
    await until(() => notes[0]);
    expect(JSON.parse(JSON.parse(notes[0]!).Message).Status).toBe('FAILED');
    const out = await client.send(new GetDocumentTextDetectionCommand({ JobId }));
    expect(out).toMatchObject({ JobStatus: 'FAILED', StatusMessage: expect.stringContaining('unsupported') });
    await expect(
      client.send(new GetDocumentTextDetectionCommand({ JobId: 'f'.repeat(32) })),
    ).rejects.toMatchObject({
      name: 'InvalidJobIdException',
    });
    await expect(client.send(startCommand('missing.pdf'))).rejects.toMatchObject({
      name: 'InvalidS3ObjectException',
    });
  });
});
