/**
 * A Textract stand-in on the service's JSON 1.1 protocol (`X-Amz-Target: Textract.<Operation>`):
 * StartDocumentTextDetection and GetDocumentTextDetection, reading the PDF's text layer and, where a
 * page has none (a scan), its OCR by tesseract (shared/adapters/pdf-text.ts), and answering with
 * Textract-shaped PAGE/LINE/WORD blocks, paginated with NextToken. Without tesseract such a page
 * reads as empty and the stand-in says so once.
 * It enforces a start rate and a concurrent-job quota with the real service's errors, honours
 * ClientRequestToken idempotency, and posts an SNS-shaped completion notification.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './net.ts';

export interface TextractQuotas {
  /**
   * StartDocumentTextDetection calls accepted per second: a token bucket that holds one second's
   * worth (at least one call) and refills continuously, the usual model of an AWS API rate limit.
   * Calls spread at the rate always pass; a late call may use what an earlier gap left unspent.
   */
  startsPerSecond: number;
  /** Jobs IN_PROGRESS at once; a start beyond it fails with LimitExceededException. */
  concurrentJobs: number;
  /** Real milliseconds a job stays IN_PROGRESS at least (the service's processing time). */
  jobMs: number;
}

export const DEFAULT_TEXTRACT_QUOTAS: TextractQuotas = {
  startsPerSecond: 10,
  concurrentJobs: 20,
  jobMs: 500,
};

export interface TextractFacadeOptions {
  region: string;
  accountId: string;
  quotas?: Partial<TextractQuotas>;
  /** The object's bytes, or undefined when it does not exist. */
  readObject: (bucket: string, key: string) => Promise<Uint8Array | undefined>;
  /** The text of each page; `ocrUnavailable` says why pages without a text layer read as empty. */
  extractText: (bytes: Uint8Array) => Promise<{ pages: string[]; ocrUnavailable?: string }>;
  /** Delivers an SNS notification envelope (JSON text) to the topic's subscriber. */
  notify: (topicArn: string, envelope: string) => void;
  /** Where the stand-in says what an operator should know (default: standard error). */
  warn?: (line: string) => void;
}

interface Block {
  BlockType: 'PAGE' | 'LINE' | 'WORD';
  Id: string;
  Page: number;
  Text?: string;
  TextType?: 'PRINTED';
  Confidence?: number;
  Geometry: unknown;
  Relationships?: { Type: 'CHILD'; Ids: string[] }[];
}

interface Job {
  jobId: string;
  bucket: string;
  key: string;
  jobTag?: string;
  topicArn?: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  statusMessage?: string;
  pages?: number;
  blocks: Block[];
  startedAt: number;
}

export class TextractError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export interface TextractStats {
  startCalls: number;
  jobsStarted: number;
  idempotentReplays: number;
  throttled: number;
  limitExceeded: number;
  /** Pages of the documents read (what Textract bills). */
  pages: number;
  /** Jobs started per S3 object: more than one means a document was read twice. */
  jobsPerObject: Map<string, number>;
  running: number;
  /** When each accepted start arrived (epoch ms), in order. */
  acceptedAt: number[];
}

const MAX_RESULTS = 1000;

function geometry(line: number, lines: number, word?: { index: number; count: number }) {
  const top = lines ? line / lines : 0;
  const height = lines ? 0.9 / lines : 0.9;
  const left = word ? word.index / word.count : 0;
  const width = word ? 0.9 / word.count : 1;
  return {
    BoundingBox: { Width: width, Height: height, Left: left, Top: top },
    Polygon: [
      { X: left, Y: top },
      { X: left + width, Y: top },
      { X: left + width, Y: top + height },
      { X: left, Y: top + height },
    ],
  };
}

/** Textract-shaped blocks of a document's pages: one PAGE, its LINEs, their WORDs. */
export function blocksOf(pages: string[]): Block[] {
  const blocks: Block[] = [];
  pages.forEach((text, p) => {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    const page: Block = {
      BlockType: 'PAGE',
      Id: randomUUID(),
      Page: p + 1,
      Geometry: geometry(0, 0),
      Relationships: [{ Type: 'CHILD', Ids: [] }],
    };
    blocks.push(page);
    lines.forEach((lineText, l) => {
      const words = lineText.split(' ');
      const line: Block = {
        BlockType: 'LINE',
        Id: randomUUID(),
        Page: p + 1,
        Text: lineText,
        Confidence: 99.5,
        Geometry: geometry(l, lines.length),
        Relationships: [{ Type: 'CHILD', Ids: [] }],
      };
      page.Relationships![0]!.Ids.push(line.Id);
      blocks.push(line);
      words.forEach((w, i) => {
        const word: Block = {
          BlockType: 'WORD',
          Id: randomUUID(),
          Page: p + 1,
          Text: w,
          TextType: 'PRINTED',
          Confidence: 99.5,
          Geometry: geometry(l, lines.length, { index: i, count: words.length }),
        };
        line.Relationships![0]!.Ids.push(word.Id);
        blocks.push(word);
      });
    });
  });
  return blocks;
}

export class TextractFacade {
  readonly quotas: TextractQuotas;
  private readonly jobs = new Map<string, Job>();
  private readonly byToken = new Map<string, { fingerprint: string; started: Promise<{ JobId: string }> }>();
  private tokens: number;
  private refilledAt = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly counters = {
    startCalls: 0,
    jobsStarted: 0,
    idempotentReplays: 0,
    throttled: 0,
    limitExceeded: 0,
    pages: 0,
  };
  private readonly jobsPerObject = new Map<string, number>();
  private readonly acceptedAt: number[] = [];
  private running = 0;
  private stopped = false;
  private warnedOcr = false;

  constructor(private readonly o: TextractFacadeOptions) {
    this.quotas = { ...DEFAULT_TEXTRACT_QUOTAS, ...o.quotas };
    this.tokens = this.capacity();
  }

  private capacity(): number {
    return Math.max(1, this.quotas.startsPerSecond);
  }

  stats(): TextractStats {
    return {
      ...this.counters,
      jobsPerObject: new Map(this.jobsPerObject),
      running: this.running,
      acceptedAt: [...this.acceptedAt],
    };
  }

  /** The HTTP server speaking the service's protocol. */
  server(): Server {
    return createServer((req, res) => void this.handle(req, res));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, type?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
        ...(type ? { 'x-amzn-errortype': type } : {}),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const raw = await readBody(req, 1024 * 1024);
      if (req.method !== 'POST' || raw === undefined) {
        throw new TextractError('ValidationException', 'Expected a POST with a JSON body under 1 MB');
      }
      let input: Record<string, unknown>;
      try {
        input = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        throw new TextractError('SerializationException', 'The request body is not valid JSON');
      }
      if (target === 'Textract.StartDocumentTextDetection') send(200, await this.start(input));
      else if (target === 'Textract.GetDocumentTextDetection') send(200, this.get(input));
      else
        throw new TextractError('UnknownOperationException', `Unsupported operation ${target || '(none)'}`);
    } catch (err) {
      const e =
        err instanceof TextractError ? err : new TextractError('InternalServerError', 'Internal error', 500);
      send(e.status, { __type: e.type, message: e.message }, e.type);
    }
  }

  async start(input: Record<string, unknown>): Promise<{ JobId: string }> {
    this.counters.startCalls += 1;
    const location = input.DocumentLocation as { S3Object?: { Bucket?: string; Name?: string } } | undefined;
    const bucket = location?.S3Object?.Bucket;
    const key = location?.S3Object?.Name;
    if (!bucket || !key)
      throw new TextractError('InvalidParameterException', 'DocumentLocation.S3Object is required');
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
    if (token !== undefined && !/^[a-zA-Z0-9-_]{1,64}$/.test(token)) {
      throw new TextractError(
        'InvalidParameterException',
        'ClientRequestToken must be 1-64 of [a-zA-Z0-9-_]',
      );
    }
    const jobTag = typeof input.JobTag === 'string' ? input.JobTag : undefined;
    if (jobTag !== undefined && !/^[a-zA-Z0-9_.\-:]{1,64}$/.test(jobTag)) {
      throw new TextractError('InvalidParameterException', 'JobTag must be 1-64 of [a-zA-Z0-9_.-:]');
    }
    const channel = input.NotificationChannel as { SNSTopicArn?: string; RoleArn?: string } | undefined;
    if (channel && (!channel.SNSTopicArn || !channel.RoleArn)) {
      throw new TextractError(
        'InvalidParameterException',
        'NotificationChannel needs SNSTopicArn and RoleArn',
      );
    }
    const fingerprint = JSON.stringify([bucket, key, jobTag, channel?.SNSTopicArn]);

    if (token) {
      const earlier = this.byToken.get(token);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          throw new TextractError(
            'IdempotentParameterMismatchException',
            'ClientRequestToken was used before with different parameters',
          );
        }
        this.counters.idempotentReplays += 1;
        return earlier.started;
      }
    }

    // The quota is checked and taken before anything is awaited, so calls arriving together cannot
    // all pass the same check.
    const now = Date.now();
    this.tokens = Math.min(
      this.capacity(),
      this.tokens + ((now - this.refilledAt) * this.quotas.startsPerSecond) / 1000,
    );
    this.refilledAt = now;
    if (this.tokens < 1) {
      this.counters.throttled += 1;
      throw new TextractError('ProvisionedThroughputExceededException', 'Provisioned rate exceeded');
    }
    if (this.running >= this.quotas.concurrentJobs) {
      this.counters.limitExceeded += 1;
      throw new TextractError(
        'LimitExceededException',
        'The number of concurrent jobs exceeds the limit for the account',
      );
    }
    this.tokens -= 1;
    this.acceptedAt.push(now);
    this.running += 1;
    const started = this.begin({ bucket, key, jobTag, topicArn: channel?.SNSTopicArn, fingerprint, now });
    if (token) {
      // A call with the same token while this one reads the object gets this one's answer.
      this.byToken.set(token, { fingerprint, started });
      started.catch(() => this.byToken.delete(token));
    }
    return started;
  }

  private async begin(p: {
    bucket: string;
    key: string;
    jobTag: string | undefined;
    topicArn: string | undefined;
    fingerprint: string;
    now: number;
  }): Promise<{ JobId: string }> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.o.readObject(p.bucket, p.key);
    } finally {
      if (!bytes) this.running -= 1;
    }
    if (!bytes) {
      throw new TextractError(
        'InvalidS3ObjectException',
        'Unable to get object metadata from S3. Check object key, region and/or access permissions.',
      );
    }
    const job: Job = {
      jobId: randomUUID().replace(/-/g, ''),
      bucket: p.bucket,
      key: p.key,
      ...(p.jobTag ? { jobTag: p.jobTag } : {}),
      ...(p.topicArn ? { topicArn: p.topicArn } : {}),
      status: 'IN_PROGRESS',
      blocks: [],
      startedAt: p.now,
    };
    this.jobs.set(job.jobId, job);
    this.counters.jobsStarted += 1;
    const object = `${p.bucket}/${p.key}`;
    this.jobsPerObject.set(object, (this.jobsPerObject.get(object) ?? 0) + 1);
    void this.process(job, bytes);
    return { JobId: job.jobId };
  }

  private async process(job: Job, bytes: Uint8Array): Promise<void> {
    const minimum = new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, this.quotas.jobMs);
      this.timers.add(t);
    });
    try {
      const { pages, ocrUnavailable } = await this.o.extractText(bytes);
      if (ocrUnavailable && !this.warnedOcr) {
        this.warnedOcr = true;
        (this.o.warn ?? ((line) => process.stderr.write(`${line}\n`)))(`textract: ${ocrUnavailable}`);
      }
      job.pages = pages.length;
      this.counters.pages += pages.length;
      job.blocks = blocksOf(pages);
      job.status = 'SUCCEEDED';
    } catch {
      job.status = 'FAILED';
      job.statusMessage = 'Request has unsupported document format';
    }
    await minimum;
    this.running -= 1;
    if (this.stopped || !job.topicArn) return;
    const message = {
      JobId: job.jobId,
      Status: job.status,
      API: 'StartDocumentTextDetection',
      ...(job.jobTag ? { JobTag: job.jobTag } : {}),
      Timestamp: Date.now(),
      DocumentLocation: { S3ObjectName: job.key, S3Bucket: job.bucket },
    };
    this.o.notify(
      job.topicArn,
      JSON.stringify({
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: job.topicArn,
        Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'local',
        SigningCertURL: 'https://sns.local/cert.pem',
        UnsubscribeURL: 'https://sns.local/unsubscribe',
      }),
    );
  }

  get(input: Record<string, unknown>): Record<string, unknown> {
    const jobId = input.JobId;
    if (typeof jobId !== 'string' || !jobId)
      throw new TextractError('InvalidParameterException', 'JobId is required');
    const job = this.jobs.get(jobId);
    if (!job) throw new TextractError('InvalidJobIdException', 'An invalid job identifier was passed.');
    const max = input.MaxResults === undefined ? MAX_RESULTS : Number(input.MaxResults);
    if (!Number.isInteger(max) || max < 1)
      throw new TextractError('InvalidParameterException', 'MaxResults must be at least 1');
    const base = { JobStatus: job.status, DetectDocumentTextModelVersion: '1.0' };
    if (job.status === 'IN_PROGRESS') return base;
    if (job.status === 'FAILED') return { ...base, StatusMessage: job.statusMessage };
    let offset = 0;
    if (input.NextToken !== undefined) {
      const parsed = /^(\d+)\.([0-9a-f]+)$/.exec(String(input.NextToken));
      if (!parsed || parsed[2] !== job.jobId)
        throw new TextractError('InvalidParameterException', 'Invalid NextToken');
      offset = Number(parsed[1]);
    }
    const end = offset + Math.min(max, MAX_RESULTS);
    return {
      ...base,
      DocumentMetadata: { Pages: job.pages ?? 0 },
      Blocks: job.blocks.slice(offset, end),
      ...(end < job.blocks.length ? { NextToken: `${end}.${job.jobId}` } : {}),
    };
  }
}
